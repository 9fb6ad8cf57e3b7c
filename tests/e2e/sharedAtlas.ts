/**
 * One atlas page for the tests of a file that only read or filter (search, url, a11y…).
 *
 * Opening the atlas costs about 4 CPU-s on the 2-core machine (the app's start, its data and
 * the first map frames drawn in software), whether in a new context, a new page or a reload of
 * the same page; bringing an open page back to its start state through the URL costs about 0.5.
 * With ~140 opens in the browser suite, the opens were about half of its CPU.
 *
 * `reset(suffix)` brings the page back to what a fresh open of `suffix` shows, the way the app
 * itself restores a state from the history (Back/Forward): a new history entry holding only
 * `suffix`, a `popstate` (the store is decoded from the URL: filters, sort, selection, page
 * route, layers, shortlist, sample, locale), the map's first camera, the scroll positions at
 * the top and no focus. The `popstate` drops the URL writes the previous test left pending, and a
 * moved camera's own write is waited for, so a test starts with nothing of the previous one in
 * flight. Each test calls it first, so it asserts the same
 * thing whether it runs alone (`-t`) or after the others.
 *
 * What the URL does not hold (the panel tab, « Mode édition », drafts, a page-level route
 * handler, a focus journey from the top of a new page) is not reset: tests that change it, or
 * that assert a first load, keep a page of their own.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openAtlas } from './browser';
import { nextFrames } from './waits';

interface Camera {
  center: [number, number];
  zoom: number;
  bearing: number;
  pitch: number;
}

type MapWin = {
  __atlas?: {
    mapReady?: boolean;
    map?: {
      getCenter(): { lng: number; lat: number };
      getZoom(): number;
      getBearing(): number;
      getPitch(): number;
      isMoving(): boolean;
      stop(): void;
      jumpTo(c: Camera): void;
    };
  };
};

export interface SharedAtlas {
  page: Page;
  context: BrowserContext;
  /** Page errors since the page was opened (all the file's tests so far). */
  errors: string[];
  /** Back to a fresh open of `suffix` (a query and/or hash, e.g. '?lang=en' or '#/comparer'). */
  reset(suffix?: string): Promise<void>;
  close(): Promise<void>;
}

/** Waits until the main map exists, has drawn its first frame and is not moving. */
async function mapAtRest(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const a = (window as unknown as MapWin).__atlas;
      return a?.mapReady === true && !!a.map && !a.map.isMoving();
    },
    null,
    { timeout: 30000 },
  );
}

/** Opens the atlas once (as openAtlas) and returns it with its reset. */
export async function openSharedAtlas(browser: Browser, options: { viewport?: { width: number; height: number } } = {}): Promise<SharedAtlas> {
  const { page, context, errors } = await openAtlas(browser, '', options);
  await mapAtRest(page);
  // The first camera of a fresh open (the PETR fitted to the window), restored by each reset.
  const camera = await page.evaluate((): Camera => {
    const m = (window as unknown as MapWin).__atlas!.map!;
    const c = m.getCenter();
    return { center: [c.lng, c.lat], zoom: m.getZoom(), bearing: m.getBearing(), pitch: m.getPitch() };
  });

  async function reset(suffix = ''): Promise<void> {
    await page.evaluate((suffix) => {
      (document.activeElement as HTMLElement | null)?.blur?.();
      history.pushState(null, '', location.pathname + suffix);
      // The app's own Back/Forward path: the store is decoded from the URL, and the URL writes
      // the previous test left pending are dropped.
      dispatchEvent(new PopStateEvent('popstate'));
    }, suffix);
    // The page is in the suffix's language (the app sets it once its messages are there), and
    // React has committed the restored state: no element of the previous page passes for this one.
    const lang = /[?&]lang=en(&|#|$)/.test(suffix) ? 'en' : 'fr';
    await page.waitForFunction((lang) => document.documentElement.lang === lang, lang, { timeout: 10000 });
    await nextFrames(page);
    // A page route (a sheet, the comparison) shows no map; on the main page, the map is back
    // (once ready) at the first camera. A map move costs about 1.3 CPU-s (software rendering):
    // only a camera that differs is moved, and then its one URL write (`v`) is waited for.
    if (!/#\/./.test(suffix)) {
      await mapAtRest(page);
      const moved = await page.evaluate((camera) => {
        const m = (window as unknown as MapWin).__atlas!.map!;
        const c = m.getCenter();
        const same =
          Math.abs(c.lng - camera.center[0]) < 1e-6 &&
          Math.abs(c.lat - camera.center[1]) < 1e-6 &&
          Math.abs(m.getZoom() - camera.zoom) < 1e-6 &&
          m.getBearing() === camera.bearing &&
          m.getPitch() === camera.pitch;
        if (!same) m.jumpTo(camera);
        return !same;
      }, camera);
      if (moved) {
        await page.waitForFunction(
          (camera) => {
            const v = new URL(location.href).searchParams.get('v')?.split(',').map(Number);
            return !!v && Math.abs(v[0] - camera.center[0]) < 1e-5 && Math.abs(v[1] - camera.center[1]) < 1e-5 && Math.abs(v[2] - camera.zoom) < 0.01;
          },
          camera,
          { timeout: 10000 },
        );
      }
    }
    await page.evaluate(() => {
      for (const el of Array.from(document.querySelectorAll('*'))) {
        if (el.scrollTop) el.scrollTop = 0;
        if (el.scrollLeft) el.scrollLeft = 0;
      }
      window.scrollTo(0, 0);
    });
  }

  return { page, context, errors, reset, close: () => context.close() };
}
