/**
 * The WGS84 layer of the distance engine (src/domain/distances/ellipsoid.ts, ELLIPSOID.md):
 * the point-to-geodesic-edge Newton search against a dense brute force, and each bound the
 * pruning relies on, checked on sampled geodesics far beyond the territory's scales.
 */
import { describe, expect, it } from 'vitest';
import geographiclib from 'geographiclib-geodesic';
import type { Feature, FeatureCollection, LineString, Point, Position } from 'geojson';
import {
  chordSagittaM,
  ecefFromUnit,
  ellipsoidOverPlane,
  ellipsoidOverSphere,
  geodesicEdge,
  nearestAtEnd3d,
  pointSegment3d,
  pointToEdge,
} from '../../../src/domain/distances/ellipsoid';
import { ellipsoidReferenceNearest, referencePointToEdge } from '../../../src/domain/distances/ellipsoidReference';
import { createDistanceCalculator } from '../../../src/domain/distances';
import { smallPolygon } from '../../../scripts/lib/distanceSites';
import { geodesic, haversine, mulberry32, R, rn2Only } from './helpers';

const { Geodesic } = geographiclib;
const G = Geodesic.WGS84;
const DEG = Math.PI / 180;

function ecef(p: Position): [number, number, number] {
  const out = new Float64Array(3);
  const f = p[1] * DEG, l = p[0] * DEG;
  ecefFromUnit(Math.cos(f) * Math.cos(l), Math.cos(f) * Math.sin(l), Math.sin(f), out, 0);
  return [out[0], out[1], out[2]];
}

/** A random edge: start at latitude `lat`±1°, length `len` m, random azimuth. */
function randomEdge(rnd: () => number, lat: number, len: number): [Position, Position] {
  const a: Position = [-180 + rnd() * 360, Math.max(-89, Math.min(89, lat + (rnd() - 0.5) * 2))];
  const d = G.Direct(a[1], a[0], rnd() * 360, len, Geodesic.LATITUDE | Geodesic.LONGITUDE);
  return [a, [d.lon2!, d.lat2!]];
}

describe('pointToEdge: Newton on the arc length against a dense brute force', () => {
  it('agrees within 1 mm for points all around edges of 10 m to 200 km, at every latitude, whatever the seed', () => {
    const rnd = mulberry32(42);
    let worst = 0;
    for (const lat of [-70, -30, 0, 20, 49, 49.3, 65, 80]) {
      for (const len of [10, 800, 5000, 50_000, 200_000]) {
        for (let k = 0; k < 3; k++) {
          const [a, b] = randomEdge(rnd, lat, len);
          const mid = G.Direct(a[1], a[0], rnd() * 360, rnd() * len * 1.5, Geodesic.LATITUDE | Geodesic.LONGITUDE);
          const p: Position = [mid.lon2!, mid.lat2!];
          const ref = referencePointToEdge(p, a, b);
          for (const seed of [0, 0.5, 1, rnd()]) {
            const got = pointToEdge(p[0], p[1], geodesicEdge(a[0], a[1], b[0], b[1]), seed);
            worst = Math.max(worst, Math.abs(got.distance - ref));
            expect(Math.abs(got.distance - ref), `lat ${lat} len ${len} seed ${seed}`).toBeLessThan(1e-3);
            // The nearest point returned is on the edge and at that distance.
            expect(Math.abs(geodesic(p, [got.lon, got.lat]) - got.distance)).toBeLessThan(1e-6);
          }
        }
      }
    }
    console.info(`pointToEdge worst |Newton − brute force|: ${worst.toExponential(2)} m`);
  });

  it('gives 0 for a point on the edge, and the end for a point beyond it', () => {
    const e = geodesicEdge(3.0, 49.0, 3.2, 49.1);
    const mid = G.Direct(49.0, 3.0, G.Inverse(49.0, 3.0, 49.1, 3.2).azi1!, 5000, Geodesic.LATITUDE | Geodesic.LONGITUDE);
    expect(pointToEdge(mid.lon2!, mid.lat2!, e).distance).toBeLessThan(1e-4);
    const beyond = pointToEdge(3.3, 49.15, e);
    expect(beyond.distance).toBeCloseTo(geodesic([3.3, 49.15], [3.2, 49.1]), 6);
    expect([beyond.lon, beyond.lat]).toEqual([3.2, 49.1]);
  });
});

