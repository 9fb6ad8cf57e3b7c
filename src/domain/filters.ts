/**
 * Site filters. All filters combine with AND; an empty array or null means "no constraint".
 *
 * | filter                     | a site matches when…                                                           |
 * |----------------------------|--------------------------------------------------------------------------------|
 * | surfaceMin / surfaceMax    | its surface (declared, else computed) is known and within [min, max] (inclusive) |
 * | sectors + sectorMode 'any' | it has at least one of the chosen sectors                                      |
 * | sectors + sectorMode 'all' | it has every chosen sector                                                     |
 * | levels                     | its derived readiness level is one of them                                     |
 * | availability, kinds        | its value is one of them                                                       |
 * | epci / communes            | its `epci_siren` / `insee` is one of them                                      |
 * | text                       | every word of the query is found in its name, commune, id or full source title |
 * |                            | (friches renamed to a short title; case-, accent-                              |
 * |                            | and punctuation-insensitive; « villers cotterets » finds « Villers-Cotterêts ») |
 * | maxDistRn2Km / …Waterway / …Station | its distance is known and ≤ the limit (a site with an unknown distance |
 * |                            | does not match an active distance filter)                                       |
 * | fricheStatuses             | its friche status (« friche potentielle » → potentielle…, see fricheStatus.ts) is |
 * |                            | one of them; a plot, or a friche with another or no status, does not match      |
 *
 * Speed: `prepareSites` computes once what every filter needs (surface, level, sector bit
 * mask, normalised text); `filterSites` and `facetCounts` keep prepared sites in a WeakMap
 * keyed by the site object, so sites must be treated as immutable (the store replaces an
 * edited site by a new object, it never mutates one in place).
 */
import { fricheStatusOf } from './fricheStatus';
import { readinessLevel } from './readiness';
import { siteSurfaceM2 } from './surface';
import { normalizeForSearch, searchTokens } from './text';
import { SECTOR_IDS, type Availability, type FilterState, type ReadinessLevel, type SectorId, type Site, type SiteKind, type SiteProperties } from './types';

const SECTOR_BIT: Record<string, number> = Object.fromEntries(SECTOR_IDS.map((id, i) => [id, 1 << i]));

export function sectorMask(sectors: readonly SectorId[] | null | undefined): number {
  let m = 0;
  if (sectors) for (const s of sectors) m |= SECTOR_BIT[s] ?? 0;
  return m;
}

export interface PreparedSite {
  site: Site;
  props: SiteProperties;
  surface: number | null;
  level: ReadinessLevel;
  sectorMask: number;
  /** Normalised name, commune and id, one per line (computed on first use). */
  readonly text: string;
  availability: Availability;
  kind: SiteKind;
  epci: string | null;
  insee: string | null;
  distRn2: number | null;
  distWaterway: number | null;
  distStation: number | null;
  /** Friche status key (potentielle, sans_projet, avec_projet, reconvertie), or null. */
  fricheStatus: string | null;
  distIte: number | null;
  /** Sort key of the name (see collationKey), computed on first use by sortSites. */
  nameKey?: string;
}

