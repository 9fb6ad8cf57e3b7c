/**
 * Columnar filtering: the sites as typed columns, built once per set of sites, and one pass per
 * filter change that gives everything the search shows — which sites match, the facet counts,
 * the surface histogram and the sorted list. Pure (no DOM, no React, no MapLibre).
 *
 *   const table = siteTable(sites);              // memoised per array (sites are immutable)
 *   const r = evaluateFilters(table, filters);   // memoised on (table, filters)
 *   r.pass[i] (1 = site i matches), r.filtered, r.facets, r.histogram(), sortedMatches(table, r, sort)
 *
 * Same semantics as filters.ts, facets.ts and sort.ts, which stay the reference (the unit tests
 * check one against the other on every golden case): a site's « fail mask » has one bit per
 * facet it fails (`FACET_BIT`); it matches when the mask is 0; it counts in a facet's options
 * when it fails nothing or that facet only; the histogram counts the sites that fail nothing but
 * the surface.
 *
 * Why: at 24,000–100,000 sites, the per-site objects (a WeakMap lookup per site, a `Set` test per
 * facet, three passes for filter, facets and histogram, a comparison sort of the results) cost
 * tens of milliseconds per change. Here each change is one loop over typed arrays, categorical
 * values are small integers tested against a lookup table, and the list order is a walk through
 * a precomputed order of all the sites (a stable sort of all the sites, restricted to the ones
 * that match, is the stable sort of those).
 */
import { FACET_BIT, compileFilter, preparedSite, type PreparedSite } from './filters';
import { FRICHE_STATUS_KEYS, type FricheStatusKey } from './fricheStatus';
import { histogramBin, histogramEdges, type FacetCounts, type SurfaceHistogram } from './facets';
import type { SliceClock } from './sliceClock';
import { sortIndices } from './sort';
import { READINESS_LEVELS, SECTOR_IDS, type Availability, type FilterState, type ReadinessLevel, type SectorId, type Site, type SiteKind, type SortState } from './types';

const AVAILABILITIES: readonly Availability[] = ['disponible', 'sous_option', 'vendu_occupe', 'inconnu'];
const KINDS: readonly SiteKind[] = ['plot', 'friche', 'zone'];

/** Distinct values of a text column, in order of first appearance, and each site's index in them. */
interface Dictionary {
  keys: string[];
  index: Map<string, number>;
  /** The last key coded and its index: neighbouring sites often share a value (one map lookup saved). */
  lastKey: string | undefined;
  lastIndex: number;
}

function dictionary(seed: readonly string[] = []): Dictionary {
  const d: Dictionary = { keys: [], index: new Map(), lastKey: undefined, lastIndex: -1 };
  for (const k of seed) code(d, k);
  return d;
}

function code(d: Dictionary, k: string): number {
  if (k === d.lastKey) return d.lastIndex;
  let i = d.index.get(k);
  if (i === undefined) {
    i = d.keys.length;
    d.keys.push(k);
    d.index.set(k, i);
  }
  d.lastKey = k;
  d.lastIndex = i;
  return i;
}

export interface SiteTable {
  readonly sites: readonly Site[];
  readonly n: number;
  readonly prepared: readonly PreparedSite[];
  /** m²; NaN when unknown. */
  readonly surface: Float64Array;
  /** Index in READINESS_LEVELS. */
  readonly level: Uint8Array;
  readonly sectorMask: Int32Array;
  /** Index in `availabilityKeys` (the vocabulary first, then any other value met). */
  readonly availability: Int32Array;
  readonly availabilityKeys: readonly string[];
  /** Index in `kindKeys` (the vocabulary first, then any other value met). */
  readonly kind: Int32Array;
  readonly kindKeys: readonly string[];
  /** Index in `epciKeys` (order of first appearance), -1 when unknown. */
  readonly epci: Int32Array;
  readonly epciKeys: readonly string[];
  /** Index in `inseeKeys` (order of first appearance), -1 when unknown. */
  readonly insee: Int32Array;
  readonly inseeKeys: readonly string[];
  /** Metres; NaN when unknown. */
  readonly distRn2: Float64Array;
  readonly distWaterway: Float64Array;
  readonly distStation: Float64Array;
  readonly distIte: Float64Array;
  /** Index in FRICHE_STATUS_KEYS, -1 when none. */
  readonly fricheStatus: Int8Array;
  /** 1 for a fictitious site. */
  readonly fictitious: Uint8Array;
  /** Normalised search text (see PreparedSite.text). */
  readonly text: readonly string[];
  /** Smallest and largest positive known surface (Infinity / -Infinity when none). */
  readonly surfaceLo: number;
  readonly surfaceHi: number;
}

