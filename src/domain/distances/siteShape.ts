/**
 * A site geometry (Point, Polygon or MultiPolygon, WGS84 lon/lat) prepared for distance
 * queries: vertices as unit vectors, boundary edges as great-circle arcs, rings for
 * point-in-polygon tests, its bounding box and the padding that covers the bulge of its
 * edges in the planar search frame. Buffers can be reused from one site to the next.
 */
import type { Position } from 'geojson';
import type { SiteGeometry } from '../types';
import { chordSagittaM, ecefFromUnit } from './ellipsoid';
import { DEG, EARTH_RADIUS_M, EDGE_STRIDE, setEdgeFromVectors, unitVector } from './sphere';

export interface SiteShape {
  isPoint: boolean;
  /** Distinct vertices as unit vectors, 3 numbers each (rings are not repeated-closed). */
  verts: Float64Array;
  /** Vertices as lon/lat, 2 numbers each. */
  vertLonLat: Float64Array;
  nVerts: number;
  /** Boundary edges (EDGE_STRIDE numbers each) and their lon/lat ends (4 numbers each). */
  edges: Float64Array;
  edgeLonLat: Float64Array;
  nEdges: number;
  /** Per ring: [first edge, edge count, polygon index]. */
  rings: Int32Array;
  nRings: number;
  lonMin: number;
  latMin: number;
  lonMax: number;
  latMax: number;
  /** Padding (m) of the site's box in the planar frame: ≥ 4 × the bulge of its longest edge. */
  pad: number;
  /** Vertices in Earth-centred coordinates (m) on the WGS84 ellipsoid, 3 numbers each. */
  ecef: Float64Array;
  /** Per edge: bound (m) on the distance from its ellipsoidal geodesic to its 3D chord (chordSagittaM). */
  edgeSagitta: Float64Array;
  /** Largest of edgeSagitta (0 for a point). */
  maxSagitta: number;
  /** A centre (ECEF) and the largest 3D distance from it to a vertex. */
  ex: number;
  ey: number;
  ez: number;
  eRadius: number;
  /** A centre (unit vector) and the largest central angle from it to a vertex (the whole site lies within it). */
  cx: number;
  cy: number;
  cz: number;
  radius: number;
}

/** Padding (m) covering the bulge of a great-circle arc of chord length `l` (m) away from its lon/lat chord. */
export function arcPadM(latA: number, latB: number, l: number): number {
  const lat = Math.min(89, Math.max(Math.abs(latA), Math.abs(latB)));
  return (l * l * (1 + Math.tan(lat * DEG))) / (2 * EARTH_RADIUS_M) + 1e-3;
}

function finitePosition(p: unknown): p is Position {
  return (
    Array.isArray(p) &&
    p.length >= 2 &&
    typeof p[0] === 'number' &&
    typeof p[1] === 'number' &&
    Number.isFinite(p[0]) &&
    Number.isFinite(p[1]) &&
    Math.abs(p[1]) <= 90
  );
}

function emptyShape(): SiteShape {
  return {
    isPoint: true,
    verts: new Float64Array(3 * 16),
    vertLonLat: new Float64Array(2 * 16),
    nVerts: 0,
    edges: new Float64Array(EDGE_STRIDE * 16),
    edgeLonLat: new Float64Array(4 * 16),
    nEdges: 0,
    rings: new Int32Array(3 * 4),
    nRings: 0,
    lonMin: 0,
    latMin: 0,
    lonMax: 0,
    latMax: 0,
    pad: 0,
    ecef: new Float64Array(3 * 16),
    edgeSagitta: new Float64Array(16),
    maxSagitta: 0,
    ex: 0,
    ey: 0,
    ez: 0,
    eRadius: 0,
    cx: 0,
    cy: 0,
    cz: 0,
    radius: 0,
  };
}

