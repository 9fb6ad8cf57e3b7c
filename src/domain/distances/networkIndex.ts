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
import { DEG, EARTH_RADIUS_M, EDGE_STRIDE, arcChord2, arcFraction, arcNearest, chord2ToAngle, setEdge } from './sphere';
import {
  chordSagittaM,
  MIN_CURVATURE_RADIUS,
  ecefFromUnit,
  ellipsoidOverPlane,
  nearestAtEnd3d,
  geodesicDistance,
  geodesicEdge,
  pointSegment3d,
  pointToEdge,
  type GeodesicEdge,
} from './ellipsoid';
import { arcPadM, pointInSite, segmentIntersection, type SiteShape } from './siteShape';

/** Reference latitude of the planar frame (centre of the study box, lat 48.85–49.65). */
export const FRAME_LAT0 = 49.25;
const COS0 = Math.cos(FRAME_LAT0 * DEG);
const KX = EARTH_RADIUS_M * COS0 * DEG;
const KY = EARTH_RADIUS_M * DEG;
const BAND_PAD_DEG = 0.5;
const NODE_SIZE = 16;
/** Heap ids at or below this are queued vertex–edge pairs (ellipsoid search). */
const PAIR_BASE = -(2 ** 30);

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

/** The geodesic of edge i (lon/lat ends in `lonlat`, 4 numbers per edge), built once into `cache`. */
function cachedGeodesic(cache: (GeodesicEdge | undefined)[], lonlat: Float64Array, i: number): GeodesicEdge {
  let g = cache[i];
  if (!g) {
    g = geodesicEdge(lonlat[i * 4], lonlat[i * 4 + 1], lonlat[i * 4 + 2], lonlat[i * 4 + 3]);
    cache[i] = g;
  }
  return g;
}

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

/**
 * How the final distance is measured: 'ellipsoid' (default: geodesic on WGS84, see
 * ELLIPSOID.md) or 'sphere' (Turf's sphere of radius 6,371,008.8 m, kept for benches and
 * comparisons).
 */
export type EarthModel = 'ellipsoid' | 'sphere';

/** Counters of the last queries (benches): ellipsoidal point-to-edge problems solved. */
export interface EllipsoidStats {
  /** Pairs measured exactly, and inverse problems solved for them. */
  pairs: number;
  inverse: number;
  /** Segments taken out of the queue, and pairs queued. */
  segments: number;
  queued: number;
  /** Tree nodes taken out of the queue, and boxes bounded. */
  nodes: number;
  boxes: number;
}

export class NetworkIndex {
  readonly size: number;
  readonly model: EarthModel;
  readonly stats: EllipsoidStats = { pairs: 0, inverse: 0, segments: 0, queued: 0, nodes: 0, boxes: 0 };
  /** Segment ends in Earth-centred coordinates (m), 6 numbers per segment. */
  private readonly ecef: Float64Array;
  /** Bound (m) on the distance from each segment's geodesic to its 3D chord. */
  private readonly sagitta: Float64Array;
  /** 1 when segment i + 1 continues segment i (same part, starts at its end B). */
  private readonly continued: Uint8Array;
  /** Geodesic of each segment, built on first use. */
  private readonly geodesics: (GeodesicEdge | undefined)[];
  /** Geodesics of the current site's edges, built on first use (reset per query). */
  private siteGeodesics: (GeodesicEdge | undefined)[] = [];
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

