/**
 * Nearest point of a network (lines and/or points) to a site, with a static R-tree
 * (flatbush) over every segment, built once.
 *
 * Candidates are found in a local equirectangular plane (x = R·cos φ0·λ, y = R·φ); exact
 * distances are then computed on the sphere with Turf's conventions (see sphere.ts), so the
 * result equals a brute-force Turf scan over all segments.
 *
 * Why the candidate search is safe: on the sphere ds² = R²(dφ² + cos²φ dλ²), in the plane
 * ds² = R²(dφ² + cos²φ0 dλ²). Along any path whose latitudes stay in [lo, hi], the true
 * length is ≥ k × the planar length with k = min(1, min(cos lo, cos hi) / cos φ0), and the
 * planar length of a path is ≥ the straight planar distance between its ends. So a segment
 * whose (padded) planar box is farther than r from the site's (padded) box is at least k·r
 * away on the sphere. The band [lo, hi] spans the site and the whole network plus 0.5° (a
 * great circle between two points bulges poleward by about d²·tanφ/(8R): 0.5° covers
 * d < 1 500 km). Boxes are padded by L²(1 + tan φ)/(2R) for an edge of length L, at least
 * four times the bulge of the arc away from its straight lon/lat chord.
 */
import Flatbush from 'flatbush';
import type { Position } from 'geojson';
import { DEG, EARTH_RADIUS_M, EDGE_STRIDE, angleBetween, arcAngle, arcNearest, setEdge } from './sphere';
import { pointInSite, segmentIntersection, type SiteShape } from './siteShape';

/** Reference latitude of the planar frame (centre of the study box, lat 48.85–49.65). */
export const FRAME_LAT0 = 49.25;
const COS0 = Math.cos(FRAME_LAT0 * DEG);
const KX = EARTH_RADIUS_M * COS0 * DEG;
const KY = EARTH_RADIUS_M * DEG;
const BAND_PAD_DEG = 0.5;

/** One connected part of a network: a line (≥ 2 positions) or a single point. */
export interface NetworkPart {
  coords: Position[];
  /** Index of the source feature (to get its name or other attributes). */
  feature: number;
}

export interface NetworkHit {
  distance_m: number;
  /** Nearest point of the network, [lon, lat]. */
  nearest: [number, number];
  /** Source feature of the nearest segment. */
  feature: number;
  /** Index of the nearest segment. */
  segment: number;
}

function arcPad(latA: number, latB: number, chordAngle: number): number {
  const lat = Math.min(89, Math.max(Math.abs(latA), Math.abs(latB)));
  const l = chordAngle * EARTH_RADIUS_M;
  return (l * l * (1 + Math.tan(lat * DEG))) / (2 * EARTH_RADIUS_M) + 1e-3;
}

/** Planar distance between two boxes (0 if they overlap). */
function boxDistance(
  ax0: number, ay0: number, ax1: number, ay1: number,
  bx0: number, by0: number, bx1: number, by1: number,
): number {
  const dx = Math.max(0, bx0 - ax1, ax0 - bx1);
  const dy = Math.max(0, by0 - ay1, ay0 - by1);
  return Math.sqrt(dx * dx + dy * dy);
}

export class NetworkIndex {
  readonly size: number;
  private readonly edges: Float64Array;
  private readonly lonlat: Float64Array;
  private readonly feature: Int32Array;
  private readonly boxes: Float64Array;
  private readonly tree: Flatbush | null;
  private readonly latMin: number;
  private readonly latMax: number;
  private readonly stamps: Uint32Array;
  private stamp = 0;

