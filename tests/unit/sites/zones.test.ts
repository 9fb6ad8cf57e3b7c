import { describe, expect, it } from 'vitest';
import type { ZoneRecord } from '../../../src/domain/types';
import { attachToZones } from '../../../src/domain/zones';
import { expectGolden, goldenCases, goldenInput, makeSite, type SiteSpec } from './helpers';

describe('attachToZones — golden fixtures (tests/fixtures/sites/zones)', () => {
  for (const name of goldenCases('zones')) {
    it(name, () => {
      const c = goldenInput<{ zones: ZoneRecord[]; sites: SiteSpec[] }>('zones', name);
      const sites = c.sites.map(makeSite);
      const out = attachToZones(sites, c.zones);
      expectGolden(
        'zones',
        name,
        out.map((s) => ({ id: s.properties.id, zone_id: s.properties.zone_id, zone_name: s.properties.zone_name })),
      );
      // Inputs are not mutated; untouched sites are the same objects.
      out.forEach((s, i) => {
        if (s.properties.zone_id === sites[i].properties.zone_id) expect(s).toBe(sites[i]);
      });
      expect(sites.every((s) => s.properties.zone_id === (c.sites.find((x) => x.id === s.properties.id)?.zone_id ?? null))).toBe(true);
    });
  }
});

describe('attachToZones — behaviour', () => {
  it('zones without geometry attach nothing', () => {
    const { zones, sites } = goldenInput<{ zones: ZoneRecord[]; sites: SiteSpec[] }>('zones', 'points-and-polygons');
    const s = sites.map(makeSite);
    const out = attachToZones(s, zones.filter((z) => z.geometry === null));
    expect(out).toEqual(s);
  });
});
