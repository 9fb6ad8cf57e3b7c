/**
 * A tiny registry of the atlas's MapLibre map, so features that add their own map
 * tooling (e.g. the curation drawing tools) can reach the map owned by MapPanel
 * without reaching into its internals or into `window`.
 *
 * MapPanel calls `setAtlasMap(map)` once the map is created and `setAtlasMap(null)`
 * when it is destroyed. Others read `getAtlasMap()` or subscribe with `onAtlasMap(cb)`.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

type Listener = (map: MapLibreMap | null) => void;

let current: MapLibreMap | null = null;
const listeners = new Set<Listener>();

export function setAtlasMap(map: MapLibreMap | null): void {
  if (map === current) return;
  current = map;
  for (const cb of [...listeners]) cb(map);
}

export function getAtlasMap(): MapLibreMap | null {
  return current;
}

/** Calls `cb` now with the current map (possibly null) and on every change; returns an unsubscribe function. */
export function onAtlasMap(cb: Listener): () => void {
  listeners.add(cb);
  cb(current);
  return () => {
    listeners.delete(cb);
  };
}