describe('bounds used to prune candidates (ELLIPSOID.md)', () => {
  it('a geodesic edge stays within chordSagittaM of its 3D chord (edges of 1 m to 500 km, all latitudes)', () => {
    const rnd = mulberry32(7);
    for (const lat of [-85, -45, 0, 30, 49, 60, 85]) {
      for (const len of [1, 300, 4000, 30_000, 150_000, 500_000]) {
        const [a, b] = randomEdge(rnd, lat, len);
        const A = ecef(a), B = ecef(b);
        const line = G.InverseLine(a[1], a[0], b[1], b[0], Geodesic.LATITUDE | Geodesic.LONGITUDE | Geodesic.DISTANCE_IN);
        let worst = 0;
        for (let i = 0; i <= 200; i++) {
          const q = line.Position((line.s13 * i) / 200, Geodesic.LATITUDE | Geodesic.LONGITUDE);
          const Q = ecef([q.lon2!, q.lat2!]);
          worst = Math.max(worst, pointSegment3d(Q[0], Q[1], Q[2], A[0], A[1], A[2], B[0], B[1], B[2]));
        }
        expect(worst, `lat ${lat} len ${len}`).toBeLessThanOrEqual(chordSagittaM(haversine(a, b)));
        // … and the bound is not loose by more than a factor 2.5 for long edges.
        if (len >= 30_000) expect(chordSagittaM(haversine(a, b))).toBeLessThan(2.5 * worst + 1e-3);
      }
    }
  });

  it('a geodesic is never shorter than the 3D chord (lower bound of every pair)', () => {
    const rnd = mulberry32(8);
    for (let k = 0; k < 300; k++) {
      const [a, b] = randomEdge(rnd, -80 + rnd() * 160, 10 ** (rnd() * 6));
      const A = ecef(a), B = ecef(b);
      // Up to rounding of ECEF coordinates (~1e-9 m at 6,400 km): chordSagittaM adds 1 µm for it.
      expect(Math.hypot(A[0] - B[0], A[1] - B[1], A[2] - B[2])).toBeLessThanOrEqual(geodesic(a, b) + 1e-7);
    }
  });

  it('ellipsoidal over spherical and over planar lengths: the factors are lower bounds in their band', () => {
    const rnd = mulberry32(9);
    const cos0 = Math.cos(49.25 * DEG);
    for (let k = 0; k < 500; k++) {
      const a: Position = [2 + rnd() * 3, 48 + rnd() * 3];
      const b: Position = [a[0] + (rnd() - 0.5) * 0.6, a[1] + (rnd() - 0.5) * 0.4];
      const lo = Math.min(a[1], b[1]) - 0.5, hi = Math.max(a[1], b[1]) + 0.5;
      const d = geodesic(a, b);
      expect(d).toBeGreaterThanOrEqual(ellipsoidOverSphere(lo, hi, R) * haversine(a, b) - 1e-9);
      const planar = Math.hypot((b[0] - a[0]) * DEG * R * cos0, (b[1] - a[1]) * DEG * R);
      expect(d).toBeGreaterThanOrEqual(ellipsoidOverPlane(lo, hi, R, cos0) * planar - 1e-9);
    }
  });

  it('nearestAtEnd3d only says « the end is nearest » when it is (brute force)', () => {
    const rnd = mulberry32(10);
    let yes = 0;
    for (let k = 0; k < 400; k++) {
      const [a, b] = randomEdge(rnd, 49, 50 + rnd() * 3000);
      const p: Position = [a[0] + (rnd() - 0.5) * 0.05, a[1] + (rnd() - 0.5) * 0.05];
      const P = ecef(p), A = ecef(a), B = ecef(b);
      if (nearestAtEnd3d(P[0], P[1], P[2], A[0], A[1], A[2], B[0], B[1], B[2])) {
        yes++;
        expect(referencePointToEdge(p, a, b)).toBeCloseTo(geodesic(p, a), 6);
      }
    }
    expect(yes).toBeGreaterThan(100);
  });
});

describe('the calculator on the ellipsoid against the brute-force reference', () => {
  // A fictitious network: long edges (the candidate search must not skip a nearer one) and a
  // dense zigzag (many near-ties on the sphere), plus isolated points.
  const rnd = mulberry32(11);
  const zigzag: Position[] = [];
  for (let i = 0; i <= 60; i++) zigzag.push([3.2 + i * 0.004, 49.3 + (i % 2) * 0.0008]);
  const features: Feature<LineString>[] = [
    { type: 'Feature', properties: { name: 'long' }, geometry: { type: 'LineString', coordinates: [[2.6, 48.9], [3.9, 49.6]] } },
    { type: 'Feature', properties: { name: 'zigzag' }, geometry: { type: 'LineString', coordinates: zigzag } },
    { type: 'Feature', properties: { name: 'meridian' }, geometry: { type: 'LineString', coordinates: [[3.5, 48.9], [3.5, 49.6]] } },
  ];
  const calc = createDistanceCalculator(rn2Only(features));
  const network: FeatureCollection<LineString> = { type: 'FeatureCollection', features };

  it('points and polygons in every direction: within 1 cm, and the nearest point is on the network at that distance', () => {
    let worst = 0;
    for (let k = 0; k < 60; k++) {
      const c: Position = [2.7 + rnd() * 1.1, 48.95 + rnd() * 0.6];
      const site = k % 3 === 0 ? smallPolygon(rnd, c) : ({ type: 'Point', coordinates: c } as Point);
      const d = calc.compute(site).rn2!;
      const ref = ellipsoidReferenceNearest(site, network)!;
      worst = Math.max(worst, Math.abs(d.distance_m - ref.distance_m));
      expect(Math.abs(d.distance_m - ref.distance_m), JSON.stringify(site)).toBeLessThan(0.01);
    }
    console.info(`calculator worst |fast − reference|: ${(worst * 1000).toFixed(4)} mm`);
  });

  it('is longer than the sphere east–west and about equal north–south at 49° N (0.3 % apart)', () => {
    const sphere = createDistanceCalculator(rn2Only([features[2]]), { model: 'sphere' });
    const ell = createDistanceCalculator(rn2Only([features[2]]));
    const eastWest: Point = { type: 'Point', coordinates: [3.6, 49.25] };
    const ratio = ell.compute(eastWest).rn2!.distance_m / sphere.compute(eastWest).rn2!.distance_m;
    expect(ratio).toBeGreaterThan(1.0025);
    expect(ratio).toBeLessThan(1.0035);
  });
});
