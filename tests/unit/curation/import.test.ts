import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { centroid } from '@turf/centroid';
import { MAX_IMPORT_BYTES, importableSites, parseImportFile, type CommunesLayer, type ImportOptions } from '../../../src/data/import';
import { generateSamplePlots } from '../../../src/domain/sample';
import { expectGolden, fixtureBytes, fixtureJson, OPENDATA } from './helpers';

const territory = fixtureJson<FeatureCollection<Polygon>>('territory-test.geojson') as never;
const communes = fixtureJson<CommunesLayer>('communes-test.geojson');
const OPTIONS: ImportOptions = { territory, communes, existingIds: new Set(['ATLAS-EXISTANT-1']) };

const run = (name: string, options: ImportOptions = OPTIONS) => parseImportFile({ name, bytes: fixtureBytes(name) }, options);
const codes = (r: ReturnType<typeof run>, i: number) => r.items[i].issues.map((x) => `${x.level}:${x.code}`);

const GOLDEN_FIXTURES = [
  'import-l93.geojson',
  'import-cc49.geojson',
  'import-latin1.csv',
  'import-l93-bom.csv',
  'import-hostile.geojson',
  'import-unknown-crs.geojson',
  'import-invalid.geojson',
  'import-broken.json',
  'import-missing-names.geojson',
  'import-outside.geojson',
  'import-surface-mismatch.geojson',
  'import-duplicate-id.geojson',
];

describe('import reports (golden)', () => {
  it.each(GOLDEN_FIXTURES.map((f) => [f]))('%s', (name) => {
    expectGolden(`${name.replace(/\.[^.]+$/, '')}.report.json`, run(name));
  });
});

describe('Lambert-93 GeoJSON with a crs member', () => {
  const r = run('import-l93.geojson');

  it('uses the declared CRS and converts the plots to WGS84 where they are', () => {
    expect(r.crs).toMatchObject({ crs: 'EPSG:2154', reason: 'crs-member', confidence: 'sure' });
    const c = centroid(r.items[0].site!.geometry).geometry.coordinates;
    // The fixture's first plot is a 200 m × 120 m rectangle centred on (3.3, 49.345).
    expect(c[0]).toBeCloseTo(3.3, 5);
    expect(c[1]).toBeCloseTo(49.345, 5);
    expect(r.items[0].site!.properties.computed_surface_m2).toBeGreaterThan(23_900);
    expect(r.items[0].site!.properties.computed_surface_m2).toBeLessThan(24_100);
  });

  it('blocks the bow-tie plot and names it, keeps the two others importable', () => {
    expect(r.summary).toEqual({ total: 3, importable: 2, withWarnings: 0, blocked: 1 });
    expect(r.items[2].blocked).toBe(true);
    expect(r.items[2].issues[0].message).toMatch(/^Entité n° 3 \(« Essai import – Soissons contour croisé »\) : le contour se recoupe/);
    expect(importableSites(r).map((s) => s.properties.id)).toEqual(['TEST-L93-001', 'TEST-L93-002']);
  });

  it('maps French column names and flat readiness columns onto the model', () => {
    const a = r.items[0].site!.properties;
    expect(a).toMatchObject({ name: 'Essai import – Courmelles lot A', declared_surface_m2: 24000, availability: 'disponible', sectors: ['logistics', 'agro'], price_eur_m2: 18.5, kind: 'plot', fictitious: true });
    const b = r.items[1].site!.properties;
    expect(b.readiness.land_control.status).toBe('fait');
    expect(b.readiness.planning).toMatchObject({ status: 'fait', date: '2024-06-30' });
    expect(b.readiness.archaeology.status).toBe('inconnu');
    expect(b).toMatchObject({ insee: '02810', commune: 'Villers-Cotterêts', epci_siren: '200071991', epci_name: 'CC Retz en Valois' });
  });
});

