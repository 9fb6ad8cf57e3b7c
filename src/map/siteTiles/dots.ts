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
import { mercator } from '../../domain/density';

/** A polygon whose box is narrower and lower than this many pixels at a zoom is a dot there. */
export const DOT_BELOW_PX = 4;

/** Beyond every zoom: a polygon with no extent is always a dot. */
const ALWAYS = 99;

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
  return smallPolygon(f, tileSize)?.fromZoom ?? null;
}

/** polygonFromZoom, with the polygon's box (for its dot). */
function smallPolygon(f: Feature, tileSize: number): { fromZoom: number; box: [number, number, number, number] } | null {
  const box = outerBox(f);
  if (!box) return null;
  const [x0, y1] = mercator(box[0], box[1]);
  const [x1, y0] = mercator(box[2], box[3]);
  // Its size in pixels at zoom 0; doubled at each zoom.
  const px = Math.max(x1 - x0, y1 - y0) * tileSize;
  if (!(px > 0)) return { fromZoom: ALWAYS, box };
  const z = Math.ceil(Math.log2(DOT_BELOW_PX / px));
  return z > 0 ? { fromZoom: z, box } : null;
}

/** Features drawn over the same zooms (`minZoom` to `maxZoom`, both included). */
export interface ZoomPart {
  features: Feature[];
  minZoom: number;
  maxZoom: number;
}

/**
 * The features split by the zooms at which their tiles carry them: every feature that is never a
 * dot at all zooms; each small polygon from its zoom on, and its dot (the centre of its box, its
 * properties) below; one part per such zoom. Each part gets an index of its own (./tiler.ts): a
 * tile asks only the parts drawn at its zoom, so that the polygons are not cut down to zooms that
 * draw their dots, nor the dots to zooms that draw their polygons (both, in one index, made the
 * worker's cut 1.7 times longer and the first view's tiles 2 times).
 */
export function byDrawZoom(features: readonly Feature[], tileSize: number, maxZoom: number): ZoomPart[] {
  const always: Feature[] = [];
  const polygonsFrom = new Map<number, Feature[]>();
  const dotsBelow = new Map<number, Feature[]>();
  const add = (m: Map<number, Feature[]>, z: number, f: Feature) => {
    const list = m.get(z);
    if (list) list.push(f);
    else m.set(z, [f]);
  };
  for (const f of features) {
    const small = smallPolygon(f, tileSize);
    if (!small) {
      always.push(f);
      continue;
    }
    const { fromZoom: z, box } = small;
    // Past the deepest zoom tiles are cut for, the polygon is never drawn (a dot, overzoomed).
    if (z <= maxZoom) add(polygonsFrom, z, f);
    add(dotsBelow, z, { type: 'Feature', properties: f.properties, geometry: { type: 'Point', coordinates: [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2] } });
  }
  const parts: ZoomPart[] = [];
  if (always.length) parts.push({ features: always, minZoom: 0, maxZoom: Infinity });
  for (const [z, list] of [...polygonsFrom].sort((a, b) => a[0] - b[0])) parts.push({ features: list, minZoom: z, maxZoom: Infinity });
  for (const [z, list] of [...dotsBelow].sort((a, b) => a[0] - b[0])) parts.push({ features: list, minZoom: 0, maxZoom: z - 1 });
  return parts;
}
