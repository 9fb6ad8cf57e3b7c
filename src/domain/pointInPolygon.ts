/**
 * Point-in-polygon against one large polygon, many times (the PETR outline, for every vertex
 * of every imported site). The edges are sorted once into horizontal bands; a point is then
 * tested against the edges of its band only (ray casting, even–odd rule), instead of every
 * edge as `booleanPointInPolygon` does. Same answer as turf's default: a point on the
 * boundary (outer ring or hole) is inside.
 */
import type { MultiPolygon, Polygon } from 'geojson';

export interface PreparedPolygon {
  /** [minX, minY, maxX, maxY] */
  box: [number, number, number, number];
  contains(x: number, y: number): boolean;
}

export function preparePolygon(g: Polygon | MultiPolygon): PreparedPolygon {
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  let n = 0;
  for (const r of rings) n += Math.max(0, r.length - 1);
  const x1 = new Float64Array(n), y1 = new Float64Array(n), x2 = new Float64Array(n), y2 = new Float64Array(n);
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  let k = 0;
  for (const r of rings) {
    for (let i = 0; i + 1 < r.length; i++) {
      x1[k] = r[i][0];
      y1[k] = r[i][1];
      x2[k] = r[i + 1][0];
      y2[k] = r[i + 1][1];
      minX = Math.min(minX, x1[k]);
      maxX = Math.max(maxX, x1[k]);
      minY = Math.min(minY, y1[k]);
      maxY = Math.max(maxY, y1[k]);
      k++;
    }
  }
  const box: [number, number, number, number] = [minX, minY, maxX, maxY];
  // Bands: about 4 edges per band, at most 4096 bands.
  const bands = Math.max(1, Math.min(4096, Math.ceil(n / 4)));
  const h = (maxY - minY) / bands || 1;
  const bandOf = (y: number) => Math.min(bands - 1, Math.max(0, Math.floor((y - minY) / h)));
  const counts = new Int32Array(bands + 1);
  for (let e = 0; e < n; e++) for (let b = bandOf(Math.min(y1[e], y2[e])); b <= bandOf(Math.max(y1[e], y2[e])); b++) counts[b + 1]++;
  for (let b = 0; b < bands; b++) counts[b + 1] += counts[b];
  const start = counts.slice();
  const list = new Int32Array(counts[bands]);
  for (let e = 0; e < n; e++) for (let b = bandOf(Math.min(y1[e], y2[e])); b <= bandOf(Math.max(y1[e], y2[e])); b++) list[start[b]++] = e;

  function contains(x: number, y: number): boolean {
    if (!(x >= minX && x <= maxX && y >= minY && y <= maxY)) return false;
    const b = bandOf(y);
    let inside = false;
    for (let i = counts[b]; i < counts[b + 1]; i++) {
      const e = list[i];
      const ax = x1[e], ay = y1[e], bx = x2[e], by = y2[e];
      if (y < Math.min(ay, by) || y > Math.max(ay, by)) continue;
      // On the edge: inside (boundary).
      if ((bx - ax) * (y - ay) === (by - ay) * (x - ax) && x >= Math.min(ax, bx) && x <= Math.max(ax, bx)) return true;
      if (ay > y !== by > y && x < ax + ((y - ay) * (bx - ax)) / (by - ay)) inside = !inside;
    }
    return inside;
  }
  return { box, contains };
}
