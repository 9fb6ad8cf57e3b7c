import { describe, expect, it } from 'vitest';
import { facetCounts, surfaceHistogram } from '../../../src/domain/facets';
import { filterSites } from '../../../src/domain/filters';
import { EMPTY_FILTERS, type FilterState } from '../../../src/domain/types';
import { baseSites, expectGolden, goldenCases, goldenInput } from './helpers';

const sites = baseSites();

/** Reference semantics, by brute force: select the option alone in its facet, keep the others. */
function bruteForce(f: FilterState) {
  const n = (patch: Partial<FilterState>) => filterSites(sites, { ...f, ...patch }).length;
  const counts = facetCounts(sites, f);
  return {
    sectors: Object.fromEntries(Object.keys(counts.sectors).map((k) => [k, n({ sectors: [k as never], sectorMode: 'any' })])),
    levels: Object.fromEntries(Object.keys(counts.levels).map((k) => [k, n({ levels: [k as never] })])),
    availability: Object.fromEntries(Object.keys(counts.availability).map((k) => [k, n({ availability: [k as never] })])),
    kinds: Object.fromEntries(Object.keys(counts.kinds).map((k) => [k, n({ kinds: [k as never] })])),
    epci: Object.fromEntries(Object.keys(counts.epci).map((k) => [k, n({ epci: [k] })])),
    communes: Object.fromEntries(Object.keys(counts.communes).map((k) => [k, n({ communes: [k] })])),
    fricheStatuses: Object.fromEntries(Object.keys(counts.fricheStatuses).map((k) => [k, n({ fricheStatuses: [k] })])),
  };
}

describe('facetCounts — golden fixtures (tests/fixtures/sites/facets)', () => {
  for (const name of goldenCases('facets')) {
    it(name, () => {
      const f: FilterState = { ...EMPTY_FILTERS, ...goldenInput<{ filters: Partial<FilterState> }>('facets', name).filters };
      const counts = facetCounts(sites, f);
      expectGolden('facets', name, counts);
      expect(counts).toEqual(bruteForce(f));
    });
  }
});

describe('facetCounts — behaviour', () => {
  it('lists every EPCI and commune of the input, with 0 when an option would give no result', () => {
    const c = facetCounts(sites, { ...EMPTY_FILTERS, kinds: ['friche'] });
    expect(Object.keys(c.epci).sort()).toEqual(['200071991', '240200477', '240200501', '240200519']);
    expect(c.epci['240200519']).toBe(0);
    expect(c.communes['02110']).toBe(1);
  });

  it('the count of a selected option equals the number of results when it is the only one selected', () => {
    const f: FilterState = { ...EMPTY_FILTERS, levels: ['a_preparer'], text: 'parc' };
    expect(facetCounts(sites, f).levels.a_preparer).toBe(filterSites(sites, f).length);
  });
});

describe('surfaceHistogram — golden fixtures (tests/fixtures/sites/histogram)', () => {
  for (const name of goldenCases('histogram')) {
    it(name, () => {
      const { filters, bins } = goldenInput<{ filters: Partial<FilterState>; bins?: number }>('histogram', name);
      const f: FilterState = { ...EMPTY_FILTERS, ...filters };
      const h = bins === undefined ? surfaceHistogram(sites, f) : surfaceHistogram(sites, f, bins);
      expectGolden('histogram', name, h);
      expect(h.edges).toHaveLength(h.counts.length + 1);
      // Counts = sites matching every filter but the surface, with a known positive surface.
      const others = filterSites(sites, { ...f, surfaceMin: null, surfaceMax: null }).filter(
        (s) => (s.properties.declared_surface_m2 ?? s.properties.computed_surface_m2 ?? 0) > 0,
      );
      expect(h.counts.reduce((a, b) => a + b, 0)).toBe(others.length);
    });
  }

  it('edges are geometric, from the smallest to the largest surface', () => {
    const h = surfaceHistogram(sites, EMPTY_FILTERS, 4);
    expect(h.edges[0]).toBe(2500);
    expect(h.edges[4]).toBe(400000);
    const ratios = h.edges.slice(1).map((e, i) => e / h.edges[i]);
    for (const r of ratios) expect(r).toBeCloseTo(ratios[0], 9);
  });

  it('no surfaces → no bins; a single surface → one widened range', () => {
    expect(surfaceHistogram([], EMPTY_FILTERS)).toEqual({ edges: [], counts: [] });
    const one = surfaceHistogram(sites.slice(0, 1), EMPTY_FILTERS, 2);
    expect(one.counts.reduce((a, b) => a + b, 0)).toBe(1);
    const b = one.counts.indexOf(1);
    expect(one.edges[b]).toBeLessThanOrEqual(50000);
    expect(one.edges[b + 1]).toBeGreaterThan(50000);
    expect(one.edges[0]).toBe(25000);
    expect(one.edges[2]).toBe(100000);
  });
});
