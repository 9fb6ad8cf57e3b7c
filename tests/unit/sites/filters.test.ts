import { describe, expect, it } from 'vitest';
import { filterPrepared, filterSites, matchesFilters, prepareSites } from '../../../src/domain/filters';
import { EMPTY_FILTERS, type FilterState } from '../../../src/domain/types';
import { baseSites, expectGolden, goldenCases, goldenInput, makeSite } from './helpers';

describe('filterSites — golden fixtures (tests/fixtures/sites/filters)', () => {
  const sites = baseSites();
  for (const name of goldenCases('filters')) {
    it(name, () => {
      const { filters } = goldenInput<{ filters: Partial<FilterState> }>('filters', name);
      const f: FilterState = { ...EMPTY_FILTERS, ...filters };
      const ids = filterSites(sites, f).map((s) => s.properties.id);
      expectGolden('filters', name, { ids });
      // The single-site predicate and the prepared path agree with filterSites.
      expect(sites.filter((s) => matchesFilters(s.properties, f)).map((s) => s.properties.id)).toEqual(ids);
      expect(filterPrepared(prepareSites(sites), f).map((s) => s.properties.id)).toEqual(ids);
    });
  }
});

describe('filterSites — behaviour', () => {
  const sites = baseSites();
  const ids = (f: Partial<FilterState>) => filterSites(sites, { ...EMPTY_FILTERS, ...f }).map((s) => s.properties.id);

  it('the friche status filter keeps friches of the chosen statuses only; plots never match it', () => {
    const friches = sites.filter((s) => s.properties.kind === 'friche');
    expect(ids({ fricheStatuses: ['sans_projet'] })).toEqual(friches.filter((s) => s.properties.friche_status === 'friche sans projet').map((s) => s.properties.id));
    expect(ids({ fricheStatuses: ['sans_projet', 'potentielle'] })).toEqual(friches.map((s) => s.properties.id));
    expect(ids({ fricheStatuses: ['reconvertie'] })).toEqual([]);
    expect(ids({ fricheStatuses: ['potentielle'], kinds: ['plot'] })).toEqual([]);
  });

  it('empty filters keep every site, in input order', () => {
    expect(ids({})).toEqual(sites.map((s) => s.properties.id));
  });

  it('combined filters are the intersection of each filter alone (AND)', () => {
    const parts: Partial<FilterState>[] = [
      { surfaceMin: 4000 },
      { sectors: ['agro', 'logistics'] },
      { levels: ['cle_en_main', 'a_preparer'] },
      { maxDistRn2Km: 10 },
    ];
    const combined = ids(Object.assign({}, ...parts));
    const intersection = parts.map(ids).reduce((a, b) => a.filter((x) => b.includes(x)));
    expect(combined).toEqual(intersection);
    expect(combined.length).toBeGreaterThan(0);
    expect(combined.length).toBeLessThan(sites.length);
  });

  it('a site with unknown surface never matches an active surface filter', () => {
    expect(ids({ surfaceMin: 0 })).not.toContain('T-ECOPARC');
    expect(ids({})).toContain('T-ECOPARC');
  });

  it('surface bounds are inclusive and use the declared surface before the computed one', () => {
    // T-CROUY-ENTREPOT: declared 200 000, computed 190 000.
    expect(ids({ surfaceMin: 200000, surfaceMax: 200000 })).toEqual(['T-CROUY-ENTREPOT']);
    expect(ids({ surfaceMin: 190000, surfaceMax: 190000 })).toEqual([]);
    // T-VERRIERS-3 has only a computed surface.
    expect(ids({ surfaceMin: 12000, surfaceMax: 12000 })).toEqual(['T-VERRIERS-3']);
  });

  it('the rail siding (ITE) filter keeps sites within the distance (inclusive), never one whose distance is unknown', () => {
    const s = [
      makeSite({ id: 'A', dist_ite_m: 1500 }),
      makeSite({ id: 'B', dist_ite_m: 2000 }),
      makeSite({ id: 'C', dist_ite_m: 2001 }),
      makeSite({ id: 'D' }),
    ];
    const keep = (f: Partial<FilterState>) => filterSites(s, { ...EMPTY_FILTERS, ...f }).map((x) => x.properties.id);
    expect(keep({ maxDistIteKm: 2 })).toEqual(['A', 'B']);
    expect(keep({ maxDistIteKm: null })).toEqual(['A', 'B', 'C', 'D']);
    // Combined with another distance filter (AND).
    expect(keep({ maxDistIteKm: 2, maxDistStationKm: 1 })).toEqual([]);
  });

  it('a site with unknown distance never matches an active distance filter', () => {
    expect(ids({ maxDistRn2Km: 1000 })).not.toContain('02722_1633');
    expect(ids({ maxDistStationKm: 1000 })).not.toContain('02110_2326');
  });

  it('text search ignores case, accents, ligatures and punctuation', () => {
    expect(ids({ text: 'ENTREPOT' })).toEqual(['T-CROUY-ENTREPOT']);
    expect(ids({ text: 'écoparc' })).toEqual(['T-ECOPARC']);
    expect(ids({ text: 'oeuvre' })).toEqual(['T-OULCHY-ATELIER']);
    expect(ids({ text: 'Villers-Cotterêts' })).toEqual(['T-VERRIERS-3']);
    expect(ids({ text: '   ' })).toEqual(sites.map((s) => s.properties.id));
  });
});
