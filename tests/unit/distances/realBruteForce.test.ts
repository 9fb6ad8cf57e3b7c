/**
 * The fast calculator against the brute-force ellipsoidal reference
 * (src/domain/distances/ellipsoidReference.ts) on the REAL networks, on a small deterministic
 * sample that reaches every network part (scripts/lib/distanceSites.ts, coverageSites): each
 * RN2 part of carriageways D, G and I, each RN2 gap, each waterway part, each passenger
 * station and each siding (ITE) point, as points and polygons. Each distance within 1 cm of
 * the reference (WGS84 geodesics), the same nearest name (ties allowed), and the RN2 gap bound
 * computed from the reference. The 1,000-site random comparison runs as a bench:
 * npm run bench:brute-force.
 */
import { describe, expect, it } from 'vitest';
import { createDistanceCalculator, type DetailedDistances, type TransportNetworks } from '../../../src/domain/distances';
import { ellipsoidReferenceNearest } from '../../../src/domain/distances/ellipsoidReference';
import { loadNetworksFromSources } from '../../../src/domain/distances/node';
import { RN2_GAP_CORRIDOR_M } from '../../../src/domain/distances/rn2Gaps';
import { coverageSites, type TestSite } from '../../../scripts/lib/distanceSites';
import { REAL_SKIP_REASON, REAL_TRANSPORT_DIR } from './helpers';

const TOLERANCE_M = 0.01;
type Key = 'rn2' | 'waterway' | 'station' | 'ite';

describe.skipIf(!REAL_TRANSPORT_DIR)('fast calculator vs brute force on the WGS84 ellipsoid, real networks', () => {
  const nets = REAL_TRANSPORT_DIR ? loadNetworksFromSources(REAL_TRANSPORT_DIR) : (null as unknown as TransportNetworks);
  const calc = REAL_TRANSPORT_DIR ? createDistanceCalculator(nets) : null;
  const sites: TestSite[] = REAL_TRANSPORT_DIR ? coverageSites(nets) : [];
  const computed: DetailedDistances[] = sites.map((s) => calc!.compute(s.geometry));
  const layer = (key: Key) => (key === 'rn2' ? nets.rn2 : key === 'waterway' ? nets.waterway : key === 'station' ? nets.stations : nets.ite);

  it('the sample reaches every part: carriageways D/G/I, every gap, the three waterway parts, every station and siding point', () => {
    const labels = sites.map((s) => s.label).join('\n');
    for (const cw of ['D', 'G', 'I']) expect(labels).toContain(`rn2 ${cw} part`);
    for (let g = 1; g <= nets.rn2Gaps.length; g++) expect(labels).toContain(`rn2 gap ${g}\n`);
    for (const part of ['Aisne canalisée', "Canal latéral à l'Aisne", "Canal de l'Oise à l'Aisne"]) expect(labels).toContain(`waterway ${part}`);
    expect(sites.filter((s) => s.label.startsWith('station ')).length).toBe(nets.stations.features.length);
    expect(sites.filter((s) => s.label.startsWith('ite ')).length).toBe(nets.ite.features.length);
    expect(sites.some((s) => s.geometry.type === 'Polygon' && s.label.startsWith('rn2'))).toBe(true);
  });

  for (const key of ['rn2', 'waterway', 'station', 'ite'] as Key[]) {
    it(`${key}: every site within ${TOLERANCE_M * 100} cm of the reference, with the same nearest name`, () => {
      const fc = layer(key);
      let maxDiff = 0;
      let zeros = 0;
      sites.forEach((site, i) => {
        const ref = ellipsoidReferenceNearest(site.geometry, fc)!;
        const mine = computed[i][key]!;
        const diff = Math.abs(mine.distance_m - ref.distance_m);
        maxDiff = Math.max(maxDiff, diff);
        if (ref.distance_m === 0) zeros++;
        expect(diff, `${site.label}: ${mine.distance_m} vs ${ref.distance_m}`).toBeLessThanOrEqual(TOLERANCE_M);
        const refName = fc.features[ref.feature].properties!.name;
        if (mine.name !== refName) {
          // A tie: the feature we named must be as near as the reference's.
          const same = { ...fc, features: fc.features.filter((f) => f.properties!.name === mine.name) };
          const tie = ellipsoidReferenceNearest(site.geometry, same as never)!;
          expect(Math.abs(tie.distance_m - ref.distance_m), `${site.label}: ${mine.name} vs ${refName}`).toBeLessThanOrEqual(TOLERANCE_M);
        }
      });
      if (key === 'rn2') expect(zeros).toBeGreaterThan(0); // sites on the road and polygons crossing it
      console.info(`max |fast − reference| ${key}: ${(maxDiff * 1000).toFixed(3)} mm on ${sites.length} sites`);
    }, 60_000);
  }

  it('rn2 gaps: the possible over-estimate follows the reference distance to the nearest gap bridge', () => {
    const bridges = {
      type: 'FeatureCollection' as const,
      features: nets.rn2Gaps.map((g) => ({ type: 'Feature' as const, properties: {}, geometry: { type: 'LineString' as const, coordinates: [g.from_lonlat, g.to_lonlat] } })),
    };
    sites.forEach((site, i) => {
      if (!site.label.startsWith('rn2 gap')) return;
      const d = computed[i].rn2!;
      const bridge = ellipsoidReferenceNearest(site.geometry, bridges)!.distance_m;
      const lower = Math.min(d.distance_m, Math.max(0, bridge - RN2_GAP_CORRIDOR_M));
      const expected = d.distance_m - lower;
      expect(d.error_m ?? 0, site.label).toBeCloseTo(expected, 2);
      expect(d.error_m, site.label).not.toBeNull(); // 150 m off a gap bridge: always flagged
    });
  }, 30_000);
});
if (!REAL_TRANSPORT_DIR) console.warn(REAL_SKIP_REASON);
