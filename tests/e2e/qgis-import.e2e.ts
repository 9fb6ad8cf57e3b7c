/**
 * Import of the files QGIS users export, in a real browser (issue 11 §1, issue 13 §4):
 * zipped Shapefile (CRS from the .prj), the parts of a Shapefile dropped together and a lone
 * part, GeoPackage (layer choice), KML, KMZ, Excel with the column-mapping step remembered
 * for the next file, and « Annuler l’import » on a big file, after which the next file reads.
 * Fixtures: tests/fixtures/qgis/ (fictitious plots, made with GDAL by make-fixtures.sh).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, openAtlas } from './browser';
import { IMPORT_LABEL, openEditing, openSection, waitForMapSites } from './editing';

const Q = 'tests/fixtures/qgis/';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** A fresh atlas (its own IndexedDB and localStorage) with the import section open. */
async function openImport(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const opened = await openAtlas(browser);
  await openEditing(opened.page);
  await openSection(opened.page, 'import-section');
  return opened;
}

/** A fresh atlas for the tests of a `describe`, closed after them. */
function freshAtlas(): { context: BrowserContext; page: Page; errors: string[] } {
  const opened = {} as { context: BrowserContext; page: Page; errors: string[] };
  beforeAll(async () => {
    Object.assign(opened, await openImport());
  });
  afterAll(async () => {
    await opened.context?.close();
  });
  return opened;
}

const summary = (page: Page) => page.getByTestId('import-summary').textContent();

/**
 * Waits for « Annuler l’import » while a big file is read; if it never comes, says what the
 * import section showed instead (a failure seen once in a busy run left no clue).
 */
async function cancelButton(page: Page) {
  const cancel = page.getByRole('button', { name: 'Annuler l’import' });
  await cancel.waitFor({ timeout: 20000 }).catch(async (e: unknown) => {
    const shown = await page.getByTestId('import-section').textContent({ timeout: 2000 }).catch(() => null);
    throw new Error(`« Annuler l’import » n’est pas affiché. Section d’import : ${shown?.replace(/\s+/g, ' ').slice(0, 400) ?? '(introuvable)'}`, { cause: e });
  });
  return cancel;
}
const crsText = (page: Page) => page.getByTestId('crs-detected').textContent();

