/**
 * For the import benches: when does the map draw the imported sites? One look at each idle of
 * the map (tiles loaded and drawn), not a poll: polling queryRenderedFeatures every second cost
 * 1-2 s of main thread per call at 100k while the map was still tiling, and delayed the very
 * frames it waited for. And how many frames the map drew meanwhile, and how many times its sites
 * came anew (startMapCounts, mapCounts). Needs a build with the test hooks (window.__atlas).
 */
import type { Page } from 'playwright-core';

/** What the map did since startMapCounts. */
export interface MapCounts {
  /** Frames drawn (`render` events; in SwiftShader, each one a main-thread task of its own). */
  frames: number;
  /**
   * New sites given to the map: the sites source is a vector source whose tiles our worker cuts
   * (src/map/siteTiles), new sites reach MapLibre as a new tiles URL (`setTiles`).
   */
  sitesData: number;
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
      c = window.__mapCounts = { frames: 0, sitesData: 0 };
      map.on('render', () => c.frames++);
      const src = map.getSource('sites');
      const set = src.setTiles.bind(src);
      src.setTiles = (t) => (c.sitesData++, set(t));
    }
    c.frames = 0;
    c.sitesData = 0;
    return performance.now();
  })()`)) as number;
}

/** The counts since the last startMapCounts. */
export async function mapCounts(page: Page): Promise<MapCounts> {
  return (await page.evaluate('({ ...window.__mapCounts })')) as MapCounts;
}

/**
 * The page's `performance.now()` at the first idle where the map draws a site whose id starts with
 * `prefix`. Returns once the task of the frame that fired that idle has ended, so that its long
 * task entry is there for the caller to read (it comes after the task, with the next ones).
 */
export async function mapDrawsSites(page: Page, prefix: string, timeoutMs = 300000): Promise<number> {
  // A string: no named function in the page's code (tsx would wrap it in a helper the page does not have).
  const t = (await page.evaluate(`new Promise((resolve, reject) => {
    const a = window.__atlas;
    const map = a.map;
    const look = () => {
      const t = performance.now();
      const drawn = a.renderedSiteIds().some((id) => id.startsWith(${JSON.stringify(prefix)}));
      // The look itself (queryRenderedFeatures over the whole view) runs in the frame's task: kept
      // for the benches to tell it apart from the page's own work in that task.
      window.__atlasLookMs = performance.now() - t;
      if (!drawn) return false;
      resolve(t);
      return true;
    };
    if (map.loaded() && map.areTilesLoaded() && look()) return;
    const onIdle = () => { if (look()) map.off('idle', onIdle); };
    map.on('idle', onIdle);
    setTimeout(() => reject(new Error('map never drew the imported sites')), ${timeoutMs});
  })`)) as number;
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  return t;
}
