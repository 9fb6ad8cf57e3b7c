/**
 * The cutting itself (pure: runs in the tiles worker, and in Node for the unit tests): the site
 * features from their columns, a geojson-vt index with the options MapLibre gives its own GeoJSON
 * sources (same extent, 32 px of buffer as the map's sites source, same simplification), the
 * zooms from which symbols and names may be drawn (../drawZooms.ts), and each tile encoded as a
 * Mapbox Vector Tile (pbf) with one layer, `sites`.
 */
import { GeoJSONVT, type GeoJSONVTTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Feature } from 'geojson';
import { siteDrawZooms, type SiteDrawZooms } from '../drawZooms';
import { fromColumns } from './columns';
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
 * The sites' tiles: the sites cut first (`base`, the published ones) and, apart, the few sites
 * changed since (`overlay`: drafts, edits, zone markers, the sample), cut on their own. A tile is
 * the base's tile less the sites hidden (removed or changed since), plus the overlay's tile. An
 * update cuts the overlay again (a few sites) and leaves the base's tiles as they are: with one
 * updatable index, geojson-vt drops every tile around a change, from zoom 0, and the next view
 * would cut all the sites around it again.
 */
export interface SiteIndex {
  base: GeoJSONVT;
  baseByFid: Map<number, Feature>;
  /** Feature ids of the base that are not drawn from it (removed, or changed: drawn from the overlay). */
  hidden: Set<number>;
  overlay: GeoJSONVT | null;
  overlayByFid: Map<number, Feature>;
  drawZooms: SiteDrawZooms;
}

const fidOf = (f: Feature) => f.properties!._fid as number;

function indexOf(features: Feature[]): GeoJSONVT {
  return new GeoJSONVT(
    { type: 'FeatureCollection', features },
    { maxZoom: TILE_MAX_ZOOM, extent: TILE_EXTENT, buffer: BUFFER_PX * UNITS_PER_PX, tolerance: TOLERANCE_PX * UNITS_PER_PX, promoteId: '_fid' },
  );
}

export function cutSites(columns: SiteColumns): SiteIndex {
  const features = fromColumns(columns);
  return {
    base: indexOf(features),
    baseByFid: new Map(features.map((f) => [fidOf(f), f])),
    hidden: new Set(),
    overlay: null,
    overlayByFid: new Map(),
    drawZooms: siteDrawZooms(features),
  };
}

/** Applies changes: the features of the `remove` ids go, those of `add` come (replacing any with the same id). */
export function updateSites(s: SiteIndex, remove: readonly number[], add: SiteColumns): void {
  for (const id of remove) {
    s.overlayByFid.delete(id);
    if (s.baseByFid.has(id)) s.hidden.add(id);
  }
  for (const f of fromColumns(add)) {
    const id = fidOf(f);
    s.overlayByFid.set(id, f);
    if (s.baseByFid.has(id)) s.hidden.add(id);
  }
  const overlay = [...s.overlayByFid.values()];
  s.overlay = overlay.length ? indexOf(overlay) : null;
  const drawn: Feature[] = [];
  for (const [id, f] of s.baseByFid) if (!s.hidden.has(id)) drawn.push(f);
  s.drawZooms = siteDrawZooms(drawn.concat(overlay));
}

/** Number of sites drawn from the overlay (a new whole cut is cheaper past some). */
export const overlaySize = (s: SiteIndex) => s.overlayByFid.size;

/**
 * Cuts ahead the tiles that cover `bbox` (lon/lat) from zoom 0 to `maxZoom`: geojson-vt cuts a
 * tile when first asked, from its nearest cut ancestor, so the first view's tiles are ready when
 * the map asks (the worker does this while the page builds the list).
 */
export function warmTiles(s: SiteIndex, bbox: readonly [number, number, number, number], maxZoom: number): number {
  let n = 0;
  for (let z = 0; z <= maxZoom; z++) {
    const [x0, y0] = tileAt(bbox[0], bbox[3], z);
    const [x1, y1] = tileAt(bbox[2], bbox[1], z);
    for (let x = x0; x <= x1; x++)
      for (let y = y0; y <= y1; y++) {
        s.base.getTile(z, x, y);
        n++;
      }
  }
  return n;
}

function tileAt(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  const x = Math.floor(((lon + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return [Math.min(n - 1, Math.max(0, x)), Math.min(n - 1, Math.max(0, y))];
}

/** A tile's pbf bytes, in a buffer of their own (to transfer); null when the tile holds no site. */
export function encodeTile(s: SiteIndex, z: number, x: number, y: number): ArrayBuffer | null {
  const base = s.base.getTile(z, x, y);
  const over = s.overlay?.getTile(z, x, y);
  type Features = GeoJSONVTTile['features'];
  let features: Features = base?.features ?? ([] as unknown as Features);
  if (s.hidden.size && features.length) features = features.filter((f) => !s.hidden.has(f.id as number)) as Features;
  if (over?.features.length) features = (features as unknown[]).concat(over.features) as Features;
  const tile = base ?? over;
  if (!tile || !features.length) return null;
  const bytes = fromGeojsonVt({ [SITES_TILE_LAYER]: { ...tile, features } }, { version: 2, extent: TILE_EXTENT });
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
}
