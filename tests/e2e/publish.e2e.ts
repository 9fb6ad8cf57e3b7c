/**
 * Publication reaches the public atlas (issue 12 §5, issue 9 §5), in a real browser:
 * - the data build runs with `--published tests/fixtures/publish/packages/valid` (FICTITIOUS
 *   packages of « EPCI fictif (test) ») into a temporary folder, and a fresh browser is served
 *   that data (requests for ./data/* answered from it): the plot shows in its zone, with its
 *   distances, the zone's vacancy rate and the producer's contact;
 * - with the real data: the « clé en main » filter finds the Courmelles zone (national label), and
 *   a register zone without outline says where it is (« commune de … — périmètre à numériser »).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { main } from '../../scripts/build-data';
import { DESKTOP, baseURL, launch, openAtlas, openPage } from './browser';

const PUBLISHED = path.resolve(__dirname, '../fixtures/publish/packages/valid');
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-publish-e2e-'));
  const log: string[] = [];
  const code = await main(['--published', PUBLISHED, '--out', dataDir], process.env, { log: (l) => log.push(l), error: (l) => log.push(l) });
  expect(code, log.join('\n')).toBe(0);
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A fresh context whose ./data/* requests are answered from the build with the packages. */
async function publishedContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'fr-FR', serviceWorkers: 'block' });
  await context.route(/\/data\/[^/?]+(\?.*)?$/, async (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop()!;
    const file = path.join(dataDir, name);
    if (!fs.existsSync(file)) return route.fulfill({ status: 404, body: '' });
    await route.fulfill({ status: 200, contentType: name.endsWith('.json') || name.endsWith('.geojson') ? 'application/json' : 'application/octet-stream', body: fs.readFileSync(file) });
  });
  return context;
}

describe('published packages in the public atlas', () => {
  it('a fresh browser shows the published plot in its zone, with distances and the producer’s contact', async () => {
    const context = await publishedContext();
    const { page, errors } = await openPage(browser, '#/site/FICT_TERRAIN-ECO_001', '[data-testid=site-sheet]', { context });
    await expect(page.locator('h2#sheet-title').textContent()).resolves.toBe('Lot A1 (fictif)');
    // Fictitious, and said so.
    expect(await page.locator('.badge-fictitious').count()).toBeGreaterThan(0);
    // In its zone.
    const location = await page.locator('section[aria-labelledby=sheet-location]').textContent();
    expect(location).toContain('Zone d’activités fictive des Essais (test)');
    // Distances computed by the build.
    const access = page.locator('section[aria-labelledby=sheet-access]');
    await access.getByText(/RN2/).first().waitFor();
    expect(await access.textContent()).toMatch(/\d+(,\d+)?\s*km/);
    // Who published it and the « Contacter » block.
    const published = page.getByTestId('sheet-published');
    expect(await published.textContent()).toContain('Publié par EPCI fictif (test) (SIREN 999999999) le 15 janvier 2026');
    const contact = page.getByTestId('sheet-contact');
    expect(await contact.getByRole('heading').textContent()).toBe('Contacter EPCI fictif (test)');
    expect(await contact.getByRole('link', { name: 'foncier@example.org' }).getAttribute('href')).toBe('mailto:foncier@example.org');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the zone’s sheet gives the L318-8-2 figures: 4 units, 2 vacant, a 50 % vacancy rate, 3,7 ha for sale', async () => {
    const context = await publishedContext();
    const { page, errors } = await openPage(browser, `#/site/${encodeURIComponent('zone:FICT_SITE-ECO_A')}`, '[data-testid=site-sheet]', { context });
    const inv = page.getByTestId('zone-inventory');
    await inv.waitFor();
    expect((await page.getByTestId('zone-vacancy-rate').textContent())?.replace(/\s/g, ' ')).toBe('50 %');
    const text = (await inv.textContent())!.replace(/\s/g, ' ');
    expect(text).toContain('Unités foncières (terrains)4');
    expect(text).toContain('Unités vacantes2');
    expect(text).toContain('3,70 ha (2 terrain(s))');
    expect(await page.getByTestId('sheet-contact').getByRole('heading').textContent()).toBe('Contacter EPCI fictif (test)');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the published plots and zones are in the search results and on the map', async () => {
    const context = await publishedContext();
    const { page, errors } = await openAtlas(browser, '?q=fictif', { context });
    const rows = page.locator('.site-row');
    await page.waitForFunction(() => document.querySelectorAll('.site-row').length === 6, null, { timeout: 15000 });
    const names = await rows.locator('.row-name').allTextContents();
    expect(names).toContain('Lot A1 (fictif)');
    expect(names).toContain('Parc fictif du Test B (test)');
    await page.waitForFunction(() => {
      const ids = (window as unknown as { __atlas: { renderedSiteIds(): string[] } }).__atlas.renderedSiteIds();
      return ids.includes('FICT_TERRAIN-ECO_001') && ids.includes('zone:FICT_SITE-ECO_B');
    }, null, { timeout: 15000 });
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('zones register in search (real data)', () => {
  it('the « clé en main » filter finds the Parc du Plateau at Courmelles, labelled since July 2020', async () => {
    const { page, context, errors } = await openAtlas(browser, '?lvl=cle_en_main');
    await page.locator('.site-row', { hasText: 'Parc d\'activités du Plateau' }).waitFor({ timeout: 15000 });
    const row = (await page.locator('.site-row', { hasText: 'Parc d\'activités du Plateau' }).textContent())!;
    expect(row).toContain('localisation : commune de Courmelles, Ploisy — périmètre à numériser');
    expect(row).toMatch(/140(,0)?\s*ha \(déclarée, 2014\)/);
    await page.goto(`${baseURL()}#/site/${encodeURIComponent('zone:Z01')}`);
    const label = page.getByTestId('sheet-label');
    await label.waitFor();
    expect(await label.textContent()).toContain('« Site industriel clés en main » depuis juillet 2020');
    // No distance at commune level.
    expect(await page.locator('section[aria-labelledby=sheet-access]').textContent()).toContain('Pas de distance aux réseaux');
    expect(errors).toEqual([]);
    await context.close();
  });
});
