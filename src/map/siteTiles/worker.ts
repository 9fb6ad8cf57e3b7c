/**
 * The site tiles worker (see ./client.ts): cuts the sites the map draws into vector tiles, off
 * MapLibre's worker and off the main thread. It receives the site features as columns (typed
 * arrays transferred, see ./messages.ts), indexes them (./tiler.ts), answers with the zooms
 * their density allows, then answers each tile request with the tile's pbf, its buffer transferred.
 */
import { cutFeatures, cutSites, encodeTile, updateSites, warmTiles, type SiteIndex } from './tiler';
import { fetchJson, loadLayer } from '../../data/loadAtlas';
import type { DataManifest, Site } from '../../domain/types';
import { siteFeatures } from '../sources';
import { fidRegistry } from './fids';
import type { FromWorker, ToWorker } from './messages';

interface Scope {
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  postMessage(m: FromWorker, transfer?: Transferable[]): void;
}
const scope = self as unknown as Scope;

/** One index per map (`owner`). */
const indexes = new Map<number, SiteIndex>();
const EMPTY_TILE = new ArrayBuffer(0);

/**
 * The published sites, read here as the page reads them (their compact copy, else the GeoJSON),
 * while the page reads them too: the cut runs beside the page's own parsing and list.
 */
async function load(m: Extract<ToWorker, { type: 'load' }>): Promise<void> {
  const t0 = performance.now();
  const manifest = await fetchJson<DataManifest>('manifest.json', m.base);
  const entry = manifest.layers.sites;
  const sites = (entry ? (await loadLayer(entry, m.base)).features : []) as Site[];
  const cut = cutFeatures(siteFeatures(sites, fidRegistry(), { zoneMarkers: true }).features);
  indexes.set(m.owner, cut);
  const loaded = { n: sites.length, first: sites[0]?.properties.id ?? null, last: sites.at(-1)?.properties.id ?? null };
  scope.postMessage({ type: 'ready', owner: m.owner, version: 1, drawZooms: cut.drawZooms, ms: performance.now() - t0, loaded });
  if (m.warm) warmTiles(cut, m.warm.bbox, m.warm.maxZoom);
}

scope.onmessage = (e) => {
  const m = e.data;
  try {
    if (m.type === 'load')
      load(m).catch((err: unknown) => scope.postMessage({ type: 'error', owner: m.owner, message: err instanceof Error ? err.message : String(err) }));
    else if (m.type === 'drop') indexes.delete(m.owner);
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
