/**
 * The URL holds the whole state: a copied link reopens the same filters, count, selection and
 * map view in another browser; Back/Forward step through filter changes; map moves replace the
 * entry instead of piling up history; `sample=1` reloads the fictitious sample; the page route
 * lives in the hash.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, baseURL, launch, openAtlas } from './browser';
import { filterSites } from '../../src/domain/filters';
import { EMPTY_FILTERS, type FilterState, type Site } from '../../src/domain/types';
import { publicSites } from './publicSites';
import { openSharedAtlas, type SharedAtlas } from './sharedAtlas';

let browser: Browser;
/** The atlas, opened once; tests that start from a fresh open's state start from its reset (sharedAtlas.ts). */
let atlas: SharedAtlas;
let realSites: Site[];
let sampleCount: number | null;

async function getJson<T>(file: string): Promise<T | null> {
  const res = await fetch(new URL(`data/${file}`, baseURL()));
  const ok = res.ok && !(res.headers.get('content-type') ?? '').includes('text/html');
  return ok ? ((await res.json()) as T) : null;
}

beforeAll(async () => {
  browser = await launch();
  // The sites and the zones of the register, as the app lists them (issue 9 §5).
  realSites = await publicSites(getJson);
  sampleCount = (await getJson<{ features: Site[] }>('sample.geojson'))?.features.length ?? null;
  atlas = await openSharedAtlas(browser);
});
afterAll(async () => {
  await atlas?.close();
  await browser?.close();
});

/** The shared atlas, back to a fresh open's state. */
async function fresh(): Promise<SharedAtlas> {
  await atlas.reset();
  return atlas;
}

const count = (patch: Partial<FilterState>) => filterSites(realSites, { ...EMPTY_FILTERS, ...patch }).length;

async function listCount(page: Page): Promise<number> {
  return Number(await page.getAttribute('[data-testid="result-count"]', 'data-count'));
}
async function waitListCount(page: Page, n: number): Promise<void> {
  await page.waitForFunction((n) => document.querySelector('[data-testid="result-count"]')?.getAttribute('data-count') === String(n), n, {
    timeout: 10000,
  });
}
/** Waits until the URL's query satisfies `pred` (history is written after a short debounce). */
async function waitQuery(page: Page, pred: string): Promise<void> {
  await page.waitForFunction(new Function('const q = new URL(location.href).searchParams; return ' + pred) as () => boolean, null, {
    timeout: 10000,
  });
}
async function mapView(page: Page): Promise<{ lon: number; lat: number; zoom: number }> {
  return page.evaluate(() => {
    const map = (window.__atlas as unknown as { map: import('maplibre-gl').Map }).map;
    const c = map.getCenter();
    return { lon: c.lng, lat: c.lat, zoom: map.getZoom() };
  });
}
// « Friche (n) » of the kind facet, not the friche status options (« Friche potentielle (n) »…).
const friche = (page: Page) => page.locator('form.filters').getByRole('checkbox', { name: /^Friche \(\d+\)$/ });

interface Permalink {
  href: string;
  id: string;
  expected: number;
  before: { lon: number; lat: number; zoom: number };
}

/**
 * Shared setup: on the shared page, filters (0,5 ha minimum, friches), a selected row and a
 * map view of our own, all written to the URL; returns that link. Made once per file run
 * (both permalink tests use it) and on demand when a test runs alone.
 */
async function makePermalink(): Promise<Permalink> {
  const { page } = await fresh();
  await waitListCount(page, realSites.length);
  await page.getByLabel('Minimum (ha)').fill('0,5');
  await friche(page).check();
  const expected = count({ surfaceMin: 5000, kinds: ['friche'] });
  await waitListCount(page, expected);
  const row = page.locator('.site-row').nth(1);
  const id = (await row.getAttribute('data-site-id'))!;
  await row.locator('.cell-main').click();
  await waitQuery(page, `q.get('sel') === ${JSON.stringify(id)}`);
  // Let the fly-to the selection end, then move the map ourselves.
  await page.waitForFunction(() => !(window.__atlas as unknown as { map: import('maplibre-gl').Map }).map.isMoving(), null, { timeout: 15000 });
  await page.evaluate(() => {
    (window.__atlas as unknown as { map: import('maplibre-gl').Map }).map.jumpTo({ center: [3.3512, 49.3791], zoom: 12.25 });
  });
  await waitQuery(page, `q.get('v') === '3.3512,49.3791,12.25'`);
  await waitQuery(page, `q.get('smin') === '5000' && q.get('kind') === 'friche'`);
  return { href: page.url(), id, expected, before: await mapView(page) };
}
let permalinkMade: Promise<Permalink> | null = null;
const permalink = () => (permalinkMade ??= makePermalink());

