/**
 * New data reach the tiles a map already holds only when MapLibre fetches those tiles again.
 * MapLibre 6.17 does not always do so: it re-lays out a tile's old data instead
 *   - when the reload is asked while the tile loads for the first time: it waits for that load,
 *     then re-parses what the load got (a draft restored after a reload, a zone outline: the
 *     new data arrived while the first tiles loaded, and the map never drew them);
 *   - when the source is paused by a layer change waiting for the next frame (the site layers'
 *     zoom ranges were set with a cut that changed them, until the tiles carried those zooms,
 *     drawZooms.ts; a layer shown or hidden still is such a change): the new data's reload is
 *     dropped, and the layers' own reload re-lays out the old tiles (an import of dense sites
 *     was not drawn).
 * `fresh(id)` fetches the source's tiles again once it is safe: after the next frame (the
 * layer changes are applied then) and once none of its tiles is loading. `setData` gives a
 * GeoJSON source new data, and does so when some of its tiles were loading.
 */
import type { GeoJSON } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';

/** The part of the map this needs (a stand-in in the unit tests). */
export type RefreshableMap = Pick<MapLibreMap, 'once' | 'triggerRepaint' | 'getSource' | 'isSourceLoaded' | 'refreshTiles'>;

export interface TileRefresher {
  /** Fetches the tiles of source `id` again once no layer change is pending and none of its tiles loads. */
  fresh(id: string): void;
  /** New data for the GeoJSON source `id` (none: nothing), its tiles fetched again (`fresh`) if some were loading. */
  setData(id: string, data: GeoJSON): void;
  /** Sources waiting for their refresh (tests, diagnostics). */
  pending(): string[];
  destroy(): void;
}

export function tileRefresher(map: RefreshableMap): TileRefresher {
  const waiting = new Set<string>();
  let scheduled = false;
  let destroyed = false;

  const schedule = () => {
    if (scheduled || destroyed) return;
    scheduled = true;
    // 'render' ends a frame: the style's pending layer changes were applied at its start.
    map.once('render', settle);
    map.triggerRepaint();
  };

  function settle(): void {
    scheduled = false;
    if (destroyed) return;
    for (const id of [...waiting]) {
      if (!map.getSource(id)) {
        waiting.delete(id);
        continue;
      }
      // A tile still loading would re-lay out its old data on a reload: wait for it. Its end
      // asks for a frame, so the next 'render' comes.
      if (!map.isSourceLoaded(id)) continue;
      waiting.delete(id);
      map.refreshTiles(id);
    }
    if (waiting.size) schedule();
  }

  const fresh = (id: string) => {
    waiting.add(id);
    schedule();
  };

  return {
    fresh,
    setData(id, data) {
      const source = map.getSource(id) as { setData?: (d: GeoJSON) => unknown } | undefined;
      if (!source?.setData) return;
      const loading = !map.isSourceLoaded(id);
      source.setData(data);
      if (loading) fresh(id);
    },
    pending: () => [...waiting],
    destroy() {
      destroyed = true;
      waiting.clear();
    },
  };
}
