/** Rounding of numbers and of site geometries' coordinates (Z/M values dropped). */
import type { Position } from 'geojson';
import type { SiteGeometry } from './types';

/** `v` rounded to `decimals` decimals; never -0. */
export function roundTo(v: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(v * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

/** Every coordinate rounded to `decimals` decimals; only x and y kept. */
export function roundGeometry<G extends SiteGeometry>(g: G, decimals: number): G {
  const p = (c: Position): Position => [roundTo(c[0], decimals), roundTo(c[1], decimals)];
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: p(g.coordinates) } as G;
    case 'Polygon':
      return { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(p)) } as G;
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((q) => q.map((r) => r.map(p))) } as G;
  }
}
