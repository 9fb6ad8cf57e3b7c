/** Map view helpers (pure). */
import type { FeatureCollection, Position } from 'geojson';
import type { MapView, SiteGeometry } from '../domain/types';
import { labelPoint } from '../domain/labelPoint';

const round = (x: number, d: number) => {
  const k = 10 ** d;
  return Math.round(x * k) / k;
};

/** Rounds a view as it is reported to the store / URL: lon/lat 5 decimals, zoom 2. */
export function roundView(lon: number, lat: number, zoom: number): MapView {
  return { lon: round(lon, 5), lat: round(lat, 5), zoom: round(zoom, 2) };
}

export function sameView(a: MapView | null | undefined, b: MapView | null | undefined): boolean {
  if (!a || !b) return false;
  return Math.abs(a.lon - b.lon) < 1e-5 && Math.abs(a.lat - b.lat) < 1e-5 && Math.abs(a.zoom - b.zoom) < 0.01;
}

function visit(coords: unknown, acc: number[]): void {
  if (!Array.isArray(coords)) return;
  if (typeof coords[0] === 'number') {
    const [x, y] = coords as Position;
    if (Number.isFinite(x) && Number.isFinite(y)) {
      acc[0] = Math.min(acc[0], x);
      acc[1] = Math.min(acc[1], y);
      acc[2] = Math.max(acc[2], x);
      acc[3] = Math.max(acc[3], y);
    }
    return;
  }
  for (const c of coords) visit(c, acc);
}

/** Bounding box [w, s, e, n] of a collection, or null when it has no coordinates. */
export function bboxOf(fc: FeatureCollection | undefined | null): [number, number, number, number] | null {
  const acc = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of fc?.features ?? []) {
    const g = f.geometry;
    if (!g) continue;
    if (g.type === 'GeometryCollection') for (const gg of g.geometries) visit((gg as { coordinates?: unknown }).coordinates, acc);
    else visit(g.coordinates, acc);
  }
  return Number.isFinite(acc[0]) ? (acc as [number, number, number, number]) : null;
}

/** The point a site is anchored at on the map: its position, or a label point inside its polygon. */
export function siteAnchorPoint(geometry: SiteGeometry | null | undefined): Position | null {
  if (!geometry) return null;
  if (geometry.type === 'Point') return geometry.coordinates;
  return labelPoint(geometry);
}
