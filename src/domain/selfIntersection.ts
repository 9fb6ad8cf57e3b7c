/**
 * Does a polygon outline cross or touch itself? (the « nœud papillon » check of imports).
 *
 * Two edges that are not consecutive in the same ring must share no point: a crossing, an
 * edge touching another one, a vertex visited twice, two rings (outer ring, holes, parts of a
 * MultiPolygon) that meet, an edge that goes back over the previous one (a spike).
 * Consecutive duplicate vertices are not a fault (QGIS and GDAL
 * accept them): they are dropped first. Rings are treated as closed.
 *
 * - Small outlines (≤ BRUTE_FORCE_MAX_EDGES edges, i.e. nearly every plot) are checked pair by
 *   pair, exactly as `@turf/kinks` did, so their first point found is the same.
 * - Larger ones use a Shamos–Hoey sweep line: O(n log n) whatever the shape (events sorted
 *   once, the active edges in a splay tree ordered by exact orientation tests). It stops at the
 *   first meeting found. `@turf/kinks` is quadratic (50,000 vertices took 79 s);
 *   `sweepline-intersections` scans every active edge for each new one, which is quadratic on
 *   jagged outlines (a 1M-vertex noisy ring did not finish in minutes); `isect` throws
 *   precision errors on the same ring.
 *
 * Exact predicates: `robust-predicates` (Shewchuk's orient2d), so the answer does not depend on
 * rounding for nearly collinear edges.
 */