function ensure(shape: SiteShape, nVerts: number, nRings: number): void {
  if (shape.verts.length < nVerts * 3) {
    const cap = Math.max(nVerts, (shape.verts.length / 3) * 2);
    shape.verts = new Float64Array(cap * 3);
    shape.vertLonLat = new Float64Array(cap * 2);
    shape.edges = new Float64Array(cap * EDGE_STRIDE);
    shape.edgeLonLat = new Float64Array(cap * 4);
    shape.edgeSagitta = new Float64Array(cap);
    shape.ecef = new Float64Array(cap * 3);
  }
  if (shape.rings.length < nRings * 3) shape.rings = new Int32Array(Math.max(nRings, shape.rings.length / 3 * 2) * 3);
}

/**
 * Prepares a site geometry, filling `reuse` when given (its previous content is lost).
 * Returns null when the geometry cannot be measured (unknown type, no coordinates,
 * non-finite coordinates, ring with fewer than 3 distinct positions).
 */
export function prepareSite(geometry: SiteGeometry | null | undefined, reuse?: SiteShape): SiteShape | null {
  if (!geometry || typeof geometry !== 'object') return null;
  if (geometry.type === 'Point') {
    const p = geometry.coordinates;
    if (!finitePosition(p)) return null;
    const shape = reuse ?? emptyShape();
    shape.isPoint = true;
    unitVector(p[0], p[1], shape.verts, 0);
    shape.vertLonLat[0] = p[0];
    shape.vertLonLat[1] = p[1];
    shape.nVerts = 1;
    shape.nEdges = 0;
    shape.nRings = 0;
    shape.lonMin = shape.lonMax = p[0];
    shape.latMin = shape.latMax = p[1];
    shape.pad = 0;
    shape.maxSagitta = 0;
    ecefFromUnit(shape.verts[0], shape.verts[1], shape.verts[2], shape.ecef, 0);
    shape.ex = shape.ecef[0];
    shape.ey = shape.ecef[1];
    shape.ez = shape.ecef[2];
    shape.eRadius = 0;
    shape.cx = shape.verts[0];
    shape.cy = shape.verts[1];
    shape.cz = shape.verts[2];
    shape.radius = 0;
    return shape;
  }
  let polygons: Position[][][];
  if (geometry.type === 'Polygon') polygons = [geometry.coordinates];
  else if (geometry.type === 'MultiPolygon') polygons = geometry.coordinates;
  else return null;
  if (!Array.isArray(polygons) || polygons.length === 0) return null;

  // Pass 1: validate and count (distinct vertices per ring: the closing repeat is dropped).
  let nVerts = 0;
  let nRings = 0;
  for (const poly of polygons) {
    if (!Array.isArray(poly) || poly.length === 0) return null;
    for (const ring of poly) {
      if (!Array.isArray(ring) || ring.length < 3) return null;
      for (const p of ring) if (!finitePosition(p)) return null;
      const first = ring[0];
      const last = ring[ring.length - 1];
      const n = first[0] === last[0] && first[1] === last[1] ? ring.length - 1 : ring.length;
      if (n < 3) return null;
      nVerts += n;
      nRings++;
    }
  }
  const shape = reuse ?? emptyShape();
  ensure(shape, nVerts, nRings);
  shape.isPoint = false;
  shape.nVerts = nVerts;
  shape.nEdges = nVerts;
  shape.nRings = nRings;
  const V = shape.verts, VL = shape.vertLonLat, E = shape.edges, EL = shape.edgeLonLat, RG = shape.rings;
  let lonMin = Infinity, latMin = Infinity, lonMax = -Infinity, latMax = -Infinity;
  let pad = 0;
  let maxSag = 0;
  let v = 0;
  let r = 0;
  for (let pi = 0; pi < polygons.length; pi++) {
    for (const ring of polygons[pi]) {
      const first = ring[0];
      const last = ring[ring.length - 1];
      const n = first[0] === last[0] && first[1] === last[1] ? ring.length - 1 : ring.length;
      const start = v;
      RG[r * 3] = start;
      RG[r * 3 + 1] = n;
      RG[r * 3 + 2] = pi;
      r++;
      for (let k = 0; k < n; k++) {
        const p = ring[k];
        const lon = p[0], lat = p[1];
        unitVector(lon, lat, V, v * 3);
        VL[v * 2] = lon;
        VL[v * 2 + 1] = lat;
        if (lon < lonMin) lonMin = lon;
        if (lon > lonMax) lonMax = lon;
        if (lat < latMin) latMin = lat;
        if (lat > latMax) latMax = lat;
        v++;
      }
      // Edge k joins vertex k to vertex k+1 (the last one back to the first).
      for (let k = 0; k < n; k++) {
        const a = start + k;
        const b = k + 1 < n ? a + 1 : start;
        const ax = V[a * 3], ay = V[a * 3 + 1], az = V[a * 3 + 2];
        const bx = V[b * 3], by = V[b * 3 + 1], bz = V[b * 3 + 2];
        const lonA = VL[a * 2], latA = VL[a * 2 + 1], lonB = VL[b * 2], latB = VL[b * 2 + 1];
        setEdgeFromVectors(E, a, ax, ay, az, bx, by, bz, lonA === lonB && latA === latB);
        EL[a * 4] = lonA;
        EL[a * 4 + 1] = latA;
        EL[a * 4 + 2] = lonB;
        EL[a * 4 + 3] = latB;
        const dx = ax - bx, dy = ay - by, dz = az - bz;
        const l = Math.sqrt(dx * dx + dy * dy + dz * dz) * EARTH_RADIUS_M;
        const pa = arcPadM(latA, latB, l);
        if (pa > pad) pad = pa;
        const sag = chordSagittaM(l * (1 + l / EARTH_RADIUS_M));
        shape.edgeSagitta[a] = sag;
        if (sag > maxSag) maxSag = sag;
      }
    }
  }
  shape.lonMin = lonMin;
  shape.latMin = latMin;
  shape.lonMax = lonMax;
  shape.latMax = latMax;
  shape.pad = pad;
  shape.maxSagitta = maxSag;
  const X = shape.ecef;
  for (let i = 0; i < nVerts; i++) ecefFromUnit(V[i * 3], V[i * 3 + 1], V[i * 3 + 2], X, i * 3);
  // 3D ball: mean of the ECEF vertices, largest distance to one of them.
  const ball = centreAndSpread(X, nVerts, false);
  shape.ex = ball[0];
  shape.ey = ball[1];
  shape.ez = ball[2];
  shape.eRadius = Math.sqrt(ball[3]) * (1 + 1e-12) + 1e-6;
  // Centre: normalised mean of the vertices; radius: largest angle to a vertex. Along a
  // great-circle arc the distance to a point is largest at an end, and a small spherical
  // cap is convex, so the whole polygon (boundary and inside) lies within the radius.
  const cap = centreAndSpread(V, nVerts, true);
  shape.cx = cap[0];
  shape.cy = cap[1];
  shape.cz = cap[2];
  shape.radius = 2 * Math.asin(Math.min(1, Math.sqrt(cap[3]) / 2)) * (1 + 1e-9) + 1e-12;
  return shape;
}

