/**
 * The URL holds everything needed to restore a view: filters, sort, selection, map view,
 * layers, shortlist, sample flag, language and page. Pure: no `window`.
 *
 * Query keys (defaults are omitted; lists are comma-separated, each item URI-encoded):
 *
 * | key    | meaning                          | example                       |
 * |--------|----------------------------------|-------------------------------|
 * | smin   | surface min (m²)                 | smin=5000                     |
 * | smax   | surface max (m²)                 | smax=200000                   |
 * | sect   | sectors                          | sect=logistics,agro           |
 * | sm     | sector mode (default any)        | sm=all                        |
 * | lvl    | readiness levels                 | lvl=cle_en_main,a_preparer    |
 * | av     | availability                     | av=disponible                 |
 * | kind   | kinds                            | kind=friche                   |
 * | epci   | EPCI SIREN                       | epci=240200477                |
 * | com    | commune INSEE codes              | com=02722,02810               |
 * | q      | text search                      | q=silo+de+la+gare             |
 * | drn2   | max distance to the RN2 (km)     | drn2=5                        |
 * | dwat   | max distance to the waterway (km)| dwat=2                        |
 * | dsta   | max distance to a station (km)   | dsta=10                       |
 * | fst    | friche statuses                  | fst=sans_projet,avec_projet   |
 * | sort   | sort key:direction               | sort=surface:desc             |
 * | sel    | selected site id                 | sel=02722_1633                |
 * | v      | map view lon,lat,zoom            | v=3.32,49.38,11.2             |
 * | ly     | visible layers (absent or junk = default; `ly=` = none) | ly=petr,epci |
 * | sl     | shortlist (site ids)             | sl=ID1,ID2                    |
 * | sample | fictitious sample loaded         | sample=1                      |
 * | lang   | locale (default fr)              | lang=en                       |
 *
 * The page is in the hash: `#/site/<id>`, `#/comparer`, `#/accessibilite`, `#/mentions-legales`
 * (none for the atlas).
 *
 * `encodeUrlState` returns `?query` (or '' when every value is the default) followed by the hash
 * (or nothing for the atlas page), e.g. `?sect=agro&lang=en#/comparer`. `decodeUrlState` never
 * throws: unknown keys are ignored, invalid values fall back to their default (invalid list items
 * are dropped, duplicates removed). For any valid state, decode(encode(s)) deep-equals s — valid
 * meaning: finite numbers ≥ 0 (view: lon −180..180, lat −90..90, zoom 0..24), known vocabulary
 * values without duplicates, non-empty ids, well-formed Unicode text.
 */
import { FRICHE_STATUS_KEYS } from './fricheStatus';
import { SECTOR_IDS, EMPTY_FILTERS, LAYER_IDS, READINESS_LEVELS, type Availability, type FilterState, type LayerId, type Locale, type MapView, type PageRoute, type ReadinessLevel, type SectorId, type SiteKind, type SortKey, type SortState, type UrlState } from './types';

export const DEFAULT_URL_SORT: SortState = { key: 'name', dir: 'asc' };
const SORT_KEYS: readonly SortKey[] = ['name', 'surface', 'dist_rn2', 'dist_waterway', 'dist_station', 'dist_ite'];
const AVAILABILITIES: readonly Availability[] = ['disponible', 'sous_option', 'vendu_occupe', 'inconnu'];
const KINDS: readonly SiteKind[] = ['plot', 'friche', 'zone'];

export function defaultUrlState(): UrlState {
  return {
    page: { name: 'atlas' },
    filters: { ...EMPTY_FILTERS, sectors: [], levels: [], availability: [], kinds: [], epci: [], communes: [], fricheStatuses: [] },
    sort: { ...DEFAULT_URL_SORT },
    selectedId: null,
    view: null,
    layers: null,
    shortlist: [],
    sample: false,
    locale: 'fr',
  };
}

// ---------- encoding ----------

/** encodeURIComponent that never throws (lone surrogates become U+FFFD). */
function enc(s: string): string {
  const wf = (s as string & { toWellFormed?: () => string }).toWellFormed?.() ?? s;
  return encodeURIComponent(wf);
}

