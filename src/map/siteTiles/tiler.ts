/**
 * The cutting itself (pure: runs in the tiles worker, and in Node for the unit tests): the site
 * features from their columns, a geojson-vt index with the options MapLibre gives its own GeoJSON
 * sources (same extent, 32 px of buffer as the map's sites source, same simplification), the
 * zooms from which symbols and names may be drawn (../drawZooms.ts), and each tile encoded as a
 * Mapbox Vector Tile (pbf) with one layer, `sites`. Polygons a few pixels wide at a tile's zoom
 * are a dot in it (./dots.ts): each tile joins the parts of the features its zoom draws. Point
 * features are cut from a kdbush index instead (./pointTiles.ts: the same tiles, made when asked),
 * and tiles are encoded by ./encode.ts (the same bytes as @maplibre/vt-pbf, in less time).
 */
import { GeoJSONVT, type GeoJSONVTFeature } from '@maplibre/geojson-vt';
import type { Feature, GeoJsonProperties, Point } from 'geojson';
import { drawFlags, siteDrawZooms, type SiteDrawZooms } from '../drawZooms';
import { fromColumns } from './columns';
import { byDrawZoom } from './dots';
import { encodeLayer } from './encode';
import { mixedTiles, PointTiles, type TileSource } from './pointTiles';
import { SITES_TILE_LAYER, TILE_EXTENT, TILE_MAX_ZOOM, TILE_SIZE, type SiteColumns } from './messages';

/**
 * Pixels kept around each tile (MapLibre's default is 128): enough for what crosses a tile's edge,
 * the circles (12 px at most with their stroke) and the outlines; symbols and names are laid out
 * only in the tile that holds their anchor. With 128, each point was cut into and laid out in 2.25
 * tiles on average; with 32, in 1.3.
 */
const BUFFER_PX = 32;
/** Simplification tolerance in pixels (MapLibre's GeoJSON default). */
const TOLERANCE_PX = 0.375;
const UNITS_PER_PX = TILE_EXTENT / TILE_SIZE;

/**
 * The sites cut into tiles: one index per part of the features drawn over the same zooms
 * (./dots.ts), and the zooms their density allows for symbols and names (each tile's features
 * then carry ../drawZooms.ts's DRAW_FLAGS; none without).
 */
export interface SiteIndex {
  parts: { index: TileSource; minZoom: number; maxZoom: number }[];
  drawZooms?: SiteDrawZooms;
}

/** A geojson-vt index of site features, with the options above. */
export function featureIndex(features: Feature[]): GeoJSONVT {
  return new GeoJSONVT(
    { type: 'FeatureCollection', features },
    { maxZoom: TILE_MAX_ZOOM, extent: TILE_EXTENT, buffer: BUFFER_PX * UNITS_PER_PX, tolerance: TOLERANCE_PX * UNITS_PER_PX },
  );
}

/**
 * The tiles of site features, as featureIndex's: its points from a kdbush index (./pointTiles.ts),
 * the other features from geojson-vt, each tile in the features' order.
 */
export function siteTileSource(features: Feature[]): TileSource {
  const points: Feature<Point>[] = [];
  const pointKeys: number[] = [];
  const others: Feature[] = [];
  const keyOf = new Map<GeoJsonProperties, number>();
  features.forEach((f, k) => {
    if (f.geometry?.type === 'Point') {
      points.push(f as Feature<Point>);
      pointKeys.push(k);
    } else {
      others.push(f);
      keyOf.set(f.properties, k);
    }
  });
  if (!points.length) return featureIndex(features);
  const pointTiles = new PointTiles(points, { maxZoom: TILE_MAX_ZOOM, extent: TILE_EXTENT, buffer: BUFFER_PX * UNITS_PER_PX });
  return others.length ? mixedTiles(pointTiles, pointKeys, featureIndex(others), keyOf, features.length) : pointTiles;
}

/** The features split by the zooms that draw them (./dots.ts), each part's tiles from `source`. */
function siteIndex(features: Feature[], source: (features: Feature[]) => TileSource): SiteIndex {
  return { parts: byDrawZoom(features, TILE_SIZE, TILE_MAX_ZOOM).map((p) => ({ index: source(p.features), minZoom: p.minZoom, maxZoom: p.maxZoom })) };
}

/** The index cutSites made before ./pointTiles.ts, every part in geojson-vt: for the unit test that compares them, and the bench. */
export function geojsonVtIndex(features: Feature[]): SiteIndex {
  return siteIndex(features, featureIndex);
}

export function cutSites(columns: SiteColumns): { index: SiteIndex; drawZooms: SiteDrawZooms } {
  const features = fromColumns(columns);
  const drawZooms = siteDrawZooms(features);
  return { index: { ...siteIndex(features, siteTileSource), drawZooms }, drawZooms };
}

/** A tile's pbf bytes, in a buffer of their own (to transfer); null when the tile holds no site. */
export function encodeTile({ parts, drawZooms }: SiteIndex, z: number, x: number, y: number): ArrayBuffer | null {
  let features: GeoJSONVTFeature[] | null = null;
  for (const p of parts) {
    if (z < p.minZoom || z > p.maxZoom) continue;
    const t = p.index.getTile(z, x, y);
    if (!t?.features.length) continue;
    // A tile may be geojson-vt's own (cached): several are joined into a new list.
    features = features ? features.concat(t.features) : t.features;
  }
  if (!features) return null;
  const bytes = encodeLayer(SITES_TILE_LAYER, features, { version: 2, extent: TILE_EXTENT, ...(drawZooms ? { common: drawFlags(drawZooms, z) } : {}) });
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
}
