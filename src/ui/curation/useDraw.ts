/**
 * The drawing tools as a React hook: one draw controller on the atlas map (from the map
 * registry) while the curation panel is shown. A finished drawing either creates a new
 * site (target 'new') or replaces the geometry of the site being edited.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { createDrawController, type DrawController, type DrawMode } from '../../map/draw';
import { onAtlasMap } from '../../map/registry';
import type { SiteGeometry } from '../../domain/types';

export type DrawTarget = 'new' | 'current';

export interface DrawApi {
  ready: boolean;
  mode: DrawMode;
  target: DrawTarget | null;
  startPolygon(target: DrawTarget): void;
  startPoint(target: DrawTarget): void;
  edit(geometry: SiteGeometry): void;
  stop(): void;
}

export function useDraw(onGeometry: (g: SiteGeometry, target: DrawTarget, action: 'draw' | 'edit') => void): DrawApi {
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [mode, setMode] = useState<DrawMode>('idle');
  const [target, setTarget] = useState<DrawTarget | null>(null);
  const ctl = useRef<DrawController | null>(null);
  const targetRef = useRef<DrawTarget | null>(null);
  const cb = useRef(onGeometry);
  cb.current = onGeometry;

  useEffect(() => onAtlasMap(setMap), []);

  useEffect(() => {
    if (!map) return;
    const c = createDrawController(map, { onModeChange: setMode });
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
    };
  }, [map]);

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
    stop: () => {
      ctl.current?.stop();
      targetRef.current = null;
      setTarget(null);
    },
  };
}
