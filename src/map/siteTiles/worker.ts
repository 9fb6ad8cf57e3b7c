/**
 * The site tiles worker (see ./client.ts): cuts the sites the map draws into vector tiles, off
 * MapLibre's worker and off the main thread. It receives the site features as columns (typed
 * arrays transferred, see ./messages.ts), indexes them (./tiler.ts), answers with the zooms
 * their density allows, then answers each tile request with the tile's pbf, its buffer transferred.
 */
import { cutSites, encodeTile, type SiteIndex } from './tiler';
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
      const { index, drawZooms } = cutSites(m.columns);
      indexes.set(m.owner, index);
      scope.postMessage({ type: 'ready', owner: m.owner, version: m.version, drawZooms, ms: performance.now() - t0 });
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
