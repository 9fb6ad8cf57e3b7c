/**
 * Polygon sites drawn as dots at the zooms where they are only a few pixels wide (pure: runs in
 * the tiles worker, and in Node for the unit tests).
 *
 * A plot of 100 × 70 m is about one pixel wide at the territory's zoom: filled and outlined, it is
 * a speck no one can see or click, and at 100,000 plots the map's first frame of them (three
 * polygon layers: fill, hatching, outline) held the main thread for 1–2 s without a GPU. Below the
 * zoom where a polygon's box is DOT_BELOW_PX wide, its tiles carry one point instead (the centre
 * of its box, same properties): the style's dot layers draw it as the point sites are drawn, or
 * its symbol where the density allows symbols. From that zoom on, its tiles carry the polygon.
 */
import type { Feature, Position } from 'geojson';

/** A polygon whose box is narrower and lower than this many pixels at a zoom is a dot there. */
export const DOT_BELOW_PX = 4;

/** Beyond every zoom: a polygon with no extent is always a dot. */
const ALWAYS = 99;

/** Web Mercator y in [0, 1] of a latitude. */
function mercatorY(lat: number): number {
  const s = Math.sin((Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180);
  return 0.5 - (0.25 * Math.log((1 + s) / (1 - s))) / Math.PI;
}

/** The box of a polygon's or multipolygon's outer rings: [minLon, minLat, maxLon, maxLat], or null. */
function outerBox(f: Feature): [number, number, number, number] | null {
  const g = f.geometry;
  let rings: Position[][];
  if (g?.type === 'Polygon') rings = g.coordinates.slice(0, 1);
  else if (g?.type === 'MultiPolygon') rings = g.coordinates.map((p) => p[0]).filter(Boolean);
  else return null;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const ring of rings) {
    for (const [x, y] of ring) {
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x0 <= x1 ? [x0, y0, x1, y1] : null;
}

/**
 * The zoom from which a polygon feature is drawn as a polygon (a dot below), for tiles of
 * `tileSize` pixels; null for a feature that is not a polygon, or a polygon never small enough
 * to be a dot on the map (at least DOT_BELOW_PX wide at zoom 0).
 */
export function polygonFromZoom(f: Feature, tileSize: number): number | null {
  const box = outerBox(f);
  if (!box) return null;
  const w = (box[2] - box[0]) / 360;
  const h = mercatorY(box[1]) - mercatorY(box[3]);
  // Its size in pixels at zoom 0; doubled at each zoom.
  const px = Math.max(w, h) * tileSize;
  if (!(px > 0)) return ALWAYS;
  const z = Math.ceil(Math.log2(DOT_BELOW_PX / px));
  return z > 0 ? z : null;
}

export interface PolygonDots {
  /** One point feature per polygon that is a dot at some zoom (the centre of its box; its properties). */
  dots: Feature[];
  /** Per feature id (`_fid`) of those polygons: the zoom from which the polygon is drawn. */
  fromZoom: Map<number, number>;
}

/** The dots that stand for the small polygons among `features` (their ids in `fidKey`). */
export function polygonDots(features: readonly Feature[], tileSize: number, fidKey: string): PolygonDots {
  const dots: Feature[] = [];
  const fromZoom = new Map<number, number>();
  for (const f of features) {
    const z = polygonFromZoom(f, tileSize);
    if (z === null) continue;
    const fid = f.properties?.[fidKey];
    if (typeof fid !== 'number') continue;
    const box = outerBox(f)!;
    fromZoom.set(fid, z);
    dots.push({ type: 'Feature', properties: f.properties, geometry: { type: 'Point', coordinates: [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2] } });
  }
  return { dots, fromZoom };
}

/**
 * Whether a tile feature (geojson-vt: type 1 point, 2 line, 3 polygon) is drawn at zoom `z`: a
 * small polygon's point below its zoom, its polygon from it; every other feature always.
 */
export function drawnAtZoom(type: number, fid: unknown, z: number, fromZoom: ReadonlyMap<number, number>): boolean {
  const from = typeof fid === 'number' ? fromZoom.get(fid) : undefined;
  if (from === undefined) return true;
  return type === 1 ? z < from : z >= from;
}
