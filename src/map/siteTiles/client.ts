/**
 * Main-thread side of the site tiles (see ./worker.ts): the map's sites source is a vector
 * source whose tiles our own worker cuts, served to MapLibre through a custom protocol
 * (`atlas-sites://<owner>.<version>/{z}/{x}/{y}`, MapLibre's `addProtocol`).
 *
 * Before, the sites went to MapLibre's GeoJSON source: MapLibre serialised the whole collection
 * and cloned it to its worker, which rebuilt it, indexed it and cut it, all after the list's
 * work on the main thread. Now the features cross as columns (typed arrays transferred), and
 * MapLibre's worker receives finished tiles (pbf), one per request.
 *
 * The published sites are sent as soon as they are downloaded (`precutSites`, from src/main.tsx),
 * so the worker cuts them while the main thread builds the list, before the map exists. Later
 * sites (zone markers, drafts, edits, an import, the sample) go as changes: only the tiles they
 * touch are cut again, off the main thread; the map keeps drawing the previous tiles until the
 * new ones are ready (`onReady`, then the source's tiles URL moves to a new version). While a
 * cut runs, later sites wait and only the last of them is sent next.
 */
import { addProtocol, removeProtocol } from 'maplibre-gl';
import type { Site } from '../../domain/types';
import { siteFeatures } from '../sources';
import type { SiteDrawZooms } from '../drawZooms';
import { toColumns } from './columns';
import type { FromWorker, ToWorker } from './messages';

export const SITE_TILES_PROTOCOL = 'atlas-sites';

interface Pending {
  resolve: (data: ArrayBuffer) => void;
  reject: (e: Error) => void;
}

let worker: Worker | null = null;
let nextOwner = 1;
let nextRequest = 1;
const tileRequests = new Map<number, Pending>();
const owners = new Map<number, SiteTiles>();

function post(m: ToWorker, transfer: Transferable[] = []): void {
  getWorker().postMessage(m, transfer);
}

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  w.addEventListener('message', (e: MessageEvent<FromWorker>) => {
    const m = e.data;
    if (m.type === 'tile') {
      const p = tileRequests.get(m.request);
      tileRequests.delete(m.request);
      p?.resolve(m.data);
    } else if (m.type === 'ready') {
      owners.get(m.owner)?.ready(m.version, m.drawZooms, m.ms);
    } else {
      const err = new Error(`Découpage des sites en tuiles : ${m.message}`);
      if (m.request !== undefined) {
        tileRequests.get(m.request)?.reject(err);
        tileRequests.delete(m.request);
      } else owners.get(m.owner)?.failed(err);
    }
  });
  w.addEventListener('error', () => {
    // A crashed worker: every pending tile fails (MapLibre reports it), the next request starts a new one.
    worker = null;
    for (const p of tileRequests.values()) p.reject(new Error('Découpage des sites en tuiles : le worker a échoué'));
    tileRequests.clear();
  });
  worker = w;
  return w;
}

/** Starts the tiles worker (download, compile) early, while the data downloads (src/main.tsx via prewarmMap). */
export function prewarmSiteTiles(): void {
  if (typeof Worker !== 'undefined') getWorker();
}

const URL_RE = new RegExp(`^${SITE_TILES_PROTOCOL}://(\\d+)\\.(\\d+)/(\\d+)/(\\d+)/(\\d+)`);

function registerProtocol(): void {
  addProtocol(SITE_TILES_PROTOCOL, async (params, abort) => {
    const m = URL_RE.exec(params.url);
    const owner = m ? owners.get(Number(m[1])) : undefined;
    if (!m || !owner) throw new Error(`Tuile de sites inconnue : ${params.url}`);
    // The first tiles are asked as soon as the map has its style: they wait for the first sites.
    await owner.firstReady;
    if (abort.signal.aborted) throw new DOMException('Tuile abandonnée', 'AbortError');
    const request = nextRequest++;
    const data = await new Promise<ArrayBuffer>((resolve, reject) => {
      tileRequests.set(request, { resolve, reject });
      post({ type: 'tile', owner: owner.owner, request, z: Number(m[3]), x: Number(m[4]), y: Number(m[5]) });
    });
    return { data };
  });
}

/**
 * The sites of one map, cut into tiles by the worker. New sites are sent as changes when few
 * differ (by site object: the store keeps the objects of unchanged sites), as a whole otherwise.
 */
export class SiteTiles {
  readonly owner = nextOwner++;
  /** Resolves once the first sites are cut and the map has them (tile requests wait for it). */
  readonly firstReady: Promise<void>;
  /** Feature id (`_fid`) of each site id ever sent: stable, so feature-state survives new sites. */
  private readonly fids = new Map<string, number>();
  private resolveFirst!: () => void;
  private version = 0;
  private cutting = false;
  private next: readonly Site[] | null = null;
  /** The sites last sent, by feature id. */
  private sent: Map<number, Site> | null = null;
  /** Feature ids sent as changes since the last whole cut (the worker's overlay). */
  private readonly changedSinceCut = new Set<number>();
  /** The area whose tiles the worker cuts ahead after a whole cut. */
  private warm: { bbox: [number, number, number, number]; maxZoom: number } | undefined;
  private done: { version: number; drawZooms: SiteDrawZooms } | null = null;
  private delivered = false;
  private onReady: ReadyListener | null = null;
  private onError: (e: Error) => void = (e) => console.error(e);

