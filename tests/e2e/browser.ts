/** Shared helpers for browser tests: launch Debian's chromium headless and open the atlas. */
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
];

/**
 * Contexts made by these helpers block the service worker: its precache download (~3.5 MB per
 * context) would only load the machine. The worker itself is tested in offline.e2e.ts,
 * update.e2e.ts and csp.e2e.ts, with contexts of their own.
 */
const NO_SERVICE_WORKER: BrowserContextOptions = { serviceWorkers: 'block' };

/**
 * The desktop window of the browser tests: wide (over the 760 px phone breakpoint, under the
 * 1600 px one where the layers panel opens by itself) but small. The map is drawn in software
 * (SwiftShader), whose cost grows with its pixels: at 1100 × 700 a file costs 5–18 % less CPU
 * than at 1366 × 900. Tests that assert a layout at another size (phone, print, 1440/1680 px) set
 * their own window.
 */
export const DESKTOP: Readonly<{ width: number; height: number }> = { width: 1100, height: 700 };

/**
 * The former desktop window, for the tests that click sites on the map at the first view
 * (map.e2e.ts, popup.e2e.ts): at 1100 × 700 the PETR is fitted one zoom lower, and the friche
 * they pick is not always the feature under the click.
 */
export const WIDE_DESKTOP: Readonly<{ width: number; height: number }> = { width: 1366, height: 900 };

/** Debian's chromium, or the one CHROMIUM_PATH names: what the browser tests and the benches drive. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
  });
}

export function baseURL(): string {
  return inject('baseURL');
}

/**
 * A data file the atlas serves (e.g. 'sites.geojson'), read by the test itself: the same bytes
 * the page fetches, without opening a page (about 2.5 CPU-s each on the 2-core machine).
 */
export async function servedData<T>(file: string): Promise<T> {
  const res = await fetch(new URL(`data/${file}`, baseURL()));
  if (!res.ok) throw new Error(`data/${file}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

/** Opens the atlas (optionally with a query/hash) and waits until the map reports it is ready. */
export async function openAtlas(
  browser: Browser,
  suffix = '',
  options: { viewport?: { width: number; height: number }; context?: BrowserContext } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = options.context ?? (await browser.newContext({ viewport: options.viewport ?? DESKTOP, locale: 'fr-FR', ...NO_SERVICE_WORKER }));
  // No request may leave the machine: everything the atlas needs is served locally.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(baseURL() + suffix);
  await page.waitForFunction(() => (window as unknown as { __atlas?: { mapReady?: boolean } }).__atlas?.mapReady === true, null, {
    timeout: 60000,
  });
  return { context, page, errors };
}

/**
 * Opens a page of the atlas (optionally with a query/hash) in `options.context`, or in a new
 * context (`options.contextOptions`, default DESKTOP, French), and waits for the
 * `ready` selector. External requests are aborted; page errors are collected.
 */
export async function openPage(
  browser: Browser,
  suffix: string,
  ready: string,
  options: { context?: BrowserContext; contextOptions?: BrowserContextOptions } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = options.context ?? (await browser.newContext({ ...NO_SERVICE_WORKER, ...(options.contextOptions ?? { viewport: DESKTOP, locale: 'fr-FR' }) }));
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(baseURL() + suffix);
  await page.waitForSelector(ready, { timeout: 60000 });
  return { context, page, errors };
}

/** The layers and legend panel floats folded under 1600 px (the tests run at DESKTOP width): opens it. */
export async function openLayersPanel(page: Page): Promise<void> {
  const toggle = page.getByRole('button', { name: /^(Couches · Légende|Layers · Legend)/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}
