import { describe, expect, it } from 'vitest';
import { filterSlug, slugify } from '../../../src/domain/filterSlug';
import { fricheStatusOf, fricheTypeOf, FRICHE_STATUS_KEYS, FRICHE_TYPE_KEYS } from '../../../src/domain/fricheVocabulary';
import { EMPTY_FILTERS, type FilterState, type LayerManifestEntry, type Site } from '../../../src/domain/types';
import { exportResults, resultsFileName } from '../../../src/data/export/results';
import { blankSiteProperties } from '../../../src/domain/site';
import { metresPerPixel, scaleBar } from '../../../src/map/minimap/scale';
import { CATALOG } from '../../../src/ui/i18n/catalog';
import { loadLocale } from '../../../src/ui/i18n';

// English is loaded on demand in the app (src/ui/i18n): these checks read both locales.
await loadLocale('en');

const f = (patch: Partial<FilterState>): FilterState => ({ ...EMPTY_FILTERS, ...patch });

describe('file name of an export of results (filterSlug)', () => {
  const names = { epci: new Map([['200071785', "CC du Canton d'Oulchy-le-Château"]]), communes: new Map([['02722', 'Soissons']]) };
  it.each([
    [f({}), ''],
    [f({ kinds: ['friche'] }), 'friche'],
    [f({ kinds: ['plot', 'friche'], levels: ['cle_en_main'], availability: ['disponible'] }), 'terrain-friche_cle-en-main_disponible'],
    [f({ epci: ['200071785'], communes: ['02722', '99999'] }), 'cc-du-canton-d-oulchy-le-chateau_soissons-99999'],
    [f({ text: 'Sucrerie d’Œuvres', surfaceMin: 5000, surfaceMax: 20000 }), 'texte-sucrerie-d-oeuvres_5000-20000m2'],
    [f({ surfaceMin: 10000 }), 'min-10000m2'],
    [f({ maxDistRn2Km: 2.5, maxDistWaterwayKm: 1, maxDistStationKm: 10 }), 'rn2-2,5km_voie-eau-1km_gare-10km'],
    [f({ sectors: ['logistics', 'agro'], sectorMode: 'all' }), 'filieres-toutes-logistics-agro'],
  ])('%j → %s', (filters, slug) => {
    expect(filterSlug(filters, names)).toBe(slug);
  });

  it('stays short: whole parts are dropped for « etc »', () => {
    const many = f({ kinds: ['friche'], communes: Array.from({ length: 30 }, (_, i) => String(2000 + i)), text: 'x'.repeat(10) });
    const s = filterSlug(many, {}, 40);
    expect(s.length).toBeLessThanOrEqual(40);
    expect(s).toMatch(/^friche_.*etc$/);
    expect(slugify('  Œuvres — Été  ')).toBe('oeuvres-ete');
  });

  it('names the file atlas-resultats_<filters>_<date>', () => {
    expect(resultsFileName('friche', 'csv', new Date(2026, 2, 7, 9, 5))).toBe('atlas-resultats_friche_20260307-0905.csv');
    expect(resultsFileName('', 'geojson', new Date(2026, 2, 7, 9, 5))).toBe('atlas-resultats_20260307-0905.geojson');
  });
});