/**
 * Mean of n 3-vectors (normalised to unit length when `unit`), and the largest squared
 * distance from it to one of them: [x, y, z, d²].
 */
function centreAndSpread(P: Float64Array, n: number, unit: boolean): [number, number, number, number] {
  let mx = 0, my = 0, mz = 0;
  for (let i = 0; i < n; i++) {
    mx += P[i * 3];
    my += P[i * 3 + 1];
    mz += P[i * 3 + 2];
  }
  const m = unit ? Math.sqrt(mx * mx + my * my + mz * mz) || 1 : n;
  mx /= m;
  my /= m;
  mz /= m;
  let d2max = 0;
  for (let i = 0; i < n; i++) {
    const dx = P[i * 3] - mx, dy = P[i * 3 + 1] - my, dz = P[i * 3 + 2] - mz;
    const d2 = dx * dx + dy * dy + dz * dz;
    if (d2 > d2max) d2max = d2;
  }
  return [mx, my, mz, d2max];
}

/**
 * Whether (lon, lat) lies inside the site's polygons (even-odd rule per polygon, so holes
 * are outside), computed in the lon/lat plane as Turf's booleanPointInPolygon does.
 * Points exactly on the boundary count as inside.
 */
export function pointInSite(shape: SiteShape, lon: number, lat: number): boolean {
  if (shape.isPoint) return false;
  if (lon < shape.lonMin || lon > shape.lonMax || lat < shape.latMin || lat > shape.latMax) return false;
  const E = shape.edgeLonLat;
  const R = shape.rings;
  let currentPoly = -1;
  let inside = false;
  for (let r = 0; r < shape.nRings; r++) {
    const poly = R[r * 3 + 2];
    if (poly !== currentPoly) {
      if (inside) return true;
      currentPoly = poly;
      inside = false;
    }
    const first = R[r * 3];
    const end = first + R[r * 3 + 1];
    for (let e = first; e < end; e++) {
      const x1 = E[e * 4], y1 = E[e * 4 + 1], x2 = E[e * 4 + 2], y2 = E[e * 4 + 3];
      // On the edge: counts as inside (touching).
      const cross = (x2 - x1) * (lat - y1) - (y2 - y1) * (lon - x1);
      if (
        cross === 0 &&
        lon >= Math.min(x1, x2) &&
        lon <= Math.max(x1, x2) &&
        lat >= Math.min(y1, y2) &&
        lat <= Math.max(y1, y2)
      ) {
        return true;
      }
      if (y1 > lat !== y2 > lat && lon < ((x2 - x1) * (lat - y1)) / (y2 - y1) + x1) inside = !inside;
    }
  }
  return inside;
}

