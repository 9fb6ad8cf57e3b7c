import { describe, expect, it } from 'vitest';
import { preparedSite, prepareSites } from '../../../src/domain/filters';
import { prepareForList, sortSites } from '../../../src/domain/sort';
import { collationKey } from '../../../src/domain/text';
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

describe('sortSites — name order equals Intl.Collator("fr", { numeric: true })', () => {
  const collator = new Intl.Collator('fr', { numeric: true });
  const check = (names: string[]) => {
    const sites = names.map((name, i) => makeSite({ id: `N${i}`, name }));
    const got = sortSites(sites, { key: 'name', dir: 'asc' }).map((s) => s.properties.name);
    const expected = [...names].map((n, i) => [n, i] as const).sort((a, b) => collator.compare(a[0], b[0]) || a[1] - b[1]).map((x) => x[0]);
    expect(got).toEqual(expected);
  };

  it('on tricky French names (accents, ligatures, punctuation, numbers, dashes)', () => {
    check([
      'Terrain fictif n° 12 – Soissons', 'Terrain fictif n° 2 – Soissons', 'Terrain fictif n° 2 - Soissons', 'TOTAL – RELAIS', 'TOTAL - Relais',
      '1-3-5 RUE JEAN CALVIN', '1 AV DE L\'EGLISE', '1 AV DE L EUROPE', '? / DECHARGE', '???', '(ex DLI)', '(ex DLI, garage)', '"SPCA"',
      'Œuvre', 'oeuvre', 'Oeuvre', 'Écluse', 'ecluse', 'Eclusier', 'côte', 'cote', 'coté', 'côté', 'L\'Abbaye', 'L’Abbaye', 'Labbaye',
      'Zone 007', 'Zone 7', 'Zone 10', 'Zone 9b', 'a_b', 'a-b', 'a b', 'a.b', 'a,b', 'ab',
    ]);
  });

  it('on 2,000 seeded random names', () => {
    let a = 12345;
    const rnd = () => ((a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 4294967296);
    const alphabet = [...'abcdeéèêëàâçîïôöùûüœæ ABCDÉÈÇŒ0123456789-–_,;:!?.\'’"()/&'];
    const names: string[] = [];
    for (let i = 0; i < 2000; i++) {
      let s = '';
      const n = 1 + Math.floor(rnd() * 10);
      for (let j = 0; j < n; j++) s += alphabet[Math.floor(rnd() * alphabet.length)];
      if (s.trim()) names.push(s.trim());
    }
    check(names);
  });
});

describe('sortSites — name order, descending and ties', () => {
  const collator = new Intl.Collator('fr', { numeric: true });
  it('descending: the collator order reversed, equal names in input order, blank names last in input order', () => {
    const names = ['Oeuvre', 'oeuvre', 'Œuvre', 'Zone 7', '', 'Zone 007', 'Écluse', 'ecluse', '  ', 'Oeuvre', 'zone 10', 'Abbaye'];
    const sites = names.map((name, i) => makeSite({ id: `N${i}`, name }));
    const got = sortSites(sites, { key: 'name', dir: 'desc' }).map((s) => s.properties.id);
    const known = names.map((n, i) => [n.trim(), i] as const).filter(([n]) => n !== '');
    const expected = known.sort((a, b) => -collator.compare(a[0], b[0]) || a[1] - b[1]).map(([, i]) => `N${i}`);
    expect(got).toEqual([...expected, 'N4', 'N8']);
    // The two « Oeuvre » (identical) keep their input order in both directions.
    const asc = sortSites(sites, { key: 'name', dir: 'asc' }).map((s) => s.properties.id);
    expect(asc.indexOf('N0')).toBeLessThan(asc.indexOf('N9'));
    expect(got.indexOf('N0')).toBeLessThan(got.indexOf('N9'));
  });
});

describe('prepareForList', () => {
  it('prepares a site once (same prepared view for the same site object) and keeps its name key; the order is unchanged', () => {
    const sites = baseSites();
    const before = sortSites(sites, { key: 'name', dir: 'asc' }).map((s) => s.properties.id);
    const fresh = sites.map((s) => ({ ...s }));
    for (const s of fresh) prepareForList(s);
    const ps = prepareSites(fresh);
    expect(prepareSites(fresh)).toEqual(ps);
    ps.forEach((p, i) => expect(p).toBe(preparedSite(fresh[i])));
    ps.forEach((p, i) => expect(p.nameKey).toBe(collationKey(fresh[i].properties.name)));
    expect(sortSites(fresh, { key: 'name', dir: 'asc' }).map((s) => s.properties.id)).toEqual(before);
    // A site without a name gets no key (it sorts last) and a new site object is prepared anew.
    const blank = makeSite({ id: 'B', name: ' ' });
    prepareForList(blank);
    expect(preparedSite(blank).nameKey).toBeUndefined();
    const copy = { ...fresh[0] };
    expect(preparedSite(copy)).not.toBe(preparedSite(fresh[0]));
  });
});
