/**
 * The Content-Security-Policy of the built atlas (scripts/lib/csp.ts) is strict — no inline
 * code but index.html's own script (by hash), no JS eval (WebAssembly only), images from the app, `data:` and the IGN
 * tile host only — and the atlas runs under it with no violation in any view:
 * the map and its labels, the zones, the fictitious sample, a sheet with its minimap (printed
 * as a data: image), the comparison, the accessibility and legal pages, edit mode with a
 * GeoPackage import and export (sql.js: WebAssembly), the IGN basemap option, export downloads
 * (blob:), and the service worker.
 *
 * Violations are caught two ways: `securitypolicyviolation` events in the page, and the
 * console's « Refused to … Content Security Policy » messages (workers included).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP, baseURL, launch } from './browser';
import { importInEditMode, mapReady, siteIds, swActivated } from './shell-helpers';

const GPKG = 'tests/fixtures/qgis/terrains.gpkg';

let browser: Browser;
let context: BrowserContext;
let page: Page;
const violations: string[] = [];
const errors: string[] = [];

async function pageViolations(): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
}

beforeAll(async () => {
  browser = await launch();
  context = await browser.newContext({ viewport: DESKTOP, locale: 'fr-FR', acceptDownloads: true });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  await context.addInitScript(() => {
    const w = window as unknown as { __csp?: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp!.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  page.on('worker', (w) => w.on('console', (m) => /Content Security Policy/i.test(m.text()) && violations.push(`worker: ${m.text()}`)));
  await page.goto(baseURL());
  await mapReady(page);
});
afterAll(async () => {
  await browser?.close();
});

describe('Content-Security-Policy', () => {
  it('is set by a meta tag, strict', async () => {
    const csp = (await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
    // WebAssembly only (sql.js): never inline code or JS eval.
    expect(csp).not.toMatch(/unsafe-inline|'unsafe-eval'|\*/);
    expect(csp).toMatch(/object-src 'none'/);
    // The policy applies to what follows it: it is the first thing after the charset.
    expect(await page.evaluate(() => document.head.children[1]?.getAttribute('http-equiv'))).toBe('Content-Security-Policy');
  });

  it('no violation: atlas, zones, sample, basemap option, service worker', async () => {
    await page.getByRole('tab', { name: 'Zones d\'activités' }).click();
    await page.getByRole('tab', { name: 'Recherche' }).click();
    await page.getByRole('button', { name: /Charger un jeu d.exemple fictif/ }).click();
    await expect.poll(() => page.getByTestId('result-count').getAttribute('data-count'), { timeout: 20000 }).not.toBe('0');
    await page.getByRole('button', { name: /Couches/ }).first().click();
    // Tiles are refused (no network in tests): the option falls back with a notice.
    await page.getByLabel(/Fond de plan IGN/).click();
    await page.getByTestId('basemap-notice').waitFor({ timeout: 20000 });
    await swActivated(page);
    expect(await pageViolations()).toEqual([]);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('no violation: a sheet with its minimap and print image, the comparison, the pages', async () => {
    const ids = await siteIds(page);
    await page.evaluate((id) => (window.location.hash = `#/site/${encodeURIComponent(id)}`), ids[0]);
    await page.locator('[data-testid=minimap][data-ready=true]').waitFor({ timeout: 20000 });
    await page.locator('img.minimap-print').waitFor({ state: 'attached', timeout: 20000 });
    expect(await pageViolations()).toEqual([]);
    await page.goto(`${baseURL()}?sl=${ids.slice(0, 3).map(encodeURIComponent).join(',')}#/comparer`);
    await page.getByTestId('compare-table').waitFor({ timeout: 20000 });
    await page.getByRole('button', { name: 'Accessibilité' }).click();
    await page.getByTestId('accessibility-page').waitFor({ timeout: 20000 });
    await page.getByRole('button', { name: /Mentions légales/ }).click();
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    expect(await pageViolations()).toEqual([]);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('no violation: edit mode, a GeoPackage import (WebAssembly in the import worker)', async () => {
    await page.getByRole('button', { name: 'Atlas', exact: true }).click();
    await mapReady(page);
    await importInEditMode(page, GPKG);
    await page.getByLabel('Couche à importer').waitFor();
    expect(await pageViolations()).toEqual([]);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('no violation: GeoPackage and GeoJSON exports (WebAssembly on the page, blob: downloads)', async () => {
    await page.getByRole('button', { name: 'Atlas', exact: true }).click();
    await mapReady(page);
    await page.getByLabel('Mode édition').check();
    await page.getByRole('tab', { name: 'Édition' }).click();
    await page.getByRole('heading', { name: 'Édition des sites' }).waitFor({ timeout: 20000 });
    const exportSection = page.getByTestId('export-section');
    if ((await exportSection.getAttribute('open')) === null) await exportSection.locator('summary').click();
    await page.getByLabel('Format').selectOption('gpkg');
    const [gpkg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter', exact: true }).click()]);
    expect(gpkg.suggestedFilename()).toMatch(/\.gpkg$/);
    await page.getByLabel('Format').selectOption('geojson4326');
    const [geo] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter', exact: true }).click()]);
    expect(geo.suggestedFilename()).toMatch(/\.geojson$/);
    expect(await pageViolations()).toEqual([]);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  });
});
