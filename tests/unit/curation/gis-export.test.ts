/**
 * Exports that open everywhere (issue 11 §2): GeoJSON one file per geometry type, CSV with a
 * WKT column GDAL finds without options (+ .csvt, .prj), GeoPackage. Each is re-imported by the
 * atlas (same sites), and — when GDAL is installed (Debian: gdal-bin; .ci/run installs it) —
 * read by `ogrinfo` with the right CRS, geometry type and feature count.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CSV_PRJ,
  groupByGeometryType,
  hasMixedGeometries,
  toCSV,
  toCSVT,
  toCsvZip,
  toGeoJSONFiles,
  toGeoPackage,
} from '../../../src/data/export';
import { parseImportFiles } from '../../../src/data/import';
import { loadSqlJsNode } from '../../../src/data/gpkg/sqljs';
import { sitesEquivalent } from '../../../src/domain/diff';
import type { Site } from '../../../src/domain/types';
import { sampleSites } from './exportSites';

const GDAL = spawnSync('ogrinfo', ['--version'], { encoding: 'utf8' }).status === 0;
if (!GDAL) console.warn('GDAL (ogrinfo) absent : les tests « ogrinfo lit l’export » sont sautés. Installez-le : apt-get install gdal-bin.');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-gis-export-'));
const write = (name: string, content: string | Uint8Array) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};
/** `ogrinfo -ro -so -al` (summary of every layer). */
const ogrinfo = (file: string, ...args: string[]) => execFileSync('ogrinfo', ['-ro', '-so', '-al', ...args, file], { encoding: 'utf8' });
/** Layer name → geometry type, feature count, and the EPSG code of its CRS. */
function layers(info: string): Record<string, { geometry: string; count: number; epsg: string | null }> {
  const out: Record<string, { geometry: string; count: number; epsg: string | null }> = {};
  for (const block of info.split(/\nLayer name: /).slice(1)) {
    const name = block.split('\n')[0].trim();
    const srs = /Layer SRS WKT:\n([\s\S]*?)\n(?:Data axis|[A-Za-z_]+: )/.exec(block)?.[1] ?? '';
    const ids = [...srs.matchAll(/ID\["EPSG",(\d+)\]/g)];
    out[name] = {
      geometry: /Geometry: (.+)/.exec(block)![1].trim(),
      count: Number(/Feature Count: (\d+)/.exec(block)![1]),
      // The CRS's own code is the last ID of its WKT.
      epsg: ids.length ? ids[ids.length - 1][1] : null,
    };
  }
  return out;
}

const sites = sampleSites();

async function expectSameSites(original: readonly Site[], files: { name: string; bytes: Uint8Array }[]) {
  const r = await parseImportFiles(files);
  expect(r.items.map((i) => i.blocked)).toEqual(original.map(() => false));
  const byId = new Map(r.items.map((i) => [i.site!.properties.id, i.site!]));
  for (const s of original) {
    const back = byId.get(s.properties.id)!;
    expect(sitesEquivalent(s, { ...back, properties: { ...back.properties, source: s.properties.source } }), s.properties.id).toBe(true);
  }
}

describe('GeoJSON: one file per geometry type', () => {
  it('splits mixed sites into points, polygons and multipolygons, each re-imported as the same sites', async () => {
    expect(hasMixedGeometries(sites)).toBe(true);
    // Sites of one type (or none) need no split, whichever type it is.
    for (const type of ['Point', 'Polygon', 'MultiPolygon'] as const) expect(hasMixedGeometries(sites.filter((s) => s.geometry.type === type))).toBe(false);
    expect(hasMixedGeometries([])).toBe(false);
    expect(groupByGeometryType(sites).map((g) => [g.suffix, g.sites.length])).toEqual([
      ['points', 1],
      ['polygones', 2],
      ['multipolygones', 1],
    ]);
    const files = toGeoJSONFiles(sites);
    expect(files.map((f) => f.type)).toEqual(['Point', 'Polygon', 'MultiPolygon']);
    for (const f of files) {
      const subset = sites.filter((s) => s.geometry.type === f.type);
      await expectSameSites(subset, [{ name: `x-${f.suffix}.geojson`, bytes: new TextEncoder().encode(f.text) }]);
    }
    // Sites of one type: a single file.
    expect(toGeoJSONFiles(sites.filter((s) => s.geometry.type === 'Polygon'))).toHaveLength(1);
  });

  it.skipIf(!GDAL)('ogrinfo reads each file with its own geometry type, in WGS 84 and in Lambert-93', () => {
    for (const [crs, epsg] of [
      ['EPSG:4326', '4326'],
      ['EPSG:2154', '2154'],
    ] as const) {
      for (const f of toGeoJSONFiles(sites, { crs })) {
        const info = layers(ogrinfo(write(`sites-${epsg}-${f.suffix}.geojson`, f.text)));
        const [layer] = Object.values(info);
        expect(layer).toEqual({ geometry: f.type === 'MultiPolygon' ? 'Multi Polygon' : f.type, count: f.count, epsg });
      }
    }
  });
});

