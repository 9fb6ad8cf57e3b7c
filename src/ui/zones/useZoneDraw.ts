/**
 * Digitising a zone's outline on the atlas map: one terra-draw controller (src/map/draw),
 * created on the first use while the zones panel is shown and destroyed with it. A finished
 * polygon ('draw') or each settled vertex edit ('edit') is reported with the zone it is for.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { createDrawController, type DrawController, type DrawGeometry, type DrawMode } from '../../map/draw';
import { getAtlasMap, onAtlasMap } from '../../map/registry';
import type { ZoneOutline } from '../../domain/zoneDrafts';

export interface ZoneDrawApi {
  /** The map exists (drawing is possible). */
  ready: boolean;
  mode: DrawMode;
  /** The zone being drawn or edited, null when idle. */
  zoneId: string | null;
  /** Starts drawing a new outline for the zone (click the vertices, close on the first). */
  draw(zoneId: string): void;
  /** Shows the zone's outline with draggable vertices. */
  edit(zoneId: string, outline: ZoneOutline): void;
  /** Leaves drawing / editing (a pending vertex edit is reported first). */
  stop(): void;
}

const isOutline = (g: DrawGeometry): g is ZoneOutline => g.type === 'Polygon' || g.type === 'MultiPolygon';

export function useZoneDraw(onOutline: (zoneId: string, outline: ZoneOutline, action: 'draw' | 'edit') => void): ZoneDrawApi {
  const [map, setMap] = useState<MapLibreMap | null>(() => getAtlasMap());
  const [mode, setMode] = useState<DrawMode>('idle');
  const [zoneId, setZoneId] = useState<string | null>(null);
  const ctl = useRef<{ map: MapLibreMap; c: DrawController; off: () => void } | null>(null);
  const zoneRef = useRef<string | null>(null);
  const cb = useRef(onOutline);
  cb.current = onOutline;

  useEffect(() => onAtlasMap(setMap), []);

  const destroy = useCallback(() => {
    const cur = ctl.current;
    if (!cur) return;
    cur.off();
    cur.c.destroy();
    ctl.current = null;
  }, []);

  // A new map (or none): drop the controller made for the old one.
  useEffect(() => {
    if (ctl.current && ctl.current.map !== map) {
      destroy();
      setMode('idle');
      zoneRef.current = null;
      setZoneId(null);
    }
  }, [map, destroy]);
  useEffect(() => destroy, [destroy]);

  const controller = useCallback((): DrawController | null => {
    const m = map ?? getAtlasMap();
    if (!m) return null;
    if (ctl.current?.map === m) return ctl.current.c;
    destroy();
    const c = createDrawController(m, { color: '#6a3d9a', onModeChange: setMode });
    const off = c.on('change', ({ geometry, action }) => {
      const id = zoneRef.current;
      if (!id || !isOutline(geometry)) return;
      cb.current(id, geometry, action);
      if (action === 'draw') {
        zoneRef.current = null;
        setZoneId(null);
      }
    });
    ctl.current = { map: m, c, off };
    return c;
  }, [map, destroy]);

  const begin = (id: string) => {
    zoneRef.current = id;
    setZoneId(id);
  };

  return {
    ready: !!map,
    mode,
    zoneId,
    draw: (id) => {
      const c = controller();
      if (!c) return;
      begin(id);
      c.startPolygon();
    },
    edit: (id, outline) => {
      const c = controller();
      if (!c) return;
      begin(id);
      c.edit({ geometry: outline });
    },
    stop: () => {
      ctl.current?.c.stop();
      zoneRef.current = null;
      setZoneId(null);
    },
  };
}
