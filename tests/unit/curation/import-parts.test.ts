import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { centroid } from '@turf/centroid';
import { assignCommune, decodeText, detectSeparator, parseImportFile, parseWkt, representativePoint, type CommunesLayer } from '../../../src/data/import';
import { readAvailability, readDate, readItemStatus, readNumber, readSectors } from '../../../src/data/import/values';
import { unprotectFormula } from '../../../src/data/import/csv';
import { reprojectPosition } from '../../../src/domain/crs';
import { fixtureJson } from './helpers';

const communes = fixtureJson<CommunesLayer>('communes-test.geojson');
const territory = fixtureJson('territory-test.geojson') as never;
const enc = (s: string) => new TextEncoder().encode(s);

describe('decodeText', () => {
  it('reads UTF-8 with and without BOM', () => {
    expect(decodeText(enc('\ufeffé€'))).toEqual({ text: 'é€', encoding: 'utf-8', bom: true });
    expect(decodeText(enc('é€'))).toEqual({ text: 'é€', encoding: 'utf-8', bom: false });
  });
  it('falls back to Windows-1252, including € ’ œ Œ « » (0x80–0x9F and Latin-1)', () => {
    const bytes = new Uint8Array([0x80, 0x20, 0x92, 0x9c, 0x8c, 0xab, 0xe9, 0xbb]);
    expect(decodeText(bytes)).toEqual({ text: '€ ’œŒ«é»', encoding: 'windows-1252', bom: false });
  });
});

describe('lenient values', () => {
  it.each([
    ['12500', 12500],
    ['12 500,5', 12500.5],
    ['12\u00a0500,5', 12500.5],
    ['1.234,5', 1234.5],
    ['1,234.5', 1234.5],
    ['-3,25', -3.25],
    [42, 42],
    ['', null],
    ['12 ha', undefined],
    ['abc', undefined],
  ])('readNumber(%j) → %j', (v, n) => {
    expect(readNumber(v)).toBe(n);
  });
  it('reads French availability, statuses, dates and sector labels', () => {
    expect(readAvailability('Vendu / occupé')).toBe('vendu_occupe');
    expect(readAvailability('En vente')).toBe('disponible');
    expect(readAvailability('bientôt')).toBeUndefined();
    expect(readItemStatus('À faire')).toBe('a_faire');
    expect(readItemStatus('À vérifier')).toBe('a_verifier');
    expect(readItemStatus('Sans objet')).toBe('sans_objet');
    expect(readDate('05/03/2024')).toBe('2024-03-05');
    expect(readDate('2024-03-05')).toBe('2024-03-05');
    expect(readDate('mars 2024')).toBeUndefined();
    expect(readSectors('Verre, emballage, papier-carton ; Économie circulaire & déchets|automotive|bidule')).toEqual({
      sectors: ['glass_packaging', 'circular', 'automotive'],
      unknown: ['bidule'],
    });
    expect(readSectors(['agro', 'Chimie'])).toEqual({ sectors: ['agro', 'chemistry'], unknown: [] });
  });
  it('reads the labels the atlas itself shows, in French and in English', () => {
    expect(readSectors('Agroalimentaire et protéines végétales | Food industry and plant proteins')).toEqual({
      sectors: ['agro'],
      unknown: [],
    });
  });
  it('removes only the formula-protection apostrophe', () => {
    expect(unprotectFormula("'=1+1")).toBe('=1+1');
    expect(unprotectFormula("''=x")).toBe("'=x");
    expect(unprotectFormula("l'usine")).toBe("l'usine");
  });
});

describe('WKT and CSV separator', () => {
  it('parses POINT, POLYGON with holes, MULTIPOLYGON, Z values and EWKT', () => {
    expect(parseWkt('POINT(3.3 49.4)')).toEqual({ geometry: { type: 'Point', coordinates: [3.3, 49.4] }, srid: null });
    expect(parseWkt('POINT Z (3.3 49.4 120)')!.geometry).toEqual({ type: 'Point', coordinates: [3.3, 49.4] });
    const p = parseWkt('POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 2 1, 2 2, 1 1))')!.geometry as Polygon;
    expect(p.coordinates).toHaveLength(2);
    expect(parseWkt('MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((2 2, 3 2, 3 3, 2 2)))')!.geometry.type).toBe('MultiPolygon');
    expect(parseWkt('SRID=2154;POINT(723727.55 6920235.8)')).toEqual({ geometry: { type: 'Point', coordinates: [723727.55, 6920235.8] }, srid: 'EPSG:2154' });
    for (const bad of ['LINESTRING(0 0, 1 1)', 'POLYGON((0 0, 1))', 'POINT EMPTY', 'POLYGON((0 0, 1 1, 0 0)', 'n’importe quoi']) expect(parseWkt(bad)).toBeNull();
  });
  it('detects the separator on the header line, ignoring quoted ones', () => {
    expect(detectSeparator('a;b;c\n1,5;2;3')).toBe(';');
    expect(detectSeparator('a,b,"c;d"\n')).toBe(',');
    expect(detectSeparator('a\tb\tc\n')).toBe('\t');
  });
});

