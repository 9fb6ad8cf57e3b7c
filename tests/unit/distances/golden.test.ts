/**
 * Golden in/out fixture: fictitious networks (tests/fixtures/distances/networks) and named
 * sites (sites.in.geojson); expected values (sites.out.json) were computed with the
 * brute-force WGS84 reference (ellipsoidReference.ts) and sums of geodesic lengths, not with
 * the fast calculator. Distances must agree within 1 cm.
 * Regenerate with: npx tsx tests/fixtures/distances/make-fixtures.ts
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { createDistanceCalculator, networksFromLayers } from '../../../src/domain/distances';
import type { SiteGeometry } from '../../../src/domain/types';
import { FIXTURES, fixtureLayers, readJson } from './helpers';

interface Expected {
  id: string;
  rn2: { distance_m: number; name: string };
  waterway: { distance_m: number; name: string };
  station: { distance_m: number; name: string };
  rail_km_to_cdg: number | null;
  ite: { distance_m: number; name: string; line: string };
}

const sites = readJson<FeatureCollection<SiteGeometry>>(join(FIXTURES, 'sites.in.geojson'));
const expected = readJson<Expected[]>(join(FIXTURES, 'sites.out.json'));
const calc = createDistanceCalculator(networksFromLayers(fixtureLayers()));

describe('golden sites against the fictitious networks', () => {
  it('has one expected record per site', () => {
    expect(expected.map((e) => e.id)).toEqual(sites.features.map((f) => f.properties!.id));
  });

  for (const [i, f] of sites.features.entries()) {
    const e = expected[i];
    it(`${e.id}: distances within 1 cm of the WGS84 reference, same nearest names, rail km`, () => {
      const d = calc.compute(f.geometry);
      expect(Math.abs(d.rn2!.distance_m - e.rn2.distance_m)).toBeLessThan(0.01);
      expect(Math.abs(d.waterway!.distance_m - e.waterway.distance_m)).toBeLessThan(0.01);
      expect(Math.abs(d.station!.distance_m - e.station.distance_m)).toBeLessThan(0.01);
      expect(d.waterway!.name).toBe(e.waterway.name);
      expect(d.station!.name).toBe(e.station.name);
      expect(Math.abs(d.ite!.distance_m - e.ite.distance_m)).toBeLessThan(0.01);
      expect(d.ite!.name).toBe(e.ite.name);
      expect(d.ite!.line).toBe(e.ite.line);
      if (e.rail_km_to_cdg === null) expect(d.rail_km_to_cdg).toBeNull();
      else expect(d.rail_km_to_cdg!).toBeCloseTo(e.rail_km_to_cdg, 3);
    });
  }

  it('excludes the non-navigable river even where it is the closest water (names the canal instead)', () => {
    const e = expected.find((x) => x.id === 'near-non-navigable-river')!;
    expect(e.waterway.name).toBe("Canal latéral à l'Aisne");
    const d = calc.compute(sites.features.find((f) => f.properties!.id === 'near-non-navigable-river')!.geometry);
    expect(d.waterway!.name).toBe("Canal latéral à l'Aisne");
    expect(d.waterway!.distance_m).toBeGreaterThan(2000); // the river, 0.5 km away, is ignored
  });

  it('names the part of a MultiLineString network that is nearest', () => {
    const d = calc.compute(sites.features.find((f) => f.properties!.id === 'near-oise-canal-second-part')!.geometry);
    expect(d.waterway!.name).toBe("Canal de l'Oise à l'Aisne");
  });

  it('gives 0 to the station for a polygon that contains it, and names that station', () => {
    const d = calc.compute({ type: 'Polygon', coordinates: [[[2.99, 48.99], [3.01, 48.99], [3.01, 49.01], [2.99, 49.01], [2.99, 48.99]]] });
    expect(d.station!.distance_m).toBe(0);
    expect(d.station!.name).toBe('Gare Centre');
    expect(d.station!.nearest).toEqual([3.0, 49.0]);
  });

  it('groups the two siding records that share a point, and gives its place and line', () => {
    const nets = networksFromLayers(fixtureLayers());
    expect(nets.ite.features.map((f) => [f.properties!.name, f.properties!.records])).toEqual([['Embranchement Sud', 2], ['Embranchement Nord', 1]]);
    const d = calc.compute({ type: 'Point', coordinates: [3.05, 49.2] });
    expect(d.ite).toMatchObject({ distance_m: 0, name: 'Embranchement Sud', line: '229000' });
  });

  it('gives 0 for the polygon crossing the RN2 and the polygon containing the lock cut', () => {
    expect(calc.compute(sites.features.find((f) => f.properties!.id === 'polygon-crossing-rn2')!.geometry).rn2!.distance_m).toBe(0);
    const w = calc.compute(sites.features.find((f) => f.properties!.id === 'polygon-containing-canal-cut')!.geometry).waterway!;
    expect(w.distance_m).toBe(0);
    expect(w.name).toBe('Aisne canalisée');
  });
});
