/**
 * Rail sidings (ITE, issue 9 §4) in the built app: the layer and its legend entry, the fourth
 * distance shown in the list and on the sheet with its place, line and the « may be disused »
 * caveat, the sort key and the « à moins de X km » filter (with its URL parameter).
 * Expected orders and sets come from the pure domain functions applied to the data served.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseURL, launch, openLayersPanel, servedData } from './browser';
import { openSharedAtlas, type SharedAtlas } from './sharedAtlas';
import { filterSites } from '../../src/domain/filters';
import { sortSites } from '../../src/domain/sort';
import { EMPTY_FILTERS, type Site } from '../../src/domain/types';
import { publicSites } from './publicSites';

let browser: Browser;
/** The atlas, opened once; each browser test starts from a fresh open's state of its link (sharedAtlas.ts). */
let atlas: SharedAtlas;
let sites: Site[];
/** What the list shows: the sites and the zones as search results (zones have no distance). */
let listed: Site[];

beforeAll(async () => {
  browser = await launch();
  sites = (await servedData<{ features: Site[] }>('sites.geojson')).features;
  listed = await publicSites(async (file) => {
    const r = await fetch(new URL(`data/${file}`, baseURL()));
    return r.ok ? ((await r.json()) as never) : null;
  });
  atlas = await openSharedAtlas(browser);
});
afterAll(async () => {
  await atlas?.close();
  await browser?.close();
});

const listIds = (page: Page) => page.locator('[data-site-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-site-id')!));

/**
 * Waits until the list announces `expected.length` results and its rendered rows (the list is
 * virtualised: only the first rows exist) are the first ones of `expected`, in that order.
 */
async function waitListIds(page: Page, expected: string[]): Promise<void> {
  try {
    await page.waitForFunction(
      (exp) => {
        const count = document.querySelector('[data-testid="result-count"]')?.getAttribute('data-count');
        const rows = [...document.querySelectorAll('[data-site-id]')].map((e) => e.getAttribute('data-site-id'));
        return count === String(exp.length) && rows.length > 0 && JSON.stringify(rows) === JSON.stringify(exp.slice(0, rows.length));
      },
      expected,
      { timeout: 10000 },
    );
  } catch (e) {
    const rows = await listIds(page);
    expect(rows).toEqual(expected.slice(0, rows.length));
    throw e;
  }
}

describe('rail sidings (ITE)', () => {
  it('every real site has its ITE distance, place and line', () => {
    expect(sites.length).toBeGreaterThan(0);
    for (const s of sites) {
      expect(typeof s.properties.dist_ite_m, s.properties.id).toBe('number');
      expect(s.properties.ite_name, s.properties.id).toBeTruthy();
      expect(s.properties.ite_line, s.properties.id).toMatch(/^\d{6}$/);
    }
  });

  it('the layer is listed and drawn, the legend counts the connection points with the caveat, the list shows the distance', async () => {
    await atlas.reset('');
    const { page, errors } = atlas;
    await openLayersPanel(page);
    const box = page.getByRole('checkbox', { name: 'Embranchements ferroviaires (ITE)' });
    await box.waitFor({ state: 'attached' });
    expect(await box.isChecked()).toBe(true);
    const legend = await page.locator('.atlas-legend').textContent();
    expect(legend).toMatch(/26 embranchements ferroviaires \(ITE\)/);
    expect(legend).toContain("un embranchement peut être inutilisé : la donnée n'a pas de statut");
    expect(await page.evaluate(() => (window.__atlas as unknown as { map: { getLayer(id: string): unknown } }).map.getLayer('ite-symbol') !== undefined)).toBe(true);
    const row = page.locator('[data-site-id]').first();
    const id = await row.getAttribute('data-site-id');
    const s = sites.find((x) => x.properties.id === id)!.properties;
    await expect(row.textContent()).resolves.toContain(`(${s.ite_name}, ligne ${s.ite_line})`);
    expect(errors).toEqual([]);
  });

  it('sorts by distance to a siding, then filters « à moins de 1 km » (URL dite=1)', async () => {
    await atlas.reset('');
    const { page } = atlas;
    await page.locator('.sort-controls select').first().selectOption('dist_ite');
    await waitListIds(page, sortSites(listed, { key: 'dist_ite', dir: 'asc' }).map((x) => x.properties.id));
    await page.waitForFunction(() => location.search.includes('sort=dist_ite'));

    const field = page.getByLabel("à moins de (km) d'un embranchement ferroviaire (ITE)");
    const details = page.locator('details.filter-details', { has: field });
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
    await field.fill('1');
    const expected = sortSites(filterSites(listed, { ...EMPTY_FILTERS, maxDistIteKm: 1 }), { key: 'dist_ite', dir: 'asc' }).map((x) => x.properties.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(sites.length);
    expect(expected.every((id) => !id.startsWith('zone:'))).toBe(true);
    await waitListIds(page, expected);
    await page.waitForFunction(() => location.search.includes('dite=1'));
  });

  it('the sheet gives the nearest siding with its place, its line and the caveat', async () => {
    const s = sites[0].properties;
    await atlas.reset(`#/site/${encodeURIComponent(s.id)}`);
    const { page } = atlas;
    await page.waitForSelector('[data-testid=site-sheet]', { timeout: 60000 });
    const fact = page.locator('[data-testid=distance-ite]');
    const text = (await fact.textContent()) ?? '';
    expect(text).toContain('Embranchement ferroviaire (ITE) le plus proche');
    expect(text).toContain(`${s.ite_name}, ligne SNCF ${s.ite_line}`);
    expect(text).toContain("Un embranchement peut être inutilisé : la donnée n'a pas de statut.");
    expect(text).toMatch(/\d+(,\d+)?\s*(km|m)/);
  });
});
