/**
 * A good interior point for a polygon's label (`labelPoint`). Pure: the map computes the commune
 * and EPCI label points with it (src/map/sources.ts, `labelPoints`), and a zone's marker.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

type Poly = Polygon | MultiPolygon;

/** Shoelace signed area: positive for a counter-clockwise ring. */
export function signedArea(r: Position[]): number {
  let a = 0;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) a += r[j][0] * r[i][1] - r[i][0] * r[j][1];
  return a / 2;
}

function pointInRing(p: Position, r: Position[]): boolean {
  let inside = false;
  // Index access, not `const [x, y] = r[i]`: array destructuring goes through the iterator
  // protocol, and made the commune label points (163 polygons) cost 130–600 ms at start-up.
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const xi = r[i][0];
    const yi = r[i][1];
    const xj = r[j][0];
    const yj = r[j][1];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function pointInPolygon(p: Position, poly: Position[][]): boolean {
  if (!pointInRing(p, poly[0])) return false;
  for (let k = 1; k < poly.length; k++) if (pointInRing(p, poly[k])) return false;
  return true;
}

/** The edges of a polygon's rings as [ax, ay, bx, by, …] (each ring closed on itself). */
function edgesOf(poly: Position[][]): Float64Array {
  let n = 0;
  for (const ring of poly) n += ring.length;
  const e = new Float64Array(4 * n);
  let k = 0;
  for (const ring of poly) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      e[k++] = ring[j][0];
      e[k++] = ring[j][1];
      e[k++] = ring[i][0];
      e[k++] = ring[i][1];
    }
  }
  return e;
}

/**
 * Distance from p to the boundary of a polygon (squared, in degrees; for ranking only), from
 * its edges (`edgesOf`). Stops as soon as it is `atMost` or less: the caller only keeps a point
 * farther than that (same point chosen, most candidates rejected after a few edges). The scan
 * starts at the edge that stopped the last one (`hint`, updated): neighbouring candidates are
 * near the same edges. The minimum does not depend on the order.
 */
function distToBoundary2(p: Position, edges: Float64Array, atMost = -Infinity, hint = { edge: 0 }): number {
  let best = Infinity;
  const kx = Math.cos((p[1] * Math.PI) / 180);
  const m = edges.length / 4;
  for (let n = 0, e = hint.edge; n < m; n++, e = e + 1 === m ? 0 : e + 1) {
    const ax = edges[4 * e] * kx;
    const ay = edges[4 * e + 1];
    const bx = edges[4 * e + 2] * kx;
    const by = edges[4 * e + 3];
    const px = p[0] * kx;
    const py = p[1];
    const dx = bx - ax;
    const dy = by - ay;
    const l2 = dx * dx + dy * dy;
    let t = l2 ? ((px - ax) * dx + (py - ay) * dy) / l2 : 0;
    t = Math.max(0, Math.min(1, t));
    const ex = ax + t * dx - px;
    const ey = ay + t * dy - py;
    best = Math.min(best, ex * ex + ey * ey);
    if (best <= atMost) {
      hint.edge = e;
      return best;
    }
  }
  return best;
}

/**
 * A good interior point for a polygon's label: the point of a grid over the largest part
 * that lies farthest from the boundary (a coarse "pole of inaccessibility"), refined once.
 * One label per polygon, whatever the tiling (labels on polygons would repeat per tile).
 */
export function labelPoint(g: Poly): Position {
  const parts = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let poly = parts[0];
  let maxA = -1;
  for (const p of parts) {
    const a = Math.abs(signedArea(p[0]));
    if (a > maxA) {
      maxA = a;
      poly = p;
    }
  }
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const v of poly[0]) {
    const x = v[0];
    const y = v[1];
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  let best: Position = [(minX + maxX) / 2, (minY + maxY) / 2];
  const edges = edgesOf(poly);
  const hint = { edge: 0 };
  let bestD = pointInPolygon(best, poly) ? distToBoundary2(best, edges) : -1;
  const search = (x0: number, y0: number, x1: number, y1: number, n: number) => {
    for (let i = 0; i <= n; i++) {
      for (let j = 0; j <= n; j++) {
        const p: Position = [x0 + ((x1 - x0) * i) / n, y0 + ((y1 - y0) * j) / n];
        // Farther from the boundary than the best so far first (cheap: it stops early), then inside.
        const d = distToBoundary2(p, edges, bestD, hint);
        if (d > bestD && pointInPolygon(p, poly)) {
          bestD = d;
          best = p;
        }
      }
    }
  };
  search(minX, minY, maxX, maxY, 16);
  const hx = (maxX - minX) / 16;
  const hy = (maxY - minY) / 16;
  search(best[0] - hx, best[1] - hy, best[0] + hx, best[1] + hy, 8);
  if (bestD < 0) best = poly[0][0];
  return [Math.round(best[0] * 1e5) / 1e5, Math.round(best[1] * 1e5) / 1e5];
}
