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

export const DEFAULT_LAYERS: LayerId[] = ['petr', 'epci', 'communes', 'friches', 'sites', 'zones', 'rn2', 'waterway', 'rail', 'stations', 'lgv', 'roissy'];
export const DEFAULT_SORT: SortState = { key: 'name', dir: 'asc' };

export interface AtlasState {
  status: 'loading' | 'ready' | 'error';
  loadError: string | null;
  manifest: DataManifest | null;
  layers: Record<string, FeatureCollection>;
  zones: ZoneRecord[];
  /** Real sites (from the data build). */
  sites: Site[];
  /** Fictitious sample sites, loaded only on request ("Charger un jeu d'exemple fictif"). */
  sampleSites: Site[];
  sampleLoaded: boolean;

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

  setData(d: { manifest: DataManifest; layers: Record<string, FeatureCollection>; zones: ZoneRecord[]; sites: Site[] }): void;
  setLoadError(message: string): void;
  setSampleSites(sites: Site[]): void;
  clearSample(): void;
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
}

export const useAtlas = create<AtlasState>()((set) => ({
  status: 'loading',
  loadError: null,
  manifest: null,
  layers: {},
  zones: [],
  sites: [],
  sampleSites: [],
  sampleLoaded: false,

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

  setData: (d) => set({ ...d, status: 'ready', loadError: null }),
  setLoadError: (message) => set({ status: 'error', loadError: message }),
  setSampleSites: (sites) => set({ sampleSites: sites, sampleLoaded: true }),
  clearSample: () => set({ sampleSites: [], sampleLoaded: false }),
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
}));

/** All sites currently in the atlas: real ones, then the fictitious sample when loaded. */
export function allSites(s: Pick<AtlasState, 'sites' | 'sampleSites'>): Site[] {
  return s.sampleSites.length ? s.sites.concat(s.sampleSites) : s.sites;
}
