/**
 * Hooks for the browser tests and benches: `window.__atlas` tells them the map is ready
 * (after the first `idle` with data) and lets them find and click sites.
 */
import type { MapGeoJSONFeature, Map as MapLibreMap } from 'maplibre-gl';
import type { Position } from 'geojson';
import type { AtlasMapController } from './types';
import type { SiteDrawZooms } from './drawZooms';
import { holdSiteTileAnswers } from './siteTiles/client';

export interface AtlasTestHooks {
  mapReady: boolean;
  map: MapLibreMap;
  controller: AtlasMapController;
  /** Ids of the site features drawn in the viewport (not those the filters leave out). */
  renderedSiteIds(): string[];
  /** Where a site is on screen, in viewport (client) pixels, or null when unknown/off-screen. */
  projectSite(id: string): { x: number; y: number } | null;
  /** How many times each tile (`source tileKey`) was laid out from the map's creation until it was ready. */
  tileLoadsUntilReady: Record<string, number>;
  /** The same count, from the map's creation until now (it goes on after ready). */
  tileLoads: Record<string, number>;
  /** The last cut of the sites the map was told about (1: the first). */
  sitesVersion(): number;
  /** From which zooms that cut draws site symbols (dots below) and names (../drawZooms.ts). */
  drawZooms(): SiteDrawZooms;
  /** Sources whose tiles wait to be fetched again (src/map/freshTiles.ts). */
  pendingRefresh(): string[];
  /** Holds the answers to the map's site tile requests (their data already cut) until the returned function is called. */
  holdSiteTiles(): () => void;
}

/**
 * The map as soon as it exists (`window.__atlasMapEarly`), before it is ready: for the GPU
 * profile (scripts/profile-gl.ts), which follows the map's painter from its first frame.
 */
export function exposeMapEarly(map: MapLibreMap): void {
  if (typeof window !== 'undefined') (window as unknown as { __atlasMapEarly?: MapLibreMap }).__atlasMapEarly = map;
}

/** Counts each tile laid out (`sourcedata` with a tile) from now on, per source and tile. */
export function countTileLoads(map: MapLibreMap): Record<string, number> {
  const counts: Record<string, number> = {};
  map.on('sourcedata', (e) => {
    const key = (e.tile as { tileID?: { key?: string } } | undefined)?.tileID?.key;
    if (key !== undefined) counts[`${e.sourceId} ${key}`] = (counts[`${e.sourceId} ${key}`] ?? 0) + 1;
  });
  return counts;
}

declare global {
  interface Window {
    __atlas?: Partial<AtlasTestHooks> & Record<string, unknown>;
  }
}

export function installTestHooks(
  map: MapLibreMap,
  controller: AtlasMapController,
  helpers: {
    siteLayers: () => string[];
    shown: (f: MapGeoJSONFeature) => boolean;
    anchor: (id: string) => Position | null;
    sitesVersion: () => number;
    drawZooms: () => SiteDrawZooms;
    pendingRefresh: () => string[];
  },
  tileLoads: Record<string, number>,
): void {
  if (typeof window === 'undefined') return;
  const hooks: AtlasTestHooks = {
    mapReady: true,
    map,
    controller,
    tileLoadsUntilReady: { ...tileLoads },
    tileLoads,
    sitesVersion: helpers.sitesVersion,
    drawZooms: helpers.drawZooms,
    pendingRefresh: helpers.pendingRefresh,
    holdSiteTiles: holdSiteTileAnswers,
    renderedSiteIds() {
      const layers = helpers.siteLayers();
      if (!layers.length) return [];
      const ids = new Set<string>();
      for (const f of map.queryRenderedFeatures({ layers })) {
        if (!helpers.shown(f)) continue;
        const id = f.properties?.id;
        if (id !== undefined && id !== null) ids.add(String(id));
      }
      return [...ids].sort();
    },
    projectSite(id) {
      const a = helpers.anchor(id);
      if (!a) return null;
      const p = map.project([a[0], a[1]]);
      const rect = map.getContainer().getBoundingClientRect();
      if (p.x < 0 || p.y < 0 || p.x > rect.width || p.y > rect.height) return null;
      return { x: rect.left + p.x, y: rect.top + p.y };
    },
  };
  window.__atlas = { ...(window.__atlas ?? {}), ...hooks };
}

/** Marks the hooks stale when their map goes away (e.g. leaving the atlas page). */
export function uninstallTestHooks(map: MapLibreMap): void {
  if (typeof window === 'undefined' || window.__atlas?.map !== map) return;
  window.__atlas = { ...window.__atlas, mapReady: false };
}