describe('export of results', () => {
  const site: Site = { type: 'Feature', geometry: { type: 'Point', coordinates: [3.3, 49.4] }, properties: { ...blankSiteProperties(), id: 'S1', name: 'Site un', kind: 'friche', source: 'Test', fictitious: true } };
  const layer = { id: 'friches', title: 'Friches', producer: 'Cerema', licence: 'Licence Ouverte 2.0', licence_url: null, date: '2024-03', source_url: null } as LayerManifestEntry;
  const ctx = { filters: f({ kinds: ['friche'] }), filterLines: ['Type de site : Friche'], slug: 'friche', link: 'http://x/?kind=friche', exportedAt: new Date('2026-03-07T09:05:00Z'), sources: [layer], title: 'Atlas' };

  it('GeoJSON: the search in a metadata member, the features as the atlas exports them', () => {
    const [out, ...more] = exportResults([site], 'geojson', ctx);
    expect(more).toEqual([]);
    expect(out.name).toMatch(/^atlas-resultats_friche_\d{8}-\d{4}\.geojson$/);
    const fc = JSON.parse(out.text);
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0].properties.id).toBe('S1');
    expect(fc.metadata).toEqual({
      title: 'Atlas',
      exported_at: '2026-03-07T09:05:00.000Z',
      count: 1,
      fictitious_count: 1,
      filters: ctx.filters,
      filters_description: ['Type de site : Friche'],
      link: 'http://x/?kind=friche',
      sources: [{ layer: 'friches', title: 'Friches', producer: 'Cerema', date: '2024-03', licence: 'Licence Ouverte 2.0', licence_url: null, source_url: null }],
    });
  });

  it('GeoJSON of points and polygons: one file per geometry type, each with its metadata', () => {
    const poly: Site = { ...site, geometry: { type: 'Polygon', coordinates: [[[3.3, 49.4], [3.31, 49.4], [3.31, 49.41], [3.3, 49.4]]] }, properties: { ...site.properties, id: 'S2' } };
    const files = exportResults([site, poly], 'geojson', ctx);
    expect(files.map((f) => f.name.replace(/_\d{8}-\d{4}/, ''))).toEqual(['atlas-resultats_friche_points.geojson', 'atlas-resultats_friche_polygones.geojson']);
    const [a, b] = files.map((f) => JSON.parse(f.text));
    expect(a.features.map((x: { properties: { id: string } }) => x.properties.id)).toEqual(['S1']);
    expect(b.features.map((x: { properties: { id: string } }) => x.properties.id)).toEqual(['S2']);
    expect(a.metadata.count).toBe(1);
    expect(b.metadata.filters_description).toEqual(['Type de site : Friche']);
  });

  it('CSV: the atlas CSV as is (its first line stays the header), the search in the name', () => {
    const [out] = exportResults([site], 'csv', ctx);
    expect(out.name).toMatch(/^atlas-resultats_friche_.*\.csv$/);
    expect(out.text.replace(/^\ufeff/, '').split('\r\n')[0]).toMatch(/^id;name;/);
  });
});

describe('CNIG « Friches » values, translated', () => {
  it.each([
    ['friche potentielle', 'potentielle'],
    ['Friche sans projet', 'sans_projet'],
    ['friche avec projet', 'avec_projet'],
    ['friche reconvertie', 'reconvertie'],
    ['inconnu', 'inconnu'],
    ['en cours de dépollution', null],
    [null, null],
  ])('status %s → %s', (v, k) => expect(fricheStatusOf(v)).toBe(k));

  it.each([
    ['friche industrielle', 'industrielle'],
    ['friche hospitaliere', 'hospitaliere'],
    ['friche d’habitat', 'habitat'],
    ["friche d'habitation", 'habitat'],
    ['agro-industrielle', 'agro_industrielle'],
    ['friche loisir tourisme hotellerie', 'loisir_tourisme'],
    ['carrière ou mine', 'carriere_mine'],
    ['mixte', 'mixte'],
    ['usine à gaz', null],
  ])('type %s → %s', (v, k) => expect(fricheTypeOf(v)).toBe(k));

  it('every key has a French and an English label', () => {
    for (const k of FRICHE_STATUS_KEYS) for (const l of ['fr', 'en'] as const) expect(CATALOG[l][`fricheStatus.${k}`], `${l} ${k}`).toBeTruthy();
    for (const k of FRICHE_TYPE_KEYS) for (const l of ['fr', 'en'] as const) expect(CATALOG[l][`fricheType.${k}`], `${l} ${k}`).toBeTruthy();
  });
});

describe('minimap scale bar', () => {
  it('metres per pixel: MapLibre’s Web Mercator with 512-px tiles', () => {
    expect(metresPerPixel(0, 0)).toBeCloseTo(78271.517, 2);
    expect(metresPerPixel(60, 1)).toBeCloseTo(78271.517 / 4, 2);
  });
  it.each([
    [10, 100, 1000, 100],
    [10, 130, 1000, 100],
    [12.5, 100, 1000, 80],
    [30, 100, 2000, 66.667],
    [3, 100, 200, 66.667],
    [80, 100, 5000, 62.5],
  ])('%f m/px, at most %i px → %i m on %f px', (mpp, max, metres, px) => {
    const b = scaleBar(mpp, max)!;
    expect(b.metres).toBe(metres);
    expect(b.px).toBeCloseTo(px, 2);
    expect(b.px).toBeLessThanOrEqual(max);
  });
  it('no bar without a scale', () => expect(scaleBar(0, 100)).toBeNull());
});
