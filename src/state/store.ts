/**
 * The atlas store (zustand). Holds the loaded data, the filters, the selection, the
 * map view and the UI state. Derived values (filtered sites, counts) are computed by
 * pure domain functions in selectors, never stored.
 */
import { create } from 'zustand';
import type { FeatureCollection } from 'geojson';
import {
  EMPTY_FILTERS,
  type DataManifest,
  type FilterState,
  type LayerId,
  type Locale,
  type MapView,
  type PageRoute,
  type Site,
  type SortState,
  type ZoneRecord,
} from '../domain/types';
import type { attachToZones } from '../domain/zones';
import { applyZoneDrafts, type ZoneDraft } from '../domain/zoneDrafts';
import { zoneSites } from '../domain/zoneSites';

export const DEFAULT_LAYERS: LayerId[] = ['petr', 'epci', 'communes', 'friches', 'sites', 'zones', 'rn2', 'waterway', 'rail', 'stations', 'ite', 'lgv', 'roissy'];
export const DEFAULT_SORT: SortState = { key: 'name', dir: 'asc' };

/** The atlas page's panels; on a phone they are tabs and the map is one of them. */
export type PanelTab = 'search' | 'zones' | 'curation' | 'map';

/**
 * A drawing in progress on the map (curation, zone digitising…), shown by the app as a
 * banner over the map with « Terminer » / « Annuler ». The feature that draws sets it when
 * the drawing starts and clears it (`setDrawing(null)`) when it ends, however it ends.
 */
export interface DrawingSession {
  /** What is drawn: picks the banner's default instructions. */
  mode: 'polygon' | 'point' | 'edit';
  /** Instructions replacing the default ones (already translated). */
  hint?: string;
  /** « Terminer »: closes the shape / leaves vertex editing. Without it, no such button. */
  finish?: () => void;
  /** « Annuler »: abandons the drawing. Without it, no such button. */
  cancel?: () => void;
}

export interface AtlasState {
  status: 'loading' | 'ready' | 'error';
  loadError: string | null;
  manifest: DataManifest | null;
  layers: Record<string, FeatureCollection>;
  /**
   * The activity zones as the atlas shows them: the published register with the zone
   * drafts applied (outlines digitised in curation). The map, the zones panel and the
   * exports read this one.
   */
  zones: ZoneRecord[];
  /** The register as published (zones.json), without drafts. */
  publishedZones: ZoneRecord[];
  /** Zone outlines drafted in this browser (IndexedDB, see src/state/zoneDrafts.ts). */
  zoneDrafts: ZoneDraft[];
  /**
   * The code that attaches sites to zone outlines could not be downloaded (offline, or a new
   * version deployed): the sites are not attached to the outlines, and what the zones say of
   * their sites misses them until the page is reloaded (see `loadZoneAttach`).
   */
  zoneAttachFailed: boolean;
  /** Real sites (from the data build). */
  sites: Site[];
  /** Fictitious sample sites, loaded only on request ("Charger un jeu d'exemple fictif"). */
  sampleSites: Site[];
  sampleLoaded: boolean;
  /**
   * Curation drafts kept in this browser (IndexedDB, see src/state/curation.ts): new sites
   * and edited versions of published ones. `allSites` shows a draft instead of the
   * published site with the same id.
   */
  draftSites: Site[];
  /** Ids of sites deleted in a draft: hidden by `allSites` until the deletion is published. */
  deletedSiteIds: string[];

  page: PageRoute;
  filters: FilterState;
  sort: SortState;
  selectedId: string | null;
  view: MapView | null;
  visibleLayers: LayerId[];
  shortlist: string[];
  locale: Locale;
  basemap: 'none' | 'ign';
  editMode: boolean;
  /** A message for the aria-live region (errors and confirmations). */
  announcement: string;
  /** The atlas page's panel tab. */
  panelTab: PanelTab;
  /** The drawing in progress on the map, or null. */
  drawing: DrawingSession | null;
  /** The tab to show again when the drawing ends (set when a drawing switched to the map tab). */
  drawingReturnTab: PanelTab | null;
  /**
   * The last request to frame an area on the map ([west, south, east, north], WGS 84):
   * « Zoomer sur les résultats », a commune or EPCI chosen in the filters. `seq` tells two
   * requests for the same box apart. The map panel carries it out.
   */
  frameRequest: { bbox: [number, number, number, number]; seq: number } | null;

