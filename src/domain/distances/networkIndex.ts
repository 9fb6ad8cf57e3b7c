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
 *
 * Query: best-first traversal of the tree, nodes ordered by the planar distance of their box
 * to the site's box; a segment is measured exactly unless k × its box distance already
 * exceeds the best distance so far; the traversal stops when the nearest remaining node
 * cannot beat it.
 */
import Flatbush from 'flatbush';
import type { Position } from 'geojson';
import { DEG, EARTH_RADIUS_M, EDGE_STRIDE, arcChord2, arcNearest, chord2ToAngle, setEdge } from './sphere';
import { arcPadM, pointInSite, segmentIntersection, type SiteShape } from './siteShape';

/** Reference latitude of the planar frame (centre of the study box, lat 48.85–49.65). */
export const FRAME_LAT0 = 49.25;
const COS0 = Math.cos(FRAME_LAT0 * DEG);
const KX = EARTH_RADIUS_M * COS0 * DEG;
const KY = EARTH_RADIUS_M * DEG;
const BAND_PAD_DEG = 0.5;
const NODE_SIZE = 16;

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

/** Squared planar distance between two boxes (0 if they overlap). */
function boxDistance2(
  ax0: number, ay0: number, ax1: number, ay1: number,
  bx0: number, by0: number, bx1: number, by1: number,
): number {
  const ex = bx0 - ax1 > ax0 - bx1 ? bx0 - ax1 : ax0 - bx1;
  const ey = by0 - ay1 > ay0 - by1 ? by0 - ay1 : ay0 - by1;
  const dx = ex > 0 ? ex : 0;
  const dy = ey > 0 ? ey : 0;
  return dx * dx + dy * dy;
}

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

/** First value of the sorted array greater than `value` (flatbush's level bounds). */
function upperBound(value: number, arr: number[]): number {
  let i = 0;
  let j = arr.length - 1;
  while (i < j) {
    const m = (i + j) >> 1;
    if (arr[m] > value) j = m;
    else i = m + 1;
  }
  return arr[i];
}

/** Binary min-heap of (id, value) in growable typed arrays, reused across queries. */
class MinHeap {
  private ids = new Int32Array(64);
  private values = new Float64Array(64);
  size = 0;

  clear(): void {
    this.size = 0;
  }