const TABLES = new WeakMap<readonly Site[], SiteTable>();

const nanIfNull = (v: number | null) => (v === null ? NaN : v);

/** The columns of `sites` (memoised per array: treat the array and its sites as immutable). */
export function siteTable(sites: readonly Site[]): SiteTable {
  let t = TABLES.get(sites);
  if (t) return t;
  const b = tableBuilder(sites);
  for (let i = 0; i < sites.length; i++) b.row(i);
  t = b.done();
  TABLES.set(sites, t);
  return t;
}

/**
 * `siteTable(sites)` built in slices: `clock.due(i)` before row i says when to `await
 * clock.yield()` (the caller's yield to the browser, e.g. src/data/yieldToMain.ts sliceClock).
 * The same table, memoised the same: a later `siteTable(sites)` returns it at once. For an atlas
 * update of 100,000 sites, whose table would otherwise be built in one task.
 */
export async function siteTableInSlices(sites: readonly Site[], clock: SliceClock): Promise<SiteTable> {
  let t = TABLES.get(sites);
  if (t) return t;
  const b = tableBuilder(sites);
  for (let i = 0; i < sites.length; i++) {
    if (clock.due(i)) await clock.yield();
    b.row(i);
  }
  // Built meanwhile by a synchronous call: that one.
  t = TABLES.get(sites);
  if (t) return t;
  t = b.done();
  TABLES.set(sites, t);
  return t;
}

/** The columns of `sites`, filled row by row (`row(i)` for every i, then `done()`). */
function tableBuilder(sites: readonly Site[]): { row(i: number): void; done(): SiteTable } {
  const n = sites.length;
  const prepared = new Array<PreparedSite>(n);
  const surface = new Float64Array(n);
  const level = new Uint8Array(n);
  const sectorMask = new Int32Array(n);
  const availability = new Int32Array(n);
  const kind = new Int32Array(n);
  const epci = new Int32Array(n);
  const insee = new Int32Array(n);
  const distRn2 = new Float64Array(n);
  const distWaterway = new Float64Array(n);
  const distStation = new Float64Array(n);
  const distIte = new Float64Array(n);
  const fricheStatus = new Int8Array(n);
  const fictitious = new Uint8Array(n);
  const levelIndex = new Map<string, number>(READINESS_LEVELS.map((l, i) => [l, i]));
  const statusIndex = new Map<string, number>(FRICHE_STATUS_KEYS.map((k, i) => [k, i]));
  const av = dictionary(AVAILABILITIES);
  const kd = dictionary(KINDS);
  const ep = dictionary();
  const co = dictionary();
  let lo = Infinity;
  let hi = -Infinity;
  let text: string[] | undefined;
  const row = (i: number): void => {
    const ps = (prepared[i] = preparedSite(sites[i]));
    const s = ps.surface;
    surface[i] = nanIfNull(s);
    if (s !== null && s > 0) {
      if (s < lo) lo = s;
      if (s > hi) hi = s;
    }
    level[i] = levelIndex.get(ps.level) ?? 0;
    sectorMask[i] = ps.sectorMask;
    availability[i] = code(av, String(ps.availability));
    kind[i] = code(kd, String(ps.kind));
    epci[i] = ps.epci === null ? -1 : code(ep, ps.epci);
    insee[i] = ps.insee === null ? -1 : code(co, ps.insee);
    distRn2[i] = nanIfNull(ps.distRn2);
    distWaterway[i] = nanIfNull(ps.distWaterway);
    distStation[i] = nanIfNull(ps.distStation);
    distIte[i] = nanIfNull(ps.distIte);
    fricheStatus[i] = ps.fricheStatus === null ? -1 : (statusIndex.get(ps.fricheStatus) ?? -2);
    fictitious[i] = ps.props.fictitious ? 1 : 0;
  };
  const done = (): SiteTable => ({
    sites,
    n,
    prepared,
    surface,
    level,
    sectorMask,
    availability,
    availabilityKeys: av.keys,
    kind,
    kindKeys: kd.keys,
    epci,
    epciKeys: ep.keys,
    insee,
    inseeKeys: co.keys,
    distRn2,
    distWaterway,
    distStation,
    distIte,
    fricheStatus,
    fictitious,
    // The search text column, built on the first text search (most start-ups never need it).
    get text() {
      return (text ??= prepared.map((ps) => ps.text));
    },
    surfaceLo: lo,
    surfaceHi: hi,
  });
  return { row, done };
}