  setData(d: { manifest: DataManifest; layers: Record<string, FeatureCollection>; zones: ZoneRecord[]; sites: Site[] }): void;
  setLoadError(message: string): void;
  /** Replaces the zone drafts; `zones` becomes the published register with them applied. */
  setZoneDrafts(drafts: ZoneDraft[]): void;
  setSampleSites(sites: Site[]): void;
  clearSample(): void;
  /** Replaces all drafts (start-up restore, publication). */
  setDrafts(drafts: Site[], deletedIds: string[]): void;
  /** Adds or replaces one draft site (by id) and un-deletes it. */
  upsertDraftSite(site: Site): void;
  /** Drops the draft of a site (the published version, if any, shows again). */
  removeDraftSite(id: string): void;
  /** Marks a site as deleted (draft deletion) and drops its draft. */
  markSiteDeleted(id: string): void;
  setPage(page: PageRoute): void;
  setFilters(patch: Partial<FilterState>): void;
  resetFilters(): void;
  setSort(sort: SortState): void;
  select(id: string | null): void;
  setView(view: MapView): void;
  toggleLayer(id: LayerId, visible?: boolean): void;
  setVisibleLayers(ids: LayerId[]): void;
  toggleShortlist(id: string): void;
  setShortlist(ids: string[]): void;
  setLocale(locale: Locale): void;
  setBasemap(b: 'none' | 'ign'): void;
  setEditMode(on: boolean): void;
  announce(message: string): void;
  setPanelTab(tab: PanelTab): void;
  /**
   * Starts (or updates) a drawing, or ends it with null. With `switchToMap` (a phone, where the
   * map is a tab), the map tab is shown while drawing and the previous tab comes back at the end.
   */
  setDrawing(drawing: DrawingSession | null, options?: { switchToMap?: boolean }): void;
  /** Asks the map to frame this box (see `frameRequest`). */
  requestFrame(bbox: [number, number, number, number]): void;
}

export const useAtlas = create<AtlasState>()((set) => ({
  status: 'loading',
  loadError: null,
  manifest: null,
  layers: {},
  zones: [],
  publishedZones: [],
  zoneDrafts: [],
  zoneAttachFailed: false,
  sites: [],
  sampleSites: [],
  sampleLoaded: false,
  draftSites: [],
  deletedSiteIds: [],

  page: { name: 'atlas' },
  filters: EMPTY_FILTERS,
  sort: DEFAULT_SORT,
  selectedId: null,
  view: null,
  visibleLayers: DEFAULT_LAYERS,
  shortlist: [],
  locale: 'fr',
  basemap: 'none',
  editMode: false,
  announcement: '',
  panelTab: 'search',
  drawing: null,
  drawingReturnTab: null,
  frameRequest: null,

  setData: (d) =>
    set((s) => ({ ...d, publishedZones: d.zones, zones: withAttachLoaded(applyZoneDrafts(d.zones, s.zoneDrafts)), status: 'ready', loadError: null })),
  setZoneDrafts: (zoneDrafts) => set((s) => ({ zoneDrafts, zones: withAttachLoaded(applyZoneDrafts(s.publishedZones, zoneDrafts)) })),
  setLoadError: (message) => set({ status: 'error', loadError: message }),
  setSampleSites: (sites) => set({ sampleSites: sites, sampleLoaded: true }),
  clearSample: () => set({ sampleSites: [], sampleLoaded: false }),
  setDrafts: (draftSites, deletedSiteIds) => set({ draftSites, deletedSiteIds }),
  upsertDraftSite: (site) =>
    set((s) => {
      const id = site.properties.id;
      const i = s.draftSites.findIndex((d) => d.properties.id === id);
      const draftSites = i < 0 ? [...s.draftSites, site] : s.draftSites.map((d, j) => (j === i ? site : d));
      const deletedSiteIds = s.deletedSiteIds.includes(id) ? s.deletedSiteIds.filter((x) => x !== id) : s.deletedSiteIds;
      return { draftSites, deletedSiteIds };
    }),
  removeDraftSite: (id) => set((s) => ({ draftSites: s.draftSites.filter((d) => d.properties.id !== id) })),
  markSiteDeleted: (id) =>
    set((s) => ({
      draftSites: s.draftSites.filter((d) => d.properties.id !== id),
      deletedSiteIds: s.deletedSiteIds.includes(id) ? s.deletedSiteIds : [...s.deletedSiteIds, id],
    })),
  setPage: (page) => set({ page }),
  setFilters: (patch) => set((s) => ({ filters: { ...s.filters, ...patch } })),
  resetFilters: () => set({ filters: EMPTY_FILTERS }),
  setSort: (sort) => set({ sort }),
  select: (id) => set({ selectedId: id }),
  setView: (view) => set({ view }),
  toggleLayer: (id, visible) =>
    set((s) => {
      const on = visible ?? !s.visibleLayers.includes(id);
      const rest = s.visibleLayers.filter((l) => l !== id);
      return { visibleLayers: on ? [...rest, id] : rest };
    }),
  setVisibleLayers: (ids) => set({ visibleLayers: ids }),
  toggleShortlist: (id) =>
    set((s) => ({ shortlist: s.shortlist.includes(id) ? s.shortlist.filter((x) => x !== id) : [...s.shortlist, id] })),
  setShortlist: (ids) => set({ shortlist: ids }),
  setLocale: (locale) => set({ locale }),
  setBasemap: (basemap) => set({ basemap }),
  setEditMode: (editMode) => set({ editMode }),
  announce: (announcement) => set({ announcement }),
  setPanelTab: (panelTab) => set({ panelTab }),
  setDrawing: (drawing, options) =>
    set((s) => {
      if (!drawing) {
        const back = s.drawingReturnTab && s.panelTab === 'map' ? s.drawingReturnTab : s.panelTab;
        return { drawing: null, drawingReturnTab: null, panelTab: back };
      }
      if (!s.drawing && options?.switchToMap && s.panelTab !== 'map') return { drawing, drawingReturnTab: s.panelTab, panelTab: 'map' };
      return { drawing };
    }),
  requestFrame: (bbox) => set((s) => ({ frameRequest: { bbox, seq: (s.frameRequest?.seq ?? 0) + 1 } })),
}));