describe('URL: the permalink reopens the same state', () => {
  it('filters + selection + map view are written to the URL', async () => {
    const { href, id, before } = await permalink();
    const q = new URL(href).searchParams;
    expect(q.get('smin')).toBe('5000');
    expect(q.get('kind')).toBe('friche');
    expect(q.get('sel')).toBe(id);
    expect(q.get('v')).toBe('3.3512,49.3791,12.25');
    expect(before.zoom).toBeCloseTo(12.25, 2);
  });

  it('filters + selection + map view, opened in a new browser context', async () => {
    const { href, id, expected, before } = await permalink();

    // A brand-new browser context: no storage, no history.
    const ctx2 = await browser.newContext({ viewport: DESKTOP, locale: 'fr-FR', serviceWorkers: 'block' });
    await ctx2.addInitScript(() => {
      (window as unknown as { __historyAtLoad: number }).__historyAtLoad = history.length;
    });
    // The race of the bug, made certain: the sites reach the store (the list shows them) before
    // the map exists. The map's worker script is held until then; the view of the link must
    // still win over the selection of the link.
    let held = 0;
    const pages: Page[] = [];
    ctx2.on('page', (p) => pages.push(p));
    await ctx2.route(/\/maplibre-gl-worker[^/]*\.m?js(\?.*)?$/, async (route) => {
      held++;
      await pages[0].waitForFunction(
        (n) => document.querySelector('[data-testid="result-count"]')?.getAttribute('data-count') === String(n),
        expected,
        { timeout: 30000 },
      );
      await route.continue();
    });
    const other = await openAtlas(browser, href.slice(baseURL().length), { context: ctx2 });
    const p2 = other.page;
    expect(held).toBeGreaterThan(0);
    await waitListCount(p2, expected);
    expect(await p2.getByLabel('Minimum (ha)').inputValue()).toBe('0,5');
    expect(await friche(p2).isChecked()).toBe(true);
    const selected = p2.locator('.site-row[aria-selected="true"]');
    await selected.waitFor({ timeout: 10000 });
    expect(await selected.getAttribute('data-site-id')).toBe(id);
    await p2.waitForFunction(() => !(window.__atlas as unknown as { map: import('maplibre-gl').Map }).map.isMoving(), null, { timeout: 15000 });
    const after = await mapView(p2);
    expect(after.lon).toBeCloseTo(before.lon, 4);
    expect(after.lat).toBeCloseTo(before.lat, 4);
    expect(after.zoom).toBeCloseTo(before.zoom, 2);
    // Opening the link writes nothing new: same URL, no history entry added.
    expect(p2.url()).toBe(href);
    expect(await p2.evaluate(() => history.length === (window as unknown as { __historyAtLoad: number }).__historyAtLoad)).toBe(true);
    await other.context.close();
  });

  it('sample=1 reloads the fictitious sample; lang=en opens in English', async () => {
    expect(sampleCount, 'public/data/sample.geojson is missing: run « npm run sample »').not.toBeNull();
    const { page, context } = await openAtlas(browser, '?sample=1&lang=en');
    await waitListCount(page, realSites.length + sampleCount!);
    await page.getByTestId('sample-notice').waitFor();
    expect(await page.getByRole('button', { name: 'Reset filters' }).count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(new URL(page.url()).searchParams.get('sample')).toBe('1');
    // Removing the sample drops it from the URL too.
    await page.getByRole('button', { name: 'Remove the sample' }).click();
    await waitQuery(page, `!q.has('sample')`);
    await waitListCount(page, realSites.length);
    await context.close();
  });
});

describe('URL: history', () => {
  it('Back and Forward step through filter changes', async () => {
    const { page } = await fresh();
    await waitListCount(page, realSites.length);
    const all = realSites.length;
    const a = count({ kinds: ['friche'] });
    const b = count({ kinds: ['friche'], surfaceMin: 10000 });
    expect(b).toBeLessThan(a);

    await friche(page).check();
    await waitQuery(page, `q.get('kind') === 'friche'`);
    await page.getByLabel('Minimum (ha)').fill('1');
    await waitQuery(page, `q.get('smin') === '10000'`);
    await waitListCount(page, b);

    await page.goBack();
    await waitQuery(page, `!q.has('smin') && q.get('kind') === 'friche'`);
    await waitListCount(page, a);
    expect(await page.getByLabel('Minimum (ha)').inputValue()).toBe('');
    expect(await friche(page).isChecked()).toBe(true);

    await page.goBack();
    await waitQuery(page, `!q.has('kind')`);
    await waitListCount(page, all);
    expect(await friche(page).isChecked()).toBe(false);

    await page.goForward();
    await waitListCount(page, a);
    await page.goForward();
    await waitListCount(page, b);
    expect(await page.getByLabel('Minimum (ha)').inputValue()).toBe('1');
    // Restoring from history does not push new entries: Forward is still possible after Back.
    await page.goBack();
    await waitListCount(page, a);
    await page.goForward();
    await waitListCount(page, b);
  });

  it('typing is coalesced into one history entry; one Back removes the whole word', async () => {
    const { page } = await fresh();
    await waitListCount(page, realSites.length);
    const length0 = await page.evaluate(() => history.length);
    await page.getByLabel('Nom du site').pressSequentially('Soissons', { delay: 30 });
    await waitQuery(page, `q.get('q') === 'Soissons'`);
    expect(await page.evaluate(() => history.length)).toBe(length0 + 1);
    await waitListCount(page, count({ text: 'Soissons' }));

    // One Back removes the whole word.
    await page.goBack();
    await waitQuery(page, `!q.has('q')`);
    await waitListCount(page, realSites.length);
    expect(await page.getByLabel('Nom du site').inputValue()).toBe('');
  });

  it('map moves replace the entry: `v` follows, no history entry is added', async () => {
    const { page } = await fresh();
    await waitListCount(page, realSites.length);
    const length0 = await page.evaluate(() => history.length);
    // Moving the map updates `v` without adding entries.
    for (const [lon, zoom] of [
      [3.3, 11],
      [3.4, 12],
    ] as const) {
      await page.evaluate(([lon, zoom]) => {
        (window.__atlas as unknown as { map: import('maplibre-gl').Map }).map.jumpTo({ center: [lon, 49.38], zoom });
      }, [lon, zoom]);
      await waitQuery(page, `q.get('v') === '${lon},49.38,${zoom}'`);
    }
    expect(await page.evaluate(() => history.length)).toBe(length0);
  });

  it('the page route lives in the hash: « Fiche » opens the site sheet, Back returns to the same list', async () => {
    const { page } = await fresh();
    await waitListCount(page, realSites.length);
    await friche(page).check();
    const a = count({ kinds: ['friche'] });
    await waitQuery(page, `q.get('kind') === 'friche'`);
    const row = page.locator('.site-row').first();
    const id = (await row.getAttribute('data-site-id'))!;
    await row.getByRole('button', { name: /^Fiche/ }).click();
    await page.waitForFunction((id) => location.hash === `#/site/${encodeURIComponent(id)}`, id, { timeout: 10000 });
    expect(await page.locator('#site-list').count()).toBe(0);
    await page.goBack();
    await page.waitForFunction(() => location.hash === '', null, { timeout: 10000 });
    await page.locator('#site-list').waitFor();
    await waitListCount(page, a);
    expect(await listCount(page)).toBe(a);
  });
});
