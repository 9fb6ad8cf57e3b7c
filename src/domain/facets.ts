/**
 * Facet counts for the search panel, with standard faceted-search semantics: for each option
 * of a facet, the number of results you would get if that option were selected ALONE in its
 * facet, with every OTHER filter applied. Shown next to each checkbox, e.g. « Logistique (12) ».
 *
 * One pass over the sites: a site failing no filter counts in every facet; a site failing
 * exactly one facet counts only in that facet (it would match if that facet were changed).
 *
 * Keys: every option of the vocabularies (sectors, levels, availability, kinds, friche statuses), and every
 * EPCI SIREN / commune INSEE code found in the input sites (0 when no result), so the UI can
 * show « (0) » for options that would empty the list.
 */
import { FACET_BIT, compileFilter, failMask, prepareSites, type PreparedSite } from './filters';
import { FRICHE_STATUS_KEYS, type FricheStatusKey } from './fricheStatus';
import { READINESS_LEVELS, SECTOR_IDS, type Availability, type FilterState, type ReadinessLevel, type SectorId, type Site, type SiteKind } from './types';

export interface FacetCounts {
  sectors: Record<SectorId, number>;
  levels: Record<ReadinessLevel, number>;
  availability: Record<Availability, number>;
  kinds: Record<SiteKind, number>;
  epci: Record<string, number>;
  communes: Record<string, number>;
  /** Friches per status key (potentielle, sans_projet, avec_projet, reconvertie). */
  fricheStatuses: Record<FricheStatusKey, number>;
}

const AVAILABILITIES: readonly Availability[] = ['disponible', 'sous_option', 'vendu_occupe', 'inconnu'];
const KINDS: readonly SiteKind[] = ['plot', 'friche', 'zone'];

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  const r = {} as Record<K, number>;
  for (const k of keys) r[k] = 0;
  return r;
}

const COUNTED =
  FACET_BIT.sectors | FACET_BIT.levels | FACET_BIT.availability | FACET_BIT.kinds | FACET_BIT.epci | FACET_BIT.communes | FACET_BIT.fricheStatuses;

export function facetCountsPrepared(prepared: readonly PreparedSite[], f: FilterState): FacetCounts {
  const c = compileFilter(f);
  const sectors = new Array<number>(SECTOR_IDS.length).fill(0);
  const levels = zeros(READINESS_LEVELS);
  const availability = zeros(AVAILABILITIES);
  const kinds = zeros(KINDS);
  const fricheStatuses = zeros(FRICHE_STATUS_KEYS);
  // Maps, not objects, while counting: thousands of keys make object writes slow.
  const epci = new Map<string, number>();
  const communes = new Map<string, number>();
  for (let i = 0; i < prepared.length; i++) {
    const ps = prepared[i];
    const m = failMask(ps, c);
    // Count in facet X when the site fails nothing, or fails X only.
    let which = 0;
    if (m === 0) which = COUNTED;
    else if ((m & (m - 1)) === 0 && (m & COUNTED) !== 0) which = m;
    if (ps.epci !== null) epci.set(ps.epci, (epci.get(ps.epci) ?? 0) + (which & FACET_BIT.epci ? 1 : 0));
    if (ps.insee !== null) communes.set(ps.insee, (communes.get(ps.insee) ?? 0) + (which & FACET_BIT.communes ? 1 : 0));
    if (which === 0) continue;
    if (which & FACET_BIT.sectors && ps.sectorMask) {
      for (let b = 0; b < SECTOR_IDS.length; b++) if (ps.sectorMask & (1 << b)) sectors[b]++;
    }
    if (which & FACET_BIT.levels) levels[ps.level]++;
    if (which & FACET_BIT.availability && ps.availability in availability) availability[ps.availability]++;
    if (which & FACET_BIT.kinds && ps.kind in kinds) kinds[ps.kind]++;
    if (which & FACET_BIT.fricheStatuses && ps.fricheStatus !== null && ps.fricheStatus in fricheStatuses) fricheStatuses[ps.fricheStatus as FricheStatusKey]++;
  }
  const sectorCounts = zeros(SECTOR_IDS);
  SECTOR_IDS.forEach((id, b) => (sectorCounts[id] = sectors[b]));
  return {
    sectors: sectorCounts,
    levels,
    availability,
    kinds,
    epci: Object.fromEntries(epci),
    communes: Object.fromEntries(communes),
    fricheStatuses,
  };
}

export function facetCounts(sites: readonly Site[], f: FilterState): FacetCounts {
  return facetCountsPrepared(prepareSites(sites), f);
}

export interface SurfaceHistogram {
  /** bins + 1 bin edges in m², geometric (log scale), from the smallest to the largest surface of ALL input sites. */
  edges: number[];
  /** Sites per bin among those matching every filter except the surface range (last bin includes its upper edge). */
  counts: number[];
}

/**
 * Histogram of surfaces on a log scale, for a range slider drawn over it. The edges depend on
 * all the input sites only (they do not jump when filters change); the counts reflect the other
 * filters. Sites with an unknown or non-positive surface are left out. Empty input → no bins.
 */
export function surfaceHistogramPrepared(prepared: readonly PreparedSite[], f: FilterState, bins = 24): SurfaceHistogram {
  let lo = Infinity;
  let hi = -Infinity;
  for (const ps of prepared) {
    const s = ps.surface;
    if (s !== null && s > 0) {
      if (s < lo) lo = s;
      if (s > hi) hi = s;
    }
  }
  const n = Math.max(1, Math.floor(bins));
  if (!Number.isFinite(lo)) return { edges: [], counts: [] };
  if (lo === hi) {
    lo = lo / 2;
    hi = hi * 2;
  }
  const l0 = Math.log(lo);
  const span = Math.log(hi) - l0;
  const edges: number[] = [];
  for (let i = 0; i <= n; i++) edges.push(i === 0 ? lo : i === n ? hi : Math.exp(l0 + (span * i) / n));
  const counts = new Array<number>(n).fill(0);
  const c = compileFilter(f);
  for (const ps of prepared) {
    const s = ps.surface;
    if (s === null || s <= 0) continue;
    if ((failMask(ps, c) & ~FACET_BIT.surface) !== 0) continue;
    let b = Math.floor(((Math.log(s) - l0) / span) * n);
    if (b >= n) b = n - 1;
    if (b < 0) b = 0;
    // Guard against floating error at the edges.
    while (b > 0 && s < edges[b]) b--;
    while (b < n - 1 && s >= edges[b + 1]) b++;
    counts[b]++;
  }
  return { edges, counts };
}

export function surfaceHistogram(sites: readonly Site[], f: FilterState, bins = 24): SurfaceHistogram {
  return surfaceHistogramPrepared(prepareSites(sites), f, bins);
}
