/**
 * The app shell holds up: a chunk that fails to download (offline, or 404 after a redeploy)
 * shows « Réessayer » in place of its part and the app stays mounted; a deep path (`/x/y`)
 * finds its way back to the atlas on a first visit (no service worker yet); the skip link
 * « Aller au contenu » keeps the page (`#/site/…`, `#/comparer`); the web-app manifest, its
 * icons and the favicon are served.
 *
 * Service workers are blocked in this file: what is tested is the page on its own (the worker
 * is tested in offline.e2e.ts and update.e2e.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP, baseURL, launch, servedData } from './browser';
import { writeRaw } from './drafts-helpers';
import { mapReady } from './shell-helpers';

let browser: Browser;
let ids: string[] = [];

async function open(suffix: string, ready: string, viewport = DESKTOP, before?: (page: Page) => unknown): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport, locale: 'fr-FR', serviceWorkers: 'block' });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await before?.(page);
  await page.goto(baseURL() + suffix);
  await page.waitForSelector(ready, { timeout: 30000 });
  return { context, page, errors };
}

beforeAll(async () => {
  browser = await launch();
  const fc = await servedData<{ features: { properties: { id: string } }[] }>('sites.geojson');
  ids = fc.features.map((f) => f.properties.id);
});
afterAll(async () => {
  await browser?.close();
});

describe('a chunk that fails to download', () => {
  it('404 on the sheet’s code: « Réessayer » in place of the sheet, the app stays; retry loads it', async () => {
    const { context, page, errors } = await open('', '[data-testid=result-count][data-count]');
    try {
      // A redeploy removed the file (or the network dropped): the sheet's chunk answers 404.
      const gone = /\/assets\/SiteSheetPage-[^/]*\.js$/;
      await context.route(gone, (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }));
      await page.evaluate((id) => {
        window.location.hash = `#/site/${encodeURIComponent(id)}`;
      }, ids[0]);
      const message = page.getByTestId('chunk-error');
      await message.waitFor({ timeout: 15000 });
      expect(await message.getAttribute('role')).toBe('alert');
      expect(await message.textContent()).toMatch(/Impossible de charger cette partie de l’atlas/);
      // The app is still there: header, navigation, and the way back to the atlas.
      expect(await page.getByRole('navigation', { name: 'Navigation principale' }).isVisible()).toBe(true);
      await page.getByRole('button', { name: 'Réessayer' }).waitFor();

      // The file is back: « Réessayer » downloads it again and the sheet shows.
      await context.unroute(gone);
      await page.getByRole('button', { name: 'Réessayer' }).click();
      await page.getByTestId('site-sheet').waitFor({ timeout: 15000 });
      expect(await page.getByTestId('chunk-error').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('« Unable to preload CSS » for the comparison: the same message, then the page after a retry', async () => {
    const { context, page, errors } = await open('', '[data-testid=result-count][data-count]');
    try {
      const gone = /\/assets\/ComparePage-[^/]*\.css$/;
      await context.route(gone, (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }));
      await page.getByRole('button', { name: /^Comparer/ }).click();
      await page.getByTestId('chunk-error').waitFor({ timeout: 15000 });
      expect(await page.getByRole('button', { name: 'Recharger la page' }).isVisible()).toBe(true);
      // Back to the atlas works while the part is missing.
      await page.getByRole('button', { name: 'Atlas', exact: true }).click();
      await page.getByTestId('result-count').waitFor();
      await page.getByRole('button', { name: /^Comparer/ }).click();
      await page.getByTestId('chunk-error').waitFor({ timeout: 15000 });

      await context.unroute(gone);
      await page.getByRole('button', { name: 'Réessayer' }).click();
      await page.getByTestId('compare-page').waitFor({ timeout: 15000 });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('an action whose code fails to download', () => {
  it('« Exporter ces résultats » says what happened and to reload, not the browser’s words; the page stays', async () => {
    const { context, page, errors } = await open('', '[data-testid=result-count][data-count]');
    try {
      await page.getByText('Exporter ces résultats').click();
      const csv = page.getByRole('button', { name: 'CSV (tableur, SIG)' });
      await csv.waitFor();
      // A redeploy removed the files (or the network dropped): every code file not loaded yet answers 404.
      await context.route(/\/assets\/[^/]*\.js(\?.*)?$/, (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }));
      await csv.click();
      const status = page.getByTestId('results-export-status');
      await status.waitFor({ timeout: 15000 });
      const text = (await status.textContent()) ?? '';
      expect(text).toMatch(/L'export a échoué : une partie de l’atlas n’a pas pu être téléchargée/);
      expect(text).toMatch(/Rechargez la page/);
      expect(text).not.toMatch(/dynamically imported module/);
      expect(await status.getAttribute('role')).toBe('alert');
      expect(await page.getByTestId('result-count').isVisible()).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the zones’ attachment code fails to download', () => {
  it('the zones panel says the sites are not attached to the drawn outlines, and to reload; a reload attaches them', async () => {
    const { context, page, errors } = await open('', '[data-testid=result-count][data-count]');
    try {
      // A drawn outline (a draft of this browser): the attachment code is loaded for it.
      const ring = [[3.3, 49.37], [3.32, 49.37], [3.32, 49.39], [3.3, 49.39], [3.3, 49.37]];
      await writeRaw(page, 'zoneDrafts', [
        { value: { zone_id: 'Z01', zone_name: 'x', geometry: { type: 'Polygon', coordinates: [ring] }, base: null, status: 'new', updated_at: '2025-05-01T08:00:00.000Z' } },
      ]);
      const gone = /\/assets\/zones-[^/]*\.js(\?.*)?$/;
      await context.route(gone, (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }));
      await page.reload();
      await page.getByRole('tab', { name: 'Zones d\'activités' }).click();
      const alert = page.getByTestId('zone-attach-failed');
      await alert.waitFor({ timeout: 15000 });
      expect(await alert.getAttribute('role')).toBe('alert');
      expect(await alert.textContent()).toMatch(/Les terrains ne sont pas rattachés aux périmètres dessinés/);
      expect(await alert.getByRole('button', { name: 'Recharger la page' }).isVisible()).toBe(true);
      // The file is back: after a reload the sites are attached and nothing is said. (Without a
      // reload, the next change of the zones tries again, and the alert goes once it succeeds.)
      await context.unroute(gone);
      await page.reload();
      await page.getByRole('tab', { name: 'Zones d\'activités' }).click();
      await page.locator('#zone-Z01').getByTestId('zone-badge').waitFor({ timeout: 15000 });
      expect(await page.getByTestId('zone-attach-failed').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the English messages, loaded when asked for', () => {
  /** A text only the English messages hold (the language button's label, in English). */
  const ENGLISH_ONLY = 'Passer en français';
  const ENGLISH_CHUNK = /\/assets\/catalog\.en-[^/]*\.js/;

  it('a French visit downloads no English; « English » loads them and shows the page in English', async () => {
    /** The JS files the page received, and whether each holds English messages. */
    const scripts: Promise<{ url: string; english: boolean }>[] = [];
    const { context, page, errors } = await open('', '[data-testid=result-count][data-count]', DESKTOP, (p) =>
      p.on('response', (r) => {
        if (/\.m?js(\?|$)/.test(r.url())) scripts.push(r.text().then((body) => ({ url: r.url(), english: body.includes(ENGLISH_ONLY) })));
      }),
    );
    try {
      await mapReady(page);
      const atStart = await Promise.all(scripts);
      expect(atStart.length).toBeGreaterThan(3);
      expect(atStart.filter((x) => x.english).map((x) => x.url)).toEqual([]);

      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('button', { name: ENGLISH_ONLY }).waitFor({ timeout: 15000 });
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(await page.getByRole('navigation', { name: 'Main navigation' }).isVisible()).toBe(true);
      const all = await Promise.all(scripts);
      expect(all.filter((x) => x.english).map((x) => new URL(x.url).pathname)).toEqual([expect.stringMatching(ENGLISH_CHUNK)]);
      // And back to French, with nothing more to download.
      await page.getByRole('button', { name: ENGLISH_ONLY }).click();
      await page.getByRole('button', { name: 'Switch to English' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a link in English starts in English, or in French, whole, when the English file cannot be fetched', async () => {
    const { context, page, errors } = await open('?lang=en', '[data-testid=result-count][data-count]');
    try {
      expect(await page.getByRole('button', { name: ENGLISH_ONLY }).isVisible()).toBe(true);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
    // The same link while the English file cannot be fetched (a redeploy removed it, the network dropped).
    const gone = await open('?lang=en', '[data-testid=result-count][data-count]', DESKTOP, (p) =>
      p.route(ENGLISH_CHUNK, (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' })),
    );
    try {
      expect(await gone.page.getByRole('button', { name: 'Switch to English' }).isVisible()).toBe(true);
      expect(await gone.page.evaluate(() => document.documentElement.lang)).toBe('fr');
      expect(gone.errors).toEqual([]);
    } finally {
      await gone.context.close();
    }
  });

  it('when the English file cannot be fetched, « English » says why in French and the page stays French; a second click loads it', async () => {
    const next = await open('', '[data-testid=result-count][data-count]');
    try {
      await next.context.route(ENGLISH_CHUNK, (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }));
      await next.page.getByRole('button', { name: 'Switch to English' }).click();
      const alert = next.page.getByRole('alert').filter({ hasText: 'La version anglaise n’a pas pu être chargée' });
      await alert.waitFor({ timeout: 15000 });
      expect(await alert.textContent()).toMatch(/Rechargez la page/);
      // Still French, whole: no mix of the two languages.
      expect(await next.page.evaluate(() => document.documentElement.lang)).toBe('fr');
      expect(await next.page.getByRole('button', { name: 'Switch to English' }).isVisible()).toBe(true);
      // The file is back: a second click loads it (Chromium refuses the same module again: it is asked under a new URL).
      await next.context.unroute(ENGLISH_CHUNK);
      await next.page.getByRole('button', { name: 'Switch to English' }).click();
      await next.page.getByRole('button', { name: ENGLISH_ONLY }).waitFor({ timeout: 15000 });
      expect(await alert.count()).toBe(0);
      expect(next.errors).toEqual([]);
    } finally {
      await next.context.close();
    }
  });
});

describe('deep paths', () => {
  it('a first visit to /x/y?…#/site/… (server fallback page, relative assets failing) lands on the atlas’s sheet', async () => {
    const id = ids[0];
    const { context, page, errors } = await open(`x/y?lang=en#/site/${encodeURIComponent(id)}`, '[data-testid=site-sheet]');
    try {
      const u = new URL(page.url());
      expect(u.pathname).toBe(new URL(baseURL()).pathname);
      expect(u.search).toContain('lang=en');
      expect(u.hash).toBe(`#/site/${encodeURIComponent(id)}`);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the skip link « Aller au contenu »', () => {
  for (const [name, suffix, ready] of [
    ['a site sheet', () => `#/site/${encodeURIComponent(ids[0])}`, '[data-testid=site-sheet]'],
    ['the comparison', () => `?sl=${ids.slice(0, 2).map(encodeURIComponent).join(',')}#/comparer`, '[data-testid=compare-table]'],
  ] as const) {
    it(`keeps ${name} and moves the focus to the main content`, async () => {
      const { context, page, errors } = await open(suffix(), ready);
      try {
        const before = page.url();
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => document.activeElement?.textContent);
        expect(focused).toBe('Aller au contenu');
        await page.keyboard.press('Enter');
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
        expect(page.url()).toBe(before);
        expect(await page.locator(ready).count()).toBe(1);
        // The next Tab goes into the content, not back to the top of the page.
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});

describe('installable web app', () => {
  it('links a manifest with PNG icons 192 and 512 px, and serves the favicon and icons (no 404)', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
    const page = await context.newPage();
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    try {
      await page.goto(baseURL());
      await page.waitForSelector('[data-testid=result-count][data-count]', { timeout: 30000 });
      const href = await page.locator('link[rel=manifest]').getAttribute('href');
      expect(href).toBe('./manifest.webmanifest');
      const manifest = (await page.evaluate((h) => fetch(h).then((r) => r.json()), href!)) as {
        name: string;
        start_url: string;
        display: string;
        icons: { src: string; sizes: string; type: string; purpose?: string }[];
      };
      expect(manifest.name).toBe('Atlas foncier du Soissonnais-Valois');
      expect(manifest.start_url).toBe('./');
      expect(manifest.display).toBe('standalone');
      for (const size of ['192x192', '512x512']) {
        const icon = manifest.icons.find((i) => i.sizes === size && i.type === 'image/png' && !i.purpose);
        expect(icon).toBeDefined();
        const dims = await page.evaluate(async (src) => {
          const img = new Image();
          img.src = src;
          await img.decode();
          return `${img.naturalWidth}x${img.naturalHeight}`;
        }, new URL(icon!.src, baseURL()).href);
        expect(dims).toBe(size);
      }
      for (const path of ['favicon.ico', 'icons/icon.svg', 'icons/apple-touch-icon.png', 'icons/maskable-512.png']) {
        // (From outside the page: Playwright's request routing breaks a page's fetch of favicon.ico.)
        const r = await context.request.get(baseURL() + path);
        expect(r.status(), path).toBe(200);
        expect(r.headers()['content-type'], path).toMatch(/^image\//);
      }
      expect(failed).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