function finiteOrNull(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** A site's normalised name, commune and id, one per line (see PreparedSite.text). */
function searchText(p: SiteProperties): string {
  // A friche renamed to its short title stays findable by its full source title (« Recyclage foncier… »).
  return (
    `${normalizeForSearch(p.name)}\n${normalizeForSearch(p.commune)}\n${normalizeForSearch(p.id)}` +
    (p.friche_details?.full_name && p.friche_details.full_name !== p.name ? `\n${normalizeForSearch(p.friche_details.full_name)}` : '')
  );
}

/**
 * A prepared site. A class, not an object literal with a getter: every instance shares one shape
 * and the lazy `text` lives on the prototype (a literal with an accessor defines it anew on each
 * object, the slowest part of preparing 100,000 sites).
 */
class Prepared implements PreparedSite {
  readonly site: Site;
  readonly props: SiteProperties;
  readonly surface: number | null;
  readonly level: ReadinessLevel;
  readonly sectorMask: number;
  readonly availability: Availability;
  readonly kind: SiteKind;
  readonly epci: string | null;
  readonly insee: string | null;
  readonly distRn2: number | null;
  readonly distWaterway: number | null;
  readonly distStation: number | null;
  readonly fricheStatus: string | null;
  readonly distIte: number | null;
  nameKey: string | undefined = undefined;
  private searchText: string | undefined = undefined;

  constructor(site: Site) {
    const p = site.properties;
    this.site = site;
    this.props = p;
    this.surface = siteSurfaceM2(p);
    this.level = readinessLevel(p);
    this.sectorMask = sectorMask(p.sectors);
    this.availability = p.availability;
    this.kind = p.kind;
    this.epci = p.epci_siren;
    this.insee = p.insee;
    this.distRn2 = finiteOrNull(p.dist_rn2_m);
    this.distWaterway = finiteOrNull(p.dist_waterway_m);
    this.distStation = finiteOrNull(p.dist_station_m);
    this.fricheStatus = p.kind === 'friche' || p.friche_status ? fricheStatusOf(p.friche_status) : null;
    this.distIte = finiteOrNull(p.dist_ite_m);
  }

  // Computed on the first text search only: at 100,000 sites, the start-up saves ~0.3 s.
  get text(): string {
    return (this.searchText ??= searchText(this.props));
  }
}

export function prepareSite(site: Site): PreparedSite {
  return new Prepared(site);
}

const CACHE = new WeakMap<Site, PreparedSite>();

/** Prepared view of one site (memoised per site object: the same object for the same site). */
export function preparedSite(s: Site): PreparedSite {
  let ps = CACHE.get(s);
  if (!ps || ps.props !== s.properties) {
    ps = prepareSite(s);
    CACHE.set(s, ps);
  }
  return ps;
}

/** Prepared view of the sites (memoised per site object). */
export function prepareSites(sites: readonly Site[]): PreparedSite[] {
  const out = new Array<PreparedSite>(sites.length);
  for (let i = 0; i < sites.length; i++) out[i] = preparedSite(sites[i]);
  return out;
}

/** Facets a filter can fail on, one bit each (used by facet counts). */
export const FACET_BIT = {
  surface: 1,
  sectors: 2,
  levels: 4,
  availability: 8,
  kinds: 16,
  epci: 32,
  communes: 64,
  text: 128,
  distances: 256,
  fricheStatuses: 512,
} as const;
export type FacetName = keyof typeof FACET_BIT;

/** A FilterState turned into fast tests. */
export interface CompiledFilter {
  surfaceMin: number | null;
  surfaceMax: number | null;
  sectorMask: number;
  sectorAll: boolean;
  levels: ReadonlySet<string> | null;
  availability: ReadonlySet<string> | null;
  kinds: ReadonlySet<string> | null;
  epci: ReadonlySet<string> | null;
  communes: ReadonlySet<string> | null;
  tokens: string[];
  maxRn2: number | null;
  maxWaterway: number | null;
  maxStation: number | null;
  fricheStatuses: ReadonlySet<string> | null;
  maxIte: number | null;
}

function setOrNull(a: readonly string[] | null | undefined): ReadonlySet<string> | null {
  return a && a.length ? new Set(a) : null;
}

function kmToM(km: number | null | undefined): number | null {
  return typeof km === 'number' && Number.isFinite(km) ? km * 1000 : null;
}

export function compileFilter(f: FilterState): CompiledFilter {
  return {
    surfaceMin: finiteOrNull(f.surfaceMin),
    surfaceMax: finiteOrNull(f.surfaceMax),
    sectorMask: sectorMask(f.sectors),
    sectorAll: f.sectorMode === 'all',
    levels: setOrNull(f.levels),
    availability: setOrNull(f.availability),
    kinds: setOrNull(f.kinds),
    epci: setOrNull(f.epci),
    communes: setOrNull(f.communes),
    tokens: searchTokens(f.text),
    maxRn2: kmToM(f.maxDistRn2Km),
    maxWaterway: kmToM(f.maxDistWaterwayKm),
    maxStation: kmToM(f.maxDistStationKm),
    fricheStatuses: setOrNull(f.fricheStatuses),
    maxIte: kmToM(f.maxDistIteKm),
  };
}

/** Bit mask of the facets this site fails (0 = the site matches every filter). */
export function failMask(ps: PreparedSite, c: CompiledFilter): number {
  let m = 0;
  if (c.surfaceMin !== null || c.surfaceMax !== null) {
    const s = ps.surface;
    if (s === null || (c.surfaceMin !== null && s < c.surfaceMin) || (c.surfaceMax !== null && s > c.surfaceMax)) m |= 1;
  }
  if (c.sectorMask !== 0) {
    const hit = ps.sectorMask & c.sectorMask;
    if (c.sectorAll ? hit !== c.sectorMask : hit === 0) m |= 2;
  }
  if (c.levels !== null && !c.levels.has(ps.level)) m |= 4;
  if (c.availability !== null && !c.availability.has(ps.availability)) m |= 8;
  if (c.kinds !== null && !c.kinds.has(ps.kind)) m |= 16;
  if (c.epci !== null && (ps.epci === null || !c.epci.has(ps.epci))) m |= 32;
  if (c.communes !== null && (ps.insee === null || !c.communes.has(ps.insee))) m |= 64;
  if (c.tokens.length) {
    for (const t of c.tokens) {
      if (!ps.text.includes(t)) {
        m |= 128;
        break;
      }
    }
  }
  if (
    (c.maxRn2 !== null && (ps.distRn2 === null || ps.distRn2 > c.maxRn2)) ||
    (c.maxWaterway !== null && (ps.distWaterway === null || ps.distWaterway > c.maxWaterway)) ||
    (c.maxStation !== null && (ps.distStation === null || ps.distStation > c.maxStation)) ||
    (c.maxIte !== null && (ps.distIte === null || ps.distIte > c.maxIte))
  ) {
    m |= 256;
  }
  if (c.fricheStatuses !== null && (ps.fricheStatus === null || !c.fricheStatuses.has(ps.fricheStatus))) m |= 512;
  return m;
}

export function matchesFilters(p: SiteProperties, f: FilterState): boolean {
  const ps = prepareSite({ type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] }, properties: p });
  return failMask(ps, compileFilter(f)) === 0;
}

/** The prepared sites that match every filter, in input order. */
export function filterPrepared(prepared: readonly PreparedSite[], f: FilterState): Site[] {
  const c = compileFilter(f);
  const out: Site[] = [];
  for (let i = 0; i < prepared.length; i++) {
    const ps = prepared[i];
    if (failMask(ps, c) === 0) out.push(ps.site);
  }
  return out;
}

/** The sites that match every filter, in input order. */
export function filterSites(sites: readonly Site[], f: FilterState): Site[] {
  return filterPrepared(prepareSites(sites), f);
}
