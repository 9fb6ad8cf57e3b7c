/**
 * A small WKT reader for imported CSV files: POINT, POLYGON and MULTIPOLYGON (2D; Z/M
 * values are read and dropped), with an optional EWKT `SRID=2154;` prefix.
 * Returns null for anything else; never throws.
 */
import type { MultiPolygon, Point, Polygon, Position } from 'geojson';

export interface WktResult {
  geometry: Point | Polygon | MultiPolygon;
  /** The SRID of an EWKT prefix, e.g. "EPSG:2154", or null. */
  srid: string | null;
}

type Nested = Position | Nested[];

/** Parses "(...)" nested lists of positions. */
function parseNested(s: string, pos: { i: number }): Nested | null {
  const skip = () => {
    while (pos.i < s.length && /\s/.test(s[pos.i])) pos.i++;
  };
  skip();
  if (s[pos.i] !== '(') return null;
  pos.i++;
  const items: Nested[] = [];
  for (;;) {
    skip();
    if (s[pos.i] === '(') {
      const child = parseNested(s, pos);
      if (child === null) return null;
      items.push(child);
    } else {
      // a position: numbers separated by spaces, up to ',' or ')'
      const m = /^[^,()]+/.exec(s.slice(pos.i));
      if (!m) return null;
      pos.i += m[0].length;
      const nums = m[0].trim().split(/\s+/).map(Number);
      if (nums.length < 2 || nums.some((n) => !Number.isFinite(n))) return null;
      items.push([nums[0], nums[1]]);
    }
    skip();
    if (s[pos.i] === ',') {
      pos.i++;
      continue;
    }
    if (s[pos.i] === ')') {
      pos.i++;
      return items;
    }
    return null;
  }
}

const isPosition = (x: Nested): x is Position => typeof x[0] === 'number';

export function parseWkt(input: string): WktResult | null {
  if (typeof input !== 'string') return null;
  let s = input.trim();
  let srid: string | null = null;
  const e = /^SRID=(\d+);/i.exec(s);
  if (e) {
    srid = `EPSG:${e[1]}`;
    s = s.slice(e[0].length).trim();
  }
  const head = /^(POINT|POLYGON|MULTIPOLYGON)\s*(?:ZM|Z|M)?\s*/i.exec(s);
  if (!head) return null;
  const type = head[1].toUpperCase();
  const rest = s.slice(head[0].length);
  if (/^EMPTY$/i.test(rest.trim())) return null;
  const pos = { i: 0 };
  const tree = parseNested(rest, pos);
  if (tree === null || rest.slice(pos.i).trim() !== '') return null;
  const items = tree as Nested[];
  if (type === 'POINT') {
    if (items.length !== 1 || !isPosition(items[0])) return null;
    return { geometry: { type: 'Point', coordinates: items[0] }, srid };
  }
  const ring = (r: Nested): Position[] | null => (Array.isArray(r) && r.every((p) => Array.isArray(p) && isPosition(p as Nested)) ? (r as Position[]) : null);
  const polygon = (p: Nested): Position[][] | null => {
    if (!Array.isArray(p) || p.length === 0 || isPosition(p)) return null;
    const rings = (p as Nested[]).map(ring);
    return rings.every((r) => r !== null) ? (rings as Position[][]) : null;
  };
  if (type === 'POLYGON') {
    const p = polygon(items);
    return p ? { geometry: { type: 'Polygon', coordinates: p }, srid } : null;
  }
  const polys = items.map(polygon);
  if (polys.length === 0 || polys.some((p) => p === null)) return null;
  return { geometry: { type: 'MultiPolygon', coordinates: polys as Position[][][] }, srid };
}