describe('QGIS import: Shapefile', () => {
  const atlas = freshAtlas();

  it('imports a zipped Shapefile: CRS from the .prj, report, mapping of « DISPO », sites on the map', async () => {
    const { page, errors } = atlas;
    await page.getByLabel(IMPORT_LABEL).setInputFiles(`${Q}terrains_l93.zip`);
    await page.getByTestId('crs-detected').waitFor();
    expect(await crsText(page)).toMatch(/Lambert-93 \(EPSG:2154\), d’après le fichier \.prj du Shapefile/);
    expect(await summary(page)).toMatch(/^3 entité\(s\) : .*1 en erreur/);
    expect(await page.getByTestId('import-row-3').textContent()).toMatch(/se recoupe/);
    // « DISPO » is unknown: the mapping step proposes « Disponibilité »; applying it re-reads the file.
    const select = page.getByLabel('Champ de l’atlas pour la colonne « DISPO »');
    expect(await select.inputValue()).toBe('availability');
    expect(await page.locator('.cur-file-issues').textContent()).toMatch(/ne seront pas importés : « DISPO »/);
    await page.getByRole('button', { name: 'Appliquer ces correspondances' }).click();
    // « proposé, pas encore appliqué » matches /appliqué/ too: wait for it to go, then for the file re-read.
    await expect.poll(() => page.getByTestId('import-columns').textContent()).not.toMatch(/pas encore appliqué/);
    expect(await page.getByTestId('import-columns').textContent()).toMatch(/appliqué/);
    await expect.poll(() => page.locator('.cur-file-issues').count()).toBe(0);
    expect(await page.getByTestId('import-row-1').textContent()).toMatch(/✓ valide/);
    await page.getByRole('button', { name: 'Importer les 2 entités valides' }).click();
    await page.getByText('2 site(s) importé(s) comme brouillons.').first().waitFor();
    await waitForMapSites(page, ['QGIS-001', 'QGIS-002']);
    expect(errors).toEqual([]);
  });

  it('accepts the parts of a Shapefile picked together, and says which files a lone .dbf lacks', async () => {
    const { page, errors } = atlas;
    await page.getByLabel(IMPORT_LABEL).setInputFiles(['shp', 'shx', 'dbf', 'prj', 'cpg'].map((e) => `${Q}shp/terrains_l93.${e}`));
    await expect.poll(() => page.getByText('Fichier : terrains_l93.shp').count()).toBe(1);
    await expect.poll(() => crsText(page)).toMatch(/d’après le fichier \.prj/);
    expect(await summary(page)).toMatch(/^3 entité\(s\)/);
    await page.getByRole('button', { name: 'Annuler l’import' }).click();

    await page.getByLabel(IMPORT_LABEL).setInputFiles(`${Q}shp/terrains_l93.dbf`);
    await expect
      .poll(() => page.locator('.cur-report').textContent())
      .toMatch(/il manque « terrains_l93\.shp » \(les géométries\), « terrains_l93\.shx » \(l’index des géométries\) et « terrains_l93\.prj »/);
    expect(await page.getByTestId('import-summary').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe('QGIS import: GeoPackage, KML, KMZ', () => {
  const atlas = freshAtlas();

  it('lists the layers of a GeoPackage and reads the one picked', async () => {
    const { page, errors } = atlas;
    await page.getByLabel(IMPORT_LABEL).setInputFiles(`${Q}terrains.gpkg`);
    const layer = page.getByLabel('Couche à importer');
    await layer.waitFor();
    expect(await layer.locator('option').allTextContents()).toEqual(['terrains (3 entités, Polygon)', 'points_interet (1 entités, Point)']);
    expect(await crsText(page)).toMatch(/Lambert-93 \(EPSG:2154\), d’après le système déclaré par la couche du GeoPackage/);
    await layer.selectOption('points_interet');
    await expect.poll(() => summary(page)).toMatch(/^1 entité\(s\)/);
    expect(await crsText(page)).toMatch(/WGS 84/);
    expect(await page.getByTestId('import-row-1').textContent()).toContain('Essai QGIS – point Vic-sur-Aisne');
    expect(errors).toEqual([]);
  });

  it('reads KML and KMZ as WGS 84, with the placemarks’ names', async () => {
    const { page, errors } = atlas;
    for (const f of ['terrains.kml', 'terrains.kmz']) {
      await page.getByLabel(IMPORT_LABEL).setInputFiles(`${Q}${f}`);
      await expect.poll(() => page.getByText(`Fichier : ${f}`).count()).toBe(1);
      await expect.poll(() => crsText(page)).toMatch(/WGS 84.*un fichier KML est toujours en WGS 84/);
      expect(await summary(page)).toMatch(/^3 entité\(s\) : .*1 en erreur/);
      expect(await page.getByTestId('import-row-1').textContent()).toContain('Essai QGIS – Courmelles lot B');
    }
    expect(errors).toEqual([]);
  });
});

describe('QGIS import: Excel and the column mapping remembered', () => {
  const atlas = freshAtlas();

  it('proposes « Surface (m²) » and « Prix (€/m²) », imports their values once applied', async () => {
    const { page, errors } = atlas;
    await page.getByLabel(IMPORT_LABEL).setInputFiles(`${Q}terrains.xlsx`);
    await page.getByTestId('import-columns').waitFor();
    expect(await page.getByLabel('Champ de l’atlas pour la colonne « Surface (m²) »').inputValue()).toBe('declared_surface_m2');
    expect(await page.getByLabel('Champ de l’atlas pour la colonne « Prix (€/m²) »').inputValue()).toBe('price_eur_m2');
    expect(await page.getByTestId('import-columns').textContent()).toMatch(/proposé, pas encore appliqué/);
    await page.getByRole('button', { name: 'Appliquer ces correspondances' }).click();
    await expect.poll(() => page.getByTestId('import-columns').textContent()).not.toMatch(/pas encore appliqué/);
    await page.getByRole('button', { name: 'Importer les 2 entités valides' }).click();
    await page.getByText('2 site(s) importé(s) comme brouillons.').first().waitFor();
    // The imported site carries the declared surface and the price read from the sheet.
    await openSection(page, 'drafts-section');
    await page.getByRole('button', { name: 'Ouvrir Essai QGIS – Courmelles lot B' }).click();
    await expect.poll(() => page.getByLabel('Surface déclarée (m²)').inputValue()).toBe('24000');
    expect(await page.getByLabel('Prix (€/m²)').inputValue()).toBe('18,5');
    expect(errors).toEqual([]);
  });

  it('maps the same columns of the next file as remembered', async () => {
    const { page, errors } = atlas;
    await openSection(page, 'import-section');
    await page.getByLabel(IMPORT_LABEL).setInputFiles(`${Q}terrains.kml`);
    await expect.poll(() => page.getByText('Fichier : terrains.kml').count()).toBe(1);
    await expect.poll(() => page.getByTestId('import-columns').textContent()).toMatch(/mémorisé d’un import précédent/);
    expect(await page.getByLabel('Champ de l’atlas pour la colonne « Surface (m²) »').inputValue()).toBe('declared_surface_m2');
    // Nothing is left unmapped, so no « not imported » warning.
    expect(await page.locator('.cur-file-issues').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe('QGIS import: cancelling', () => {
  const atlas = freshAtlas();
  /** 60,000 fictitious points (about 8 Mo): seconds of work in the parse worker. */
  const bigPoints = (prefix: string) =>
    Buffer.from(
      JSON.stringify({
        type: 'FeatureCollection',
        features: Array.from({ length: 60000 }, (_, i) => ({
          type: 'Feature',
          properties: { id: `${prefix}-${i}`, nom: `Point fictif ${i}`, fictif: 'oui' },
          geometry: { type: 'Point', coordinates: [3.0 + (i % 300) * 0.002, 49.2 + Math.floor(i / 300) * 0.001] },
        })),
      }),
    );

  it('cancels a big import with « Annuler l’import », then reads the next file at once', async () => {
    const { page, errors } = atlas;
    await page.getByLabel(IMPORT_LABEL).setInputFiles({ name: 'gros.geojson', mimeType: 'application/geo+json', buffer: bigPoints('GROS') });
    const cancel = await cancelButton(page);
    await cancel.click();
    await page.getByText('Import de « gros.geojson » annulé.').first().waitFor();
    expect(await page.getByTestId('import-summary').count()).toBe(0);
    // The next file is read by a fresh worker, not queued behind the cancelled one.
    await page.getByLabel(IMPORT_LABEL).setInputFiles(`${Q}terrains.kml`);
    await expect.poll(() => summary(page), { timeout: 10000 }).toMatch(/^3 entité\(s\)/);
    expect(errors).toEqual([]);
  });

  it('a file picked while a big one is still being read replaces it at once (a stuck import never blocks the next)', async () => {
    const { page, errors } = atlas;
    await page.getByLabel(IMPORT_LABEL).setInputFiles({ name: 'bloque.geojson', mimeType: 'application/geo+json', buffer: bigPoints('BLOQUE') });
    await cancelButton(page);
    // No « Annuler »: the next file is simply picked while the big one is still being read.
    await page.getByLabel(IMPORT_LABEL).setInputFiles(`${Q}terrains.kml`);
    await expect.poll(() => summary(page), { timeout: 10000 }).toMatch(/^3 entité\(s\)/);
    expect(await page.getByText('Fichier : terrains.kml').count()).toBe(1);
    // The abandoned file's report never comes over the new one.
    expect(await page.getByText('bloque.geojson', { exact: false }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe('QGIS exports from the browser', () => {
  const atlas = freshAtlas();

  it('splits a mixed GeoJSON export into one file per geometry type, and writes a GeoPackage', async () => {
    const { page, errors } = atlas;
    // Polygons (two imported plots) beside the atlas's points (the friches).
    await page.getByLabel(IMPORT_LABEL).setInputFiles(`${Q}terrains_l93.zip`);
    await page.getByRole('button', { name: 'Importer les 2 entités valides' }).click();
    await page.getByText('2 site(s) importé(s) comme brouillons.').first().waitFor();
    await openSection(page, 'export-section');
    await page.getByLabel('tout l’atlas', { exact: false }).check();
    await page.getByLabel('Format').selectOption('geojson4326');
    const split = page.getByLabel('Un fichier par type de géométrie', { exact: false });
    expect(await split.isChecked()).toBe(true);
    const downloads: string[] = [];
    page.on('download', (d) => downloads.push(d.suggestedFilename()));
    await page.getByRole('button', { name: 'Exporter', exact: true }).click();
    await expect.poll(() => downloads.length).toBeGreaterThanOrEqual(2);
    expect(downloads.every((n) => /^atlas-sites-wgs84-.*-(points|polygones|multipolygones)\.geojson$/.test(n))).toBe(true);

    await page.getByLabel('Format').selectOption('gpkg');
    const [gpkg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter', exact: true }).click()]);
    expect(gpkg.suggestedFilename()).toMatch(/^atlas-sites-lambert93-.*\.gpkg$/);
    const bytes = readFileSync(await gpkg.path());
    expect(bytes.subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    // Read back by the atlas's own GeoPackage reader: the layers of the export.
    await openSection(page, 'import-section');
    await page.getByLabel(IMPORT_LABEL).setInputFiles({ name: 'retour.gpkg', mimeType: 'application/geopackage+sqlite3', buffer: bytes });
    const layer = page.getByLabel('Couche à importer');
    await layer.waitFor();
    expect((await layer.locator('option').allTextContents()).join(' | ')).toMatch(/^sites_points \(\d+ entités, Point\) \| sites_polygones/);
    expect(errors).toEqual([]);
  });
});