/** For each key of a dictionary, 1 when the filter's set holds it; null when the filter is off. */
function allowed(keys: readonly string[], set: ReadonlySet<string> | null): Uint8Array | null {
  if (set === null) return null;
  const a = new Uint8Array(keys.length);
  for (let i = 0; i < keys.length; i++) a[i] = set.has(keys[i]) ? 1 : 0;
  return a;
}

/** The result of one filter change over a table. */
export interface FilterResult {
  readonly table: SiteTable;
  readonly filters: FilterState;
  /** Per site: the bit mask of the facets it fails (0 = it matches). */
  readonly fail: Uint16Array;
  /** Per site: 1 when it matches every filter. */
  readonly pass: Uint8Array;
  readonly count: number;
  /** The matching sites, in input order. */
  readonly filtered: Site[];
  /** Their prepared views (same order). */
  readonly preparedMatches: PreparedSite[];
  /** Facet counts (computed on first read). */
  readonly facets: FacetCounts;
  /** Surface histogram with `bins` classes (computed on first read per bin count). */
  histogram(bins?: number): SurfaceHistogram;
}

const COUNTED =
  FACET_BIT.sectors | FACET_BIT.levels | FACET_BIT.availability | FACET_BIT.kinds | FACET_BIT.epci | FACET_BIT.communes | FACET_BIT.fricheStatuses;

let lastEval: FilterResult | null = null;