/**
 * All sites currently in the atlas: real ones, then the fictitious sample when loaded,
 * with the curation drafts applied: a draft replaces the site with the same id, a new
 * draft is appended, and sites deleted in a draft are hidden. Pass the whole state (or
 * at least `draftSites` and `deletedSiteIds`) so drafts are shown.
 *
 * When `zones` is given (the whole state gives it), sites lying in a zone outline get that
 * zone's `zone_id` / `zone_name` (`attachToZones`: a site outside every outline keeps the
 * zone typed for it), once the attachment code is loaded (`loadZoneAttach`, started as soon
 * as a zone has an outline).
 *
 * Memoised on its inputs (reference equality, last 4 calls): the same inputs give the
 * same array, so it is safe in zustand selectors.
 */
export function allSites(
  s: Pick<AtlasState, 'sites' | 'sampleSites'> & Partial<Pick<AtlasState, 'draftSites' | 'deletedSiteIds' | 'zones' | 'layers'>>,
): Site[] {
  const base = sitesWithDrafts(s);
  const attached = s.zones ? attachedToZones(base, s.zones) : base;
  return s.zones && s.layers ? withZoneSites(attached, s.zones, s.layers) : attached;
}

/**
 * The zones as search results (kind `zone`, src/domain/zoneSites.ts) appended to the sites.
 * Memoised on (sites, zones, place layers); the zone sites themselves on (zones, place layers).
 */
function withZoneSites(sites: Site[], zones: ZoneRecord[], layers: Record<string, FeatureCollection>): Site[] {
  const places = { communes: layers.communes, epci: layers.epci, petr: layers.petr };
  if (!zoneSitesCache || zoneSitesCache.zones !== zones || zoneSitesCache.communes !== places.communes || zoneSitesCache.epci !== places.epci || zoneSitesCache.petr !== places.petr) {
    zoneSitesCache = { zones, ...places, result: zoneSites(zones, places) };
  }
  const z = zoneSitesCache.result;
  if (!z.length) return sites;
  const hit = withZonesCache.find((m) => m.sites === sites && m.zoneSites === z);
  if (hit) return hit.result;
  const result = sites.concat(z);
  withZonesCache.unshift({ sites, zoneSites: z, result });
  withZonesCache.length = Math.min(withZonesCache.length, 4);
  return result;
}
let zoneSitesCache: { zones: ZoneRecord[]; communes?: FeatureCollection; epci?: FeatureCollection; petr?: FeatureCollection; result: Site[] } | null = null;
const withZonesCache: { sites: Site[]; zoneSites: Site[]; result: Site[] }[] = [];