import { orient2d } from 'robust-predicates';
import { SplayTreeSet } from 'splaytree-ts';
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** Up to this many edges, the pairwise check (the sweep's set-up costs more below it). */
export const BRUTE_FORCE_MAX_EDGES = 64;

/** Edges of the geometry's rings, in flat typed arrays: edge i goes from (ax, ay) to (bx, by). */
interface Edges {
  n: number;
  ax: Float64Array;
  ay: Float64Array;
  bx: Float64Array;
  by: Float64Array;
  /** First and last edge index of the ring of each edge. */
  ringFirst: Int32Array;
  ringLast: Int32Array;
}

function ringsOf(g: Polygon | MultiPolygon): Position[][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

/** Flattens the rings into edges, without consecutive duplicate vertices; rings are closed. */
function buildEdges(g: Polygon | MultiPolygon): Edges {
  const rings = ringsOf(g);
  let cap = 0;
  for (const r of rings) cap += r.length;
  const ax = new Float64Array(cap);
  const ay = new Float64Array(cap);
  const bx = new Float64Array(cap);
  const by = new Float64Array(cap);
  const ringFirst = new Int32Array(cap);
  const ringLast = new Int32Array(cap);
  let n = 0;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const ring of rings) {
    xs.length = 0;
    ys.length = 0;
    for (const p of ring) {
      const x = p[0];
      const y = p[1];
      const k = xs.length;
      if (k > 0 && xs[k - 1] === x && ys[k - 1] === y) continue;
      xs.push(x);
      ys.push(y);
    }
    // Closed ring: drop the closing vertex, it is implied.
    if (xs.length > 1 && xs[0] === xs[xs.length - 1] && ys[0] === ys[xs.length - 1]) {
      xs.pop();
      ys.pop();
    }
    const m = xs.length;
    if (m < 3) continue; // a degenerate ring has no outline to cross
    const first = n;
    for (let k = 0; k < m; k++) {
      const j = k + 1 === m ? 0 : k + 1;
      ax[n] = xs[k];
      ay[n] = ys[k];
      bx[n] = xs[j];
      by[n] = ys[j];
      n++;
    }
    for (let e = first; e < n; e++) {
      ringFirst[e] = first;
      ringLast[e] = n - 1;
    }
  }
  return { n, ax, ay, bx, by, ringFirst, ringLast };
}

/** Consecutive edges of one ring share a vertex by construction: that is not a fault. */
function adjacent(E: Edges, i: number, j: number): boolean {
  if (E.ringFirst[i] !== E.ringFirst[j]) return false;
  const d = i > j ? i - j : j - i;
  return d === 1 || d === E.ringLast[i] - E.ringFirst[i];
}

const sign = (v: number) => (v > 0 ? 1 : v < 0 ? -1 : 0);

/** Is q (collinear with p–r) on the closed segment p–r? */
function onSegment(px: number, py: number, rx: number, ry: number, qx: number, qy: number): boolean {
  return qx >= Math.min(px, rx) && qx <= Math.max(px, rx) && qy >= Math.min(py, ry) && qy <= Math.max(py, ry);
}

/** A point shared by closed edges i and j, or null. */
function edgesMeet(E: Edges, i: number, j: number): [number, number] | null {
  const x1 = E.ax[i], y1 = E.ay[i], x2 = E.bx[i], y2 = E.by[i];
  const x3 = E.ax[j], y3 = E.ay[j], x4 = E.bx[j], y4 = E.by[j];
  // Bounding boxes first (cheap, and most pairs stop here).
  if (Math.max(x1, x2) < Math.min(x3, x4) || Math.max(x3, x4) < Math.min(x1, x2)) return null;
  if (Math.max(y1, y2) < Math.min(y3, y4) || Math.max(y3, y4) < Math.min(y1, y2)) return null;
  const o1 = sign(orient2d(x1, y1, x2, y2, x3, y3));
  const o2 = sign(orient2d(x1, y1, x2, y2, x4, y4));
  const o3 = sign(orient2d(x3, y3, x4, y4, x1, y1));
  const o4 = sign(orient2d(x3, y3, x4, y4, x2, y2));
  if (o1 !== 0 && o1 === o2) return null;
  if (o3 !== 0 && o3 === o4) return null;
  if (o1 === 0 && o2 === 0) {
    // Collinear: they meet if they overlap.
    if (onSegment(x1, y1, x2, y2, x3, y3)) return [x3, y3];
    if (onSegment(x1, y1, x2, y2, x4, y4)) return [x4, y4];
    if (onSegment(x3, y3, x4, y4, x1, y1)) return [x1, y1];
    if (onSegment(x3, y3, x4, y4, x2, y2)) return [x2, y2];
    return null;
  }
  if (o1 === 0) return [x3, y3];
  if (o2 === 0) return [x4, y4];
  if (o3 === 0) return [x1, y1];
  if (o4 === 0) return [x2, y2];
  // A proper crossing.
  const d = (y4 - y3) * (x2 - x1) - (x4 - x3) * (y2 - y1);
  const t = ((x4 - x3) * (y1 - y3) - (y4 - y3) * (x1 - x3)) / d;
  return [x1 + t * (x2 - x1), y1 + t * (y2 - y1)];
}

/**
 * A spike: two consecutive edges that go back on each other (collinear, opposite directions)
 * overlap, although consecutive edges are otherwise allowed to share their vertex. O(n).
 */
function spike(E: Edges): [number, number] | null {
  for (let i = 0; i < E.n; i++) {
    const j = i === E.ringLast[i] ? E.ringFirst[i] : i + 1;
    if (j === i) continue;
    const ux = E.bx[i] - E.ax[i], uy = E.by[i] - E.ay[i];
    const vx = E.bx[j] - E.ax[j], vy = E.by[j] - E.ay[j];
    if (ux * vx + uy * vy < 0 && orient2d(E.ax[i], E.ay[i], E.bx[i], E.by[i], E.bx[j], E.by[j]) === 0) return [E.bx[i], E.by[i]];
  }
  return null;
}

/** Every pair of non-consecutive edges, in ring order (the order `@turf/kinks` used). */
function bruteForce(E: Edges): [number, number] | null {
  for (let i = 0; i < E.n; i++) {
    for (let j = i + 1; j < E.n; j++) {
      if (adjacent(E, i, j)) continue;
      const p = edgesMeet(E, i, j);
      if (p) return p;
    }
  }
  return null;
}

/**
 * Shamos–Hoey: sweep the vertices left to right (then bottom to top); keep the edges the
 * sweep line crosses ordered bottom to top; a new neighbour pair is tested when an edge is
 * inserted or removed. The first meeting of two edges is found before the sweep passes it.
 * Vertex i is where edge i starts (edges of a ring are consecutive), so sorting the n vertices
 * orders the 2n edge ends.
 */
function sweep(E: Edges): [number, number] | null {
  const { n, ax, ay, bx, by, ringFirst, ringLast } = E;
  // Left (l) and right (r) end of each edge in sweep order.
  const lx = new Float64Array(n), ly = new Float64Array(n), rx = new Float64Array(n), ry = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (ax[i] < bx[i] || (ax[i] === bx[i] && ay[i] < by[i])) {
      lx[i] = ax[i]; ly[i] = ay[i]; rx[i] = bx[i]; ry[i] = by[i];
    } else {
      lx[i] = bx[i]; ly[i] = by[i]; rx[i] = ax[i]; ry[i] = ay[i];
    }
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => ax[a] - ax[b] || ay[a] - ay[b] || a - b);
  const prevEdge = (v: number) => (v === ringFirst[v] ? ringLast[v] : v - 1);

  /** Below (< 0) or above (> 0): compares two edges on the sweep line where both are active. */
  const compare = (a: number, b: number): number => {
    if (a === b) return 0;
    // The edge that starts later is placed against the one already there.
    const bLater = lx[b] > lx[a] || (lx[b] === lx[a] && ly[b] > ly[a]);
    const p = bLater ? a : b;
    const q = bLater ? b : a;
    let o = orient2d(lx[p], ly[p], rx[p], ry[p], lx[q], ly[q]);
    if (o === 0) o = orient2d(lx[p], ly[p], rx[p], ry[p], rx[q], ry[q]);
    // orient2d < 0: q is on the left of p's direction, i.e. above p. Collinear: any stable order
    // (they overlap, which the neighbour test reports).
    if (o === 0) return a - b;
    const s = o < 0 ? -1 : 1;
    return bLater ? s : -s;
  };
  const active = new SplayTreeSet<number>(compare);
  const test = (i: number | null, j: number | null): [number, number] | null =>
    i === null || j === null || adjacent(E, i, j) ? null : edgesMeet(E, i, j);
  // Edges have no zero length (duplicates were dropped): an end is the left or the right one.
  const isLeftEnd = (e: number, v: number) => lx[e] === ax[v] && ly[e] === ay[v];

  const ends: number[] = [];
  const starts: number[] = [];
  let k = 0;
  while (k < n) {
    // All the vertices at one point, and the edges that end or start there.
    const x = ax[order[k]];
    const y = ay[order[k]];
    ends.length = 0;
    starts.length = 0;
    for (; k < n && ax[order[k]] === x && ay[order[k]] === y; k++) {
      const v = order[k];
      const p = prevEdge(v);
      (isLeftEnd(v, v) ? starts : ends).push(v);
      (isLeftEnd(p, v) ? starts : ends).push(p);
    }
    const all = ends.length + starts.length;
    if (all > 2) {
      // More than two edge ends at one vertex: a vertex visited twice, or rings meeting.
      const here = ends.concat(starts);
      for (let a = 0; a < all; a++) for (let b = a + 1; b < all; b++) if (!adjacent(E, here[a], here[b])) return [x, y];
    }
    for (const i of ends) {
      const below = active.lastBefore(i);
      const above = active.firstAfter(i);
      active.delete(i);
      const hit = test(below, above);
      if (hit) return hit;
    }
    for (const i of starts) {
      active.add(i);
      const hit = test(i, active.lastBefore(i)) ?? test(i, active.firstAfter(i));
      if (hit) return hit;
    }
  }
  return null;
}

/**
 * The first point where the outline crosses or touches itself, or null when it is simple.
 * `method` forces one algorithm (tests compare them); by default the size decides.
 */
export function findSelfIntersection(g: Polygon | MultiPolygon, method?: 'brute-force' | 'sweep'): [number, number] | null {
  const E = buildEdges(g);
  const useSweep = method ? method === 'sweep' : E.n > BRUTE_FORCE_MAX_EDGES;
  return (useSweep ? sweep(E) : bruteForce(E)) ?? spike(E);
}
