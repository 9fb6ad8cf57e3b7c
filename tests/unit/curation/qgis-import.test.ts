/**
 * Import of the files QGIS users export (issue 11 §1): zipped Shapefile (CRS from the .prj,
 * encoding from the .cpg or detected), the parts of a Shapefile dropped together, a lone
 * part (which files are missing), GeoPackage (every layer listed, one chosen), KML, KMZ and
 * Excel; the column-mapping step; filières split on , ; |.
 * Fixtures: tests/fixtures/qgis/ (made by make-fixtures.sh with GDAL, fictitious plots).
 * Golden reports: rewrite with UPDATE_GOLDEN=1 and review the diff.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection, Polygon } from 'geojson';
import { parseImportFiles, suggestTarget, type CommunesLayer, type ImportOptions, type ImportResult } from '../../../src/data/import';
import { readSectors } from '../../../src/data/import/values';
import { readDbf } from '../../../src/data/import/formats/dbf';
import { crsNameFromPrj } from '../../../src/data/import/prj';
import { expectGolden, fixtureJson, FIXTURES } from './helpers';

const QGIS = path.resolve(FIXTURES, '../qgis');
const territory = fixtureJson<FeatureCollection<Polygon>>('territory-test.geojson') as never;
const communes = fixtureJson<CommunesLayer>('communes-test.geojson');
const OPTIONS: ImportOptions = { territory, communes };

const file = (name: string) => ({ name: path.basename(name), bytes: new Uint8Array(fs.readFileSync(path.join(QGIS, name))) });
const read = (name: string | string[], options: ImportOptions = {}) =>
  parseImportFiles(Array.isArray(name) ? name.map(file) : file(name), { ...OPTIONS, ...options });
const names = (r: ImportResult) => r.items.map((i) => i.site?.properties.name ?? i.label);

describe('QGIS formats: golden reports', () => {
  it.each([['terrains_l93.zip'], ['terrains_cc49_latin1.zip'], ['terrains_lambert2.zip'], ['terrains.gpkg'], ['terrains.kml'], ['terrains.kmz'], ['terrains.xlsx']])(
    '%s',
    async (name) => {
      expectGolden(`${name.replace(/\./g, '-')}.report.json`, await read(name), QGIS);
    },
  );
});

describe('Shapefile', () => {
  it('reads a zipped Shapefile: CRS from the .prj, attributes, same checks as GeoJSON', async () => {
    const r = await read('terrains_l93.zip');
    expect(r.format).toBe('shapefile');
    expect(r).toMatchObject({ crsUsed: 'EPSG:2154', crsSource: 'prj', encoding: 'utf-8' });
    expect(r.crs).toMatchObject({ reason: 'crs-member', confidence: 'sure' });
    expect(names(r)).toEqual(['Essai QGIS – Courmelles lot B', 'Essai QGIS – Villers-Cotterêts lot 9', 'Essai QGIS – Soissons contour croisé']);
    expect(r.items[0].site!.properties).toMatchObject({ id: 'QGIS-001', declared_surface_m2: 24000, price_eur_m2: 18.5, commune: 'Courmelles', fictitious: true });
    expect(r.items[0].site!.properties.sectors).toEqual(['logistics', 'agro']);
    // The bow-tie is blocked, with its French message, like in any other format.
    expect(r.items[2].blocked).toBe(true);
    expect(r.items[2].issues[0].message).toMatch(/^Entité n° 3 \(« Essai QGIS – Soissons contour croisé »\) : le contour se recoupe/);
  });

  it('reads the Windows-1252 attributes of a Shapefile without .cpg, in CC49', async () => {
    const r = await read('terrains_cc49_latin1.zip');
    expect(r).toMatchObject({ crsUsed: 'EPSG:3949', crsSource: 'prj', encoding: 'windows-1252' });
    expect(names(r)[1]).toBe('Essai QGIS – Villers-Cotterêts lot 9');
    // Same places as the Lambert-93 export (to the centimetre).
    const l93 = await read('terrains_l93.zip');
    const a = r.items[0].site!.geometry.coordinates as number[][][];
    const b = l93.items[0].site!.geometry.coordinates as number[][][];
    expect(a[0][0][0]).toBeCloseTo(b[0][0][0], 6);
    expect(a[0][0][1]).toBeCloseTo(b[0][0][1], 6);
  });

  it('names a .prj system the atlas cannot convert, and blocks until one is chosen', async () => {
    const r = await read('terrains_lambert2.zip');
    expect(r.crsUsed).toBeNull();
    expect(r.issues[0].message).toMatch(/« NTF Paris Lambert Zone II », que l’atlas ne sait pas convertir/);
    expect(r.summary.blocked).toBe(3);
  });

  it('accepts the parts of a Shapefile dropped together, as the zip', async () => {
    const parts = await read(['shp/terrains_l93.shp', 'shp/terrains_l93.dbf', 'shp/terrains_l93.shx', 'shp/terrains_l93.prj', 'shp/terrains_l93.cpg']);
    const zip = await read('terrains_l93.zip');
    expect(parts.format).toBe('shapefile');
    const withoutSource = (r: ImportResult) => r.items.map((i) => ({ ...i.site, properties: { ...i.site?.properties, source: null } }));
    expect(withoutSource(parts)).toEqual(withoutSource(zip));
    expect(parts.items[0].site!.properties.source).toBe('Import du fichier « terrains_l93 (.shp, .dbf, .shx, .prj, .cpg) »');
  });

  it('says which files are missing for a lone .dbf, .shp or .prj', async () => {
    const dbf = await read('shp/terrains_l93.dbf');
    expect(dbf.issues).toHaveLength(1);
    expect(dbf.issues[0].code).toBe('shapefile-incomplete');
    expect(dbf.issues[0].message).toMatch(/il manque « terrains_l93\.shp » \(les géométries\), « terrains_l93\.shx » \(l’index des géométries\) et « terrains_l93\.prj »/);
    const shp = await read(['shp/terrains_l93.shp', 'shp/terrains_l93.prj']);
    expect(shp.issues[0].message).toMatch(/\.shp, \.prj seulement\) : il manque « terrains_l93\.dbf » \(les attributs\) et « terrains_l93\.shx »/);
    const prj = await read('shp/terrains_l93.prj');
    expect(prj.issues[0].message).toMatch(/il manque « terrains_l93\.shp » .*« terrains_l93\.dbf »/);
    expect(dbf.items).toHaveLength(0);
  });

  it('refuses two unrelated files dropped together', async () => {
    const r = await read(['terrains.kml', 'terrains.xlsx']);
    expect(r.issues[0].code).toBe('several-files');
    expect(r.issues[0].message).toMatch(/importez-les un par un/);
  });
});

describe('GeoPackage', () => {
  it('lists every vector layer and reads the first, in its declared CRS', async () => {
    const r = await read('terrains.gpkg');
    expect(r.layers).toEqual([
      { name: 'terrains', count: 3, geometryType: 'Polygon' },
      { name: 'points_interet', count: 1, geometryType: 'Point' },
    ]);
    expect(r).toMatchObject({ format: 'geopackage', layer: 'terrains', crsUsed: 'EPSG:2154', crsSource: 'geopackage' });
    expect(names(r)).toHaveLength(3);
  });

  it('reads the layer the user picks', async () => {
    const r = await read('terrains.gpkg', { layer: 'points_interet' });
    expect(r).toMatchObject({ layer: 'points_interet', crsUsed: 'EPSG:4326' });
    expect(r.items[0].site!.geometry).toEqual({ type: 'Point', coordinates: [3.112, 49.41] });
  });

  it('says so when the file is not a GeoPackage', async () => {
    const r = await parseImportFiles({ name: 'faux.gpkg', bytes: new TextEncoder().encode('pas une base') });
    expect(r.issues[0].message).toMatch(/^Le fichier « faux\.gpkg » n’est pas un GeoPackage lisible/);
  });
});

describe('KML, KMZ and Excel', () => {
  it('reads KML and KMZ as WGS 84, names from <name>, attributes from ExtendedData', async () => {
    for (const name of ['terrains.kml', 'terrains.kmz']) {
      const r = await read(name);
      expect(r).toMatchObject({ crsUsed: 'EPSG:4326', crsSource: 'kml' });
      expect(names(r)[0]).toBe('Essai QGIS – Courmelles lot B');
      expect(r.items[0].site!.properties.availability).toBe('disponible');
      expect(r.items[0].site!.properties.sectors).toEqual(['logistics', 'agro']);
      // KML styles are not data: they are not listed as unknown columns.
      expect(r.columns!.map((c) => c.column)).toEqual(['Surface (m²)', 'Prix (€/m²)']);
    }
  });

  it('reads an Excel sheet with longitude / latitude columns', async () => {
    const r = await read('terrains.xlsx');
    expect(r).toMatchObject({ format: 'xlsx', layer: 'Terrains', layers: [{ name: 'Terrains', count: 2, geometryType: null }] });
    expect(r.items[0].label).toBe('Essai QGIS – Courmelles lot B');
    expect(r.items[0].site!.geometry).toEqual({ type: 'Point', coordinates: [3.302, 49.347] });
  });

  it('refuses a broken KML with a French message', async () => {
    const r = await parseImportFiles({ name: 'casse.kml', bytes: new TextEncoder().encode('<kml><Document><Placemark>') });
    expect(r.issues[0].message).toMatch(/^Le fichier « casse\.kml » n’est pas un KML lisible/);
  });
});

describe('column mapping', () => {
  it('proposes « Surface (m²) » → surface m² and « Prix (€/m²) » → prix, not applied until chosen', async () => {
    const r = await read('terrains.xlsx');
    expect(r.columns).toEqual([
      { column: 'Surface (m²)', target: 'declared_surface_m2', origin: 'suggested', applied: false, sample: '24000' },
      { column: 'Prix (€/m²)', target: 'price_eur_m2', origin: 'suggested', applied: false, sample: '18.5' },
    ]);
    expect(r.items[0].site!.properties.declared_surface_m2).toBeNull();
    expect(r.issues.find((i) => i.code === 'unmapped-fields')!.message).toMatch(/« Surface \(m²\) », « Prix \(€\/m²\) »/);
  });

  it('applies the chosen mapping, and a remembered one on the next file', async () => {
    const chosen = await read('terrains.xlsx', { columnMap: { 'Surface (m²)': 'declared_surface_m2', 'Prix (€/m²)': 'price_eur_m2' } });
    expect(chosen.items[0].site!.properties).toMatchObject({ declared_surface_m2: 24000, price_eur_m2: 18.5 });
    expect(chosen.issues.some((i) => i.code === 'unmapped-fields')).toBe(false);
    // Remembered (normalised names) from another file: applied to the KML's columns.
    const kml = await read('terrains.kml', { rememberedColumns: { surface_m2: 'declared_surface_m2', prix_eur_m2: null } });
    expect(kml.columns).toEqual([
      { column: 'Surface (m²)', target: 'declared_surface_m2', origin: 'remembered', applied: true, sample: '24000' },
      { column: 'Prix (€/m²)', target: null, origin: 'remembered', applied: true, sample: '18.5' },
    ]);
    expect(kml.items[0].site!.properties).toMatchObject({ declared_surface_m2: 24000, price_eur_m2: null });
    expect(kml.issues.some((i) => i.code === 'unmapped-fields')).toBe(false);
  });

  it.each([
    ['Surface (m²)', 'declared_surface_m2'],
    ['Prix (€/m²)', 'price_eur_m2'],
    ['Surface (ha)', 'declared_surface_ha'],
    ['DISPO', 'availability'],
    ['Nom du terrain', 'name'],
    ['Commentaire libre', 'notes'],
    ['Secteur d’activité', 'sectors'],
    ['Superficie totale', 'declared_surface_m2'],
    ['OBJECTID', null],
    ['Shape_Leng', null],
  ])('« %s » → %s', (header, target) => {
    expect(suggestTarget(header)).toBe(target);
  });
});

describe('values and parts', () => {
  it('splits multi-valued filières on , ; | but keeps the official labels that contain commas', () => {
    expect(readSectors('Logistique, Agroalimentaire')).toEqual({ sectors: ['logistics', 'agro'], unknown: [] });
    expect(readSectors('Chimie; Énergie|tertiaire')).toEqual({ sectors: ['chemistry', 'energy', 'tertiary'], unknown: [] });
    expect(readSectors('Verre, emballage, papier-carton')).toEqual({ sectors: ['glass_packaging'], unknown: [] });
    expect(readSectors('Logistique, bidule')).toEqual({ sectors: ['logistics'], unknown: ['bidule'] });
  });

  it('reads the CRS of .prj files (ESRI WKT, OGC WKT with EPSG code)', () => {
    expect(crsNameFromPrj(fs.readFileSync(path.join(QGIS, 'shp/terrains_l93.prj'), 'utf8'))).toBe('RGF 1993 Lambert 93');
    expect(crsNameFromPrj('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]')).toBe('EPSG:4326');
    expect(crsNameFromPrj('PROJCS["RGF93 / Lambert-93",GEOGCS["RGF93"],PROJECTION["Lambert_Conformal_Conic_2SP"],AUTHORITY["EPSG","2154"]]')).toBe('EPSG:2154');
  });

  it('skips deleted .dbf records and reads blanks as null', () => {
    const dbf = new Uint8Array(fs.readFileSync(path.join(QGIS, 'shp/terrains_l93.dbf')));
    const t = readDbf(dbf, 'UTF-8');
    expect(t.records).toHaveLength(3);
    expect(t.records[2].PRIX_M2).toBeNull();
    const headerLen = new DataView(dbf.buffer, dbf.byteOffset).getUint16(8, true);
    const copy = dbf.slice();
    copy[headerLen] = 0x2a; // first record deleted
    expect(readDbf(copy, 'UTF-8').records.map((r) => r.ID)).toEqual(['QGIS-002', 'QGIS-003']);
  });
});
