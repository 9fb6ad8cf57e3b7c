/**
 * Offline after a first visit (a curator on a site visit with no network): the service worker
 * precaches the shell, every chunk loaded on demand and the published data. One browser context
 * for the file: a first visit online installs the worker, then every test cuts the network
 * (`context.setOffline(true)`) and uses the atlas — reload, a sheet, the comparison, an import,
 * a deep path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP, baseURL, launch } from './browser';
import { importInEditMode, mapReady, siteIds, swActivated } from './shell-helpers';

const GPKG = 'tests/fixtures/qgis/terrains.gpkg';

let browser: Browser;
let context: BrowserContext;
let ids: string[] = [];
/** How many results the list shows online (sites and zones). */
let onlineCount = '';
/** Every page error of the file's pages. */
const errors: string[] = [];

async function newPage(): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  return page;
}

beforeAll(async () => {
  browser = await launch();
  context = await browser.newContext({ viewport: DESKTOP, locale: 'fr-FR' });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  const page = await newPage();
  await page.goto(baseURL());
  await mapReady(page);
  // The worker is registered once the atlas is up, then precaches everything: ready = activated.
  const state = await swActivated(page);
  expect(state).toBe('activated');
  ids = await siteIds(page);
  onlineCount = (await page.getByTestId('result-count').getAttribute('data-count')) ?? '';
  expect(Number(onlineCount)).toBeGreaterThanOrEqual(ids.length);
  await page.close();
}, 60000);

afterAll(async () => {
  await browser?.close();
});

describe('offline after a first visit', () => {
  it('reloads the atlas with no network: map, list, and an « offline » notice', async () => {
    await context.setOffline(true);
    const page = await newPage();
    try {
      await page.goto(baseURL());
      await mapReady(page);
      // Chromium 150 gives a page opened under DevTools' offline emulation `navigator.onLine`
      // true, and no `offline` event, although no request reaches the network (a browser that is
      // really offline says false). Going online and offline again makes the emulated browser
      // say it has no network, as a real one does.
      await context.setOffline(false);
      await context.setOffline(true);
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      await expect.poll(() => page.getByTestId('result-count').getAttribute('data-count')).toBe(onlineCount);
      expect(await page.evaluate(() => (window as unknown as { __atlas: { renderedSiteIds(): string[] } }).__atlas.renderedSiteIds().length)).toBeGreaterThan(0);
      // Map labels are drawn from the precached fonts (glyphs made in the browser).
      const labels = await page.evaluate(() => {
        const m = (window as unknown as { __atlas: { map: { queryRenderedFeatures(o: object): unknown[]; getLayer(id: string): unknown } } }).__atlas.map;
        return m.getLayer('communes-label') ? m.queryRenderedFeatures({ layers: ['communes-label'] }).length : -1;
      });
      expect(labels).toBeGreaterThan(0);
      await page.getByTestId('offline-badge').waitFor();
      expect(await page.getByTestId('offline-badge').textContent()).toMatch(/Hors ligne/);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await context.setOffline(false);
    }
  });

  it('says « Hors ligne » as soon as the network goes, on a sheet opened online (no map), and not once it is back', async () => {
    const page = await newPage();
    try {
      // A sheet opened directly: no map, so the service worker's registration waits 8 s after
      // the data; the network notice must not wait for it.
      await page.goto(`${baseURL()}#/site/${encodeURIComponent(ids[0])}`);
      await page.getByTestId('site-sheet').waitFor({ timeout: 20000 });
      expect(await page.getByTestId('offline-badge').count()).toBe(0);
      await context.setOffline(true);
      await page.getByTestId('offline-badge').waitFor({ timeout: 15000 });
      expect(await page.getByTestId('offline-badge').textContent()).toMatch(/Hors ligne/);
      await context.setOffline(false);
      await page.getByTestId('offline-badge').waitFor({ state: 'detached', timeout: 15000 });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await context.setOffline(false);
    }
  });

  it('opens a site sheet, with its minimap, and the comparison with no network', async () => {
    await context.setOffline(true);
    const page = await newPage();
    try {
      await page.goto(`${baseURL()}?sl=${ids.slice(0, 2).map(encodeURIComponent).join(',')}#/site/${encodeURIComponent(ids[0])}`);
      await page.getByTestId('site-sheet').waitFor({ timeout: 20000 });
      await page.locator('[data-testid=minimap][data-ready=true]').waitFor({ timeout: 20000 });
      expect(await page.getByTestId('chunk-error').count()).toBe(0);
      await page.getByRole('button', { name: /^Comparer/ }).first().click();
      await page.getByTestId('compare-table').waitFor({ timeout: 20000 });
      await page.getByRole('button', { name: 'Accessibilité' }).click();
      await page.getByTestId('accessibility-page').waitFor({ timeout: 20000 });
      expect(await page.getByTestId('chunk-error').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await context.setOffline(false);
    }
  });

  it('imports a GeoPackage in edit mode with no network (parse worker, sql.js and its WebAssembly)', async () => {
    await context.setOffline(true);
    const page = await newPage();
    try {
      await page.goto(baseURL());
      await mapReady(page);
      await importInEditMode(page, GPKG);
      await page.getByLabel('Couche à importer').waitFor();
      expect(await page.getByTestId('import-summary').textContent()).toMatch(/^3 entité\(s\)/);
      expect(await page.getByTestId('chunk-error').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await context.setOffline(false);
    }
  });

  it('the fictitious sample (not precached) loads offline once it was loaded online', async () => {
    const online = await newPage();
    let withSample = '';
    try {
      await online.goto(`${baseURL()}?sample=1`);
      await expect.poll(async () => Number(await online.getByTestId('result-count').getAttribute('data-count')), { timeout: 20000 }).toBeGreaterThan(Number(onlineCount));
      withSample = (await online.getByTestId('result-count').getAttribute('data-count')) ?? '';
      expect(await online.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    } finally {
      await online.close();
    }
    await context.setOffline(true);
    const page = await newPage();
    try {
      await page.goto(`${baseURL()}?sample=1`);
      await expect.poll(() => page.getByTestId('result-count').getAttribute('data-count'), { timeout: 20000 }).toBe(withSample);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await context.setOffline(false);
    }
  });

  it('sends a deep path (/x/y) back to the atlas, keeping the query and the hash', async () => {
    await context.setOffline(true);
    const page = await newPage();
    try {
      await page.goto(`${baseURL()}x/y?lang=en#/site/${encodeURIComponent(ids[0])}`);
      await page.getByTestId('site-sheet').waitFor({ timeout: 20000 });
      const u = new URL(page.url());
      expect(u.pathname).toBe(new URL(baseURL()).pathname);
      expect(u.hash).toBe(`#/site/${encodeURIComponent(ids[0])}`);
      expect(u.search).toContain('lang=en');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await context.setOffline(false);
    }
  });
});