describe('CRS detection and override', () => {
  it('detects CC49 from the coordinates when no crs member is given', () => {
    const r = run('import-cc49.geojson');
    expect(r.crs).toMatchObject({ crs: 'EPSG:3949', reason: 'coordinate-range', confidence: 'likely' });
    const p = r.items[1].site!.geometry;
    expect(p.type).toBe('Point');
    expect((p.coordinates as number[])[0]).toBeCloseTo(3.34, 6);
    expect((p.coordinates as number[])[1]).toBeCloseTo(49.37, 6);
  });

  it('blocks every feature of a file whose declared CRS is unknown, and names the CRS', () => {
    const r = run('import-unknown-crs.geojson');
    expect(r.crsUsed).toBeNull();
    expect(r.issues[0]).toMatchObject({ level: 'error', code: 'crs-unknown' });
    expect(r.issues[0].message).toContain('urn:ogc:def:crs:EPSG::27572');
    expect(r.items.every((i) => i.blocked && i.site === null)).toBe(true);
  });

  it('lets the caller override the CRS and re-run', () => {
    // Pretend the user picked Lambert-93 for the same file: no longer blocked by the CRS,
    // but these Lambert II coordinates then land far away, which the report says.
    const r = run('import-unknown-crs.geojson', { ...OPTIONS, crs: 'EPSG:2154' });
    expect(r.crsUsed).toBe('EPSG:2154');
    expect(r.issues.some((i) => i.code === 'crs-unknown')).toBe(false);
    expect(r.items.every((i) => i.issues.every((x) => x.code !== 'crs-unknown'))).toBe(true);
    expect(r.items.every((i) => i.blocked)).toBe(true);
  });

  it('warns when the declared CRS contradicts the coordinates', () => {
    const fc = { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:2154' } }, features: [{ type: 'Feature', properties: { name: 'x' }, geometry: { type: 'Point', coordinates: [3.33, 49.37] } }] };
    const r = parseImportFile({ name: 'faux-l93.geojson', bytes: new TextEncoder().encode(JSON.stringify(fc)) }, OPTIONS);
    expect(r.issues.map((i) => i.code)).toContain('crs-mismatch');
    expect(r.items[0].blocked).toBe(true);
  });
});

describe('CSV', () => {
  it('reads a `;` Windows-1252 file with lon/lat and French decimals', () => {
    const r = run('import-latin1.csv');
    expect(r).toMatchObject({ format: 'csv', encoding: 'windows-1252', crsUsed: 'EPSG:4326' });
    const p = r.items[0].site!.properties;
    expect(p.name).toBe('Parcelle d’essai – Cœur de Soissons');
    expect(p.notes).toBe('Prix indicatif 25 € HT/m²');
    expect(p.declared_surface_m2).toBe(12500);
    expect(p.price_eur_m2).toBe(25.5);
    expect(p.sectors).toEqual(['logistics', 'chemistry']);
    expect(r.items[0].site!.geometry).toEqual({ type: 'Point', coordinates: [3.335, 49.372] });
    expect(r.items[1].site!.properties.notes).toBe('Œuvre à réhabiliter');
    expect(r.items.every((i) => i.site!.properties.fictitious === false)).toBe(true);
  });

  it('reads a `,` UTF-8 BOM file with Lambert-93 X/Y and quoted fields', () => {
    const r = run('import-l93-bom.csv');
    expect(r).toMatchObject({ format: 'csv', encoding: 'utf-8', crsUsed: 'EPSG:2154' });
    const p = r.items[0].site!.properties;
    expect(p.id).toBe('TEST-CSV-001');
    expect(p.name).toBe('Lot "Nord", bâtiment d’essai');
    expect(p.notes).toBe('Note avec virgule, et "guillemets"');
    expect(p.declared_surface_m2).toBe(12000);
    const [lon, lat] = r.items[0].site!.geometry.coordinates as number[];
    expect(lon).toBeCloseTo(3.31, 6);
    expect(lat).toBeCloseTo(49.35, 6);
    expect(Object.keys(r.items[0].site!.properties)).not.toContain('\ufeffid');
  });

  it('reports a CSV without coordinate columns, naming the columns found', () => {
    const r = parseImportFile({ name: 'x.csv', bytes: new TextEncoder().encode('nom;surface\nA;12\n') });
    expect(r.issues[0]).toMatchObject({ level: 'error', code: 'missing-coordinate-columns' });
    expect(r.issues[0].message).toContain('« nom », « surface »');
  });

  it('reads a WKT polygon column, and reports unreadable WKT and bad coordinates per line', () => {
    const csv = [
      'name;geometry;lon;lat',
      'Polygone WKT;POLYGON((3.33 49.37, 3.331 49.37, 3.331 49.371, 3.33 49.371, 3.33 49.37));;',
      'WKT illisible;POLYGON((3.33 49.37, oops));;',
      'Point;;3,34;abc',
    ].join('\n');
    const r = parseImportFile({ name: 'wkt.csv', bytes: new TextEncoder().encode(csv) }, OPTIONS);
    expect(r.items[0].site!.geometry.type).toBe('Polygon');
    expect(r.items[0].blocked).toBe(false);
    expect(codes(r, 1)).toEqual(['error:invalid-wkt']);
    expect(r.items[1].issues[0].message).toMatch(/^Ligne 3 \(« WKT illisible »\)/);
    expect(codes(r, 2)).toEqual(['error:invalid-coordinates']);
  });
});

describe('hostile properties are kept verbatim, as text', () => {
  const r = run('import-hostile.geojson');
  it('keeps every value unchanged and drops no field', () => {
    const a = r.items[0];
    const b = r.items[1];
    expect(a.site!.properties.name).toBe('<script>alert(1)</script>');
    expect(a.site!.properties.notes).toBe('<b>gras</b> & <i>italique</i>');
    expect(a.site!.properties.contact).toBe('javascript:alert(1)');
    expect(a.extra).toEqual({ custom_field: '<svg onload=alert(1)>' });
    expect(b.site!.properties.name).toBe('<img src=x onerror=alert(1)>');
    expect(b.site!.properties.source_url).toBe('javascript:alert(document.cookie)');
    expect(b.extra).toEqual({ '<b>clé</b>': 'valeur' });
    // Nothing blocks them: markup is only a warning.
    expect(r.items.every((i) => !i.blocked)).toBe(true);
    expect(codes(r, 0)).toContain('warning:html-in-property');
    expect(r.issues.find((i) => i.code === 'unmapped-fields')!.message).toContain('« custom_field », « <b>clé</b> »');
  });
});

describe('file-level problems', () => {
  it('refuses a file over 50 Mo without reading it', () => {
    const bytes = new Uint8Array(Math.ceil(73.4 * 1024 * 1024)); // zeros: would fail to parse if it were read
    const r = parseImportFile({ name: 'x', bytes });
    expect(r.issues).toEqual([
      { level: 'error', code: 'file-too-large', featureIndex: null, featureLabel: null, message: 'Le fichier « x » fait 73,4 Mo : la taille maximale est de 50 Mo.' },
    ]);
    expect(r.format).toBeNull();
    expect(r.items).toEqual([]);
    expect(MAX_IMPORT_BYTES).toBe(50 * 1024 * 1024);
  });

  it('honours a smaller maxBytes', () => {
    const r = parseImportFile({ name: 'petit.geojson', bytes: fixtureBytes('import-l93.geojson') }, { maxBytes: 1000 });
    expect(r.issues[0].code).toBe('file-too-large');
  });

  it('refuses unsupported formats with a way out', () => {
    // Shapefile, GeoPackage, KML and Excel are read since issue 11 (tests/unit/curation/qgis-import.test.ts).
    const r = parseImportFile({ name: 'parcelles.dxf', bytes: new Uint8Array([1, 2, 3]) });
    expect(r.issues[0].code).toBe('unsupported-format');
    expect(r.issues[0].message).toContain('exportez la couche en GeoJSON, CSV, Shapefile, GeoPackage ou KML');
  });

  it('reads a bare Feature and a bare geometry', () => {
    const f = { type: 'Feature', properties: { name: 'Seule' }, geometry: { type: 'Point', coordinates: [3.33, 49.37] } };
    expect(parseImportFile({ name: 'f.geojson', bytes: new TextEncoder().encode(JSON.stringify(f)) }).items[0].site!.properties.name).toBe('Seule');
    const g = parseImportFile({ name: 'g.geojson', bytes: new TextEncoder().encode(JSON.stringify(f.geometry)) });
    expect(g.items).toHaveLength(1);
    expect(codes(g, 0)).toEqual(['error:missing-field']);
  });
});

describe('fictitious flag', () => {
  it('keeps a file produced by the sample generator marked fictitious', () => {
    const sites = generateSamplePlots({ count: 3, seed: 7, communes: communes as never, geometry: 'polygon' });
    // As scripts/sample.ts writes it: a collection-level flag, and the flag on each site.
    const fc = { type: 'FeatureCollection', name: 'sample', fictitious: true, features: sites };
    const r = parseImportFile({ name: 'sample.geojson', bytes: new TextEncoder().encode(JSON.stringify(fc)) }, { communes });
    expect(r.items).toHaveLength(3);
    expect(r.items.every((i) => i.site!.properties.fictitious === true)).toBe(true);
    expect(r.issues.map((i) => i.code)).toContain('fictitious-file');
    // Even when a feature lost its own flag, the collection flag wins.
    const stripped = { ...fc, features: sites.map((s) => ({ ...s, properties: { ...s.properties, fictitious: false } })) };
    const r2 = parseImportFile({ name: 'sample.geojson', bytes: new TextEncoder().encode(JSON.stringify(stripped)) });
    expect(r2.items.every((i) => i.site!.properties.fictitious === true)).toBe(true);
  });

  it('is false unless the input says true', () => {
    const mk = (v: unknown) => ({ type: 'Feature', properties: { name: 'a', fictif: v }, geometry: { type: 'Point', coordinates: [3.33, 49.37] } });
    const fc = { type: 'FeatureCollection', features: [mk('oui'), mk(false), mk(undefined), mk('true')] };
    const r = parseImportFile({ name: 'f.geojson', bytes: new TextEncoder().encode(JSON.stringify(fc)) });
    expect(r.items.map((i) => i.site!.properties.fictitious)).toEqual([true, false, false, true]);
  });
});

describe('with the real PETR outline and communes (../shared/opendata)', () => {
  const read = <T>(f: string) => JSON.parse(fs.readFileSync(path.join(OPENDATA, 'admin', f), 'utf8')) as T;
  it('the Lambert-93 fixture plots are in the real territory and communes', () => {
    const petr = read<FeatureCollection<Polygon | MultiPolygon>>('petr.geojson');
    const realCommunes = read<CommunesLayer>('communes.geojson');
    const r = run('import-l93.geojson', { territory: petr, communes: realCommunes });
    expect(r.items.map((i) => i.site?.properties.insee)).toEqual(['02226', '02810', '02722']);
    expect(r.items.map((i) => i.site?.properties.epci_name)).toEqual(['CA GrandSoissons Agglomération', 'CC Retz en Valois', 'CA GrandSoissons Agglomération']);
    expect(r.items.flatMap((i) => i.issues.map((x) => x.code))).toEqual(['self-intersection']);
  });
});
