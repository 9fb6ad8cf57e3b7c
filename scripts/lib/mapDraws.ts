/**
 * For the import benches: when does the map draw the imported sites? One look at each idle of
 * the map (tiles loaded and drawn), not a poll: polling queryRenderedFeatures every second cost
 * 1-2 s of main thread per call at 100k while the map was still tiling, and delayed the very
 * frames it waited for. Needs a build with the test hooks (window.__atlas).
 */
import type { Page } from 'playwright-core';

/** The page's `performance.now()` at the first idle where the map draws a site whose id starts with `prefix`. */
export async function mapDrawsSites(page: Page, prefix: string, timeoutMs = 300000): Promise<number> {
  // A string: no named function in the page's code (tsx would wrap it in a helper the page does not have).
  return (await page.evaluate(`new Promise((resolve, reject) => {
    const a = window.__atlas;
    const map = a.map;
    const look = () => {
      const t = performance.now();
      if (!a.renderedSiteIds().some((id) => id.startsWith(${JSON.stringify(prefix)}))) return false;
      resolve(t);
      return true;
    };
    if (map.loaded() && map.areTilesLoaded() && look()) return;
    const onIdle = () => { if (look()) map.off('idle', onIdle); };
    map.on('idle', onIdle);
    setTimeout(() => reject(new Error('map never drew the imported sites')), ${timeoutMs});
  })`)) as number;
}
