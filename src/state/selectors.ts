/**
 * Memoised derived values of the store: all sites, the filtered sites, facet counts,
 * the surface histogram, the summary and the sorted list. Each is recomputed only when
 * its inputs change (reference equality), so any number of components can read them.
 * The computations themselves are the pure domain functions.
 */
import { evaluateFilters, fullSurfaceHistogram, siteTable, sortedMatches, type FilterResult } from '../domain/siteTable';
import { summarizePrepared } from '../domain/summary';
import type { FilterState, Site, SortState } from '../domain/types';
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
 * Performance marks for the browser bench: only in the test build (src/testHooksFlag.d.ts:
 * compiled out of production) and when the page sets `window.__atlasPerf` (the bench does,
 * with an init script). Costs one property read otherwise.
 */
function timed<R>(name: string, fn: () => R): R {
  if (typeof __ATLAS_TEST_HOOKS__ === 'undefined' || !__ATLAS_TEST_HOOKS__) return fn();
  const g = globalThis as { __atlasPerf?: boolean };
  if (!g.__atlasPerf) return fn();
  performance.mark(`${name}:start`);
  const r = fn();
  performance.measure(name, `${name}:start`);
  return r;
}

// One pass over the columns of all the sites per filter change (src/domain/siteTable.ts): which
// sites match, then the facet counts and the histogram from the same fail masks, and the list
// order as a walk through the precomputed order of all the sites.
const resultMemo = memoLast((all: Site[], f: FilterState) => timed('atlas:filter', () => evaluateFilters(siteTable(all), f)));
const facetsMemo = memoLast((r: FilterResult) => timed('atlas:facets', () => r.facets));
const histogramMemo = memoLast((r: FilterResult) => timed('atlas:histogram', () => r.histogram()));
/** Histogram of every site (no filter): its edges stay still while filters change. */
const fullHistogramMemo = memoLast((all: Site[]) => fullSurfaceHistogram(siteTable(all)));
const summaryMemo = memoLast((r: FilterResult) => timed('atlas:summary', () => summarizePrepared(r.preparedMatches)));
const sortedMemo = memoLast((r: FilterResult, sort: SortState) => timed('atlas:sort', () => sortedMatches(r, sort)));
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
/** The filters applied to all the sites: per-site pass flags (aligned with selectAllSites), matches, facets, histogram. */
export const selectFilterResult = (s: S): FilterResult => resultMemo(selectAllSites(s), s.filters);
export const selectFilteredSites = (s: S): Site[] => selectFilterResult(s).filtered;
export const selectFacetCounts = (s: S) => facetsMemo(selectFilterResult(s));
export const selectSurfaceHistogram = (s: S) => histogramMemo(selectFilterResult(s));
export const selectFullSurfaceHistogram = (s: S) => fullHistogramMemo(selectAllSites(s));
export const selectSummary = (s: S) => summaryMemo(selectFilterResult(s));
export const selectSortedSites = (s: S): Site[] => sortedMemo(selectFilterResult(s), s.sort);
/** id → site, over real and sample sites. */
export const selectSiteIndex = (s: S): Map<string, Site> => indexMemo(selectAllSites(s));

export const useAllSites = () => useAtlas(selectAllSites);
export const useFilterResult = () => useAtlas(selectFilterResult);
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
