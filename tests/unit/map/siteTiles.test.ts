import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import type { Site } from '../../../src/domain/types';
import { siteFeatures } from '../../../src/map/sources';
import { siteDrawZooms } from '../../../src/map/drawZooms';
import { fromColumns, toColumns } from '../../../src/map/siteTiles/columns';
import { siteColumns, siteColumnsInSlices } from '../../../src/map/siteTiles/siteColumns';
import { cutSites, encodeTile } from '../../../src/map/siteTiles/tiler';
import { SITES_TILE_LAYER } from '../../../src/map/siteTiles/messages';

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
    const z = 8;
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
    for (const f of features.features) {
      const p = f.properties!;
      expect(seen.get(p.id), p.id).toEqual(p);
      // 1: point, 3: polygon (the style tells them apart by geometry-type).
      expect(types.get(p.id), p.id).toBe(f.geometry.type === 'Point' ? 1 : 3);
    }
    // A tile far from every site: nothing to send.
    expect(encodeTile(index, z, 0, 0)).toBeNull();
  });
});