function sitesWithDrafts(
  s: Pick<AtlasState, 'sites' | 'sampleSites'> & Partial<Pick<AtlasState, 'draftSites' | 'deletedSiteIds'>>,
): Site[] {
  const drafts = s.draftSites ?? NONE;
  const deleted = s.deletedSiteIds ?? NO_IDS;
  const hit = allSitesCache.find((m) => m.sites === s.sites && m.sample === s.sampleSites && m.drafts === drafts && m.deleted === deleted);
  if (hit) return hit.result;
  const base = s.sampleSites.length ? s.sites.concat(s.sampleSites) : s.sites;
  let result = base;
  if (drafts.length || deleted.length) {
    const draftById = new Map(drafts.map((d) => [d.properties.id, d] as const));
    const gone = new Set(deleted);
    result = [];
    for (const site of base) {
      const id = site.properties.id;
      if (gone.has(id)) continue;
      const d = draftById.get(id);
      if (d) draftById.delete(id);
      result.push(d ?? site);
    }
    for (const d of draftById.values()) if (!gone.has(d.properties.id)) result.push(d);
  }
  allSitesCache.unshift({ sites: s.sites, sample: s.sampleSites, drafts, deleted, result });
  allSitesCache.length = Math.min(allSitesCache.length, 4);
  return result;
}

// The attachment code (turf intersect and its big-number library) is loaded only once a zone
// has an outline: visitors of an atlas without outlines do not download it.
let attachFn: typeof attachToZones | null = null;
let attachLoading: Promise<void> | null = null;
/** The zones a download of the attachment code failed for: tried again only for other zones. */
let attachFailedFor: ZoneRecord[] | null = null;

/**
 * Loads the code that attaches sites to zone outlines (once). When it arrives, `zones` is
 * set again (same content, new array) so every selector attaches the sites.
 */
export function loadZoneAttach(): Promise<void> {
  attachLoading ??= import('../domain/zones').then((m) => {
    attachFn = m.attachToZones;
    attachResults.length = 0;
    attachCache = null;
    const zones = useAtlas.getState().zones;
    if (zones.some((z) => z.geometry)) useAtlas.setState({ zones: [...zones], zoneAttachFailed: false });
    else if (useAtlas.getState().zoneAttachFailed) useAtlas.setState({ zoneAttachFailed: false });
  });
  // A failed download (offline) is tried again at the next change of the zones (not at every
  // store update: the selectors ask for it at each), and said meanwhile: a reload is the sure way
  // back (Chromium 150 may refuse the same module until then).
  attachLoading.catch(() => {
    attachLoading = null;
    attachFailedFor = useAtlas.getState().zones;
    if (!useAtlas.getState().zoneAttachFailed) useAtlas.setState({ zoneAttachFailed: true });
  });
  return attachLoading;
}

function withAttachLoaded(zones: ZoneRecord[]): ZoneRecord[] {
  if (!attachFn && zones !== attachFailedFor && zones.some((z) => z.geometry)) loadZoneAttach().catch(() => undefined);
  return zones;
}

/** The zones the sites were last attached to, and each site's attached version (per site object). */
let attachCache: { zones: ZoneRecord[]; outlined: ZoneRecord[]; bySite: WeakMap<Site, Site> } | null = null;
const attachResults: { sites: Site[]; zones: ZoneRecord[]; result: Site[] }[] = [];

/**
 * The sites attached to the zones that have an outline. Memoised on (sites, zones), and per
 * site object while the zones stay the same: editing one draft recomputes only that site.
 */
function attachedToZones(sites: Site[], zones: ZoneRecord[]): Site[] {
  const hit = attachResults.find((m) => m.sites === sites && m.zones === zones);
  if (hit) return hit.result;
  if (!attachFn) {
    // Not loaded yet: the sites as they are until it arrives (then `zones` changes).
    withAttachLoaded(zones);
    return sites;
  }
  if (attachCache?.zones !== zones) attachCache = { zones, outlined: zones.filter((z) => z.geometry), bySite: new WeakMap() };
  const { outlined, bySite } = attachCache;
  let result = sites;
  if (outlined.length) {
    const missing = sites.filter((x) => !bySite.has(x));
    if (missing.length) {
      const attached = attachFn(missing, outlined);
      missing.forEach((x, i) => bySite.set(x, attached[i]));
    }
    const out = sites.map((x) => bySite.get(x) ?? x);
    if (out.some((x, i) => x !== sites[i])) result = out;
  }
  attachResults.unshift({ sites, zones, result });
  attachResults.length = Math.min(attachResults.length, 4);
  return result;
}

const NONE: Site[] = [];
const NO_IDS: string[] = [];
/** The last few results (callers may pass different inputs, e.g. with and without drafts). */
const allSitesCache: { sites: Site[]; sample: Site[]; drafts: Site[]; deleted: string[]; result: Site[] }[] = [];