  constructor(parts: NetworkPart[]) {
    let n = 0;
    for (const p of parts) n += p.coords.length >= 2 ? p.coords.length - 1 : p.coords.length === 1 ? 1 : 0;
    this.size = n;
    this.edges = new Float64Array(n * EDGE_STRIDE);
    this.lonlat = new Float64Array(n * 4);
    this.feature = new Int32Array(n);
    this.boxes = new Float64Array(n * 4);
    this.stamps = new Uint32Array(n);
    let latMin = Infinity;
    let latMax = -Infinity;
    let i = 0;
    const add = (a: Position, b: Position, feature: number) => {
      setEdge(this.edges, i, a[0], a[1], b[0], b[1]);
      const L = this.lonlat;
      L[i * 4] = a[0];
      L[i * 4 + 1] = a[1];
      L[i * 4 + 2] = b[0];
      L[i * 4 + 3] = b[1];
      this.feature[i] = feature;
      const o = i * EDGE_STRIDE;
      const E = this.edges;
      const pad = arcPad(a[1], b[1], angleBetween(E[o], E[o + 1], E[o + 2], E[o + 3], E[o + 4], E[o + 5]));
      const B = this.boxes;
      B[i * 4] = Math.min(a[0], b[0]) * KX - pad;
      B[i * 4 + 1] = Math.min(a[1], b[1]) * KY - pad;
      B[i * 4 + 2] = Math.max(a[0], b[0]) * KX + pad;
      B[i * 4 + 3] = Math.max(a[1], b[1]) * KY + pad;
      latMin = Math.min(latMin, a[1], b[1]);
      latMax = Math.max(latMax, a[1], b[1]);
      i++;
    };
    for (const p of parts) {
      const c = p.coords;
      if (c.length === 1) add(c[0], c[0], p.feature);
      else for (let k = 1; k < c.length; k++) add(c[k - 1], c[k], p.feature);
    }
    this.latMin = latMin;
    this.latMax = latMax;
    if (n > 0) {
      const tree = new Flatbush(n);
      for (let k = 0; k < n; k++) tree.add(this.boxes[k * 4], this.boxes[k * 4 + 1], this.boxes[k * 4 + 2], this.boxes[k * 4 + 3]);
      tree.finish();
      this.tree = tree;
    } else {
      this.tree = null;
    }
  }

  /** Lower-bound factor k (geodesic ≥ k × planar) for paths between this site and the network. */
  private scaleBound(shape: SiteShape): number {
    const lo = Math.max(-89.9, Math.min(shape.latMin, this.latMin) - BAND_PAD_DEG);
    const hi = Math.min(89.9, Math.max(shape.latMax, this.latMax) + BAND_PAD_DEG);
    return Math.min(1, Math.min(Math.cos(lo * DEG), Math.cos(hi * DEG)) / COS0);
  }

  /** Nearest point of the network to the site, or null for an empty network. */
  nearest(shape: SiteShape): NetworkHit | null {
    const tree = this.tree;
    if (!tree) return null;
    if (++this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
    const stamp = this.stamp;
    const stamps = this.stamps;
    const k = this.scaleBound(shape);

    // Site box in the plane, padded for the bulge of its own edges.
    let sitePad = 0;
    if (!shape.isPoint) {
      const SE = shape.edges;
      const SL = shape.edgeLonLat;
      for (let e = 0; e < shape.nEdges; e++) {
        const o = e * EDGE_STRIDE;
        const a = angleBetween(SE[o], SE[o + 1], SE[o + 2], SE[o + 3], SE[o + 4], SE[o + 5]);
        sitePad = Math.max(sitePad, arcPad(SL[e * 4 + 1], SL[e * 4 + 3], a));
      }
    }
    const qx0 = shape.lonMin * KX - sitePad;
    const qy0 = shape.latMin * KY - sitePad;
    const qx1 = shape.lonMax * KX + sitePad;
    const qy1 = shape.latMax * KY + sitePad;

    const st = new Evaluation(this, shape);
    // Seed with the few nearest boxes to the first vertex: an upper bound on the distance.
    const seeds = tree.neighbors(shape.vertLonLat[0] * KX, shape.vertLonLat[1] * KY, 4);
    for (const s of seeds) {
      stamps[s] = stamp;
      st.evaluate(s);
      if (st.best === 0) break;
    }
    if (st.best > 0) {
      const r = (st.best * EARTH_RADIUS_M) / k + 1e-6;
      const candidates = tree.search(qx0 - r, qy0 - r, qx1 + r, qy1 + r);
      const B = this.boxes;
      for (const c of candidates) {
        if (stamps[c] === stamp) continue;
        stamps[c] = stamp;
        if (!shape.isPoint) {
          const lb = (k * boxDistance(qx0, qy0, qx1, qy1, B[c * 4], B[c * 4 + 1], B[c * 4 + 2], B[c * 4 + 3])) / EARTH_RADIUS_M;
          if (lb >= st.best) continue;
        }
        st.evaluate(c);
        if (st.best === 0) break;
      }
    }
    return st.result();
  }

  /** @internal */
  get internals(): { edges: Float64Array; lonlat: Float64Array; feature: Int32Array } {
    return { edges: this.edges, lonlat: this.lonlat, feature: this.feature };
  }
}

/** Running minimum over candidate segments for one site. */
class Evaluation {
  best = Infinity;
  private seg = -1;
  /** 0: site vertex projected on the segment; 1: segment end A to site; 2: end B; 3: explicit point. */
  private mode = 0;
  private vertex = 0;
  private point: [number, number] | null = null;
  private readonly edges: Float64Array;
  private readonly lonlat: Float64Array;
  private readonly feature: Int32Array;