  constructor(parts: NetworkPart[], model: EarthModel = 'ellipsoid') {
    this.model = model;
    let n = 0;
    for (const p of parts) n += p.coords.length >= 2 ? p.coords.length - 1 : p.coords.length === 1 ? 1 : 0;
    this.size = n;
    this.edges = new Float64Array(n * EDGE_STRIDE);
    this.lonlat = new Float64Array(n * 4);
    this.feature = new Int32Array(n);
    this.boxes = new Float64Array(n * 4);
    this.ecef = new Float64Array(n * 6);
    this.sagitta = new Float64Array(n);
    this.continued = new Uint8Array(n);
    this.geodesics = new Array(n);
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
      const chord = Math.sqrt(dx * dx + dy * dy + dz * dz);
      const pad = arcPadM(a[1], b[1], chord * EARTH_RADIUS_M);
      this.sagitta[i] = chordSagittaM(chord2ToAngle(chord * chord) * EARTH_RADIUS_M);
      ecefFromUnit(E[o], E[o + 1], E[o + 2], this.ecef, i * 6);
      ecefFromUnit(E[o + 3], E[o + 4], E[o + 5], this.ecef, i * 6 + 3);
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
      else
        for (let k = 1; k < c.length; k++) {
          if (k > 1) this.continued[i - 1] = 1;
          add(c[k - 1], c[k], p.feature);
        }
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

  /** Latitude band that holds every shortest path between this site and the network. */
  private band(shape: SiteShape): [number, number] {
    return [
      Math.max(-89.9, Math.min(shape.latMin, this.latMin) - BAND_PAD_DEG),
      Math.min(89.9, Math.max(shape.latMax, this.latMax) + BAND_PAD_DEG),
    ];
  }

  /** Lower-bound factor k (geodesic ≥ k × planar) for paths between this site and the network. */
  private scaleBound(shape: SiteShape): number {
    if (this.model === 'ellipsoid') {
      const [lo, hi] = this.band(shape);
      return ellipsoidOverPlane(lo, hi, EARTH_RADIUS_M, COS0);
    }
    if (shape.latMin >= this.latMin && shape.latMax <= this.latMax) return this.kInside;
    const [lo, hi] = this.band(shape);
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

  /**
   * Nearest point of the network to the site, or null for an empty network.
   */
  nearest(shape: SiteShape): NetworkHit | null {
    return this.model === 'sphere' ? this.nearestOnSphere(shape) : this.nearestOnEllipsoid(shape);
  }

  /** Nearest point on the sphere (Turf's conventions), exact; leaves the best pair in the query state. */
  private nearestOnSphere(shape: SiteShape): NetworkHit | null {
    const tree = this.tree;
    if (!tree) return null;
    const k = Math.min(1, this.sphereScale(shape));
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
    return this.result();
  }

  /** Sphere-over-plane factor (the historical scaleBound). */
  private sphereScale(shape: SiteShape): number {
    if (shape.latMin >= this.latMin && shape.latMax <= this.latMax) return this.kInside;
    const [lo, hi] = this.band(shape);
    return Math.min(1, Math.min(Math.cos(lo * DEG), Math.cos(hi * DEG)) / COS0);
  }

  // ---- Ellipsoidal refinement ------------------------------------------------------------
  // Pairs: (site vertex v, network segment s) = mode 0; (end A or B of segment s, site edge e)
  // = mode 1 or 2. Their minimum is the distance when the site does not touch the network
  // (ELLIPSOID.md, "Why vertex–edge pairs suffice").
  private eBest = Infinity;
  private eSeg = -1;
  private eLon = 0;
  private eLat = 0;

  private networkGeodesic(s: number): GeodesicEdge {
    return cachedGeodesic(this.geodesics, this.lonlat, s);
  }

  private siteGeodesic(shape: SiteShape, e: number): GeodesicEdge {
    return cachedGeodesic(this.siteGeodesics, shape.edgeLonLat, e);
  }

  /** Exact ellipsoidal distance of one pair; keeps it when it beats the best. */
  private ellipsoidPair(shape: SiteShape, s: number, mode: number, idx: number): void {
    const L = this.lonlat;
    const degenerate = this.edges[s * EDGE_STRIDE + 9] === 1;
    let d: number;
    let lon: number;
    let lat: number;
    this.stats.pairs++;
    if (mode === 0) {
      const lonP = shape.vertLonLat[idx * 2], latP = shape.vertLonLat[idx * 2 + 1];
      if (degenerate) {
        d = geodesicDistance(lonP, latP, L[s * 4 + 2], L[s * 4 + 3]);
        lon = L[s * 4 + 2];
        lat = L[s * 4 + 3];
        this.stats.inverse++;
      } else {
        const V = shape.verts;
        const seed = arcFraction(this.edges, s, V[idx * 3], V[idx * 3 + 1], V[idx * 3 + 2]);
        const foot = pointToEdge(lonP, latP, this.networkGeodesic(s), seed);
        d = foot.distance;
        lon = foot.lon;
        lat = foot.lat;
        this.stats.inverse += foot.evaluations;
      }
    } else {
      const o = mode === 1 ? 0 : 2;
      const lonP = L[s * 4 + o], latP = L[s * 4 + o + 1];
      const E = this.edges;
      const eo = s * EDGE_STRIDE + (mode === 1 ? 0 : 3);
      const seed = arcFraction(shape.edges, idx, E[eo], E[eo + 1], E[eo + 2]);
      const foot = pointToEdge(lonP, latP, this.siteGeodesic(shape, idx), seed);
      d = foot.distance;
      lon = lonP;
      lat = latP;
      this.stats.inverse += foot.evaluations;
    }
    if (d < this.eBest) {
      this.eBest = d;
      this.eSeg = s;
      this.eLon = lon;
      this.eLat = lat;
    }
  }

  // Pairs waiting in the heap (best-first on the ellipsoid): segment, mode, index.
  private pairSeg = new Int32Array(64);
  private pairMode = new Uint8Array(64);
  private pairIdx = new Int32Array(64);
  private nPairs = 0;

  // Per-segment scratch of pair bounds.
  private scratchLb = new Float64Array(64);
  private scratchMode = new Uint8Array(64);
  private scratchIdx = new Int32Array(64);

  private growScratch(n: number): void {
    this.scratchLb = new Float64Array(n * 2);
    this.scratchMode = new Uint8Array(n * 2);
    this.scratchIdx = new Int32Array(n * 2);
  }

  private pushPair(s: number, mode: number, idx: number, lowerBound: number): void {
    if (this.nPairs === this.pairSeg.length) {
      const n = this.nPairs * 2;
      const seg = new Int32Array(n), m = new Uint8Array(n), ix = new Int32Array(n);
      seg.set(this.pairSeg);
      m.set(this.pairMode);
      ix.set(this.pairIdx);
      this.pairSeg = seg;
      this.pairMode = m;
      this.pairIdx = ix;
    }
    const k = this.nPairs++;
    this.stats.queued++;
    this.pairSeg[k] = s;
    this.pairMode[k] = mode;
    this.pairIdx[k] = idx;
    this.heap.push(PAIR_BASE - k, lowerBound);
  }

  /**
   * True when the pair's exact distance is also the value of another pair that is queued or
   * bounded on its own, so it need not be measured (ELLIPSOID.md, "Ends"): a site vertex whose
   * nearest point on segment s is its end B, when the next segment starts at B; a network end
   * whose nearest point on a site edge is one of the edge's vertices.
   */
  private coveredPair(shape: SiteShape, s: number, mode: number, idx: number): boolean {
    const C = this.ecef;
    const X = shape.ecef;
    const o6 = s * 6;
    if (mode === 0) {
      if (this.continued[s] !== 1) return false;
      const v3 = idx * 3;
      return nearestAtEnd3d(X[v3], X[v3 + 1], X[v3 + 2], C[o6 + 3], C[o6 + 4], C[o6 + 5], C[o6], C[o6 + 1], C[o6 + 2]);
    }
    const q = mode === 1 ? o6 : o6 + 3;
    const qx = C[q], qy = C[q + 1], qz = C[q + 2];
    // Site edge idx joins vertex idx to the next vertex of its ring.
    const RG = shape.rings;
    let next = idx + 1;
    for (let r = 0; r < shape.nRings; r++) {
      const first = RG[r * 3], n = RG[r * 3 + 1];
      if (idx >= first && idx < first + n) {
        next = idx + 1 < first + n ? idx + 1 : first;
        break;
      }
    }
    const a3 = idx * 3, b3 = next * 3;
    return (
      nearestAtEnd3d(qx, qy, qz, X[a3], X[a3 + 1], X[a3 + 2], X[b3], X[b3 + 1], X[b3 + 2]) ||
      nearestAtEnd3d(qx, qy, qz, X[b3], X[b3 + 1], X[b3 + 2], X[a3], X[a3 + 1], X[a3 + 2])
    );
  }

  /** Lon/lat point where segment s touches, crosses or lies inside the site (Turf's planar rule), else null. */
  private touches(shape: SiteShape, s: number): [number, number] | null {
    if (shape.isPoint) return null;
    const L = this.lonlat;
    const lonA = L[s * 4], latA = L[s * 4 + 1], lonB = L[s * 4 + 2], latB = L[s * 4 + 3];
    if (
      (lonA > lonB ? lonA : lonB) < shape.lonMin ||
      (lonA < lonB ? lonA : lonB) > shape.lonMax ||
      (latA > latB ? latA : latB) < shape.latMin ||
      (latA < latB ? latA : latB) > shape.latMax
    ) {
      return null;
    }
    const SL = shape.edgeLonLat;
    for (let e = 0; e < shape.nEdges; e++) {
      const x = segmentIntersection(lonA, latA, lonB, latB, SL[e * 4], SL[e * 4 + 1], SL[e * 4 + 2], SL[e * 4 + 3]);
      if (x) return x;
    }
    if (pointInSite(shape, lonB, latB)) return [lonB, latB];
    if (pointInSite(shape, lonA, latA)) return [lonA, latA];
    return null;
  }

  /**
   * Nearest point on the WGS84 ellipsoid (ELLIPSOID.md): one best-first traversal in which
   * tree nodes, segments and vertex–edge pairs share a queue ordered by a lower bound of their
   * ellipsoidal distance to the site. Nodes and segments: kP × their planar box distance.
   * Pairs: the 3D distance between the vertex and the edge's chord, less the edge's sagitta (a
   * geodesic is never shorter than the straight line between its ends). A pair is measured
   * exactly (Karney) only when it comes out of the queue, i.e. when nothing left can beat it;
   * the search stops when the smallest bound left is not below the best exact distance.
   */
  private nearestOnEllipsoid(shape: SiteShape): NetworkHit | null {
    const tree = this.tree;
    if (!tree) return null;
    const R = EARTH_RADIUS_M;
    const [lo, hi] = this.band(shape);
    let kP = ellipsoidOverPlane(lo, hi, R, COS0);
    let kPFor = Infinity; // the best distance kP was computed for
    this.siteGeodesics.length = 0;
    this.eBest = Infinity;
    this.eSeg = -1;
    this.nPairs = 0;

    const boxes = tree._boxes;
    const indices = tree._indices;
    const levelBounds = tree._levelBounds;
    const nodeSize4 = tree.nodeSize * 4;
    const numItems4 = tree.numItems * 4;
    const heap = this.heap;
    const sitePad = shape.pad;
    const qx0 = shape.lonMin * KX - sitePad;
    const qy0 = shape.latMin * KY - sitePad;
    const qx1 = shape.lonMax * KX + sitePad;
    const qy1 = shape.latMax * KY + sitePad;
    const C = this.ecef;
    const X = shape.ecef;
    const RG = shape.rings;
    heap.clear();
    heap.push(boxes.length - 4, 0);
    while (heap.size > 0) {
      if (heap.peekValue() >= this.eBest) break;
      const top = heap.pop();
      if (top <= PAIR_BASE) {
        const k = PAIR_BASE - top;
        if (!this.coveredPair(shape, this.pairSeg[k], this.pairMode[k], this.pairIdx[k])) {
          this.ellipsoidPair(shape, this.pairSeg[k], this.pairMode[k], this.pairIdx[k]);
        }
        if (this.eBest === 0) break;
        if (this.eBest < kPFor * 0.5) {
          // Every geodesic shorter than eBest stays within eBest / M_min of the site's latitudes: a tighter kP.
          const pad = (this.eBest / MIN_CURVATURE_RADIUS / DEG) * (1 + 1e-9) + 1e-9;
          kP = Math.max(kP, ellipsoidOverPlane(Math.max(-89.9, shape.latMin - pad), Math.min(89.9, shape.latMax + pad), R, COS0));
          kPFor = this.eBest;
        }
        continue;
      }
      if (top < 0) {
        // A segment: touching test, then its vertex–edge pairs with their 3D lower bounds.
        const s = -1 - top;
        this.stats.segments++;
        const hit = this.touches(shape, s);
        if (hit) {
          this.eBest = 0;
          this.eSeg = s;
          this.eLon = hit[0];
          this.eLat = hit[1];
          break;
        }
        const o6 = s * 6;
        const ax = C[o6], ay = C[o6 + 1], az = C[o6 + 2], bx = C[o6 + 3], by = C[o6 + 4], bz = C[o6 + 5];
        const sag = this.sagitta[s];
        // Bounds of the segment's pairs, gathered first: the smallest one is measured at once
        // (it usually is the answer, and then bounds every other pair), the rest are queued.
        let m = 0;
        const need = shape.nVerts + 2 * shape.nEdges;
        if (this.scratchLb.length < need) this.growScratch(need);
        for (let v = 0; v < shape.nVerts; v++) {
          const v3 = v * 3;
          const lb = pointSegment3d(X[v3], X[v3 + 1], X[v3 + 2], ax, ay, az, bx, by, bz) - sag;
          if (lb < this.eBest) {
            this.scratchLb[m] = lb;
            this.scratchMode[m] = 0;
            this.scratchIdx[m++] = v;
          }
        }
        if (!shape.isPoint) {
          const degenerate = this.edges[s * EDGE_STRIDE + 9] === 1;
          for (let r = 0; r < shape.nRings; r++) {
            const first = RG[r * 3], n = RG[r * 3 + 1];
            for (let j = 0; j < n; j++) {
              const e = first + j;
              const a3 = e * 3;
              const b3 = (j + 1 < n ? e + 1 : first) * 3;
              const sagE = shape.edgeSagitta[e];
              const ex0 = X[a3], ey0 = X[a3 + 1], ez0 = X[a3 + 2], ex1 = X[b3], ey1 = X[b3 + 1], ez1 = X[b3 + 2];
              const lbB = pointSegment3d(bx, by, bz, ex0, ey0, ez0, ex1, ey1, ez1) - sagE;
              if (lbB < this.eBest) {
                this.scratchLb[m] = lbB;
                this.scratchMode[m] = 2;
                this.scratchIdx[m++] = e;
              }
              if (degenerate) continue;
              const lbA = pointSegment3d(ax, ay, az, ex0, ey0, ez0, ex1, ey1, ez1) - sagE;
              if (lbA < this.eBest) {
                this.scratchLb[m] = lbA;
                this.scratchMode[m] = 1;
                this.scratchIdx[m++] = e;
              }
            }
          }
        }
        let first = -1;
        let firstVertex = -1;
        for (let k = 0; k < m; k++) {
          if (first < 0 || this.scratchLb[k] < this.scratchLb[first]) first = k;
          if (this.scratchMode[k] === 0 && (firstVertex < 0 || this.scratchLb[k] < this.scratchLb[firstVertex])) firstVertex = k;
        }
        // A covered pair (its nearest point is a vertex) stands for a vertex pair: measure that one.
        if (first >= 0 && this.coveredPair(shape, s, this.scratchMode[first], this.scratchIdx[first])) first = firstVertex;
        if (first >= 0 && !this.coveredPair(shape, s, this.scratchMode[first], this.scratchIdx[first])) {
          this.ellipsoidPair(shape, s, this.scratchMode[first], this.scratchIdx[first]);
          if (this.eBest === 0) break;
        } else first = -1;
        for (let k = 0; k < m; k++) {
          if (k !== first && this.scratchLb[k] < this.eBest) this.pushPair(s, this.scratchMode[k], this.scratchIdx[k], this.scratchLb[k]);
        }
        continue;
      }
      const isLeafLevel = top < numItems4;
      const end = Math.min(top + nodeSize4, upperBound(top, levelBounds));
      this.stats.nodes++;
      this.stats.boxes += (end - top) >> 2;
      for (let pos = top; pos < end; pos += 4) {
        let lb = kP * Math.sqrt(boxDistance2(qx0, qy0, qx1, qy1, boxes[pos], boxes[pos + 1], boxes[pos + 2], boxes[pos + 3]));
        if (lb >= this.eBest) continue;
        const child = indices[pos >> 2];
        if (isLeafLevel) {
          // Whole site against the segment in 3D: every pair's bound is at least this.
          const o6 = child * 6;
          const lb3 =
            pointSegment3d(shape.ex, shape.ey, shape.ez, C[o6], C[o6 + 1], C[o6 + 2], C[o6 + 3], C[o6 + 4], C[o6 + 5]) -
            shape.eRadius - this.sagitta[child] - shape.maxSagitta;
          if (lb3 > lb) lb = lb3;
          if (lb >= this.eBest) continue;
          heap.push(-1 - child, lb);
        } else heap.push(child, lb);
      }
    }
    if (this.eSeg < 0) return null;
    return { distance_m: this.eBest, nearest: [round7(this.eLon), round7(this.eLat)], feature: this.feature[this.eSeg], segment: this.eSeg };
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
    // Touching, crossing or inside: distance 0.
    const touching = this.touches(shape, s);
    if (touching) return this.zero(s, touching);
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
      if (b < this.best) this.improve(b, s, 2, e);
      if (!degenerate) {
        const a = arcChord2(SE, e, ax, ay, az);
        if (a < this.best) this.improve(a, s, 1, e);
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
    this.shape = null;
    return { distance_m: this.angle() * EARTH_RADIUS_M, nearest, feature: this.feature[s], segment: s };
  }
}
