/**
 * Waits on conditions for the browser tests, instead of fixed sleeps (team rule: no
 * `waitForTimeout`). Each helper names the condition it waits for.
 */
import type { Page } from 'playwright-core';

type MapHooks = {
  __atlas?: {
    map?: {
      getSource(id: string): { getData?: () => Promise<unknown> } | undefined;
      getZoom(): number;
      getCenter(): { lng: number; lat: number };
      jumpTo(o: { center?: [number, number]; zoom?: number }): void;
      once(e: string, f: () => void): void;
      triggerRepaint(): void;
    };
  };
};

/**
 * In the page: number of distinct vertices of the outline being drawn with terra-draw (its
 * MapLibre sources `td-polygon` and `td-linestring`; the cursor point coincides with the last
 * click), or 0 while fewer than `atLeast` (so it serves as a waitForFunction predicate).
 * Self-contained: Playwright sends its source to the page.
 */
async function vertexCountInPage(atLeast = 0): Promise<number> {
  const map = (window as unknown as MapHooks).__atlas?.map;
  if (!map) return 0;
  const seen = new Set<string>();
  const walk = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number') seen.add(`${(c[0] as number).toFixed(7)},${(c[1] as number).toFixed(7)}`);
    else for (const x of c) walk(x);
  };
  for (const id of ['td-polygon', 'td-linestring']) {
    const src = map.getSource(id);
    if (!src?.getData) continue;
    const data = (await src.getData()) as { features?: { geometry?: { coordinates?: unknown } }[] };
    for (const f of data.features ?? []) walk(f.geometry?.coordinates);
  }
  return seen.size >= atLeast ? seen.size : 0;
}

/**
 * Clicks (or taps) each vertex in turn, waiting after each until the drawing holds it
 * (at least k distinct vertices after the k-th, counting `already` placed ones), so no
 * click is taken for a double click or lost while the previous one is being handled.
 */
export async function placeVertices(
  page: Page,
  points: [number, number][],
  how: 'click' | 'tap' = 'click',
  already = 0,
): Promise<void> {
  for (let i = 0; i < points.length; i++) {
    const [x, y] = points[i];
    if (how === 'tap') await page.touchscreen.tap(x, y);
    else await page.mouse.click(x, y);
    const want = already + i + 1;
    await page.waitForFunction(vertexCountInPage, want, { timeout: 10000, polling: 50 });
  }
}

/**
 * Waits until every URL write the app has pending has landed: moves the map centre by 1e-4°
 * (about 7 m: under a pixel at the zooms the tests use, so no tile changes, yet visible in the
 * URL's 5 decimals) — a URL write of its own, debounced with the others and carrying the whole
 * state — waits for the URL to show it, then puts the centre back and waits again. Lets a test
 * assert that an action did NOT change the URL without sleeping « longer than the debounce ».
 */
export async function urlSettled(page: Page): Promise<void> {
  const view = await page.evaluate(() => {
    const m = (window as unknown as MapHooks).__atlas!.map!;
    const c = m.getCenter();
    return { lon: c.lng, lat: c.lat, zoom: m.getZoom() };
  });
  const go = async (lon: number) => {
    await page.evaluate(
      ([x, y, z]) => {
        (window as unknown as MapHooks).__atlas!.map!.jumpTo({ center: [x, y], zoom: z });
      },
      [lon, view.lat, view.zoom] as const,
    );
    await page.waitForFunction(
      (want) => {
        const v = new URL(window.location.href).searchParams.get('v');
        return v !== null && Math.abs(Number(v.split(',')[0]) - want) < 5e-6;
      },
      Math.round(lon * 1e5) / 1e5,
      { timeout: 10000 },
    );
  };
  await go(view.lon + 1e-4);
  await go(view.lon);
}

/** Waits until every image of the page has loaded or failed (its load/error handlers have run), then one frame. */
export async function imagesSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => Array.from(document.images).every((i) => i.complete), null, { timeout: 10000 });
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0))));
}

/** Waits for the next two rendered frames (React commits and the browser lays out). */
export function nextFrames(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}

/** Asks the main map for a frame and waits for the `idle` that follows it (every tile loaded, the frame drawn). */
export function mapIdle(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const m = (window as unknown as MapHooks).__atlas!.map!;
        m.once('idle', () => resolve());
        m.triggerRepaint();
      }),
  );
}
