import { describe, expect, it } from 'vitest';
import { summarize } from '../../../src/domain/summary';
import { baseSites, expectGolden, goldenCases, goldenInput, makeSite, type SiteSpec } from './helpers';

describe('summarize — golden fixtures (tests/fixtures/sites/summary)', () => {
  for (const name of goldenCases('summary')) {
    it(name, () => {
      const c = goldenInput<{ sites?: SiteSpec[] }>('summary', name);
      const sites = c.sites ? c.sites.map(makeSite) : baseSites();
      const s = summarize(sites);
      expectGolden('summary', name, s);
      // Consistency: buckets add up to the totals.
      expect(s.byEpci.reduce((a, b) => a + b.count, 0)).toBe(s.count);
      expect(Object.values(s.byLevel).reduce((a, b) => a + b.count, 0)).toBe(s.count);
      expect(s.byEpci.reduce((a, b) => a + b.ha, 0)).toBeCloseTo(s.totalHa, 9);
      expect(s.frichesByStatus.reduce((a, b) => a + b.count, 0)).toBe(sites.filter((x) => x.properties.kind === 'friche').length);
    });
  }
});

describe('summarize — behaviour', () => {
  it('a site listing a sector twice counts once in it', () => {
    const s = summarize([makeSite({ id: 'x', sectors: ['agro', 'agro'], declared_surface_m2: 10000 })]);
    expect(s.bySector.agro).toEqual({ count: 1, ha: 1 });
  });
});
