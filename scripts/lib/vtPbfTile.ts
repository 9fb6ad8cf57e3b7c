/**
 * A site tile as encodeTile (src/map/siteTiles/tiler.ts) wrote it before src/map/siteTiles/encode.ts:
 * the tiles of the parts drawn at its zoom joined, encoded by @maplibre/vt-pbf. The reference of
 * the unit test that compares them (tests/unit/map/pointTiles.test.ts) and of bench-site-tiles.
 */
import type { GeoJSONVTFeature, GeoJSONVTTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { SITES_TILE_LAYER, TILE_EXTENT } from '../../src/map/siteTiles/messages';
import type { SiteIndex } from '../../src/map/siteTiles/tiler';

export function vtPbfTile({ parts }: SiteIndex, z: number, x: number, y: number): Uint8Array | null {
  let features: GeoJSONVTFeature[] | null = null;
  for (const p of parts) {
    if (z < p.minZoom || z > p.maxZoom) continue;
    const t = p.index.getTile(z, x, y);
    if (t?.features.length) features = features ? features.concat(t.features) : t.features;
  }
  return features && fromGeojsonVt({ [SITES_TILE_LAYER]: { features } as GeoJSONVTTile }, { version: 2, extent: TILE_EXTENT });
}
