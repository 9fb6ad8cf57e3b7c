/**
 * Main-thread side of the site tiles (see ./worker.ts): the map's sites source is a vector
 * source whose tiles our own worker cuts, served to MapLibre through a custom protocol
 * (`atlas-sites://<owner>/{z}/{x}/{y}`, MapLibre's `addProtocol`): the worker answers each
 * request with the owner's last cut.
 *
 * Before, the sites went to MapLibre's GeoJSON source: MapLibre serialised the whole collection
 * and cloned it to its worker, which rebuilt it, indexed it and cut it, all after the list's
 * work on the main thread. Now the features cross as columns (typed arrays transferred), and
 * MapLibre's worker receives finished tiles (pbf), one per request.
 *
 * New sites (drafts, edits, an import) are cut again as a whole in the worker, off the main
 * thread; the map keeps drawing the previous tiles until the new ones are ready (`onReady`,
 * then the map fetches its tiles again: ../freshTiles.ts). While a cut runs, later sites wait
 * and only the last of them is cut next. Sites the map draws as it draws the last ones (an edit
 * of a field that is not on the map: surface, description, price…) are not cut again: no
 * `onReady`, so the map does not reload its visible tiles.
 */
import { addProtocol, removeProtocol } from 'maplibre-gl';
import type { Site } from '../../domain/types';
import type { SiteDrawZooms } from '../drawZooms';
import { sliceClock } from '../../data/yieldToMain';
import { sameOnMap, siteColumns, siteColumnsInSlices } from './siteColumns';
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
  w.addEventListener('error', (ev) => {
    // A crashed worker: every pending tile fails (MapLibre reports it), a cut under way fails too
    // (so that the next sites are not queued behind it for ever), the next message starts a new one.
    // The tiles it held are gone with it: a map it was only serving has its sites cut again.
    ev.preventDefault();
    worker = null;
    const err = new Error('Découpage des sites en tuiles : le worker a échoué');
    for (const p of tileRequests.values()) p.reject(err);
    tileRequests.clear();
    for (const o of [...owners.values()]) o.lost(err);
  });
  worker = w;
  return w;
}

/** Starts the tiles worker (download, compile) early, while the data downloads (src/main.tsx via prewarmMap). */
export function prewarmSiteTiles(): void {
  if (typeof Worker !== 'undefined') getWorker();
}

const URL_RE = new RegExp(`^${SITE_TILES_PROTOCOL}://(\\d+)/(\\d+)/(\\d+)/(\\d+)`);

function registerProtocol(): void {
  addProtocol(SITE_TILES_PROTOCOL, async (params, abort) => {
    const m = URL_RE.exec(params.url);
    const owner = m ? owners.get(Number(m[1])) : undefined;
    if (!m || !owner) throw new Error(`Tuile de sites inconnue : ${params.url}`);
    // The map asks for tiles once the first sites are cut (it shows their layers then); a tile
    // asked earlier all the same waits for them.
    await owner.firstReady;
    if (abort.signal.aborted) throw new DOMException('Tuile abandonnée', 'AbortError');
    const request = nextRequest++;
    const data = await new Promise<ArrayBuffer>((resolve, reject) => {
      tileRequests.set(request, { resolve, reject });
      post({ type: 'tile', owner: owner.owner, request, z: Number(m[2]), x: Number(m[3]), y: Number(m[4]) });
    });
    if (typeof __ATLAS_TEST_HOOKS__ !== 'undefined' && __ATLAS_TEST_HOOKS__ && heldAnswers) await heldAnswers;
    return { data };
  });
}

/** Browser tests only: answers to site tile requests wait for this (holdSiteTileAnswers). */
let heldAnswers: Promise<void> | null = null;

/**
 * Browser tests only (test hooks): the answers to the map's site tile requests, their data
 * already cut, wait until the returned function is called. A test can so hold tiles in their
 * first load while new sites are cut, as a slow machine does.
 */
export function holdSiteTileAnswers(): () => void {
  let release!: () => void;
  heldAnswers = new Promise<void>((r) => (release = r));
  return () => {
    heldAnswers = null;
    release();
  };
}

/**
 * From this many sites, a cut's columns are built in slices (tasks of their own, see
 * siteColumnsInSlices) and posted after the last: at 100,000 sites (an import), one build was
 * 100–200 ms of the page's main thread in the task that gave the sites.
 */
const SLICED_FROM = 20_000;

/** Sites given to the tiles, with the feature id of each. */
interface SiteIds {
  sites: readonly Site[];
  fids: Int32Array;
}

/** The sites of one map, cut into tiles by the worker. */
export class SiteTiles {
  readonly owner = nextOwner++;
  /** Resolves once the first sites are cut (tile requests wait for it). */
  readonly firstReady: Promise<void>;
  private resolveFirst!: () => void;
  private version = 0;
  private cutting = false;
  /** The cut under way was posted to the worker (false while its columns are built in slices). */
  private posted = false;
  /** The last sites given (cut, being cut or waiting), and the feature id of each; null after a failed cut. */
  private last: SiteIds | null = null;
  /** Sites waiting for the cut under way. */
  private next: SiteIds | null = null;

