/**
 * 1,000 random sites (seeded; 667 points and 333 small polygons, some of them on the road) in the territory against the
 * brute-force Turf reference over every segment of the REAL networks: each distance within
 * 1 m, and the same nearest part name (ties allowed).
 */
import { describe, expect, it } from 'vitest';
import type { Polygon, Position } from 'geojson';
import { createDistanceCalculator, type TransportNetworks } from '../../../src/domain/distances';
import { bruteForceNearest, referenceNetwork } from '../../../src/domain/distances/bruteForce';
import { loadNetworksFromSources } from '../../../src/domain/distances/node';
import type { SiteGeometry } from '../../../src/domain/types';
import { mulberry32, REAL_SKIP_REASON, REAL_TRANSPORT_DIR } from './helpers';

const BBOX = { lonMin: 2.95, lonMax: 3.75, latMin: 49.13, latMax: 49.5 };

/** A small irregular polygon (5–8 vertices, radius 30–600 m) around a centre. */
function smallPolygon(rnd: () => number, c: Position): Polygon {
  const n = 5 + Math.floor(rnd() * 4);
  const radius = 30 + rnd() * 570;
  const ring: Position[] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n + rnd() * 0.5;
    const r = radius * (0.5 + rnd() * 0.5);
    ring.push([c[0] + (r * Math.cos(a)) / (111320 * Math.cos((c[1] * Math.PI) / 180)), c[1] + (r * Math.sin(a)) / 110574]);
  }
  ring.push(ring[0]);
  return { type: 'Polygon', coordinates: [ring] };
}

function randomSites(n: number, seed: number, nets: TransportNetworks): SiteGeometry[] {
  const rnd = mulberry32(seed);
  const rn2Vertices = nets.rn2.features.flatMap((f) => (f.geometry.type === 'MultiLineString' ? f.geometry.coordinates.flat() : f.geometry.coordinates));
  const sites: SiteGeometry[] = [];
  for (let i = 0; i < n; i++) {
    const c: Position = [BBOX.lonMin + rnd() * (BBOX.lonMax - BBOX.lonMin), BBOX.latMin + rnd() * (BBOX.latMax - BBOX.latMin)];
    // Two thirds points, one third polygons (a polygon costs the Turf reference ~6× a point).
    if (i % 3 !== 2) sites.push({ type: 'Point', coordinates: c });
    else if (i % 51 === 2) sites.push(smallPolygon(rnd, rn2Vertices[Math.floor(rnd() * rn2Vertices.length)])); // on the road
    else sites.push(smallPolygon(rnd, c));
  }
  return sites;
}

describe.skipIf(!REAL_TRANSPORT_DIR)('fast calculator vs brute-force Turf on the real networks', () => {
  it('agrees within 1 m with the same nearest names on 1,000 seeded random sites', () => {
    const nets = loadNetworksFromSources(REAL_TRANSPORT_DIR!);
    const calc = createDistanceCalculator(nets);
    const layers = { rn2: nets.rn2, waterway: nets.waterway, station: nets.stations } as const;
    const refs = { rn2: referenceNetwork(nets.rn2), waterway: referenceNetwork(nets.waterway), station: referenceNetwork(nets.stations) };
    const maxDiff = { rn2: 0, waterway: 0, station: 0 };
    let zeros = 0;
    for (const site of randomSites(1000, 20240611, nets)) {
      const d = calc.compute(site);
      for (const key of ['rn2', 'waterway', 'station'] as const) {
        const ref = bruteForceNearest(site, refs[key])!;
        const mine = d[key]!;
        const diff = Math.abs(mine.distance_m - ref.distance_m);
        maxDiff[key] = Math.max(maxDiff[key], diff);
        expect(diff, `${key} ${JSON.stringify(site)}`).toBeLessThan(1);
        const refName = layers[key].features[ref.feature].properties!.name;
        if (mine.name !== refName) {
          // A tie: the part we named must be as near as the reference's part.
          const sameName = { ...layers[key], features: layers[key].features.filter((f) => f.properties!.name === mine.name) };
          const tie = bruteForceNearest(site, sameName as never)!;
          expect(Math.abs(tie.distance_m - ref.distance_m), `${key} name ${mine.name} vs ${refName}`).toBeLessThan(1);
        }
      }
      if (d.rn2!.distance_m === 0) zeros++;
    }
    expect(zeros).toBeGreaterThan(0); // some polygons do cross the road
    console.info('max |fast − Turf| (m):', maxDiff);
  }, 300_000);
});
if (!REAL_TRANSPORT_DIR) console.warn(REAL_SKIP_REASON);
