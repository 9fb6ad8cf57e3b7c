/**
 * Reference for tests and benches only: the nearest distance from a site to a network on the
 * WGS84 ellipsoid by brute force, written apart from the fast search (no tree, no 3D bounds,
 * no Newton iteration). Slow on purpose.
 *
 * - A polygon site that touches, crosses or contains a network feature (Turf's
 *   booleanIntersects, in the lon/lat plane as in the fast search): 0.
 * - Otherwise the minimum, over every (site vertex, network edge) and (network vertex, site
 *   edge), of the distance from the point to the geodesic edge: 256 points along the edge
 *   (GeodesicLine), then a golden-section search between the neighbours of the best one
 *   (the distance along a geodesic edge is unimodal, see ELLIPSOID.md).
 * - Edges are skipped when their spherical distance (vector formula below) is more than
 *   1 % + 100 m above the best spherical distance: on the ellipsoid distances differ from
 *   the sphere by less than 0.5 % (N / R ≤ 1.0045, M / R ≥ 0.9944 at any latitude).
 */
import { booleanIntersects } from '@turf/boolean-intersects';
import geographiclib from 'geographiclib-geodesic';
import type { Feature, FeatureCollection, LineString, MultiLineString, Point, Position } from 'geojson';
import type { SiteGeometry } from '../types';

const { Geodesic } = geographiclib;
const G = Geodesic.WGS84;
const R = 6371008.8;
const RAD = Math.PI / 180;
const SAMPLES = 256;

export interface EllipsoidReferenceHit {
  distance_m: number;
  /** Index of the nearest feature of the network. */
  feature: number;
}

type V3 = [number, number, number];
const vec = (p: Position): V3 => {
  const f = p[1] * RAD, l = p[0] * RAD;
  return [Math.cos(f) * Math.cos(l), Math.cos(f) * Math.sin(l), Math.sin(f)];
};
const dot = (a: V3, b: V3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: V3, b: V3): V3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const angle = (a: V3, b: V3) => Math.atan2(Math.hypot(...cross(a, b)), dot(a, b));

/** Spherical distance (m) from p to the great-circle arc a–b (prefilter only). */
function sphereArc(p: Position, a: Position, b: Position): number {
  const P = vec(p), A = vec(a), B = vec(b);
  const n = cross(A, B);
  const nn = Math.hypot(...n);
  if (nn > 0) {
    const N: V3 = [n[0] / nn, n[1] / nn, n[2] / nn];
    const s = dot(P, N);
    const I: V3 = [P[0] - s * N[0], P[1] - s * N[1], P[2] - s * N[2]];
    if (dot(cross(A, I), N) >= 0 && dot(cross(I, B), N) >= 0) return Math.abs(Math.asin(Math.max(-1, Math.min(1, s)))) * R;
  }
  return Math.min(angle(P, A), angle(P, B)) * R;
}

const inverse = (p: Position, lat: number, lon: number) => G.Inverse(p[1], p[0], lat, lon, Geodesic.DISTANCE).s12!;

/** Distance (m) from p to the geodesic edge a–b of the ellipsoid, by sampling and golden-section search. */
export function referencePointToEdge(p: Position, a: Position, b: Position): number {
  if (a[0] === b[0] && a[1] === b[1]) return inverse(p, a[1], a[0]);
  const line = G.InverseLine(a[1], a[0], b[1], b[0], Geodesic.LATITUDE | Geodesic.LONGITUDE | Geodesic.DISTANCE_IN);
  const L = line.s13;
  const f = (s: number) => {
    const q = line.Position(s, Geodesic.LATITUDE | Geodesic.LONGITUDE);
    return inverse(p, q.lat2!, q.lon2!);
  };
  let best = 0;
  let bestD = Infinity;
  for (let i = 0; i <= SAMPLES; i++) {
    const d = f((L * i) / SAMPLES);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  let lo = (L * Math.max(0, best - 1)) / SAMPLES;
  let hi = (L * Math.min(SAMPLES, best + 1)) / SAMPLES;
  const g = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo);
  let f1 = f(x1), f2 = f(x2);
  for (let k = 0; k < 80 && hi - lo > 1e-7; k++) {
    if (f1 < f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - g * (hi - lo);
      f1 = f(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + g * (hi - lo);
      f2 = f(x2);
    }
  }
  return Math.min(bestD, f1, f2);
}

type NetworkFeature = Feature<LineString | MultiLineString | Point>;

function featureEdges(f: NetworkFeature): [Position, Position][] {
  const g = f.geometry;
  if (g.type === 'Point') return [[g.coordinates, g.coordinates]];
  const lines = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
  const out: [Position, Position][] = [];
  for (const l of lines) {
    if (l.length === 1) out.push([l[0], l[0]]);
    for (let i = 1; i < l.length; i++) out.push([l[i - 1], l[i]]);
  }
  return out;
}

function siteRings(site: SiteGeometry): Position[][] {
  if (site.type === 'Point') return [];
  const polys = site.type === 'Polygon' ? [site.coordinates] : site.coordinates;
  return polys.flat().map((ring) => {
    const r = ring.slice();
    if (r.length > 1 && r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1]) r.pop();
    return r;
  });
}

/** Nearest feature of the network and its ellipsoidal distance (brute force; see the header). */
export function ellipsoidReferenceNearest(
  site: SiteGeometry,
  network: FeatureCollection<LineString | MultiLineString | Point>,
): EllipsoidReferenceHit | null {
  const rings = siteRings(site);
  const vertices: Position[] = site.type === 'Point' ? [site.coordinates] : rings.flat();
  const siteEdges: [Position, Position][] = rings.flatMap((r) => r.map((p, i) => [p, r[(i + 1) % r.length]] as [Position, Position]));
  const siteFeature: Feature<SiteGeometry> = { type: 'Feature', properties: {}, geometry: site };
  // Spherical distance of every (feature, edge), for the prefilter.
  const candidates: { feature: number; a: Position; b: Position; sphere: number }[] = [];
  let bestSphere = Infinity;
  for (let fi = 0; fi < network.features.length; fi++) {
    const f = network.features[fi];
    if (site.type !== 'Point' && booleanIntersects(siteFeature, f)) return { distance_m: 0, feature: fi };
    for (const [a, b] of featureEdges(f)) {
      let d = Infinity;
      for (const v of vertices) d = Math.min(d, sphereArc(v, a, b));
      for (const [p, q] of siteEdges) d = Math.min(d, sphereArc(a, p, q), sphereArc(b, p, q));
      candidates.push({ feature: fi, a, b, sphere: d });
      bestSphere = Math.min(bestSphere, d);
    }
  }
  if (candidates.length === 0) return null;
  let best: EllipsoidReferenceHit | null = null;
  for (const c of candidates) {
    if (c.sphere > bestSphere * 1.01 + 100) continue;
    let d = Infinity;
    for (const v of vertices) d = Math.min(d, referencePointToEdge(v, c.a, c.b));
    for (const [p, q] of siteEdges) d = Math.min(d, referencePointToEdge(c.a, p, q), referencePointToEdge(c.b, p, q));
    if (!best || d < best.distance_m) best = { distance_m: d, feature: c.feature };
  }
  return best;
}