/**
 * Intersection of segments P1P2 and Q1Q2 in the lon/lat plane (touching included).
 * Returns the intersection point or null.
 */
export function segmentIntersection(
  p1x: number,
  p1y: number,
  p2x: number,
  p2y: number,
  q1x: number,
  q1y: number,
  q2x: number,
  q2y: number,
): [number, number] | null {
  const rx = p2x - p1x, ry = p2y - p1y;
  const sx = q2x - q1x, sy = q2y - q1y;
  const denom = rx * sy - ry * sx;
  const qpx = q1x - p1x, qpy = q1y - p1y;
  if (denom === 0) {
    // Parallel: intersect only if collinear and overlapping.
    if (qpx * ry - qpy * rx !== 0) return null;
    const rr = rx * rx + ry * ry;
    if (rr === 0) {
      // P is a point.
      const ss = sx * sx + sy * sy;
      if (ss === 0) return p1x === q1x && p1y === q1y ? [p1x, p1y] : null;
      const t = ((p1x - q1x) * sx + (p1y - q1y) * sy) / ss;
      return t >= 0 && t <= 1 && (p1x - q1x) * sy - (p1y - q1y) * sx === 0 ? [p1x, p1y] : null;
    }
    const t0 = (qpx * rx + qpy * ry) / rr;
    const t1 = t0 + (sx * rx + sy * ry) / rr;
    const lo = Math.max(0, Math.min(t0, t1));
    const hi = Math.min(1, Math.max(t0, t1));
    if (lo > hi) return null;
    return [p1x + lo * rx, p1y + lo * ry];
  }
  const t = (qpx * sy - qpy * sx) / denom;
  const u = (qpx * ry - qpy * rx) / denom;
  if (t < 0 || t > 1 || u < 0 || u > 1) return null;
  return [p1x + t * rx, p1y + t * ry];
}