/** Filters the table: one pass (memoised on the last (table, filters) pair). */
export function evaluateFilters(table: SiteTable, f: FilterState): FilterResult {
  if (lastEval && lastEval.table === table && lastEval.filters === f) return lastEval;
  const c = compileFilter(f);
  const n = table.n;
  const fail = new Uint16Array(n);
  const pass = new Uint8Array(n);
  const hasSurface = c.surfaceMin !== null || c.surfaceMax !== null;
  const sMin = c.surfaceMin ?? -Infinity;
  const sMax = c.surfaceMax ?? Infinity;
  const levels = c.levels === null ? null : Uint8Array.from(READINESS_LEVELS, (l) => (c.levels!.has(l) ? 1 : 0));
  const avail = allowed(table.availabilityKeys, c.availability);
  const kinds = allowed(table.kindKeys, c.kinds);
  const epci = allowed(table.epciKeys, c.epci);
  const communes = allowed(table.inseeKeys, c.communes);
  const statuses = c.fricheStatuses === null ? null : Uint8Array.from(FRICHE_STATUS_KEYS, (k) => (c.fricheStatuses!.has(k) ? 1 : 0));
  const tokens = c.tokens;
  const mask = c.sectorMask;
  const sectorAll = c.sectorAll;
  const maxRn2 = c.maxRn2;
  const maxWw = c.maxWaterway;
  const maxSt = c.maxStation;
  const maxIte = c.maxIte;
  const hasDist = maxRn2 !== null || maxWw !== null || maxSt !== null || maxIte !== null;
  const { surface, level, sectorMask, availability, kind, insee, distRn2, distWaterway, distStation, distIte, fricheStatus } = table;
  const text = tokens.length ? table.text : [];
  const ep = table.epci;
  /** A known distance within the limit (NaN, unknown, fails any active limit). */
  const within = (d: number, max: number | null) => max === null || d <= max;
  let count = 0;
  for (let i = 0; i < n; i++) {
    let m = 0;
    if (hasSurface) {
      const s = surface[i];
      // NaN (unknown) fails both comparisons' negation: unknown never matches an active range.
      if (!(s >= sMin && s <= sMax)) m |= 1;
    }
    if (mask !== 0) {
      const hit = sectorMask[i] & mask;
      if (sectorAll ? hit !== mask : hit === 0) m |= 2;
    }
    if (levels !== null && levels[level[i]] === 0) m |= 4;
    if (avail !== null && avail[availability[i]] === 0) m |= 8;
    if (kinds !== null && kinds[kind[i]] === 0) m |= 16;
    if (epci !== null) {
      const e = ep[i];
      if (e < 0 || epci[e] === 0) m |= 32;
    }
    if (communes !== null) {
      const e = insee[i];
      if (e < 0 || communes[e] === 0) m |= 64;
    }
    if (tokens.length) {
      const tx = text[i];
      for (let k = 0; k < tokens.length; k++) {
        if (!tx.includes(tokens[k])) {
          m |= 128;
          break;
        }
      }
    }
    if (hasDist && !(within(distRn2[i], maxRn2) && within(distWaterway[i], maxWw) && within(distStation[i], maxSt) && within(distIte[i], maxIte))) m |= 256;
    if (statuses !== null) {
      const k = fricheStatus[i];
      if (k < 0 || statuses[k] === 0) m |= 512;
    }
    fail[i] = m;
    if (m === 0) {
      pass[i] = 1;
      count++;
    }
  }
  const filtered = new Array<Site>(count);
  const preparedMatches = new Array<PreparedSite>(count);
  for (let i = 0, j = 0; i < n; i++) {
    if (pass[i]) {
      filtered[j] = table.sites[i];
      preparedMatches[j++] = table.prepared[i];
    }
  }
  let facets: FacetCounts | null = null;
  const histograms = new Map<number, SurfaceHistogram>();
  const result: FilterResult = {
    table,
    filters: f,
    fail,
    pass,
    count,
    filtered,
    preparedMatches,
    get facets() {
      return (facets ??= facetCountsOf(table, fail));
    },
    histogram(bins = 24) {
      let h = histograms.get(bins);
      if (!h) histograms.set(bins, (h = histogramOf(table, fail, bins)));
      return h;
    },
  };
  lastEval = result;
  return result;
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  const r = {} as Record<K, number>;
  for (const k of keys) r[k] = 0;
  return r;
}

