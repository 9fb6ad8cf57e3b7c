import { describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import type { Feature, Geometry } from 'geojson';
import { mulberry32 } from '../../../src/domain/sample';
import { fromColumns, toColumns } from '../../../src/map/siteTiles/columns';
import { projectX, projectY } from '../../../src/map/siteTiles/pointTiles';
import { cutSites, encodeTile, geojsonVtIndex } from '../../../src/map/siteTiles/tiler';
import { vtPbfTile } from '../../../scripts/lib/vtPbfTile';
import { SITES_TILE_LAYER, TILE_EXTENT, TILE_MAX_ZOOM, TILE_SIZE } from '../../../src/map/siteTiles/messages';

/**
 * The site tiles cut with the points in a kdbush index (src/map/siteTiles/pointTiles.ts) and
 * encoded by src/map/siteTiles/encode.ts are the tiles geojson-vt alone makes, encoded by
 * @maplibre/vt-pbf (every part of the features a geojson-vt index: what cutSites and encodeTile
 * did before), byte for byte: the same features, in the same order, at the same positions, with the
 * same properties. Fictitious sites: points, small polygons (dots below some zoom), big polygons,
 * points exactly on tile edges and on the edges of the tiles' buffers, near the antimeridian.
 */

/** Tile buffer in the world square: 32 px of a 512-px tile (src/map/siteTiles/tiler.ts). */
const B = 32 / TILE_SIZE;
/** The zooms compared: each site's tile and the tiles around it (at the deepest zoom, its own only: time). */
const ZOOMS = [0, 1, 4, 6, 8, 9, 10, 11, 12, 14, 18];

/** The longitude whose projected x is exactly `x` (checked: x is dyadic). */
function lonAt(x: number): number {
  const lon = (x - 0.5) * 360;
  expect(projectX(lon)).toBe(x);
  return lon;
}

/** The latitudes just north and south of the projected y `y` (one of them exactly there when one is). */
function latsAt(y: number): number[] {
  let north = 85;
  let south = -85;
  for (;;) {
    const mid = (north + south) / 2;
    if (mid === north || mid === south) break;
    if (projectY(mid) <= y) north = mid;
    else south = mid;
  }
  return [north, south];
}

function sites(): Feature[] {
  const rnd = mulberry32(2026);
  const out: Feature[] = [];
  const kinds = ['plot', 'friche', 'zone'];
  const add = (geometry: Geometry) => {
    const i = out.length;
    const properties: Record<string, unknown> = { id: `T-${i}`, kind: kinds[i % 3], _level: i % 4 ? 'disponible' : 'inconnu', fictitious: true, _fid: i + 1 };
    if (i % 5) properties.name = `Site fictif ${i}`;
    out.push({ type: 'Feature', properties, geometry });
  };
  const rect = (lon: number, lat: number, w: number, h: number): Geometry => ({
    type: 'Polygon',
    coordinates: [[[lon, lat], [lon + w, lat], [lon + w, lat + h], [lon, lat + h], [lon, lat]]],
  });
  // Points, plots of about 100 × 70 m and big polygons, interleaved, around Soissons and over France.
  for (let i = 0; i < 240; i++) {
    const local = i % 2 === 0;
    const lon = local ? 3.0 + rnd() * 0.65 : -4.5 + rnd() * 12;
    const lat = local ? 49.18 + rnd() * 0.28 : 42.5 + rnd() * 8.5;
    if (i % 3 === 0) add({ type: 'Point', coordinates: [lon, lat] });
    else if (i % 3 === 1) add(rect(lon, lat, 0.0014, 0.0006));
    else if (i % 24 === 2) add(rect(lon - 1.5, lat - 1, 3 + rnd(), 2)); // never a dot: 4 px wide at zoom 0
    else if (i % 12 === 2) add(rect(lon, lat, 0.2 + rnd(), 0.1 + rnd() * 0.5));
    else add(rect(lon, lat, 0.0005 + rnd() * 0.02, 0.0005 + rnd() * 0.01));
  }
  // On the edges of a tile near Soissons, at several zooms: the tile's edge (in it, and in its
  // neighbour's buffer), its buffer's edges (the lower one in, the upper one out), as points and as
  // the dots of small polygons centred there.
  for (const z of [6, 9, 11, 14]) {
    const n = 2 ** z;
    const tx = Math.floor(projectX(3.32) * n);
    const ty = Math.floor(projectY(49.38) * n);
    for (const dx of [0, -B, 1 + B, 1, 0.5]) {
      for (const dy of [0, -B, 1 + B, 0.5]) {
        const lon = lonAt((tx + dx) / n);
        for (const lat of latsAt((ty + dy) / n)) {
          add({ type: 'Point', coordinates: [lon, lat] });
          add(rect(lon - 0.0002, lat - 0.0001, 0.0004, 0.0002));
        }
      }
    }
  }
  // Near the antimeridian (geojson-vt copies them one world east or west), and on it.
  for (const lon of [179.9, -179.95, 180, -180, 160, -160]) add({ type: 'Point', coordinates: [lon, -17.5] });
  add(rect(179.99, -17.6, 0.001, 0.001));
  return out;
}

/** Each site's tile at zoom z and the tiles around it (whose buffers may hold it) up to `ring` tiles away. */
function tilesAround(features: Feature[], z: number, ring: number): [number, number][] {
  const n = 2 ** z;
  const keys = new Set<string>();
  for (const f of features) {
    const g = f.geometry;
    const [lon, lat] = g.type === 'Point' ? g.coordinates : g.type === 'Polygon' ? g.coordinates[0][0] : [0, 0];
    const tx = Math.floor(projectX(lon) * n);
    const ty = Math.floor(projectY(lat) * n);
    for (let dx = -ring; dx <= ring; dx++) for (let dy = -ring; dy <= ring; dy++) keys.add(`${tx + dx}/${Math.min(n - 1, Math.max(0, ty + dy))}`);
  }
  return [...keys].map((k) => k.split('/').map(Number) as [number, number]);
}

describe('site tiles of points from kdbush (src/map/siteTiles/pointTiles.ts)', () => {
  it('cuts the same tiles as geojson-vt alone: same features, order, positions and properties, buffer edges and antimeridian included', () => {
    const features = sites();
    const columns = toColumns({ type: 'FeatureCollection', features }).columns;
    // Without the draw flags every tile's features get (encodeTile.test.ts compares those bytes).
    const now = { ...cutSites(columns).index, drawZooms: undefined };
    const before = geojsonVtIndex(fromColumns(columns));
    let tiles = 0;
    const xs = new Set<number>();
    let points = 0;
    let polygons = 0;
    /** Tiles where a polygon comes between two points (the parts that hold both merge their tiles). */
    let interleaved = 0;
    for (const z of ZOOMS) {
      for (const [x, y] of tilesAround(features, z, z === TILE_MAX_ZOOM ? 0 : 1)) {
        const a = encodeTile(now, z, x, y);
        const b = vtPbfTile(before, z, x, y);
        expect(a === null, `${z}/${x}/${y}`).toBe(b === null);
        if (!a || !b) continue;
        // Compared as text: vitest's deep equality of typed arrays is slow.
        expect(Buffer.from(a).toString('base64'), `${z}/${x}/${y}`).toBe(Buffer.from(b).toString('base64'));
        tiles++;
        const layer = new VectorTile(new PbfReader(new Uint8Array(a))).layers[SITES_TILE_LAYER];
        let types = '';
        for (let i = 0; i < layer.length; i++) {
          const f = layer.feature(i);
          types += f.type;
          if (f.type === 1) {
            points++;
            xs.add(f.loadGeometry()[0][0].x);
          } else polygons++;
        }
        if (/13+1/.test(types)) interleaved++;
      }
    }
    // Beyond the deepest zoom, off the world's rows, and x around the world (geojson-vt wraps it).
    for (const [z, x, y] of [[19, 0, 0], [9, 0, -1], [9, 0, 512], [9, -512 + 263, 175], [9, 512 + 263, 175], [0, 0, 0]]) {
      const a = encodeTile(now, z, x, y);
      const b = vtPbfTile(before, z, x, y);
      expect(a && new Uint8Array(a), `${z}/${x}/${y}`).toEqual(b);
    }
    // The fixture holds what it claims: many tiles, of points and polygons; points on a tile's
    // edge (0 and the extent) and on its buffer's lower edge (−512: in), none on its upper one.
    expect(tiles).toBeGreaterThan(500);
    expect(points).toBeGreaterThan(5000);
    expect(polygons).toBeGreaterThan(500);
    expect(interleaved).toBeGreaterThan(10);
    const buffer = B * TILE_EXTENT;
    for (const x of [0, TILE_EXTENT, -buffer, TILE_EXTENT / 2]) expect(xs, String(x)).toContain(x);
    expect(xs).not.toContain(TILE_EXTENT + buffer);
  });
});
