import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import type { Site } from '../../../src/domain/types';
import type { Feature, Point, Polygon } from 'geojson';
import { siteFeatures } from '../../../src/map/sources';
import { DRAW_FLAGS, siteDrawZooms } from '../../../src/map/drawZooms';
import { fromColumns, toColumns } from '../../../src/map/siteTiles/columns';
import { siteColumns, siteColumnsInSlices } from '../../../src/map/siteTiles/siteColumns';
import { cutSites, encodeTile } from '../../../src/map/siteTiles/tiler';
import { byDrawZoom, DOT_BELOW_PX, polygonFromZoom } from '../../../src/map/siteTiles/dots';
import { SITES_TILE_LAYER, TILE_SIZE } from '../../../src/map/siteTiles/messages';

// Fictitious sites (tests/fixtures/sites/sample: generated plots and points), as the map gets them.
const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, '../../fixtures/sites/sample', name), 'utf8')) as Site[];
// Both files number their sites from FICT-000001: the points get ids of their own.
const points = fixture('points-seed7.out.json').map((s) => ({ ...s, properties: { ...s.properties, id: `P-${s.properties.id}` } }));
const sites = [...fixture('polygons-seed42.out.json'), ...points];
const fids = new Map<string, number>();
const fidOf = (id: string) => fids.get(id) ?? (fids.set(id, fids.size + 1), fids.size);
const features = siteFeatures(sites, fidOf, { zoneMarkers: true });

/**
 * Every kind of site the map gets, built from the fixture's: a friche, plots (points and polygons,
 * fictitious or not, one with no name, one with a readiness label), and zones at each precision,
 * with an outline or a point (only zones with an outline at the exact or commune level get a marker).
 */
function variedSites(): Site[] {
  const [polygon, polygon2] = fixture('polygons-seed42.out.json');
  const [pt, pt2] = points;
  const withProps = (s: Site, id: string, props: Partial<Site['properties']>, geometry = s.geometry): Site => ({ ...s, geometry, properties: { ...s.properties, id, ...props } });
  const out: Site[] = [
    withProps(pt, 'F1', { kind: 'friche', friche_status: 'friche avec projet', fictitious: false }),
    withProps(pt2, 'F2', { kind: 'friche', friche_status: null, fictitious: true }),
    withProps(polygon, 'P1', { kind: 'plot', fictitious: true }),
    withProps(polygon2, 'P2', { kind: 'plot', fictitious: false, name: null as unknown as string }),
    withProps(pt, 'P3', { kind: 'plot', fictitious: false, readiness_label: 'site_industriel_cle_en_main' as never }),
  ];
  for (const precision of ['exact', 'commune', 'epci', 'territoire', undefined] as const) {
    out.push(withProps(polygon, `Z-${precision}`, { kind: 'zone', location_precision: precision, fictitious: false }));
    out.push(withProps(pt2, `ZP-${precision}`, { kind: 'zone', location_precision: precision, fictitious: false }));
  }
  return [...out, ...sites];
}

/** The tile (z, x, y) holding a lon/lat. */
function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)];
}

