import { describe, expect, it } from 'vitest';
import { sortSites } from '../../../src/domain/sort';
import type { SortState } from '../../../src/domain/types';
import { baseSites, expectGolden, goldenCases, goldenInput, makeSite, type SiteSpec } from './helpers';

describe('sortSites — golden fixtures (tests/fixtures/sites/sort)', () => {
  for (const name of goldenCases('sort')) {
    it(name, () => {
      const c = goldenInput<{ sort: SortState; sites?: SiteSpec[] }>('sort', name);
      const sites = c.sites ? c.sites.map(makeSite) : baseSites();
      const copy = [...sites];
      const ids = sortSites(sites, c.sort).map((s) => s.properties.id);
      expectGolden('sort', name, { ids });
      expect(sites, 'the input array is not reordered').toEqual(copy);
      expect([...ids].sort()).toEqual(sites.map((s) => s.properties.id).sort());
    });
  }
});

describe('sortSites — behaviour', () => {
  it('sites with an unknown value come last, in input order, in both directions', () => {
    for (const dir of ['asc', 'desc'] as const) {
      const ids = sortSites(baseSites(), { key: 'dist_station', dir }).map((s) => s.properties.id);
      expect(ids.slice(-3)).toEqual(['T-ECOPARC', '02110_2326', 'T-OULCHY-ATELIER']);
    }
  });

  it('descending is the reverse of ascending for distinct known values', () => {
    const asc = sortSites(baseSites(), { key: 'surface', dir: 'asc' }).map((s) => s.properties.id);
    const desc = sortSites(baseSites(), { key: 'surface', dir: 'desc' }).map((s) => s.properties.id);
    expect(desc.slice(0, -1)).toEqual(asc.slice(0, -1).reverse());
    expect(asc.at(-1)).toBe('T-ECOPARC');
    expect(desc.at(-1)).toBe('T-ECOPARC');
  });
});
