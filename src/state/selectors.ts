/**
 * Memoised derived values of the store: all sites, the filtered sites, facet counts,
 * the surface histogram, the summary and the sorted list. Each is recomputed only when
 * its inputs change (reference equality), so any number of components can read them.
 * The computations themselves are the pure domain functions.
 */
import { facetCounts, surfaceHistogram } from '../domain/facets';
import { filterSites } from '../domain/filters';
import { sortSites } from '../domain/sort';
import { summarize } from '../domain/summary';
import { EMPTY_FILTERS, type FilterState, type Site, type SortState } from '../domain/types';
import { allSites, useAtlas, type AtlasState } from './store';

/** Last-call memo on reference-equal arguments. */
function memoLast<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let lastArgs: A | null = null;
  let lastResult!: R;
  return (...args: A) => {
    if (lastArgs && lastArgs.length === args.length && lastArgs.every((a, i) => Object.is(a, args[i]))) return lastResult;
    lastResult = fn(...args);
    lastArgs = args;
    return lastResult;
  };
}

/**
 * Performance marks for the browser bench: only when the page sets `window.__atlasPerf`
 * (the bench does, with an init script). Costs one property read otherwise.
 */
function timed<R>(name: string, fn: () => R): R {
  const g = globalThis as { __atlasPerf?: boolean };
  if (!g.__atlasPerf) return fn();
  performance.mark(`${name}:start`);
  const r = fn();
  performance.measure(name, `${name}:start`);
  return r;
}

const filteredMemo = memoLast((all: Site[], f: FilterState) => timed('atlas:filter', () => filterSites(all, f)));
const facetsMemo = memoLast((all: Site[], f: FilterState) => timed('atlas:facets', () => facetCounts(all, f)));
const histogramMemo = memoLast((all: Site[], f: FilterState) => timed('atlas:histogram', () => surfaceHistogram(all, f)));
/** Histogram of every site (no filter): its edges stay still while filters change. */
const fullHistogramMemo = memoLast((all: Site[]) => surfaceHistogram(all, EMPTY_FILTERS));
const summaryMemo = memoLast((filtered: Site[]) => timed('atlas:summary', () => summarize(filtered)));
const sortedMemo = memoLast((filtered: Site[], sort: SortState) => timed('atlas:sort', () => sortSites(filtered, sort)));
const indexMemo = memoLast((all: Site[]) => {
  const m = new Map<string, Site>();
  for (const s of all) m.set(s.properties.id, s);
  return m;
});

type S = Pick<AtlasState, 'sites' | 'sampleSites' | 'draftSites' | 'deletedSiteIds' | 'filters' | 'sort'> & Partial<Pick<AtlasState, 'zones' | 'layers'>>;

/**
 * Real sites, then the sample, with curation drafts applied and, when the state has zones,
 * attached to the zone outlines (memoised in the store module).
 */
export const selectAllSites = (s: S): Site[] => allSites(s);
export const selectFilteredSites = (s: S): Site[] => filteredMemo(selectAllSites(s), s.filters);
export const selectFacetCounts = (s: S) => facetsMemo(selectAllSites(s), s.filters);
export const selectSurfaceHistogram = (s: S) => histogramMemo(selectAllSites(s), s.filters);
export const selectFullSurfaceHistogram = (s: S) => fullHistogramMemo(selectAllSites(s));
export const selectSummary = (s: S) => summaryMemo(selectFilteredSites(s));
export const selectSortedSites = (s: S): Site[] => sortedMemo(selectFilteredSites(s), s.sort);
/** id → site, over real and sample sites. */
export const selectSiteIndex = (s: S): Map<string, Site> => indexMemo(selectAllSites(s));

export const useAllSites = () => useAtlas(selectAllSites);
export const useFilteredSites = () => useAtlas(selectFilteredSites);
export const useFacetCounts = () => useAtlas(selectFacetCounts);
export const useSurfaceHistogram = () => useAtlas(selectSurfaceHistogram);
export const useFullSurfaceHistogram = () => useAtlas(selectFullSurfaceHistogram);
export const useSummary = () => useAtlas(selectSummary);
export const useSortedSites = () => useAtlas(selectSortedSites);
export const useSiteIndex = () => useAtlas(selectSiteIndex);

/** The activity zones with the zone drafts applied (the store keeps them in `zones`). */
export const selectZones = (s: Pick<AtlasState, 'zones'>) => s.zones;
/** Zones that have an outline (published or drafted): the ones sites attach to. */
const outlinedMemo = memoLast((zones: AtlasState['zones']) => zones.filter((z) => z.geometry));
export const selectOutlinedZones = (s: Pick<AtlasState, 'zones'>) => outlinedMemo(s.zones);
export const useZones = () => useAtlas(selectZones);

/** Number of active filter criteria (for the « Réinitialiser » button and headings). */
export function activeFilterCount(f: FilterState): number {
  let n = 0;
  if (f.surfaceMin !== null || f.surfaceMax !== null) n++;
  if (f.sectors.length) n++;
  if (f.levels.length) n++;
  if (f.availability.length) n++;
  if (f.kinds.length) n++;
  if (f.epci.length) n++;
  if (f.communes.length) n++;
  if (f.text.trim()) n++;
  if (f.maxDistRn2Km !== null) n++;
  if (f.maxDistWaterwayKm !== null) n++;
  if (f.maxDistStationKm !== null) n++;
  if (f.fricheStatuses?.length) n++;
  if (f.maxDistIteKm !== null) n++;
  return n;
}