describe('site tiles (src/map/siteTiles)', () => {
  it('carries every site feature as columns and back, geometry and properties unchanged', () => {
    expect(features.features.length).toBe(sites.length);
    const { columns, transfer } = toColumns(features);
    expect(transfer.length).toBeGreaterThanOrEqual(2);
    // What crosses to the worker is a structured clone: no function, no class instance.
    expect(fromColumns(structuredClone(columns))).toEqual(features.features);
  });

  it('carries polygons with holes and multipolygons as flat typed arrays (transferred, not cloned), and back unchanged', () => {
    const ring = (x: number, y: number, d: number) => [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]];
    const fc = {
      type: 'FeatureCollection' as const,
      features: [
        { type: 'Feature' as const, geometry: { type: 'Polygon' as const, coordinates: [ring(3.3, 49.3, 0.01), ring(3.302, 49.302, 0.002)] }, properties: { id: 'A', name: 'Avec trou', _fid: 1 } },
        { type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [3.4, 49.4] }, properties: { id: 'B', name: 'Point', _fid: 2 } },
        {
          type: 'Feature' as const,
          geometry: { type: 'MultiPolygon' as const, coordinates: [[ring(3.5, 49.5, 0.01)], [ring(3.6, 49.6, 0.02), ring(3.605, 49.605, 0.005)]] },
          properties: { id: 'C', name: 'Deux parties', _fid: 3 },
        },
      ],
    };
    const { columns, transfer } = toColumns(fc);
    expect(columns.shapes).toEqual([]);
    expect(Array.from(columns.polygons.feature)).toEqual([0, 2]);
    expect(Array.from(columns.polygons.multi)).toEqual([0, 1]);
    expect(columns.polygons.coords.length).toBe(2 * 5 * 5);
    expect(transfer).toContain(columns.polygons.coords.buffer);
    expect(fromColumns(structuredClone(columns))).toEqual(fc.features);
  });

  it('builds the same columns straight from the sites as from their features, for every kind of site', () => {
    const varied = variedSites();
    // As the map does: every site's feature id first (skipped zones too), then the columns.
    const fidByIndex = Int32Array.from(varied, (x) => fidOf(x.properties.id));
    for (const zoneMarkers of [true, false]) {
      const fromFeatures = toColumns(siteFeatures(varied, fidOf, { zoneMarkers }));
      const direct = siteColumns(varied, fidByIndex, { zoneMarkers });
      expect(direct.columns).toEqual(fromFeatures.columns);
      // Typed arrays of the features' length (their whole buffers are transferred).
      expect(direct.transfer.map((b) => b.byteLength)).toEqual(fromFeatures.transfer.map((b) => b.byteLength));
    }
    // The fixture covers what it claims: skipped zones, a null name, both codings, fictitious.
    const c = siteColumns(varied, fidByIndex, { zoneMarkers: true }).columns;
    expect(c.n).toBe(varied.length - 7); // zones at EPCI or territory level (2), zones as points (5)
    expect(c.name).toContain(null);
    expect(c.coded.map((k) => k.key).sort()).toEqual(['_level', '_precision', '_status', 'fictitious', 'kind']);
    expect(c.coded.find((k) => k.key === '_precision')?.values).toEqual(['exact', 'commune']);
  });

  it('builds the same columns in slices (siteColumnsInSlices), yielding where the clock says', async () => {
    const varied = variedSites();
    const fidByIndex = Int32Array.from(varied, (x) => fidOf(x.properties.id));
    let yields = 0;
    const sliced = await siteColumnsInSlices(varied, fidByIndex, { zoneMarkers: true }, { due: (k) => k > 0 && k % 10 === 0, yield: async () => void yields++ });
    const whole = siteColumns(varied, fidByIndex, { zoneMarkers: true });
    expect(yields).toBe(Math.floor((varied.length - 1) / 10));
    expect(sliced.columns).toEqual(whole.columns);
    expect(sliced.transfer.map((b) => b.byteLength)).toEqual(whole.transfer.map((b) => b.byteLength));
  });

  it('serves each site in its tile with the id, feature id and properties the map reads', () => {
    const { index, drawZooms } = cutSites(toColumns(features).columns);
    expect(drawZooms).toEqual(siteDrawZooms(features.features));
    // A zoom where every polygon of the fixture is drawn as such (below, the small ones are dots: next test).
    const z = Math.max(...features.features.map((f) => polygonFromZoom(f, TILE_SIZE) ?? 0));
    expect(z).toBeGreaterThan(8);
    expect(z).toBeLessThanOrEqual(16);
    const seen = new Map<string, Record<string, unknown>>();
    const types = new Map<string, number>();
    const tiles = new Set(features.features.map((f) => {
      const g = f.geometry;
      const [lon, lat] = g.type === 'Point' ? g.coordinates : g.type === 'Polygon' ? g.coordinates[0][0] : [0, 0];
      return tileOf(lon, lat, z).join('/');
    }));
    for (const t of tiles) {
      const [x, y] = t.split('/').map(Number);
      const data = encodeTile(index, z, x, y);
      expect(data).not.toBeNull();
      const layer = new VectorTile(new PbfReader(new Uint8Array(data!))).layers[SITES_TILE_LAYER];
      for (let i = 0; i < layer.length; i++) {
        const f = layer.feature(i);
        seen.set(String(f.properties.id), f.properties);
        types.set(String(f.properties.id), f.type);
      }
    }
    // The fixture is sparse: symbols at every zoom, names from zoom 13 (the next test moves both).
    expect(drawZooms).toEqual({ symbols: 0, labels: 13 });
    for (const f of features.features) {
      const p = f.properties!;
      expect(seen.get(p.id), p.id).toEqual({ ...p, _sym: 1, _lbl: z >= 13 ? 1 : 0 });
      // 1: point, 3: polygon (the style tells them apart by geometry-type).
      expect(types.get(p.id), p.id).toBe(f.geometry.type === 'Point' ? 1 : 3);
    }
    // A tile far from every site: nothing to send.
    expect(encodeTile(index, z, 0, 0)).toBeNull();
  });

  it('gives the zoom from which a polygon is drawn as such: DOT_BELOW_PX wide, a dot below', () => {
    const rect = (lon: number, lat: number, w: number, h: number): Feature => ({
      type: 'Feature',
      properties: {},
      geometry: { type: 'Polygon', coordinates: [[[lon, lat], [lon + w, lat], [lon + w, lat + h], [lon, lat + h], [lon, lat]]] },
    });
    expect(DOT_BELOW_PX).toBe(4);
    // A plot of about 100 × 70 m near Soissons: 0.0014° of longitude is 3.9e-6 of the world's
    // width, 2.0e-3 px at zoom 0 on 512-px tiles, 4 px at zoom log2(4 / 2.0e-3) = 10.97.
    expect(polygonFromZoom(rect(3.3, 49.3, 0.0014, 0.0006), 512)).toBe(11);
    // Taller than wide: its height in Mercator (0.01° of latitude at 49° N is 1.5 × 0.01° of longitude).
    expect(polygonFromZoom(rect(3.3, 49.3, 0.0001, 0.01), 512)).toBe(polygonFromZoom(rect(3.3, 49.3, 0.015, 0.0001), 512));
    // 14 km wide: 4 px at zoom log2(4 / (0.137 / 360 × 512)) = 4.36.
    expect(polygonFromZoom(rect(3.0, 49.2, 0.137, 0.05), 512)).toBe(5);
    // 3° wide: 4.3 px at zoom 0, never a dot; a point is no polygon; a polygon with no extent is always a dot.
    expect(polygonFromZoom(rect(2, 48, 3, 1), 512)).toBeNull();
    expect(polygonFromZoom({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [3.3, 49.3] } }, 512)).toBeNull();
    expect(polygonFromZoom(rect(3.3, 49.3, 0, 0), 512)).toBeGreaterThan(24);
    // A multipolygon: the box of all its parts.
    const multi: Feature = { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [(rect(3.3, 49.3, 0.001, 0.001).geometry as Polygon).coordinates, (rect(3.4, 49.3, 0.001, 0.001).geometry as Polygon).coordinates] } };
    expect(polygonFromZoom(multi, 512)).toBe(polygonFromZoom(rect(3.3, 49.3, 0.101, 0.001), 512));
    // Split by the zooms that draw them: what is never a dot at every zoom; a small polygon from
    // its zoom on (up to the deepest tile zoom: beyond, it stays a dot), its dot below.
    const point: Feature = { type: 'Feature', properties: { id: 'pt' }, geometry: { type: 'Point', coordinates: [3.3, 49.3] } };
    const plot = { ...rect(3.3, 49.3, 0.0014, 0.0006), properties: { id: 'plot' } };
    const plot2 = { ...rect(3.4, 49.2, 0.0014, 0.0006), properties: { id: 'plot2' } };
    const big = { ...rect(2, 48, 3, 1), properties: { id: 'big' } };
    const speck = { ...rect(3.3, 49.3, 0, 0), properties: { id: 'speck' } };
    const parts = byDrawZoom([point, plot, big, plot2, speck], 512, 18);
    const summary = parts.map((p) => ({ zooms: [p.minZoom, p.maxZoom], features: p.features.map((f) => `${f.properties!.id} ${f.geometry.type}`) }));
    expect(summary).toEqual([
      { zooms: [0, Infinity], features: ['pt Point', 'big Polygon'] },
      { zooms: [11, Infinity], features: ['plot Polygon', 'plot2 Polygon'] },
      { zooms: [0, 10], features: ['plot Point', 'plot2 Point'] },
      { zooms: [0, 98], features: ['speck Point'] },
    ]);
    // The dot: the centre of the polygon's box, with the polygon's properties.
    const [lon, lat] = (parts[2].features[0].geometry as Point).coordinates;
    expect([lon, lat].map((v) => v.toFixed(9))).toEqual(['3.300700000', '49.300300000']);
    expect(parts[2].features[0].properties).toBe(plot.properties);
  });

  it('flags each feature of a tile with whether the tile’s zoom draws symbols (dots below) and names, from the density of the cut', () => {
    expect(DRAW_FLAGS).toEqual({ symbols: '_sym', labels: '_lbl' });
    // 5,000 points on a grid of 730 × 560 m north of Soissons: too many for one tile's symbols
    // until zoom 16 (src/domain/density.ts: 4,000 a tile at most), and for its names' glyphs until 17.
    const spot: Feature[] = Array.from({ length: 5000 }, (_, i) => ({
      type: 'Feature',
      id: i + 1,
      properties: { id: `D${i}`, _fid: i + 1, kind: 'plot', name: `L${i}` },
      geometry: { type: 'Point', coordinates: [3.32 + (i % 100) * 0.0001, 49.4 + Math.floor(i / 100) * 0.0001] },
    }));
    const { index, drawZooms } = cutSites(toColumns({ type: 'FeatureCollection', features: spot }).columns);
    expect(drawZooms).toEqual({ symbols: 16, labels: 17 });
    const flagsAt = (z: number) => {
      const [x, y] = tileOf(3.32, 49.40, z);
      const layer = new VectorTile(new PbfReader(new Uint8Array(encodeTile(index, z, x, y)!))).layers[SITES_TILE_LAYER];
      const seen = new Set<string>();
      for (let i = 0; i < layer.length; i++) seen.add(`${layer.feature(i).properties._sym}/${layer.feature(i).properties._lbl}`);
      return [...seen];
    };
    // Every feature of a tile says the same: dots below the symbols' zoom, symbols from it, names from theirs.
    expect(flagsAt(drawZooms.symbols - 1)).toEqual(['0/0']);
    expect(flagsAt(drawZooms.symbols)).toEqual(['1/0']);
    expect(flagsAt(drawZooms.labels - 1)).toEqual(['1/0']);
    expect(flagsAt(drawZooms.labels)).toEqual(['1/1']);
  });

  it('serves a small polygon as one dot at the centre of its box below that zoom, with its properties, and as its polygon from it', () => {
    const { index } = cutSites(toColumns(features).columns);
    const polygons = features.features.filter((f) => f.geometry.type !== 'Point');
    expect(polygons.length).toBeGreaterThan(4);
    for (const f of polygons) {
      const from = polygonFromZoom(f, TILE_SIZE)!;
      expect(from, f.properties!.id).toBeGreaterThan(0);
      const ring = (f.geometry as Polygon).coordinates[0];
      const lons = ring.map((c) => c[0]);
      const lats = ring.map((c) => c[1]);
      const centre = [(Math.min(...lons) + Math.max(...lons)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2];
      for (const z of [from - 1, from]) {
        const [x, y] = tileOf(centre[0], centre[1], z);
        const layer = new VectorTile(new PbfReader(new Uint8Array(encodeTile(index, z, x, y)!))).layers[SITES_TILE_LAYER];
        const mine = [];
        for (let i = 0; i < layer.length; i++) if (layer.feature(i).properties.id === f.properties!.id) mine.push(layer.feature(i));
        // Once: a dot or the polygon, never both.
        expect(mine.length, `${f.properties!.id} z${z}`).toBe(1);
        expect(mine[0].properties).toEqual({ ...f.properties, _sym: 1, _lbl: z >= 13 ? 1 : 0 });
        if (z < from) {
          expect(mine[0].type).toBe(1);
          const g = mine[0].toGeoJSON(x, y, z).geometry as Point;
          // At the centre of the polygon's box, within one tile unit (8192 per tile).
          const unit = 360 / 2 ** z / 8192;
          expect(Math.abs(g.coordinates[0] - centre[0])).toBeLessThan(unit);
          expect(Math.abs(g.coordinates[1] - centre[1])).toBeLessThan(unit);
        } else expect(mine[0].type).toBe(3);
      }
    }
  });
});
