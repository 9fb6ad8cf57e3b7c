/**
 * New sites reach the tiles the map already holds (src/map/freshTiles.ts), even when they are
 * cut while those tiles load for the first time. MapLibre 6.17 then re-laid out the tiles' old
 * data instead of fetching them again: a draft restored after a reload on a loaded machine was
 * not drawn (CI once, and a run beside stress-ng). Made certain here: the answers to the site
 * tile requests are held (test hook `holdSiteTiles`) while the new sites are cut, as a slow
 * machine holds them. The other case, a cut that changes the zoom ranges, is in scale.e2e.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, openAtlas } from './browser';
import { mapIdle } from './waits';

type Hooks = {
  __atlas: {
    map: {
      getZoom(): number;
      isSourceLoaded(id: string): boolean;
      jumpTo(o: { center: [number, number]; zoom: number }): void;
    };
    controller: { setSites(s: unknown[]): void };
    renderedSiteIds(): string[];
    sitesVersion(): number;
    pendingRefresh(): string[];
    holdSiteTiles(): () => void;
  };
  __release?: () => void;
};

let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  browser = await launch();
  ({ context, page, errors } = await openAtlas(browser, '', { viewport: { width: 900, height: 600 } }));
}, 90000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

/** A site for the map's controller (the map alone: the list keeps the atlas's own). */
function plot(id: string, lon: number, lat: number) {
  return { type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: { id, name: `Terrain ${id}`, kind: 'plot', fictitious: true } };
}

/** What the map says when a site is not drawn: the sites cut, the refreshes waiting, the view. */
function state(p: Page): Promise<string> {
  return p
    .evaluate(() => {
      const a = (window as unknown as Hooks).__atlas;
      return JSON.stringify({ version: a.sitesVersion(), pending: a.pendingRefresh(), loaded: a.map.isSourceLoaded('sites'), zoom: a.map.getZoom(), drawn: a.renderedSiteIds().slice(0, 5) });
    })
    .catch((e: unknown) => String(e));
}

describe('new sites on the map', () => {
  it('draws the sites cut while the tiles in view load for the first time', async () => {
    // Tiles never asked before: a view far from the first one, at a zoom not seen yet.
    const center: [number, number] = [3.05, 49.25];
    await page.evaluate(() => {
      const w = window as unknown as Hooks;
      w.__release = w.__atlas.holdSiteTiles();
    });
    try {
      await page.evaluate((c) => (window as unknown as Hooks).__atlas.map.jumpTo({ center: c, zoom: 12.5 }), center);
      // The site tiles of that view are asked, cut, and held: loading for the first time.
      await page.waitForFunction(() => !(window as unknown as Hooks).__atlas.map.isSourceLoaded('sites'), null, { timeout: 15000, polling: 50 });
      const before = await page.evaluate(() => (window as unknown as Hooks).__atlas.sitesVersion());
      // A new site there, cut while those tiles load (as drafts restored after a reload are).
      await page.evaluate((s) => (window as unknown as Hooks).__atlas.controller.setSites(s), [plot('RACE-1', center[0], center[1])]);
      await page.waitForFunction((v) => (window as unknown as Hooks).__atlas.sitesVersion() > v, before, { timeout: 15000, polling: 50 });
    } finally {
      await page.evaluate(() => (window as unknown as Hooks).__release?.());
    }
    await page
      .waitForFunction(() => (window as unknown as Hooks).__atlas.renderedSiteIds().includes('RACE-1'), null, { timeout: 15000, polling: 100 })
      .catch(async (e: unknown) => {
        throw new Error(`Le terrain RACE-1 n'est pas dessiné. État : ${await state(page)}`, { cause: e });
      });
    // Nothing is left waiting, and the map settles.
    await mapIdle(page);
    expect(await page.evaluate(() => (window as unknown as Hooks).__atlas.pendingRefresh())).toEqual([]);
    expect(errors).toEqual([]);
  });
});