describe('CSV for GIS: WKT column, .csvt, .prj', () => {
  it('names the geometry column « WKT », types every column in the .csvt, and re-imports the same sites', async () => {
    const csv = toCSV(sites);
    const header = csv.replace(/^\uFEFF/, '').split('\r\n')[0].split(';');
    expect(header).toContain('WKT');
    const types = toCSVT().trim().split(',');
    expect(types).toHaveLength(header.length);
    expect(types[header.indexOf('WKT')]).toBe('"WKT"');
    expect(types[header.indexOf('lon')]).toBe('"Real"');
    expect(types[header.indexOf('name')]).toBe('"String"');
    await expectSameSites(sites, [{ name: 'sites.csv', bytes: new TextEncoder().encode(csv) }]);
  });

  it('zips the .csv with its .csvt and .prj', async () => {
    const zip = await toCsvZip(sites, 'atlas-sites');
    const { unzipSync, strFromU8 } = await import('fflate');
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(['atlas-sites.csv', 'atlas-sites.csvt', 'atlas-sites.prj']);
    expect(strFromU8(files['atlas-sites.prj'])).toBe(CSV_PRJ);
    // The zip re-imports like the CSV.
    await expectSameSites(sites, [{ name: 'atlas-sites.zip', bytes: zip }]);
  });

  it.skipIf(!GDAL)('ogrinfo finds the geometry without options, in EPSG:4326, with typed columns and the right shapes', () => {
    const csv = write('sites.csv', toCSV(sites));
    // The plain .csv alone: GDAL already reads its geometry from the WKT column.
    const bare = layers(ogrinfo(csv)).sites;
    expect(bare.count).toBe(sites.length);
    expect(ogrinfo(csv)).toMatch(/Extent: \(3\.10\d+, 49\.24\d+\) - \(3\.33\d+, 49\.37\d+\)/);
    write('sites.csvt', toCSVT());
    write('sites.prj', CSV_PRJ);
    const info = ogrinfo(csv);
    expect(layers(info).sites).toMatchObject({ count: sites.length, epsg: '4326' });
    expect(info).toMatch(/declared_surface_m2: Real/);
    expect(info).toMatch(/name: String/);
    // Each feature keeps its own geometry type.
    const all = execFileSync('ogrinfo', ['-ro', '-al', '-geom=SUMMARY', csv], { encoding: 'utf8' });
    expect([...all.matchAll(/^ {2}(POINT|POLYGON|MULTIPOLYGON) :/gm)].map((m) => m[1])).toEqual(['POLYGON', 'MULTIPOLYGON', 'POINT', 'POLYGON']);
  });
});

describe('GeoPackage', () => {
  it('writes one layer per geometry type that the atlas reads back as the same sites', async () => {
    const bytes = await toGeoPackage(sites, { sqlJs: loadSqlJsNode });
    const first = await parseImportFiles({ name: 'sites.gpkg', bytes });
    expect(first.layers).toEqual([
      { name: 'sites_points', count: 1, geometryType: 'Point' },
      { name: 'sites_polygones', count: 2, geometryType: 'Polygon' },
      { name: 'sites_multipolygones', count: 1, geometryType: 'MultiPolygon' },
    ]);
    expect(first.crsUsed).toBe('EPSG:2154');
    for (const l of first.layers!) {
      const r = await parseImportFiles({ name: 'sites.gpkg', bytes }, { layer: l.name });
      const subset = sites.filter((s) => s.geometry.type === l.geometryType);
      expect(r.items.map((i) => i.site!.properties.id)).toEqual(subset.map((s) => s.properties.id));
      expect(r.summary.blocked).toBe(0);
      for (const [k, s] of subset.entries()) {
        const back = r.items[k].site!;
        expect(back.properties).toMatchObject({ name: s.properties.name, sectors: s.properties.sectors, fictitious: s.properties.fictitious, readiness: s.properties.readiness });
      }
    }
  });

  it.skipIf(!GDAL)('ogrinfo reads every layer with its geometry type and CRS (Lambert-93, and WGS 84)', async () => {
    for (const [crs, epsg] of [
      ['EPSG:2154', '2154'],
      ['EPSG:4326', '4326'],
    ] as const) {
      const file = write(`sites-${epsg}.gpkg`, await toGeoPackage(sites, { crs, sqlJs: loadSqlJsNode }));
      const info = ogrinfo(file);
      expect(info).not.toMatch(/ERROR|Warning/);
      expect(layers(info)).toEqual({
        sites_points: { geometry: 'Point', count: 1, epsg },
        sites_polygones: { geometry: 'Polygon', count: 2, epsg },
        sites_multipolygones: { geometry: 'Multi Polygon', count: 1, epsg },
      });
      expect(info).toMatch(/fictitious: Integer\(Boolean\)/);
      expect(info).toMatch(/price_eur_m2: Real/);
    }
  });
});
