/**
 * Point features cut into tiles from a kdbush index (pure: runs in the tiles worker, and in Node
 * for the unit tests): each tile is what geojson-vt (../../../node_modules/@maplibre/geojson-vt,
 * with the options of ./tiler.ts) makes of the same points, feature for feature, in the same
 * order, with the same coordinates, tags and ids; the unit test compares their encoded tiles.
 *
 * geojson-vt makes an object per point (its projected copy), per point and tile zoom it clips to
 * (new arrays at each level) and per point and tile (the tile's feature), and keeps every tile it
 * made: at 100,000 points, the worker's cut spent 0.5 s in it and as much again collecting the
 * garbage. Here the projected points sit in kdbush's typed arrays (a static index, built once),
 * and a tile's features are made only when the tile is asked for, from a range query over its
 * buffered area, and not kept.
 *
 * How geojson-vt cuts points, which this follows:
 * - projection: x = lon / 360 + 0.5, y the Web Mercator of the latitude clamped to [0, 1]
 *   (its MercatorWorldCoordinateHelper, not exported: the same formulas, operation for operation);
 * - wrapping (`wrap`, on by default): a point within `buffer` of the antimeridian (x < b, or
 *   x ≥ 1 − b, b = buffer / extent) gets a copy one world to the east, resp. west: the copies
 *   of the west edge come first, then the points, then the copies of the east edge;
 * - tile z, x, y holds the points with (x − b) / 2^z ≤ px < (x + 1 + b) / 2^z and the same in
 *   y, each in the order above (its clipping by halves, at each zoom, keeps that order and
 *   comes to these bounds exactly: they are dyadic, so computed without rounding); tile 0/0/0
 *   holds every point (it is not clipped);
 * - a feature's position in the tile: Math.round(extent × (px × 2^z − x)), the same for y;
 *   its tags: the feature's properties (null without); its id: the feature's own `id` when it
 *   has one (no `promoteId`, no `generateId`);
 * - no tile beyond `maxZoom`, nor outside the world's rows; the tile x wraps around the world.
 */
import type { GeoJSONVTFeature } from '@maplibre/geojson-vt';
import type { Feature, GeoJsonProperties, Point } from 'geojson';
import KDBush from 'kdbush';

/** A tile as geojson-vt gives it, of which ./tiler.ts encodeTile reads the features. */
export interface TileFeatures {
  features: GeoJSONVTFeature[];
}

/** What gives tiles: a geojson-vt index, a PointTiles. */
export interface TileSource {
  getTile(z: number, x: number, y: number): TileFeatures | null;
}

export interface PointTileOptions {
  maxZoom: number;
  extent: number;
  /** In tile units (of `extent`), as geojson-vt's option. */
  buffer: number;
}

/** geojson-vt's projection of a longitude into the world square. */
export const projectX = (lon: number) => lon / 360 + 0.5;

/** geojson-vt's projection of a latitude into the world square. */
export function projectY(lat: number): number {
  const sin = Math.sin((lat * Math.PI) / 180);
  const y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
  return y < 0 ? 0 : y > 1 ? 1 : y;
}

/** A tile of points, with which entry of the index (see PointTiles.order) each feature is. */
export interface KeyedFeatures extends TileFeatures {
  entries: number[];
}

/** Point features, cut into tiles as geojson-vt does (see above). */
export class PointTiles implements TileSource {
  private readonly index: KDBush | null;
  /** Per entry of the index (in the order above): which point it is a copy of. */
  private readonly point: Uint32Array;
  /** Entries before this one are the west edge's copies; from `eastStart` on, the east edge's. */
  private readonly westEnd: number;
  private readonly eastStart: number;
  private readonly px: Float64Array;
  private readonly py: Float64Array;

