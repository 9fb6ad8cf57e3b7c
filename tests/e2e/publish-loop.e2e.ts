/**
 * The publication loop in real browsers (issue 12 §5), on FICTITIOUS data:
 * 1. curate in « Mode édition »: import a CNIG site_eco file whose outline is attached to the
 *    register zone « Zone des Verriers » (Z08, Villers-Cotterêts), import a terrain_eco plot in it
 *    (marked fictitious), fill a CNIG field of the form;
 * 2. « Publier » checks the package and downloads the zip (marked atlas_fictif);
 * 3. the data build runs with `--published <tmp>` holding the unzipped package;
 * 4. a fresh browser served that data shows the plot in its zone, with distances, the zone's
 *    vacancy rate and the contact.
 * 5. back in the first browser, the drafts (plot and zone outline with its CNIG values) stay,
 *    marked « exporté, en attente de publication », while the atlas serves the old public data,
 *    and are cleared only once it serves the data built in step 3.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { crsMember, reprojectPosition } from '../../src/domain/crs';
import { main } from '../../scripts/build-data';
import { DESKTOP, launch, openAtlas, openPage } from './browser';
import { IMPORT_LABEL, openEditing, openSection } from './editing';
import { readRecord, waitMapReady } from './drafts-helpers';

let browser: Browser;
let tmp: string;

/** Serves the data files of `dir` (a data build's output) to `context` instead of the app's own. */
async function serveData(context: BrowserContext, dir: string): Promise<void> {
  await context.route(/\/data\/[^/?]+(\?.*)?$/, async (route) => {
    const file = path.join(dir, new URL(route.request().url()).pathname.split('/').pop()!);
    if (!fs.existsSync(file)) return route.fulfill({ status: 404, body: '' });
    await route.fulfill({ status: 200, contentType: 'application/json', body: fs.readFileSync(file) });
  });
}

// An invented outline and plot in Villers-Cotterêts (fields north-east of the town), Lambert-93.
const ring = (lon: number, lat: number, dLon: number, dLat: number) => {
  const r = [
    [lon, lat],
    [lon + dLon, lat],
    [lon + dLon, lat + dLat],
    [lon, lat + dLat],
    [lon, lat],
  ];
  return r.map((p) => reprojectPosition(p, 'EPSG:4326', 'EPSG:2154').map((v) => Math.round(v * 100) / 100));
};
const SITE_ECO = {
  type: 'FeatureCollection',
  crs: crsMember('EPSG:2154'),
  features: [{ type: 'Feature', properties: { site_id: 'Z08', site_nom: 'Zone des Verriers', site_type: "zone d'activité économique", site_vocadomi: 'industrielle', site_surf_utile: 3 }, geometry: { type: 'Polygon', coordinates: [ring(3.095, 49.262, 0.006, 0.004)] } }],
};
const TERRAIN_ECO = {
  type: 'FeatureCollection',
  crs: crsMember('EPSG:2154'),
  features: [
    {
      type: 'Feature',
      properties: { terr_id: 'LOOP-PLOT-1', site_id: 'Z08', atlas_nom: 'Lot de la boucle (fictif)', terr_surf_brute: 1.1, terr_stade_comm: 'en vente', terr_etat_occup: 'vacant', atlas_fictif: 'oui' },
      geometry: { type: 'Polygon', coordinates: [ring(3.097, 49.263, 0.0015, 0.001)] },
    },
  ],
};

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-publish-loop-'));
  fs.writeFileSync(path.join(tmp, 'site_eco.geojson'), JSON.stringify(SITE_ECO));
  fs.writeFileSync(path.join(tmp, 'terrain_eco.geojson'), JSON.stringify(TERRAIN_ECO));
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});