  constructor() {
    this.firstReady = new Promise((r) => (this.resolveFirst = r));
    if (owners.size === 0) registerProtocol();
    owners.set(this.owner, this);
  }

  /** The feature id of a site id (a positive integer: MapLibre treats a falsy id as no id). */
  readonly fidOf = (id: string): number => {
    let n = this.fids.get(id);
    if (n === undefined) {
      n = this.fids.size + 1;
      this.fids.set(id, n);
    }
    return n;
  };

  /** The tiles URL (the version only makes MapLibre ask again: the worker answers from its latest sites). */
  url(): string {
    return `${SITE_TILES_PROTOCOL}://${this.owner}.${this.version}/{z}/{x}/{y}`;
  }

  /**
   * Hands the map its sites' readiness: `onReady(drawZooms, first)` is called when sites are cut
   * (now, if they are already), `first` for the first time; it may return a promise, which the
   * first tile requests wait for (e.g. the layers' zoom ranges applied before they are laid out).
   */
  attach(onReady: ReadyListener, onError: (e: Error) => void): void {
    this.onReady = onReady;
    this.onError = onError;
    if (this.done && !this.cutting) this.deliver();
  }

  /** Sends the sites the map draws (as ../sources.ts siteFeatures makes them) to be cut. */
  setSites(sites: readonly Site[], warm?: { bbox: [number, number, number, number]; maxZoom: number }): void {
    if (warm) this.warm = warm;
    if (this.cutting) {
      this.next = sites;
      return;
    }
    const byFid = new Map<number, Site>();
    const changed: Site[] = [];
    for (const s of sites) {
      const f = this.fidOf(s.properties.id);
      byFid.set(f, s);
      if (this.sent?.get(f) !== s) changed.push(s);
    }
    const remove: number[] = [];
    if (this.sent) for (const f of this.sent.keys()) if (!byFid.has(f)) remove.push(f);
    const since = this.changedSinceCut;
    const previous = this.sent;
    this.sent = byFid;
    if (previous && !changed.length && !remove.length) return;
    this.cutting = true;
    const version = ++this.version;
    if (previous && since.size + changed.length + remove.length <= sites.length / 2) {
      for (const s of changed) since.add(this.fidOf(s.properties.id));
      for (const f of remove) since.add(f);
      const { columns, transfer } = toColumns(siteFeatures(changed, this.fidOf, { zoneMarkers: true }));
      post({ type: 'update', owner: this.owner, version, remove, add: columns }, transfer);
    } else {
      since.clear();
      const { columns, transfer } = toColumns(siteFeatures(sites, this.fidOf, { zoneMarkers: true }));
      post({ type: 'sites', owner: this.owner, version, columns, ...(this.warm ? { warm: this.warm } : {}) }, transfer);
    }
  }

  /** @internal from the worker. */
  ready(version: number, drawZooms: SiteDrawZooms, ms: number): void {
    this.cutting = false;
    if (typeof performance !== 'undefined') performance.mark(`atlas-site-tiles-ready:${version}:${Math.round(ms)}ms`);
    this.done = { version, drawZooms };
    if (this.next) {
      // Newer sites came during the cut: those are shown, once cut.
      const sites = this.next;
      this.next = null;
      this.setSites(sites);
      if (this.cutting) return;
    }
    this.deliver();
  }

  private deliver(): void {
    if (!this.onReady || !this.done) return;
    const first = !this.delivered;
    this.delivered = true;
    const done = this.onReady(this.done.drawZooms, first);
    if (first) void Promise.resolve(done).finally(this.resolveFirst);
  }

  /** @internal from the worker. */
  failed(e: Error): void {
    this.cutting = false;
    this.resolveFirst();
    this.onError(e);
  }

  destroy(): void {
    if (!owners.delete(this.owner)) return;
    if (precut === this) precut = null;
    this.resolveFirst();
    if (worker) post({ type: 'drop', owner: this.owner });
    if (owners.size === 0) removeProtocol(SITE_TILES_PROTOCOL);
  }
}

type ReadyListener = (drawZooms: SiteDrawZooms, first: boolean) => Promise<void> | void;

let precut: SiteTiles | null = null;

/**
 * Starts cutting the published sites as soon as they are downloaded (src/main.tsx), before the
 * map exists: the worker cuts them while the main thread builds the list. The map then takes
 * these tiles (`takeSiteTiles`) and sends only what differs (zone markers, drafts, the sample).
 */
export function precutSites(sites: readonly Site[], firstView?: [number, number, number, number]): void {
  if (typeof Worker === 'undefined' || precut) return;
  precut = new SiteTiles();
  // The tiles of the first view (the PETR, about zoom 9–10) are cut ahead too.
  precut.setSites(sites, firstView ? { bbox: firstView, maxZoom: 10 } : undefined);
}

/** The tiles of the sites cut ahead (`precutSites`), once, or new ones. */
export function takeSiteTiles(): SiteTiles {
  const t = precut ?? new SiteTiles();
  precut = null;
  return t;
}
