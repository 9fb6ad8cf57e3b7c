/**
 * The drawing tools as a React hook: one draw controller on the atlas map (from the map
 * registry) while the curation panel is shown. A finished drawing either creates a new
 * site (target 'new') or replaces the geometry of the site being edited.
 *
 * Every mode change is told to the app (showDrawing / hideDrawing, synchronously, so the
 * tab switch and the new site's form land in the same render): on a phone the app shows
 * the map tab with a « Terminer » / « Annuler » banner while drawing.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { createDrawController, type DrawController, type DrawMode } from '../../map/draw';
import { onAtlasMap } from '../../map/registry';
import type { SiteGeometry } from '../../domain/types';
import { hideDrawing, showDrawing } from '../shared/drawing';

export type DrawTarget = 'new' | 'current';

export interface DrawApi {
  ready: boolean;
  mode: DrawMode;
  target: DrawTarget | null;
  startPolygon(target: DrawTarget): void;
  startPoint(target: DrawTarget): void;
  edit(geometry: SiteGeometry): void;
  /** Polygon: closes the shape being drawn (as Enter does); edit: leaves the vertex editor. */
  finish(): void;
  stop(): void;
}

export function useDraw(
  onGeometry: (g: SiteGeometry, target: DrawTarget, action: 'draw' | 'edit') => void,
  /** Called when « Terminer » cannot close the polygon yet (fewer than three vertices). */
  onFinishRefused?: () => void,
): DrawApi {
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [mode, setMode] = useState<DrawMode>('idle');
  const [target, setTarget] = useState<DrawTarget | null>(null);
  const ctl = useRef<DrawController | null>(null);
  const targetRef = useRef<DrawTarget | null>(null);
  const cb = useRef(onGeometry);
  cb.current = onGeometry;
  const refused = useRef(onFinishRefused);
  refused.current = onFinishRefused;

  const stop = useCallback(() => {
    ctl.current?.stop();
    targetRef.current = null;
    setTarget(null);
  }, []);

  const finish = useCallback(() => {
    const c = ctl.current;
    if (!c) return;
    if (c.mode() === 'edit') {
      stop();
      return;
    }
    if (c.mode() === 'polygon' && !c.closePolygon()) refused.current?.();
  }, [stop]);

  useEffect(() => onAtlasMap(setMap), []);

  useEffect(() => {
    if (!map) return;
    const c = createDrawController(map, {
      onModeChange: (m) => {
        setMode(m);
        if (m === 'idle') hideDrawing();
        else
          showDrawing({
            mode: m,
            finish: m === 'point' ? undefined : () => finishRef.current(),
            cancel: m === 'edit' ? undefined : () => stopRef.current(),
          });
      },
    });
    const off = c.on('change', ({ geometry, action }) => {
      const tg = targetRef.current ?? 'current';
      cb.current(geometry, tg, action);
      if (action === 'draw') {
        targetRef.current = null;
        setTarget(null);
      }
    });
    ctl.current = c;
    return () => {
      off();
      c.destroy();
      ctl.current = null;
      setMode('idle');
      hideDrawing();
    };
  }, [map]);

  const finishRef = useRef(finish);
  finishRef.current = finish;
  const stopRef = useRef(stop);
  stopRef.current = stop;

  const begin = useCallback((tg: DrawTarget) => {
    targetRef.current = tg;
    setTarget(tg);
  }, []);

  return {
    ready: !!map,
    mode,
    target,
    startPolygon: (tg) => {
      begin(tg);
      ctl.current?.startPolygon();
    },
    startPoint: (tg) => {
      begin(tg);
      ctl.current?.startPoint();
    },
    edit: (geometry) => {
      begin('current');
      ctl.current?.edit({ geometry });
    },
    finish,
    stop,
  };
}