describe('curate → publish → rebuild → public atlas', () => {
  let context: BrowserContext;
  let page: Page;
  const published = () => path.join(tmp, 'published');
  const dataDir = () => path.join(tmp, 'data');

  beforeAll(async () => {
    ({ context, page } = await openAtlas(browser));
  });
  afterAll(async () => {
    await context?.close();
  });

  it('1. curates: a site_eco file attaches its outline to the register, a terrain_eco plot is imported, a CNIG field is filled', async () => {
    await openEditing(page);
    await openSection(page, 'import-section');
    await page.getByLabel(IMPORT_LABEL).setInputFiles(path.join(tmp, 'site_eco.geojson'));
    await page.getByTestId('import-cnig-class').waitFor();
    expect(await page.getByTestId('import-site-eco').textContent()).toContain('zone « Zone des Verriers » (Z08) du registre');
    await page.getByRole('button', { name: 'Rattacher 1 contour(s) au registre' }).click();
    await page.getByText('1 contour(s) de zone rattaché(s) au registre (brouillons).').first().waitFor();

    await openSection(page, 'import-section');
    await page.getByLabel(IMPORT_LABEL).setInputFiles(path.join(tmp, 'terrain_eco.geojson'));
    await page.getByTestId('import-row-1').waitFor();
    await page.getByRole('button', { name: /^Importer l’entité valide/ }).click();
    await page.getByText('1 site(s) importé(s) comme brouillons.').first().waitFor();

    await openSection(page, 'drafts-section');
    await page.getByRole('button', { name: 'Ouvrir Lot de la boucle (fictif)' }).click();
    await page.getByTestId('cnig-terr_maitrise_fonc').selectOption('structure intercommunale');
    await expect.poll(() => page.getByTestId('cnig-terr_maitrise_fonc').inputValue()).toBe('structure intercommunale');
    // The plot lies in the outline just attached: it belongs to the zone.
    expect(await page.getByTestId('cnig-terr_stade_comm').inputValue()).toBe('en vente');
  });

  it('2. « Publier » checks the package, then downloads it as one zip', async () => {
    await openSection(page, 'publish-section');
    const section = page.getByTestId('publish-package');
    await section.getByLabel('EPCI producteur').selectOption('200071991');
    await section.getByLabel('Contact pour les investisseurs (service ou fonction)').fill('Service économique (test)');
    await section.getByLabel('Courriel du contact').fill('foncier@example.org');
    await section.getByRole('button', { name: 'Vérifier le paquet' }).click();
    const report = page.getByTestId('publish-report');
    await report.waitFor();
    const text = (await report.textContent())!;
    expect(text, text).toContain('Le paquet est valide.');
    expect(text).toContain('1 zone(s) et 1 terrain(s)');
    expect(text).toContain('Paquet fictif');
    const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Télécharger le paquet (zip)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^200071991-cc-retz-en-valois-\d{4}-\d{2}-\d{2}\.zip$/);
    const zipFile = path.join(tmp, 'paquet.zip');
    await download.saveAs(zipFile);
    for (const [name, bytes] of Object.entries(unzipSync(new Uint8Array(fs.readFileSync(zipFile))))) {
      fs.mkdirSync(path.dirname(path.join(published(), name)), { recursive: true });
      fs.writeFileSync(path.join(published(), name), bytes);
    }
    expect(fs.readdirSync(published())).toEqual(['200071991-cc-retz-en-valois']);
  });

  it('3. the data build publishes it; 4. a fresh browser shows the plot in its zone, with distances, the vacancy rate and the contact', async () => {
    const log: string[] = [];
    const code = await main(['--published', published(), '--out', dataDir()], process.env, { log: (l) => log.push(l), error: (l) => log.push(l) });
    expect(code, log.join('\n')).toBe(0);

    const fresh = await browser.newContext({ viewport: DESKTOP, locale: 'fr-FR', serviceWorkers: 'block' });
    await serveData(fresh, dataDir());
    const { page: pub } = await openPage(browser, '#/site/LOOP-PLOT-1', '[data-testid=site-sheet]', { context: fresh });
    expect(await pub.locator('section[aria-labelledby=sheet-location]').textContent()).toContain('Zone des Verriers');
    await pub.locator('section[aria-labelledby=sheet-access]').getByText(/RN2/).first().waitFor();
    expect(await pub.locator('section[aria-labelledby=sheet-access]').textContent()).toMatch(/\d+(,\d+)?\s*km/);
    expect(await pub.getByTestId('sheet-contact').getByRole('heading').textContent()).toBe('Contacter CC Retz en Valois');
    expect(await pub.locator('.badge-fictitious').count()).toBeGreaterThan(0);
    await pub.goto(pub.url().replace(/#.*$/, `#/site/${encodeURIComponent('zone:Z08')}`));
    await pub.getByTestId('zone-vacancy-rate').waitFor();
    expect((await pub.getByTestId('zone-vacancy-rate').textContent())?.replace(/\s/g, ' ')).toBe('100 %');
    await fresh.close();
  });

  type Exported = { exported?: { package: string | null } | null; cnig?: Record<string, unknown> | null };

  it('5a. back in the first browser, with the old public data, the drafts stay, « exporté, en attente de publication »', async () => {
    // The package is not deployed yet: after a reload (start-up compares the drafts with the
    // public data), the drafts are still there, marked with the package's name.
    await page.reload();
    await waitMapReady(page);
    await openEditing(page);
    await openSection(page, 'drafts-section');
    await page.getByTestId('drafts').getByText('exporté, en attente de publication').first().waitFor();
    expect((await readRecord<Exported>(page, 'drafts', 'LOOP-PLOT-1'))?.exported?.package).toBe('200071991-cc-retz-en-valois');
    const zone = await readRecord<Exported>(page, 'zoneDrafts', 'Z08');
    expect(zone?.exported?.package).toBe('200071991-cc-retz-en-valois');
    // The zone's CNIG values from the site_eco file are in its draft (not in localStorage).
    expect(zone?.cnig).toMatchObject({ site_type: "zone d'activité économique", site_vocadomi: 'industrielle' });
    expect(await page.evaluate(() => localStorage.getItem('atlas-zone-cnig'))).toBeNull();
    // The Zones tab says it too, for the zone.
    await page.getByRole('tab', { name: 'Zones d\'activités' }).click();
    await page.locator('#zone-Z08 summary').first().click();
    expect(await page.getByTestId('zone-exported-Z08').textContent()).toBe(
      'Exporté (200071991-cc-retz-en-valois), en attente de publication : le brouillon reste dans ce navigateur jusqu’à ce que l’atlas publié en contienne une version identique.',
    );
  });

  it('5b. the draft is cleared only now, once the atlas serves the published data', async () => {
    await serveData(context, dataDir());
    await page.reload();
    // Cleared at start-up (plot and zone), and said so.
    await expect.poll(() => readRecord(page, 'drafts', 'LOOP-PLOT-1'), { timeout: 20000 }).toBeNull();
    await expect.poll(() => readRecord(page, 'zoneDrafts', 'Z08'), { timeout: 20000 }).toBeNull();
    await page.getByText(/2 brouillon\(s\) désormais publié\(s\)/).first().waitFor();
  });
});