/** Facet counts from the fail masks (see facets.ts for the semantics). */
function facetCountsOf(t: SiteTable, fail: Uint16Array): FacetCounts {
  const sectors = new Int32Array(SECTOR_IDS.length);
  const levels = new Int32Array(READINESS_LEVELS.length);
  const avail = new Int32Array(t.availabilityKeys.length);
  const kinds = new Int32Array(t.kindKeys.length);
  const statuses = new Int32Array(FRICHE_STATUS_KEYS.length);
  const epci = new Int32Array(t.epciKeys.length);
  const communes = new Int32Array(t.inseeKeys.length);
  const nSectors = SECTOR_IDS.length;
  for (let i = 0; i < t.n; i++) {
    const m = fail[i];
    let which = 0;
    if (m === 0) which = COUNTED;
    else if ((m & (m - 1)) === 0 && (m & COUNTED) !== 0) which = m;
    if (which === 0) continue;
    if (which & FACET_BIT.epci && t.epci[i] >= 0) epci[t.epci[i]]++;
    if (which & FACET_BIT.communes && t.insee[i] >= 0) communes[t.insee[i]]++;
    const sm = t.sectorMask[i];
    if (which & FACET_BIT.sectors && sm) {
      for (let b = 0; b < nSectors; b++) if (sm & (1 << b)) sectors[b]++;
    }
    if (which & FACET_BIT.levels) levels[t.level[i]]++;
    if (which & FACET_BIT.availability) avail[t.availability[i]]++;
    if (which & FACET_BIT.kinds) kinds[t.kind[i]]++;
    if (which & FACET_BIT.fricheStatuses && t.fricheStatus[i] >= 0) statuses[t.fricheStatus[i]]++;
  }
  const sectorCounts = zeros(SECTOR_IDS) as Record<SectorId, number>;
  SECTOR_IDS.forEach((id, b) => (sectorCounts[id] = sectors[b]));
  const levelCounts = zeros(READINESS_LEVELS) as Record<ReadinessLevel, number>;
  READINESS_LEVELS.forEach((l, i) => (levelCounts[l] = levels[i]));
  // Only the vocabulary is counted (the dictionaries start with it); other values met in the data are not options.
  const availability = zeros(AVAILABILITIES) as Record<Availability, number>;
  AVAILABILITIES.forEach((a, i) => (availability[a] = avail[i]));
  const kindCounts = zeros(KINDS) as Record<SiteKind, number>;
  KINDS.forEach((k, i) => (kindCounts[k] = kinds[i]));
  const fricheStatuses = zeros(FRICHE_STATUS_KEYS) as Record<FricheStatusKey, number>;
  FRICHE_STATUS_KEYS.forEach((k, i) => (fricheStatuses[k] = statuses[i]));
  const byKey = (keys: readonly string[], counts: Int32Array) => {
    const o: Record<string, number> = {};
    for (let i = 0; i < keys.length; i++) o[keys[i]] = counts[i];
    return o;
  };
  return {
    sectors: sectorCounts,
    levels: levelCounts,
    availability,
    kinds: kindCounts,
    epci: byKey(t.epciKeys, epci),
    communes: byKey(t.inseeKeys, communes),
    fricheStatuses,
  };
}

/** Surface histogram from the fail masks (see facets.ts `surfaceHistogram` for the semantics). */
function histogramOf(t: SiteTable, fail: Uint16Array, bins: number): SurfaceHistogram {
  const edges = histogramEdges(t.surfaceLo, t.surfaceHi, bins);
  if (!edges) return { edges: [], counts: [] };
  const n = edges.length - 1;
  const lo = edges[0];
  const hi = edges[n];
  const l0 = Math.log(lo);
  const span = Math.log(hi) - l0;
  const counts = new Array<number>(n).fill(0);
  const notSurface = ~FACET_BIT.surface;
  for (let i = 0; i < t.n; i++) {
    const s = t.surface[i];
    if (!(s > 0)) continue; // unknown (NaN) or non-positive
    if ((fail[i] & notSurface) !== 0) continue;
    counts[histogramBin(s, edges, l0, span)]++;
  }
  return { edges, counts };
}

/** Histogram of every site of the table, no filter (its edges stay still while filters change). */
export function fullSurfaceHistogram(t: SiteTable, bins = 24): SurfaceHistogram {
  return histogramOf(t, new Uint16Array(t.n), bins);
}

/** Order of all the sites of a table for a sort (indices), memoised per (table, key, direction). */
const ORDERS = new WeakMap<SiteTable, Map<string, Int32Array>>();

export function sortOrder(t: SiteTable, sort: SortState): Int32Array {
  let m = ORDERS.get(t);
  if (!m) ORDERS.set(t, (m = new Map()));
  const key = `${sort.key}:${sort.dir}`;
  let order = m.get(key);
  if (!order) {
    // The reference sort, run once on all the sites.
    order = Int32Array.from(sortIndices(t.sites, sort));
    m.set(key, order);
  }
  return order;
}

/**
 * The matching sites in list order: the precomputed order of all the sites, restricted to the
 * ones that match. Equal to `sortSites(result.filtered, sort)` (a stable sort, ties kept in input order).
 */
export function sortedMatches(r: FilterResult, sort: SortState): Site[] {
  const order = sortOrder(r.table, sort);
  const out = new Array<Site>(r.count);
  const { pass } = r;
  const sites = r.table.sites;
  for (let i = 0, j = 0; i < order.length; i++) {
    const k = order[i];
    if (pass[k]) out[j++] = sites[k];
  }
  return out;
}
