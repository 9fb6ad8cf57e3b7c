/**
 * Digitising zone outlines on the atlas map: one terra-draw controller (src/map/draw) for
 * the whole zones panel, created on first use and released when the panel's editing tools
 * go away (`releaseZoneDraw`). A finished polygon ('draw') or each settled vertex edit
 * ('edit') is saved at once as the zone's draft (the drafts owner, src/state/drafts) and announced.
 *
 * Every mode change is told to the app (showDrawing / hideDrawing): on a phone the map tab
 * is shown with « Terminer » / « Annuler » while drawing, and the zones tab comes back after.
 *
 * Part of the editing chunk (loaded only in « Mode édition »): terra-draw stays out of the
 * first download.
 */
import { create } from 'zustand';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { createDrawController, type DrawController, type DrawGeometry, type DrawMode } from '../../map/draw';
import { getAtlasMap, onAtlasMap } from '../../map/registry';
import type { ZoneOutline } from '../../domain/zoneDrafts';
import { useAtlas } from '../../state/store';
import { saveZoneOutline } from '../../state/drafts';
import { hideDrawing, showDrawing } from '../shared/drawing';
import { translate } from '../i18n';
import { outlineAreaM2 } from './outline';
import { formatSurface } from '../../domain/format';

export interface ZoneDrawState {
  /** The map exists (drawing is possible). */
  ready: boolean;
  mode: DrawMode;
  /** The zone being drawn or edited, null when idle. */
  zoneId: string | null;
}

export const useZoneDrawState = create<ZoneDrawState>()(() => ({ ready: getAtlasMap() !== null, mode: 'idle', zoneId: null }));
const set = useZoneDrawState.setState;

let ctl: { map: MapLibreMap; c: DrawController; off: () => void } | null = null;

/**
 * Follows the atlas map (drawing possible or not) while the zones panel's editing tools are
 * shown; returns the function that stops following it (and releases the drawing tools).
 * Called by the tools' host when it mounts, never at import.
 */
export function attachZoneDraw(): () => void {
  const off = onAtlasMap((map) => {
    set({ ready: map !== null });
    if (ctl && ctl.map !== map) releaseZoneDraw();
  });
  return () => {
    off();
    releaseZoneDraw();
  };
}

const isOutline = (g: DrawGeometry): g is ZoneOutline => g.type === 'Polygon' || g.type === 'MultiPolygon';

/** Saves an outline coming from the map and announces it (or the error), in the current language. */
function save(zoneId: string, outline: ZoneOutline, action: 'draw' | 'edit'): void {
  const atlas = useAtlas.getState();
  const name = atlas.zones.find((z) => z.zone_id === zoneId)?.name ?? zoneId;
  const area = outlineAreaM2(outline);
  const areaText = area === null ? '—' : formatSurface(atlas.locale, area);
  saveZoneOutline(zoneId, outline).then(
    () => atlas.announce(translate(useAtlas.getState().locale, action === 'draw' ? 'zones.outline.saved' : 'zones.outline.updated', { name, area: areaText })),
    (e: unknown) => atlas.announce(translate(useAtlas.getState().locale, 'zones.outline.error', { message: e instanceof Error ? e.message : String(e) })),
  );
}

function controller(): DrawController | null {
  const map = getAtlasMap();
  if (!map) return null;
  if (ctl?.map === map) return ctl.c;
  releaseZoneDraw();
  const c = createDrawController(map, {
    color: '#6a3d9a',
    onModeChange: (mode) => {
      set({ mode });
      if (mode === 'idle') {
        hideDrawing();
        return;
      }
      const locale = useAtlas.getState().locale;
      showDrawing({
        mode: mode === 'edit' ? 'edit' : 'polygon',
        hint: translate(locale, mode === 'edit' ? 'zones.outline.hint.edit' : 'zones.outline.hint.polygon'),
        finish: finishZoneDraw,
        cancel: mode === 'edit' ? undefined : stopZoneDraw,
      });
    },
  });
  const off = c.on('change', ({ geometry, action }) => {
    const id = useZoneDrawState.getState().zoneId;
    if (!id || !isOutline(geometry)) return;
    save(id, geometry, action);
    if (action === 'draw') set({ zoneId: null });
  });
  ctl = { map, c, off };
  return c;
}

/** Starts drawing a new outline for the zone (click the vertices, close on the first). */
export function drawZone(zoneId: string): void {
  const c = controller();
  if (!c) return;
  set({ zoneId });
  c.startPolygon();
}

/** Shows the zone's outline with draggable vertices; each settled change is saved. */
export function editZone(zoneId: string, outline: ZoneOutline): void {
  const c = controller();
  if (!c) return;
  set({ zoneId });
  c.edit({ geometry: outline });
}

/**
 * « Terminer »: closes the polygon being drawn (as Enter does; terra-draw refuses a shape with
 * fewer than three vertices or crossing itself, then drawing goes on), or leaves vertex editing.
 */
export function finishZoneDraw(): void {
  const cur = ctl;
  if (!cur) return;
  if (cur.c.mode() === 'edit') {
    stopZoneDraw();
    return;
  }
  cur.c.closePolygon();
}

/** Leaves drawing / editing (a pending vertex edit is saved first). */
export function stopZoneDraw(): void {
  ctl?.c.stop();
  set({ zoneId: null, mode: 'idle' });
}

/** Stops and removes the drawing tools from the map (the zones panel's tools went away). */
export function releaseZoneDraw(): void {
  const cur = ctl;
  if (!cur) return;
  ctl = null;
  try {
    cur.c.stop(); // saves a pending vertex edit
  } catch {
    // The map may already be gone.
  }
  cur.off();
  cur.c.destroy();
  set({ zoneId: null, mode: 'idle' });
  hideDrawing();
}