  constructor(
    private readonly features: readonly Feature<Point>[],
    private readonly options: PointTileOptions,
  ) {
    const n = features.length;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const [lon, lat] = features[i].geometry.coordinates;
      x[i] = projectX(lon);
      y[i] = projectY(lat);
    }
    const b = options.buffer / options.extent;
    // geojson-vt's wrap: the west edge's copies shifted one world east, the points (those within
    // the world and its buffer, when there are copies), the east edge's copies shifted west.
    const west: number[] = [];
    const centre: number[] = [];
    const east: number[] = [];
    for (let i = 0; i < n; i++) {
      if (x[i] >= -1 - b && x[i] < b) west.push(i);
      if (x[i] >= 1 - b && x[i] < 2 + b) east.push(i);
    }
    const wraps = west.length > 0 || east.length > 0;
    for (let i = 0; i < n; i++) if (!wraps || (x[i] >= -b && x[i] < 1 + b)) centre.push(i);
    const m = west.length + centre.length + east.length;
    this.westEnd = west.length;
    this.eastStart = west.length + centre.length;
    this.point = new Uint32Array(m);
    this.px = new Float64Array(m);
    this.py = new Float64Array(m);
    this.index = m ? new KDBush(m) : null;
    let e = 0;
    const add = (i: number, shift: number) => {
      this.point[e] = i;
      this.px[e] = shift ? x[i] + shift : x[i];
      this.py[e] = y[i];
      this.index!.add(this.px[e], this.py[e]);
      e++;
    };
    for (const i of west) add(i, 1);
    for (const i of centre) add(i, 0);
    for (const i of east) add(i, -1);
    this.index?.finish();
  }

  getTile(z: number, x: number, y: number): KeyedFeatures | null {
    const { maxZoom, extent } = this.options;
    if (!this.index || z < 0 || z > 24 || z > maxZoom) return null;
    const z2 = 1 << z;
    x = (x + z2) & (z2 - 1);
    if (y < 0 || y >= z2) return null;
    let entries: number[];
    if (z === 0) entries = Array.from({ length: this.px.length }, (_, e) => e);
    else {
      const b = this.options.buffer / extent;
      const x0 = (x - b) / z2;
      const x1 = (x + 1 + b) / z2;
      const y0 = (y - b) / z2;
      const y1 = (y + 1 + b) / z2;
      // kdbush's range includes its upper bounds, geojson-vt's clip does not.
      entries = this.index.range(x0, y0, x1, y1).filter((e) => this.px[e] < x1 && this.py[e] < y1);
      entries.sort((a, b) => a - b);
    }
    if (!entries.length) return null;
    const features: GeoJSONVTFeature[] = [];
    for (const e of entries) {
      const i = this.point[e];
      const f = this.features[i];
      const feature: GeoJSONVTFeature = {
        type: 1,
        geometry: [[Math.round(extent * (this.px[e] * z2 - x)), Math.round(extent * (this.py[e] * z2 - y))]],
        tags: f.properties ?? null,
      };
      if (f.id != null) feature.id = f.id;
      features.push(feature);
    }
    return { features, entries };
  }

  /**
   * Where entry `e` comes in geojson-vt's order of the features given with the points, when
   * `keyOf(i)` is point i's position among them and `n` their number: the west edge's copies
   * first, the features, the east edge's copies.
   */
  order(e: number, keyOf: (i: number) => number, n: number): number {
    const k = keyOf(this.point[e]);
    return e < this.westEnd ? k - n : e < this.eastStart ? k : k + n;
  }
}

/**
 * Points and other features of one part (`n` in all), in their order: the points from a PointTiles,
 * the others from a geojson-vt index, each tile's features merged back in geojson-vt's order (a
 * geojson-vt tile feature keeps its feature's properties object as its tags: `keyOf` gives its
 * position; `pointKeys[i]`, point i's). (Within 22.5° of the antimeridian, where geojson-vt adds
 * copies of the features one world east or west, a polygon's copies would be ordered as the
 * polygon: no site of ours lies there.)
 */
export function mixedTiles(points: PointTiles, pointKeys: readonly number[], others: TileSource, keyOf: Map<GeoJsonProperties, number>, n: number): TileSource {
  const pointKey = (i: number) => pointKeys[i];
  return {
    getTile(z, x, y) {
      const p = points.getTile(z, x, y);
      const o = others.getTile(z, x, y);
      if (!o?.features.length) return p && { features: p.features };
      if (!p) return o;
      const features: GeoJSONVTFeature[] = [];
      let i = 0;
      let j = 0;
      while (i < p.features.length || j < o.features.length) {
        const takePoint = j >= o.features.length || (i < p.features.length && points.order(p.entries[i], pointKey, n) < keyOf.get(o.features[j].tags)!);
        features.push(takePoint ? p.features[i++] : o.features[j++]);
      }
      return { features };
    },
  };
}
