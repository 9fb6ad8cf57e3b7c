/**
 * A site geometry (Point, Polygon or MultiPolygon, WGS84 lon/lat) prepared for distance
 * queries: vertices as unit vectors, boundary edges as great-circle arcs, rings for
 * point-in-polygon tests, and its bounding box.
 */
import type { Position } from 'geojson';
import type { SiteGeometry } from '../types';
import { EDGE_STRIDE, setEdge, unitVector } from './sphere';

export interface SiteShape {
  isPoint: boolean;
  /** Vertices as unit vectors, 3 numbers each (closing vertices of rings included). */
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
}

function finitePosition(p: unknown): p is Position {
  return Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[1] as number) <= 90;
}

/**
 * Prepares a site geometry. Returns null when the geometry cannot be measured
 * (unknown type, no coordinates, non-finite coordinates, ring with fewer than 3 distinct points).
 */
export function prepareSite(geometry: SiteGeometry | null | undefined): SiteShape | null {
  if (!geometry || typeof geometry !== 'object') return null;
  if (geometry.type === 'Point') {
    const p = geometry.coordinates;
    if (!finitePosition(p)) return null;
    const verts = new Float64Array(3);
    unitVector(p[0], p[1], verts, 0);
    return {
      isPoint: true,
      verts,
      vertLonLat: new Float64Array([p[0], p[1]]),
      nVerts: 1,
      edges: new Float64Array(0),
      edgeLonLat: new Float64Array(0),
      nEdges: 0,
      rings: new Int32Array(0),
      nRings: 0,
      lonMin: p[0],
      latMin: p[1],
      lonMax: p[0],
      latMax: p[1],
    };
  }
  let polygons: Position[][][];
  if (geometry.type === 'Polygon') polygons = [geometry.coordinates];
  else if (geometry.type === 'MultiPolygon') polygons = geometry.coordinates;
  else return null;
  if (!Array.isArray(polygons) || polygons.length === 0) return null;

  // Collect rings, closing them if needed.
  const ringList: { coords: Position[]; poly: number }[] = [];
  let nVerts = 0;
  let nEdges = 0;
  for (let pi = 0; pi < polygons.length; pi++) {
    const poly = polygons[pi];
    if (!Array.isArray(poly) || poly.length === 0) return null;
    for (const ring of poly) {
      if (!Array.isArray(ring) || ring.length < 3) return null;
      for (const p of ring) if (!finitePosition(p)) return null;
      const first = ring[0];
      const last = ring[ring.length - 1];
      const closed = first[0] === last[0] && first[1] === last[1];
      const coords = closed ? ring : [...ring, first];
      if (coords.length < 4) return null;
      ringList.push({ coords, poly: pi });
      nVerts += coords.length;
      nEdges += coords.length - 1;
    }
  }
  const verts = new Float64Array(nVerts * 3);
  const vertLonLat = new Float64Array(nVerts * 2);
  const edges = new Float64Array(nEdges * EDGE_STRIDE);
  const edgeLonLat = new Float64Array(nEdges * 4);
  const rings = new Int32Array(ringList.length * 3);
  let v = 0;
  let e = 0;
  let lonMin = Infinity, latMin = Infinity, lonMax = -Infinity, latMax = -Infinity;
  ringList.forEach((r, ri) => {
    rings[ri * 3] = e;
    rings[ri * 3 + 1] = r.coords.length - 1;
    rings[ri * 3 + 2] = r.poly;
    for (let k = 0; k < r.coords.length; k++) {
      const p = r.coords[k];
      const lon = p[0], lat = p[1];
      unitVector(lon, lat, verts, v * 3);
      vertLonLat[v * 2] = lon;
      vertLonLat[v * 2 + 1] = lat;
      v++;
      if (lon < lonMin) lonMin = lon;
      if (lon > lonMax) lonMax = lon;
      if (lat < latMin) latMin = lat;
      if (lat > latMax) latMax = lat;
      if (k > 0) {
        const q = r.coords[k - 1];
        setEdge(edges, e, q[0], q[1], lon, lat);
        edgeLonLat[e * 4] = q[0];
        edgeLonLat[e * 4 + 1] = q[1];
        edgeLonLat[e * 4 + 2] = lon;
        edgeLonLat[e * 4 + 3] = lat;
        e++;
      }
    }
  });
  return {
    isPoint: false,
    verts,
    vertLonLat,
    nVerts,
    edges,
    edgeLonLat,
    nEdges,
    rings,
    nRings: ringList.length,
    lonMin,
    latMin,
    lonMax,
    latMax,
  };
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
