/**
 * For the import benches: when does the map draw the imported sites? One look at each idle of
 * the map (tiles loaded and drawn), not a poll: polling queryRenderedFeatures every second cost
 * 1-2 s of main thread per call at 100k while the map was still tiling, and delayed the very
 * frames it waited for. And how many frames the map drew meanwhile, and how many times its sites
 * came anew (startMapCounts, mapCounts). Needs a build with the test hooks (window.__atlas).
 */
import type { BrowserContext, Page } from 'playwright-core';

/** What the map did since startMapCounts. */
export interface MapCounts {
  /** Frames drawn (`render` events; in SwiftShader, each one a main-thread task of its own). */
  frames: number;
  /**
   * New sites given to the map: the sites source is a vector source whose tiles our worker cuts
   * (src/map/siteTiles); after each new cut, the map fetches its site tiles again
   * (`refreshTiles('sites')`, src/map/freshTiles.ts).
   */
  sitesData: number;
  /**
   * Site tiles laid out by MapLibre (its worker's result, `sourcedata` with a tile), and how many
   * tiles they were: a tile laid out twice is a frame more, and worker time beside the frames.
   */
  siteLayouts: number;
  siteTiles: number;
}

/**
 * Counts the map's frames and new sites in the page from now on (the counters are installed at
 * the first call, set to zero at each); returns the page's `performance.now()`.
 */
export async function startMapCounts(page: Page): Promise<number> {
  // A string: no named function in the page's code (tsx would wrap it in a helper the page does not have).
  return (await page.evaluate(`(() => {
    let c = window.__mapCounts;
    if (!c) {
      const map = window.__atlas.map;
      c = window.__mapCounts = { frames: 0, sitesData: 0, siteLayouts: 0, tiles: new Set() };
      map.on('render', () => c.frames++);
      map.on('sourcedata', (e) => {
        if (e.sourceId !== 'sites' || !e.tile) return;
        c.siteLayouts++;
        c.tiles.add(e.tile.tileID.key);
      });
      const refresh = map.refreshTiles.bind(map);
      map.refreshTiles = (id, ids) => (id === 'sites' && c.sitesData++, refresh(id, ids));
    }
    c.frames = 0;
    c.sitesData = 0;
    c.siteLayouts = 0;
    c.tiles.clear();
    return performance.now();
  })()`)) as number;
}

/** The counts since the last startMapCounts. */
export async function mapCounts(page: Page): Promise<MapCounts> {
  return (await page.evaluate('(({ frames, sitesData, siteLayouts, tiles }) => ({ frames, sitesData, siteLayouts, siteTiles: tiles.size }))(window.__mapCounts)')) as MapCounts;
}

/** One look of mapDrawsSites at what the map draws: a main-thread task of the bench's own. */
export interface Look {
  start: number;
  end: number;
}

/** What mapDrawsSites found. */
export interface Drawn {
  /** The page's `performance.now()` at the idle after which the map was seen drawing the sites. */
  at: number;
  /** Every look the bench took meanwhile (to leave their tasks out of the page's own, see withoutLooks). */
  looks: Look[];
}

/**
 * When the map first draws a site whose id starts with `prefix`: at each idle of the map, one
 * look (queryRenderedFeatures over the whole view), in a task of its own right after the idle's
 * frame, so that the frame's task holds the page's work only (the look took 0.7 s at 100,000
 * sites). Returns once that look's task has ended, so that every long task entry up to it is
 * there for the caller to read (they come after their tasks).
 */
export async function mapDrawsSites(page: Page, prefix: string, timeoutMs = 300000): Promise<Drawn> {
  // A string: no named function in the page's code (tsx would wrap it in a helper the page does not have).
  const drawn = (await page.evaluate(`new Promise((resolve, reject) => {
    const a = window.__atlas;
    const map = a.map;
    const looks = [];
    let pending = false;
    const look = (at) => {
      pending = false;
      const start = performance.now();
      const seen = a.renderedSiteIds().some((id) => id.startsWith(${JSON.stringify(prefix)}));
      looks.push({ start, end: performance.now() });
      if (!seen) return;
      map.off('idle', onIdle);
      // After this task: the next one starts once this one (and its long task entry) is done.
      setTimeout(() => resolve({ at, looks }), 0);
    };
    const onIdle = () => {
      if (pending) return;
      pending = true;
      const at = performance.now();
      setTimeout(() => look(at), 0);
    };
    map.on('idle', onIdle);
    if (map.loaded() && map.areTilesLoaded()) onIdle();
    setTimeout(() => reject(new Error('map never drew the imported sites')), ${timeoutMs});
  })`)) as Drawn;
  await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
  return drawn;
}

/** The tasks that are not one of the bench's looks (a look's task holds nothing else). */
export function withoutLooks<T extends { start: number; duration: number }>(tasks: T[], looks: Look[]): T[] {
  return tasks.filter((t) => !looks.some((l) => l.start >= t.start && l.end <= t.start + t.duration + 1));
}

/**
 * Imports `file` through the editor (edit mode, the import section, the file, « Importer »), as a
 * user does and as the import benches do; `beforeClick` runs once the report is on screen, just
 * before « Importer ». Returns the page's `performance.now()` at the click and what
 * mapDrawsSites found (ids starting with `prefix`). Needs a build with the test hooks.
 */
export async function importAndDraw(page: Page, file: string, prefix = 'BENCH-', beforeClick: () => Promise<unknown> = async () => {}): Promise<{ clicked: number; drawn: Drawn }> {
  await page.waitForFunction(() => (window as unknown as { __atlas?: { mapReady?: boolean } }).__atlas?.mapReady === true, null, { timeout: 120000 });
  await page.getByLabel('Mode édition').check();
  await page.getByRole('tab', { name: 'Édition' }).click();
  const details = page.getByTestId('import-section');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('import-summary').waitFor({ timeout: 300000 });
  await beforeClick();
  const clicked = (await page.evaluate('performance.now()')) as number;
  await page.getByRole('button', { name: /^Importer (les \d+ entités valides|l’entité valide)$/ }).click();
  return { clicked, drawn: await mapDrawsSites(page, prefix) };
}

/** A main-thread task of 50 ms or more (Long Tasks API), in the page's `performance.now()` time. */
export interface LongTask {
  start: number;
  duration: number;
}

/** Records each page's long tasks from its first script on, in `window.__longTasks` (read with page.evaluate). */
export async function recordLongTasks(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __longTasks: LongTask[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}
