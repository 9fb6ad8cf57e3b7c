/**
 * The cutting itself (pure: runs in the tiles worker, and in Node for the unit tests): the site
 * features from their columns, a geojson-vt index with the options MapLibre gives its own GeoJSON
 * sources (same extent, 32 px of buffer as the map's sites source, same simplification), the
 * zooms from which symbols and names may be drawn (../drawZooms.ts), and each tile encoded as a
 * Mapbox Vector Tile (pbf) with one layer, `sites`.
 *
 * The index is updatable: new or edited sites (drafts, an import) change only the tiles they
 * touch (geojson-vt's `updateData`, by feature id `_fid`).
 */
import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Feature } from 'geojson';
import { siteDrawZooms, type SiteDrawZooms } from '../drawZooms';
import { fromColumns } from './columns';
import { SITES_TILE_LAYER, TILE_EXTENT, TILE_MAX_ZOOM, TILE_SIZE, type SiteColumns } from './messages';

/** Pixels kept around each tile (the map's SITES_TILE_BUFFER: circles and outlines crossing tile edges). */
const BUFFER_PX = 32;
/** Simplification tolerance in pixels (MapLibre's GeoJSON default). */
const TOLERANCE_PX = 0.375;
const UNITS_PER_PX = TILE_EXTENT / TILE_SIZE;

export interface SiteIndex {
  index: GeoJSONVT;
  /** The features indexed, by `_fid` (the draw zooms are computed again from them after an update). */
  byFid: Map<number, Feature>;
  drawZooms: SiteDrawZooms;
}

const fidOf = (f: Feature) => f.properties!._fid as number;

export function cutSites(columns: SiteColumns): SiteIndex {
  const features = fromColumns(columns);
  const drawZooms = siteDrawZooms(features);
  const index = new GeoJSONVT(
    { type: 'FeatureCollection', features },
    {
      maxZoom: TILE_MAX_ZOOM,
      extent: TILE_EXTENT,
      buffer: BUFFER_PX * UNITS_PER_PX,
      tolerance: TOLERANCE_PX * UNITS_PER_PX,
      promoteId: '_fid',
      updateable: true,
    },
  );
  return { index, byFid: new Map(features.map((f) => [fidOf(f), f])), drawZooms };
}

/** Applies changes: the features of the `remove` ids go, those of `add` come (replacing any with the same id). */
export function updateSites(s: SiteIndex, remove: readonly number[], add: SiteColumns): void {
  const added = fromColumns(add);
  const gone = new Set(remove);
  for (const f of added) gone.add(fidOf(f));
  const present = [...gone].filter((id) => s.byFid.has(id));
  for (const id of present) s.byFid.delete(id);
  for (const f of added) s.byFid.set(fidOf(f), f);
  s.index.updateData({ remove: present, add: added });
  s.drawZooms = siteDrawZooms([...s.byFid.values()]);
}

/** A tile's pbf bytes, in a buffer of their own (to transfer); null when the tile holds no site. */
export function encodeTile(index: GeoJSONVT, z: number, x: number, y: number): ArrayBuffer | null {
  const tile = index.getTile(z, x, y);
  if (!tile || !tile.features.length) return null;
  const bytes = fromGeojsonVt({ [SITES_TILE_LAYER]: tile }, { version: 2, extent: TILE_EXTENT });
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
}
