/**
 * The site tiles worker (see ./client.ts): cuts the sites the map draws into vector tiles, off
 * MapLibre's worker and off the main thread. It receives the site features as columns (typed
 * arrays transferred, see ./messages.ts), indexes them (./tiler.ts), answers with the zooms
 * their density allows, then answers each tile request with the tile's pbf, its buffer transferred.
 */
import { cutSites, encodeTile, updateSites, warmTiles, type SiteIndex } from './tiler';
import type { FromWorker, ToWorker } from './messages';

interface Scope {
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  postMessage(m: FromWorker, transfer?: Transferable[]): void;
}
const scope = self as unknown as Scope;

/** One index per map (`owner`). */
const indexes = new Map<number, SiteIndex>();
const EMPTY_TILE = new ArrayBuffer(0);

scope.onmessage = (e) => {
  const m = e.data;
  try {
    if (m.type === 'drop') indexes.delete(m.owner);
    else if (m.type === 'sites') {
      const t0 = performance.now();
      const cut = cutSites(m.columns);
      indexes.set(m.owner, cut);
      scope.postMessage({ type: 'ready', owner: m.owner, version: m.version, drawZooms: cut.drawZooms, ms: performance.now() - t0 });
      // Then the first view's tiles, unless the map already asks for tiles (they queue behind).
      if (m.warm) warmTiles(cut, m.warm.bbox, m.warm.maxZoom);
    } else if (m.type === 'update') {
      const t0 = performance.now();
      const cut = indexes.get(m.owner);
      if (!cut) throw new Error('mise à jour de sites jamais découpés');
      updateSites(cut, m.remove, m.add);
      scope.postMessage({ type: 'ready', owner: m.owner, version: m.version, drawZooms: cut.drawZooms, ms: performance.now() - t0 });
    } else {
      const index = indexes.get(m.owner);
      const data = index ? encodeTile(index, m.z, m.x, m.y) : null;
      if (data) scope.postMessage({ type: 'tile', request: m.request, data }, [data]);
      else scope.postMessage({ type: 'tile', request: m.request, data: EMPTY_TILE });
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    scope.postMessage({ type: 'error', owner: m.owner, ...(m.type === 'tile' ? { request: m.request } : {}), message });
  }
};