/** A single value: readable (keeps , : / @ and turns spaces into +). */
function encValue(s: string): string {
  return enc(s).replace(/%20/g, '+').replace(/%2C/gi, ',').replace(/%3A/gi, ':').replace(/%2F/gi, '/').replace(/%40/gi, '@');
}

/** A list item: commas must stay encoded (they separate items). */
function encItem(s: string): string {
  return enc(s).replace(/%20/g, '+').replace(/%3A/gi, ':').replace(/%2F/gi, '/').replace(/%40/gi, '@');
}

function encList(a: readonly string[]): string {
  return a.map(encItem).join(',');
}

export function encodePageHash(page: PageRoute): string {
  switch (page.name) {
    case 'site':
      return `#/site/${enc(page.id)}`;
    case 'compare':
      return '#/comparer';
    case 'accessibility':
      return '#/accessibilite';
    case 'legal':
      return '#/mentions-legales';
    default:
      return '';
  }
}

export function encodeUrlState(s: UrlState): string {
  const parts: string[] = [];
  const f = s.filters;
  const put = (k: string, v: string) => parts.push(`${k}=${v}`);
  if (f.surfaceMin !== null) put('smin', encValue(String(f.surfaceMin)));
  if (f.surfaceMax !== null) put('smax', encValue(String(f.surfaceMax)));
  if (f.sectors.length) put('sect', encList(f.sectors));
  if (f.sectorMode === 'all') put('sm', 'all');
  if (f.levels.length) put('lvl', encList(f.levels));
  if (f.availability.length) put('av', encList(f.availability));
  if (f.kinds.length) put('kind', encList(f.kinds));
  if (f.epci.length) put('epci', encList(f.epci));
  if (f.communes.length) put('com', encList(f.communes));
  if (f.text !== '') put('q', encValue(f.text));
  if (f.maxDistRn2Km !== null) put('drn2', encValue(String(f.maxDistRn2Km)));
  if (f.maxDistWaterwayKm !== null) put('dwat', encValue(String(f.maxDistWaterwayKm)));
  if (f.maxDistStationKm !== null) put('dsta', encValue(String(f.maxDistStationKm)));
  if (f.fricheStatuses.length) put('fst', encList(f.fricheStatuses));
  if (f.maxDistIteKm !== null) put('dite', encValue(String(f.maxDistIteKm)));
  if (s.sort.key !== DEFAULT_URL_SORT.key || s.sort.dir !== DEFAULT_URL_SORT.dir) put('sort', `${s.sort.key}:${s.sort.dir}`);
  if (s.selectedId !== null) put('sel', encValue(s.selectedId));
  if (s.view !== null) put('v', [s.view.lon, s.view.lat, s.view.zoom].map((n) => encItem(String(n))).join(','));
  if (s.layers !== null) put('ly', encList(s.layers));
  if (s.shortlist.length) put('sl', encList(s.shortlist));
  if (s.sample) put('sample', '1');
  if (s.locale !== 'fr') put('lang', s.locale);
  return (parts.length ? `?${parts.join('&')}` : '') + encodePageHash(s.page);
}

/** Rounds a map view for the URL (lon/lat 5 decimals ≈ 1 m, zoom 2 decimals). */
export function roundView(v: MapView): MapView {
  const r = (n: number, d: number) => Math.round(n * 10 ** d) / 10 ** d;
  return { lon: r(v.lon, 5), lat: r(v.lat, 5), zoom: r(v.zoom, 2) };
}

// ---------- decoding ----------