  constructor(
    net: NetworkIndex,
    private readonly shape: SiteShape,
  ) {
    const { edges, lonlat, feature } = net.internals;
    this.edges = edges;
    this.lonlat = lonlat;
    this.feature = feature;
  }

  evaluate(s: number): void {
    const shape = this.shape;
    const E = this.edges;
    const V = shape.verts;
    if (shape.isPoint) {
      const a = arcAngle(E, s, V[0], V[1], V[2]);
      if (a < this.best) {
        this.best = a;
        this.seg = s;
        this.mode = 0;
        this.vertex = 0;
      }
      return;
    }
    const L = this.lonlat;
    const lonA = L[s * 4], latA = L[s * 4 + 1], lonB = L[s * 4 + 2], latB = L[s * 4 + 3];
    // Touching, crossing or inside: distance 0.
    if (
      Math.max(lonA, lonB) >= shape.lonMin &&
      Math.min(lonA, lonB) <= shape.lonMax &&
      Math.max(latA, latB) >= shape.latMin &&
      Math.min(latA, latB) <= shape.latMax
    ) {
      const SL = shape.edgeLonLat;
      for (let e = 0; e < shape.nEdges; e++) {
        const x = segmentIntersection(lonA, latA, lonB, latB, SL[e * 4], SL[e * 4 + 1], SL[e * 4 + 2], SL[e * 4 + 3]);
        if (x) return this.zero(s, x);
      }
      if (pointInSite(shape, lonB, latB)) return this.zero(s, [lonB, latB]);
      if (pointInSite(shape, lonA, latA)) return this.zero(s, [lonA, latA]);
    }
    // Site vertices to the segment.
    for (let v = 0; v < shape.nVerts; v++) {
      const a = arcAngle(E, s, V[v * 3], V[v * 3 + 1], V[v * 3 + 2]);
      if (a < this.best) {
        this.best = a;
        this.seg = s;
        this.mode = 0;
        this.vertex = v;
      }
    }
    // Segment ends to the site's edges.
    const o = s * EDGE_STRIDE;
    const SE = shape.edges;
    const ax = E[o], ay = E[o + 1], az = E[o + 2], bx = E[o + 3], by = E[o + 4], bz = E[o + 5];
    const degenerate = E[o + 9] === 1;
    for (let e = 0; e < shape.nEdges; e++) {
      const b = arcAngle(SE, e, bx, by, bz);
      if (b < this.best) {
        this.best = b;
        this.seg = s;
        this.mode = 2;
      }
      if (!degenerate) {
        const a = arcAngle(SE, e, ax, ay, az);
        if (a < this.best) {
          this.best = a;
          this.seg = s;
          this.mode = 1;
        }
      }
    }
  }

  private zero(s: number, p: [number, number]): void {
    this.best = 0;
    this.seg = s;
    this.mode = 3;
    this.point = p;
  }

  result(): NetworkHit | null {
    const s = this.seg;
    if (s < 0) return null;
    let nearest: [number, number];
    const L = this.lonlat;
    if (this.mode === 3 && this.point) nearest = this.point;
    else if (this.mode === 1) nearest = [L[s * 4], L[s * 4 + 1]];
    else if (this.mode === 2) nearest = [L[s * 4 + 2], L[s * 4 + 3]];
    else {
      const V = this.shape.verts;
      const v = this.vertex;
      nearest = arcNearest(this.edges, s, V[v * 3], V[v * 3 + 1], V[v * 3 + 2]);
    }
    return { distance_m: this.best * EARTH_RADIUS_M, nearest, feature: this.feature[s], segment: s };
  }
}
