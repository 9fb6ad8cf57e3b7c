/**
 * Messages between the map (main thread) and the site tiles worker (./worker.ts), and the
 * columnar form in which the site features travel: typed arrays (transferred, not cloned) for
 * the feature ids and point coordinates, one string array each for ids and names, and the other
 * properties (few distinct values: kind, status, level, precision, fictitious) coded against a
 * small dictionary. A structured clone of 100,000 feature objects cost about 0.5 s on each side.
 */
import type { Geometry } from 'geojson';
import type { SiteDrawZooms } from '../drawZooms';

export type PropValue = string | number | boolean;

/** The site features (see ../sources.ts siteFeatures), as columns. */
export interface SiteColumns {
  n: number;
  /** Feature id (`_fid`) per feature. */
  fid: Int32Array;
  /** Longitude, latitude per feature (a point's own); NaN, NaN for other geometries. */
  xy: Float64Array;
  /** Polygons and multipolygons, flat in typed arrays (transferred: a structured clone of 100,000 polygons' nested arrays held the main thread for about 0.3 s). */
  polygons: FlatPolygons;
  /** Any other geometry that is not a point (none today), with the index of its feature. */
  shapes: { i: number; g: Geometry }[];
  id: string[];
  name: (string | null)[];
  /** Other properties: per key, the values met (code k + 1 is values[k]; 0: absent). */
  coded: { key: string; values: PropValue[]; codes: Uint8Array }[];
}

/**
 * Polygons and multipolygons as ranges over flat arrays: shape k is feature `feature[k]`, a
 * MultiPolygon when `multi[k]` is 1, made of polygons `polyStart[k]` to `polyStart[k + 1]`; polygon
 * p of rings `ringStart[p]` to `ringStart[p + 1]`; ring r of vertices `vertexStart[r]` to
 * `vertexStart[r + 1]`; vertex v at `coords[2v]`, `coords[2v + 1]` (longitude, latitude).
 */
export interface FlatPolygons {
  feature: Int32Array;
  multi: Uint8Array;
  polyStart: Int32Array;
  ringStart: Int32Array;
  vertexStart: Int32Array;
  coords: Float64Array;
}

/** `owner`: which map's sites (one index per map; a map gone drops its own). */
export type ToWorker =
  | { type: 'sites'; owner: number; version: number; columns: SiteColumns }
  | { type: 'tile'; owner: number; request: number; z: number; x: number; y: number }
  | { type: 'drop'; owner: number };

export type FromWorker =
  | { type: 'ready'; owner: number; version: number; drawZooms: SiteDrawZooms; ms: number }
  | { type: 'tile'; request: number; data: ArrayBuffer }
  | { type: 'error'; owner: number; request?: number; message: string };

/** The vector tile layer that holds the sites (the style's `source-layer`). */
export const SITES_TILE_LAYER = 'sites';
/** Tile extent, as MapLibre's own GeoJSON tiles (EXTENT). */
export const TILE_EXTENT = 8192;
/** Tile size in pixels (MapLibre's GeoJSON and vector sources: 512). */
export const TILE_SIZE = 512;
/** The deepest zoom tiles are cut for (MapLibre's GeoJSON source default); the map overzooms beyond. */
export const TILE_MAX_ZOOM = 18;