describe('commune assignment', () => {
  it('uses the point, or the polygon’s centroid, or a point on a C-shaped polygon', () => {
    expect(assignCommune({ type: 'Point', coordinates: [3.33, 49.37] }, communes)).toEqual({
      insee: '02722',
      commune: 'Soissons',
      epci_siren: '240200477',
      epci_name: 'CA GrandSoissons Agglomération',
    });
    expect(assignCommune({ type: 'Point', coordinates: [4, 49] }, communes)).toBeNull();
    // A "C" whose centroid falls in its hole: the representative point must be on the polygon.
    const c: Polygon = { type: 'Polygon', coordinates: [[[3.3, 49.35], [3.34, 49.35], [3.34, 49.352], [3.302, 49.352], [3.302, 49.368], [3.34, 49.368], [3.34, 49.37], [3.3, 49.37], [3.3, 49.35]]] };
    expect(booleanPointInPolygon(centroid(c), c)).toBe(false);
    expect(booleanPointInPolygon(representativePoint(c), c)).toBe(true);
  });
});

describe('other report codes', () => {
  const run = (fc: unknown) => parseImportFile({ name: 't.geojson', bytes: enc(JSON.stringify(fc)) }, { territory, communes });
  const feature = (props: Record<string, unknown>, geometry: unknown) => ({ type: 'Feature', properties: props, geometry });

  it('warns when a plot straddles the territory limit, or the file’s commune disagrees with the map', () => {
    const straddling = { type: 'Polygon', coordinates: [[[2.95, 49.3], [2.99, 49.3], [2.99, 49.31], [2.95, 49.31], [2.95, 49.3]]] };
    const r = run({ type: 'FeatureCollection', features: [feature({ name: 'À cheval' }, straddling), feature({ name: 'Mauvaise commune', insee: '02810', commune: 'Villers-Cotterêts' }, { type: 'Point', coordinates: [3.33, 49.37] })] });
    expect(r.items[0].issues.map((i) => i.code)).toContain('partly-outside-territory');
    expect(r.items[0].blocked).toBe(false);
    expect(r.items[1].issues.map((i) => i.code)).toEqual(['commune-mismatch']);
    expect(r.items[1].site!.properties).toMatchObject({ insee: '02722', commune: 'Soissons' });
  });

  it('reports unknown values as warnings and keeps the rest', () => {
    const r = run({ type: 'FeatureCollection', features: [feature({ name: 'A', disponibilite: 'bientôt', secteurs: 'logistique|aérospatiale', surface: '12 ha' }, { type: 'Point', coordinates: [3.33, 49.37] })] });
    const item = r.items[0];
    expect(item.blocked).toBe(false);
    expect(item.issues.map((i) => i.code)).toEqual(['invalid-value', 'invalid-value', 'invalid-value']);
    expect(item.site!.properties).toMatchObject({ availability: 'inconnu', sectors: ['logistics'], declared_surface_m2: null });
  });

  it('imports a Web Mercator file (detected from the northing)', () => {
    const p = reprojectPosition([3.33, 49.37], 'EPSG:4326', 'EPSG:3857');
    const r = run({ type: 'FeatureCollection', features: [feature({ name: 'Mercator' }, { type: 'Point', coordinates: p })] });
    expect(r.crs).toMatchObject({ crs: 'EPSG:3857', confidence: 'likely' });
    expect(r.items[0].site!.geometry.coordinates).toEqual([3.33, 49.37]);
  });

  it('uses the GeoJSON feature id when the properties have none', () => {
    const r = run({ type: 'FeatureCollection', features: [{ ...feature({ name: 'A' }, { type: 'Point', coordinates: [3.33, 49.37] }), id: 'F-7' }] });
    expect(r.items[0].site!.properties.id).toBe('F-7');
  });
});