function dec(s: string): string | null {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

function parseQuery(search: string): Map<string, string> {
  const out = new Map<string, string>();
  const q = search.startsWith('?') ? search.slice(1) : search;
  if (!q) return out;
  for (const pair of q.split('&')) {
    if (!pair) continue;
    const i = pair.indexOf('=');
    const k = dec(i < 0 ? pair : pair.slice(0, i));
    if (k === null || out.has(k)) continue; // first occurrence wins
    out.set(k, i < 0 ? '' : pair.slice(i + 1)); // raw (still encoded) value
  }
  return out;
}

function decValue(raw: string | undefined): string | null {
  return raw === undefined ? null : dec(raw);
}

function decList(raw: string | undefined): string[] | null {
  if (raw === undefined) return null;
  if (raw === '') return [];
  const out: string[] = [];
  for (const item of raw.split(',')) {
    const v = dec(item);
    if (v !== null && v !== '' && !out.includes(v)) out.push(v);
  }
  return out;
}

function decEnumList<T extends string>(raw: string | undefined, allowed: readonly T[]): T[] {
  return (decList(raw) ?? []).filter((x): x is T => (allowed as readonly string[]).includes(x));
}

function decNumber(raw: string | undefined, min = 0, max = Infinity): number | null {
  const v = decValue(raw);
  if (v === null || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) && n >= min && n <= max ? n : null;
}

function decView(raw: string | undefined): MapView | null {
  const v = decList(raw);
  if (!v || v.length !== 3) return null;
  const [lon, lat, zoom] = v.map((x) => (x.trim() === '' ? NaN : Number(x)));
  if (![lon, lat, zoom].every(Number.isFinite)) return null;
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90 || zoom < 0 || zoom > 24) return null;
  return { lon, lat, zoom };
}

function decSort(raw: string | undefined): SortState {
  const v = decValue(raw);
  if (!v) return { ...DEFAULT_URL_SORT };
  const [key, dir = 'asc', ...rest] = v.split(':');
  if (rest.length || !(SORT_KEYS as readonly string[]).includes(key) || (dir !== 'asc' && dir !== 'desc')) return { ...DEFAULT_URL_SORT };
  return { key: key as SortKey, dir };
}

export function decodePageHash(hash: string): PageRoute {
  let h = hash.startsWith('#') ? hash.slice(1) : hash;
  if (h.startsWith('/')) h = h.slice(1);
  const q = h.indexOf('?');
  if (q >= 0) h = h.slice(0, q);
  if (h.startsWith('site/')) {
    const id = dec(h.slice('site/'.length));
    return id ? { name: 'site', id } : { name: 'atlas' };
  }
  switch (h.replace(/\/+$/, '')) {
    case 'comparer':
    case 'compare':
      return { name: 'compare' };
    case 'accessibilite':
    case 'accessibility':
      return { name: 'accessibility' };
    case 'mentions-legales':
    case 'legal':
      return { name: 'legal' };
    default:
      return { name: 'atlas' };
  }
}

export function decodeUrlState(search: string, hash: string): UrlState {
  const s = defaultUrlState();
  try {
    const q = parseQuery(typeof search === 'string' ? search : '');
    const g = (k: string) => q.get(k);
    const f: FilterState = s.filters;
    f.surfaceMin = decNumber(g('smin'));
    f.surfaceMax = decNumber(g('smax'));
    f.sectors = decEnumList<SectorId>(g('sect'), SECTOR_IDS);
    f.sectorMode = decValue(g('sm')) === 'all' ? 'all' : 'any';
    f.levels = decEnumList<ReadinessLevel>(g('lvl'), READINESS_LEVELS);
    f.availability = decEnumList(g('av'), AVAILABILITIES);
    f.kinds = decEnumList(g('kind'), KINDS);
    f.epci = decList(g('epci')) ?? [];
    f.communes = decList(g('com')) ?? [];
    f.text = decValue(g('q')) ?? '';
    f.maxDistRn2Km = decNumber(g('drn2'));
    f.maxDistWaterwayKm = decNumber(g('dwat'));
    f.maxDistStationKm = decNumber(g('dsta'));
    f.fricheStatuses = decEnumList(g('fst'), FRICHE_STATUS_KEYS);
    f.maxDistIteKm = decNumber(g('dite'));
    s.sort = decSort(g('sort'));
    s.selectedId = decValue(g('sel')) || null;
    s.view = decView(g('v'));
    const ly = g('ly');
    if (ly === '') s.layers = [];
    else if (ly !== undefined) {
      const layers = decEnumList<LayerId>(ly, LAYER_IDS);
      s.layers = layers.length ? layers : null; // only junk: default layers
    }
    s.shortlist = decList(g('sl')) ?? [];
    const sample = decValue(g('sample'));
    s.sample = sample === '1' || sample === 'true';
    const lang = decValue(g('lang'));
    s.locale = (lang === 'en' ? 'en' : 'fr') as Locale;
    s.page = decodePageHash(typeof hash === 'string' ? hash : '');
  } catch {
    return defaultUrlState();
  }
  return s;
}
