/**
 * RN2 gaps: distances near a documented gap are flagged with a bounded possible
 * over-estimate; distances far from every gap are exact (error_m null).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, LineString, Point, Position } from 'geojson';
import { createDistanceCalculator, networksFromLayers, RN2_GAP_CORRIDOR_M, type TransportNetworks } from '../../../src/domain/distances';
import { loadNetworksFromSources } from '../../../src/domain/distances/node';
import { referencePointToEdge } from '../../../src/domain/distances/ellipsoidReference';
import { arcDistance, fixtureLayers, haversine, REAL_SKIP_REASON, REAL_TRANSPORT_DIR } from './helpers';

const nets = networksFromLayers(fixtureLayers());
const calc = createDistanceCalculator(nets);
const gapA: Position = [3.1, 49.1];
const gapB: Position = [3.12, 49.1];

/** The fixture's networks with one possible course of the missing road added. */
function withRoad(road: Position[]): TransportNetworks {
  const extra: Feature<LineString> = { type: 'Feature', properties: { name: 'RN2' }, geometry: { type: 'LineString', coordinates: road } };
  return { ...nets, rn2: { type: 'FeatureCollection', features: [...nets.rn2.features, extra] } };
}

describe('RN2 gaps (fictitious network with one gap between lon 3.10 and 3.12)', () => {
  const site: Position = [3.11, 49.105]; // 550 m north of the middle of the gap

  it('flags a site whose nearest RN2 point is a gap end, with the geometric bound', () => {
    const d = calc.compute({ type: 'Point', coordinates: site }).rn2!;
    // Nearest available point: an end of the gap (carriageway G is 0.0002° north of D).
    expect(Math.min(haversine(d.nearest, [3.1, 49.1002]), haversine(d.nearest, [3.12, 49.1002]))).toBeLessThan(1);
    const dBridge = referencePointToEdge(site, gapA, gapB); // WGS84 geodesic, brute force
    expect(d.error_m).not.toBeNull();
    expect(d.error_m!).toBeCloseTo(d.distance_m - Math.max(0, dBridge - RN2_GAP_CORRIDOR_M), 3);
    expect(d.error_m!).toBeGreaterThan(0);
    expect(d.error_m!).toBeLessThanOrEqual(d.distance_m);
  });

  it('bounds the true distance for any course of the missing road inside the corridor', () => {
    const d = calc.compute({ type: 'Point', coordinates: site }).rn2!;
    const lower = d.distance_m - d.error_m!;
    const courses: Position[][] = [
      [gapA, gapB], // straight
      [gapA, [3.11, 49.1016], gapB], // bent 178 m towards the site
      [gapA, [3.105, 49.0985], [3.115, 49.0985], gapB], // bent 167 m away
    ];
    for (const road of courses) {
      const truth = createDistanceCalculator(withRoad(road)).compute({ type: 'Point', coordinates: site }).rn2!.distance_m;
      expect(truth).toBeGreaterThanOrEqual(lower - 0.01);
      expect(truth).toBeLessThanOrEqual(d.distance_m + 0.01);
    }
  });

  it('flags a polygon next to the gap too', () => {
    const poly = { type: 'Polygon' as const, coordinates: [[[3.105, 49.103], [3.115, 49.103], [3.115, 49.106], [3.105, 49.106], [3.105, 49.103]]] };
    const d = calc.compute(poly).rn2!;
    expect(d.error_m).not.toBeNull();
    expect(d.error_m!).toBeLessThanOrEqual(d.distance_m);
  });

  it('gives an exact distance (error_m null) far from the gap', () => {
    const d = calc.compute({ type: 'Point', coordinates: [3.34, 49.17] }).rn2!;
    expect(d.error_m).toBeNull();
    expect(d.distance_m).toBeGreaterThan(0);
  });

  it('gives an exact distance next to the road, 6 km from the gap', () => {
    // 50 m south of carriageway D at lon 3.2: the gap is 5.8 km away.
    const d = calc.compute({ type: 'Point', coordinates: [3.2, 49.09955] }).rn2!;
    expect(d.error_m).toBeNull();
  });
});

describe.skipIf(!REAL_TRANSPORT_DIR)('RN2 gaps on the real network', () => {
  it('for every official TMJA-2019 point that lies in a gap (on the real road), the flagged interval contains 0', () => {
    const real = loadNetworksFromSources(REAL_TRANSPORT_DIR!);
    const realCalc = createDistanceCalculator(real);
    const tmja = JSON.parse(readFileSync(join(REAL_TRANSPORT_DIR!, 'rn2_tmja2019_section_points.geojson'), 'utf8')) as FeatureCollection<Point>;
    let inGaps = 0;
    for (const f of tmja.features) {
      const p = f.geometry.coordinates;
      const nearBridge = Math.min(...real.rn2Gaps.map((g) => arcDistance(p, g.from_lonlat, g.to_lonlat)));
      const d = realCalc.compute({ type: 'Point', coordinates: p }).rn2!;
      if (nearBridge > 150 || d.distance_m < 30) continue; // not a point inside a gap
      inGaps++;
      expect(d.error_m).not.toBeNull();
      expect(d.distance_m - d.error_m!).toBeLessThanOrEqual(1);
    }
    expect(inGaps).toBeGreaterThanOrEqual(15);
  });

  it('the centre of Soissons (2 km from the RN2, 2.5 km from the nearest gap) is exact', () => {
    const d = createDistanceCalculator(loadNetworksFromSources(REAL_TRANSPORT_DIR!)).compute({ type: 'Point', coordinates: [3.33, 49.38] }).rn2!;
    expect(d.error_m).toBeNull();
  });
});
if (!REAL_TRANSPORT_DIR) console.warn(REAL_SKIP_REASON);