  push(id: number, value: number): void {
    if (this.size === this.ids.length) {
      const ids = new Int32Array(this.size * 2);
      const values = new Float64Array(this.size * 2);
      ids.set(this.ids);
      values.set(this.values);
      this.ids = ids;
      this.values = values;
    }
    let i = this.size++;
    const ids = this.ids, values = this.values;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (values[parent] <= value) break;
      ids[i] = ids[parent];
      values[i] = values[parent];
      i = parent;
    }
    ids[i] = id;
    values[i] = value;
  }

  peekValue(): number {
    return this.values[0];
  }

  pop(): number {
    const ids = this.ids, values = this.values;
    const top = ids[0];
    const n = --this.size;
    if (n > 0) {
      const id = ids[n], value = values[n];
      let i = 0;
      const half = n >> 1;
      while (i < half) {
        let c = 2 * i + 1;
        if (c + 1 < n && values[c + 1] < values[c]) c++;
        if (values[c] >= value) break;
        ids[i] = ids[c];
        values[i] = values[c];
        i = c;
      }
      ids[i] = id;
      values[i] = value;
    }
    return top;
  }
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
  /** k for a site whose latitudes lie within the network's. */
  private readonly kInside: number;
  private readonly heap = new MinHeap();

  // State of the current query (reused: no allocation per candidate).
  private shape: SiteShape | null = null;
  private best = Infinity; // squared chord
  private bestAngle = Infinity;
  private bestLimit2 = -1;
  private kr = 1;
  private bestSeg = -1;
  /** 0: site vertex projected on the segment; 1: segment end A to the site; 2: end B; 3: explicit point. */
  private bestMode = 0;
  private bestVertex = 0;
  private bestPoint: [number, number] | null = null;

  constructor(parts: NetworkPart[]) {
    let n = 0;
    for (const p of parts) n += p.coords.length >= 2 ? p.coords.length - 1 : p.coords.length === 1 ? 1 : 0;
    this.size = n;
    this.edges = new Float64Array(n * EDGE_STRIDE);
    this.lonlat = new Float64Array(n * 4);
    this.feature = new Int32Array(n);
    this.boxes = new Float64Array(n * 4);
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
      const dx = E[o] - E[o + 3], dy = E[o + 1] - E[o + 4], dz = E[o + 2] - E[o + 5];
      const pad = arcPadM(a[1], b[1], Math.sqrt(dx * dx + dy * dy + dz * dz) * EARTH_RADIUS_M);
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
    {
      const lo = Math.max(-89.9, latMin - BAND_PAD_DEG);
      const hi = Math.min(89.9, latMax + BAND_PAD_DEG);
      this.kInside = n > 0 ? Math.min(1, Math.min(Math.cos(lo * DEG), Math.cos(hi * DEG)) / COS0) : 1;
    }
    if (n > 0) {
      const tree = new Flatbush(n, NODE_SIZE);
      for (let k = 0; k < n; k++) tree.add(this.boxes[k * 4], this.boxes[k * 4 + 1], this.boxes[k * 4 + 2], this.boxes[k * 4 + 3]);
      tree.finish();
      this.tree = tree;
    } else {
      this.tree = null;
    }
  }

  /** Lower-bound factor k (geodesic ≥ k × planar) for paths between this site and the network. */
  private scaleBound(shape: SiteShape): number {
    if (shape.latMin >= this.latMin && shape.latMax <= this.latMax) return this.kInside;
    const lo = Math.max(-89.9, Math.min(shape.latMin, this.latMin) - BAND_PAD_DEG);
    const hi = Math.min(89.9, Math.max(shape.latMax, this.latMax) + BAND_PAD_DEG);
    return Math.min(1, Math.min(Math.cos(lo * DEG), Math.cos(hi * DEG)) / COS0);
  }

  /**
   * True if some segment may lie within `limitM` of the site (a cheap, safe test: false
   * means that every segment is farther than limitM).
   */
  mayBeWithin(shape: SiteShape, limitM: number): boolean {
    const tree = this.tree;
    if (!tree) return false;
    const r = limitM / this.scaleBound(shape) + shape.pad;
    return tree.collides(shape.lonMin * KX - r, shape.latMin * KY - r, shape.lonMax * KX + r, shape.latMax * KY + r);
  }

  /** Nearest point of the network to the site, or null for an empty network. */
  nearest(shape: SiteShape): NetworkHit | null {
    const tree = this.tree;
    if (!tree) return null;
    const k = this.scaleBound(shape);
    this.shape = shape;
    this.best = Infinity;
    this.bestAngle = Infinity;
    this.bestLimit2 = -1;
    this.bestSeg = -1;
    this.bestPoint = null;

    const sitePad = shape.pad;
    const qx0 = shape.lonMin * KX - sitePad;
    const qy0 = shape.latMin * KY - sitePad;
    const qx1 = shape.lonMax * KX + sitePad;
    const qy1 = shape.latMax * KY + sitePad;
    // Planar distance d between boxes ⇒ geodesic ≥ k·d, i.e. an angle ≥ kr·d: an entry can
    // beat the best angle θ only if d² < (θ / kr)² (squared, to avoid square roots).
    this.kr = k / EARTH_RADIUS_M;

    // Best-first traversal of the packed R-tree (flatbush's public arrays): nodes and segments
    // share one queue ordered by the planar distance of their box to the site's box (segments
    // are stored as −1 − index). A segment is measured when it comes out of the queue; the
    // search stops when the nearest remaining entry cannot beat the best distance so far.
    const boxes = tree._boxes;
    const indices = tree._indices;
    const levelBounds = tree._levelBounds;
    const nodeSize4 = tree.nodeSize * 4;
    const numItems4 = tree.numItems * 4;
    const heap = this.heap;
    const pointSite = shape.isPoint;
    heap.clear();
    heap.push(boxes.length - 4, 0);
    while (heap.size > 0) {
      if (heap.peekValue() >= this.limit2()) break;
      const top = heap.pop();
      if (top < 0) {
        this.evaluate(-1 - top);
        if (this.best === 0) break;
        continue;
      }
      const isLeafLevel = top < numItems4;
      const end = Math.min(top + nodeSize4, upperBound(top, levelBounds));
      for (let pos = top; pos < end; pos += 4) {
        const dist = boxDistance2(qx0, qy0, qx1, qy1, boxes[pos], boxes[pos + 1], boxes[pos + 2], boxes[pos + 3]);
        if (dist >= this.limit2()) continue;
        const child = indices[pos >> 2];
        if (!isLeafLevel) heap.push(child, dist);
        else if (pointSite) {
          // A point is measured so cheaply that queueing it costs more than measuring it.
          this.evaluate(child);
        } else heap.push(-1 - child, dist);
      }
    }
    const hit = this.result();
    this.shape = null;
    return hit;
  }

  /** Central angle of the best squared chord (computed once per improvement). */
  private angle(): number {
    if (this.bestAngle === Infinity && this.best !== Infinity) this.bestAngle = chord2ToAngle(this.best);
    return this.bestAngle;
  }

  /** Squared planar box distance at and beyond which nothing can beat the best so far. */
  private limit2(): number {
    if (this.bestLimit2 < 0) {
      const a = this.angle();
      this.bestLimit2 = a === Infinity ? Infinity : (a / this.kr) * (a / this.kr);
    }
    return this.bestLimit2;
  }

  private improve(c2: number, seg: number, mode: number, vertex: number): void {
    this.best = c2;
    this.bestAngle = Infinity;
    this.bestLimit2 = -1;
    this.bestSeg = seg;
    this.bestMode = mode;
    this.bestVertex = vertex;
  }

  private evaluate(s: number): void {
    const shape = this.shape!;
    const E = this.edges;
    const V = shape.verts;
    if (shape.isPoint) {
      const c2 = arcChord2(E, s, V[0], V[1], V[2]);
      if (c2 < this.best) this.improve(c2, s, 0, 0);
      return;
    }
    // Lower bound from the site's enclosing cap: d(site, seg) ≥ d(centre, seg) − radius.
    // If it cannot beat the best so far, skip the exact vertex/edge scan (and the segment
    // cannot touch the site either: the whole site lies within the cap).
    const lb = chord2ToAngle(arcChord2(E, s, shape.cx, shape.cy, shape.cz)) - shape.radius;
    if (lb > 0 && lb >= this.angle()) return;
    const L = this.lonlat;
    const lonA = L[s * 4], latA = L[s * 4 + 1], lonB = L[s * 4 + 2], latB = L[s * 4 + 3];
    // Touching, crossing or inside: distance 0.
    if (
      (lonA > lonB ? lonA : lonB) >= shape.lonMin &&
      (lonA < lonB ? lonA : lonB) <= shape.lonMax &&
      (latA > latB ? latA : latB) >= shape.latMin &&
      (latA < latB ? latA : latB) <= shape.latMax
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
      const c2 = arcChord2(E, s, V[v * 3], V[v * 3 + 1], V[v * 3 + 2]);
      if (c2 < this.best) this.improve(c2, s, 0, v);
    }
    // Segment ends to the site's edges.
    const o = s * EDGE_STRIDE;
    const SE = shape.edges;
    const ax = E[o], ay = E[o + 1], az = E[o + 2], bx = E[o + 3], by = E[o + 4], bz = E[o + 5];
    const degenerate = E[o + 9] === 1;
    for (let e = 0; e < shape.nEdges; e++) {
      const b = arcChord2(SE, e, bx, by, bz);
      if (b < this.best) this.improve(b, s, 2, 0);
      if (!degenerate) {
        const a = arcChord2(SE, e, ax, ay, az);
        if (a < this.best) this.improve(a, s, 1, 0);
      }
    }
  }

  private zero(s: number, p: [number, number]): void {
    this.improve(0, s, 3, 0);
    this.bestAngle = 0;
    this.bestLimit2 = 0;
    this.bestPoint = p;
  }

  private result(): NetworkHit | null {
    const s = this.bestSeg;
    if (s < 0) return null;
    let nearest: [number, number];
    const L = this.lonlat;
    if (this.bestMode === 3 && this.bestPoint) nearest = [round7(this.bestPoint[0]), round7(this.bestPoint[1])];
    else if (this.bestMode === 1) nearest = [L[s * 4], L[s * 4 + 1]];
    else if (this.bestMode === 2) nearest = [L[s * 4 + 2], L[s * 4 + 3]];
    else {
      const V = this.shape!.verts;
      const v = this.bestVertex;
      const p = arcNearest(this.edges, s, V[v * 3], V[v * 3 + 1], V[v * 3 + 2]);
      nearest = [round7(p[0]), round7(p[1])];
    }
    return { distance_m: this.angle() * EARTH_RADIUS_M, nearest, feature: this.feature[s], segment: s };
  }
}
