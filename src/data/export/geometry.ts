/** Geometry helpers for exports: rounding, reprojection, WKT, representative point. */
import type { Position } from 'geojson';
import { reprojectGeometry, type CrsId } from '../../domain/crs';
import { roundGeometry, roundTo } from '../../domain/roundGeometry';
import type { SiteGeometry } from '../../domain/types';
import { representativePoint } from '../import/assignCommune';

export { roundGeometry, roundTo };

/** 7 decimals in degrees (≈ 1 cm), 2 in metres (1 cm). */
export function decimalsFor(crs: CrsId): number {
  return crs === 'EPSG:4326' ? 7 : 2;
}

/** The geometry in `crs`, rounded for that CRS. Input is WGS84. */
export function exportGeometry(g: SiteGeometry, crs: CrsId): SiteGeometry {
  const projected = crs === 'EPSG:4326' ? g : reprojectGeometry(g, 'EPSG:4326', crs);
  return roundGeometry(projected, decimalsFor(crs));
}

/** Number → shortest text, no exponent for the coordinates we write. */
function num(v: number): string {
  return String(v);
}

/** WKT of a site geometry, e.g. `POLYGON ((3.3 49.34, …))`. */
export function toWkt(g: SiteGeometry): string {
  const pos = (c: Position) => `${num(c[0])} ${num(c[1])}`;
  const ring = (r: Position[]) => `(${r.map(pos).join(', ')})`;
  const poly = (p: Position[][]) => `(${p.map(ring).join(', ')})`;
  switch (g.type) {
    case 'Point':
      return `POINT (${pos(g.coordinates)})`;
    case 'Polygon':
      return `POLYGON ${poly(g.coordinates)}`;
    case 'MultiPolygon':
      return `MULTIPOLYGON (${g.coordinates.map(poly).join(', ')})`;
  }
}

/** The point itself, or a representative point of the polygon (centroid when inside). */
export function lonLatOf(g: SiteGeometry): [number, number] {
  const p = representativePoint(g);
  return [roundTo(p[0], 7), roundTo(p[1], 7)];
}