  /**
   * `onReady(version, drawZooms)`: the sites of `version` are cut; the worker answers the tile
   * requests (at `url()`) with them.
   */
  constructor(
    private readonly onReady: (version: number, drawZooms: SiteDrawZooms) => void,
    private readonly onError: (e: Error) => void,
  ) {
    this.firstReady = new Promise((r) => (this.resolveFirst = r));
    if (owners.size === 0) registerProtocol();
    owners.set(this.owner, this);
  }

  /** The tiles URL of these sites (every cut: the worker answers with the last). */
  url(): string {
    return `${SITE_TILES_PROTOCOL}://${this.owner}/{z}/{x}/{y}`;
  }

  /**
   * New sites: sends them to be cut, unless the map draws them as it draws the last ones (sameOnMap).
   * Returns the feature id (`_fid`, from `fidOf`) of each site, the last sites' own array when
   * they are not cut again (same ids at the same indexes).
   */
  setSites(sites: readonly Site[], fidOf: (id: string) => number): Int32Array {
    const last = this.last;
    if (last && sameOnMap(last.sites, sites)) {
      this.last = { sites, fids: last.fids };
      return last.fids;
    }
    const fids = new Int32Array(sites.length);
    for (let i = 0; i < sites.length; i++) fids[i] = fidOf(sites[i].properties.id);
    this.last = { sites, fids };
    this.cut(this.last);
    return fids;
  }

  private cut(s: SiteIds): void {
    if (this.cutting) {
      this.next = s;
      return;
    }
    this.cutting = true;
    // Columns straight from the sites (no feature object per site), zones as their markers.
    if (s.sites.length < SLICED_FROM) {
      this.post(siteColumns(s.sites, s.fids, { zoneMarkers: true }));
      return;
    }
    this.posted = false;
    siteColumnsInSlices(s.sites, s.fids, { zoneMarkers: true }, sliceClock()).then(
      (built) => {
        if (owners.has(this.owner)) this.post(built);
      },
      (e: unknown) => {
        this.posted = true;
        this.failed(e instanceof Error ? e : new Error(`Découpage des sites en tuiles : ${String(e)}`));
      },
    );
  }

  private post({ columns, transfer }: ReturnType<typeof siteColumns>): void {
    this.posted = true;
    post({ type: 'sites', owner: this.owner, version: ++this.version, columns }, transfer);
  }

  /** @internal from the worker. */
  ready(version: number, drawZooms: SiteDrawZooms, ms: number): void {
    this.cutting = false;
    // For the benches only (test build, `__ATLAS_TEST_HOOKS__`, and `window.__atlasPerf` set, as the page's other marks); a
    // mark per cut otherwise piles up in the page for every keystroke of an edit.
    if (typeof __ATLAS_TEST_HOOKS__ !== 'undefined' && __ATLAS_TEST_HOOKS__ && (globalThis as { __atlasPerf?: boolean }).__atlasPerf && typeof performance !== 'undefined') performance.mark(`atlas-site-tiles-ready:${version}:${Math.round(ms)}ms`);
    if (this.next) {
      // Newer sites came during the cut: cut them, and show those.
      const next = this.next;
      this.next = null;
      this.cut(next);
      if (version !== 1) return;
    }
    this.onReady(version, drawZooms);
    if (version === 1) this.resolveFirst();
  }

  /** @internal from the worker: the cut under way failed (the map keeps the tiles it has). */
  failed(e: Error): void {
    // Not posted yet (its columns are being built): the worker that failed never had it.
    if (!this.cutting || !this.posted) return;
    this.cutting = false;
    this.resolveFirst();
    this.onError(e);
    // Sites that came during the failed cut are cut now; with none, the next sites are cut
    // whatever they are (the map still draws the tiles of an older cut).
    if (this.next) {
      const next = this.next;
      this.next = null;
      this.cut(next);
    } else this.last = null;
  }

  /**
   * @internal the worker crashed. A cut under way fails as in `failed` (its sites are not cut
   * again: they may be what made it crash). A map the worker was only serving tiles to would
   * get empty tiles from the next worker, which has none of its sites, and keep the tiles that
   * failed: its last sites are cut again, as a new version, so the map asks for its tiles again.
   */
  lost(e: Error): void {
    if (this.cutting) {
      this.failed(e);
      return;
    }
    this.onError(e);
    if (this.last) this.cut(this.last);
  }

  destroy(): void {
    if (!owners.delete(this.owner)) return;
    this.resolveFirst();
    if (worker) post({ type: 'drop', owner: this.owner });
    if (owners.size === 0) removeProtocol(SITE_TILES_PROTOCOL);
  }
}
