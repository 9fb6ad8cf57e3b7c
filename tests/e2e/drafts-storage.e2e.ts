/**
 * The counter and the save status tell the truth when the browser cannot keep the drafts:
 * - IndexedDB unavailable (private browsing, blocked storage): « non enregistré », with an
 *   export of what was typed;
 * - storage full (quota): the error, never « Brouillon enregistré » beside it; the write is
 *   tried again on the next change, and nothing typed meanwhile is lost.
 * - the drafts code cannot be downloaded at start (network cut, new version deployed): the page
 *   says the stored drafts are not shown and nothing is lost; « Recharger la page » brings them.
 * Faults are injected with an init script (the page's IndexedDB API throws as Chromium does), or
 * by aborting the download of the drafts chunk.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP, baseURL, launch } from './browser';
import { counterText, editorOpenOn, openEditing, readRecord, SITE_ID, waitMapReady } from './drafts-helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function open(init: () => void): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'fr-FR', acceptDownloads: true, serviceWorkers: 'block' });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  await context.addInitScript(init);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${baseURL()}?sel=${SITE_ID}`);
  await waitMapReady(page);
  await openEditing(page);
  await editorOpenOn(page, SITE_ID);
  return { context, page, errors };
}

describe('drafts: storage unavailable or full', () => {
  it('IndexedDB unavailable: the counter says « non enregistré » and the drafts can be exported', async () => {
    const { context, page, errors } = await open(() => {
      IDBFactory.prototype.open = function () {
        throw new DOMException('Le stockage est refusé', 'SecurityError');
      };
    });
    try {
      await page.getByTestId('field-name').fill('Nom jamais enregistré');
      await expect.poll(() => counterText(page)).toBe('1 modification non enregistrée');
      expect(await page.getByTestId('save-status').textContent()).toMatch(/Non enregistré/);
      expect(await page.getByRole('alert').filter({ hasText: 'IndexedDB' }).count()).toBeGreaterThan(0);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('storage-problem').getByRole('button', { name: 'Exporter mes brouillons' }).click(),
      ]);
      const backup = JSON.parse(readFileSync(await download.path(), 'utf8')) as { drafts: { site: { properties: { name: string } } }[] };
      expect(backup.drafts.map((d) => d.site.properties.name)).toEqual(['Nom jamais enregistré']);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('storage full: says so (never « enregistré »), retries on the next change, loses nothing', async () => {
    const { context, page, errors } = await open(() => {
      const w = window as unknown as { __quotaFull?: boolean };
      for (const m of ['put', 'add'] as const) {
        const original = IDBObjectStore.prototype[m];
        IDBObjectStore.prototype[m] = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
          if (w.__quotaFull) throw new DOMException('Quota dépassé', 'QuotaExceededError');
          return original.apply(this, args);
        } as IDBObjectStore['put'];
      }
    });
    try {
      await page.evaluate(() => ((window as unknown as { __quotaFull: boolean }).__quotaFull = true));
      await page.getByTestId('field-name').fill('Nom tapé quand le disque est plein');
      const problem = page.getByTestId('storage-problem');
      await problem.waitFor({ timeout: 10000 });
      expect(await problem.textContent()).toMatch(/plein/);
      await problem.getByRole('button', { name: 'Exporter mes brouillons' }).waitFor();
      await expect.poll(() => counterText(page)).toBe('1 modification non enregistrée');
      expect(await page.getByTestId('save-status').textContent()).not.toMatch(/Brouillon enregistré/);

      // Room again: the next change writes both.
      await page.evaluate(() => ((window as unknown as { __quotaFull: boolean }).__quotaFull = false));
      await page.getByLabel('Notes').fill('Notes après la place libérée');
      await expect.poll(() => counterText(page)).toBe('1 modification non publiée');
      await expect.poll(() => page.getByTestId('save-status').textContent()).toMatch(/Brouillon enregistré/);
      expect(await problem.count()).toBe(0);
      const rec = await readRecord<{ site: { properties: { name: string; notes: string } } }>(page, 'drafts', SITE_ID);
      expect(rec?.site.properties).toMatchObject({ name: 'Nom tapé quand le disque est plein', notes: 'Notes après la place libérée' });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the drafts code cannot be downloaded at start: the page says the drafts are not shown and nothing is lost; « Recharger la page » brings them back', async () => {
    const { context, page, errors } = await open(() => undefined);
    try {
      await page.getByTestId('field-name').fill('Nom gardé malgré la coupure');
      await expect.poll(() => page.getByTestId('save-status').textContent(), { timeout: 10000 }).toMatch(/Brouillon enregistré/);
      // The chunk of the drafts code (src/state/drafts) fails, as when the network is cut or a new
      // version replaced the files. Before: nothing said why the drafts were gone from the atlas.
      const DRAFTS_CHUNK = /\/assets\/drafts-[^/]*\.js/;
      let refused = 0;
      await page.route(DRAFTS_CHUNK, (route) => {
        refused++;
        return route.abort();
      });
      await page.reload();
      await waitMapReady(page);
      const notice = page.getByTestId('drafts-load-notice');
      await notice.waitFor();
      expect(refused).toBeGreaterThan(0);
      expect(await notice.getAttribute('role')).toBe('alert');
      expect(await notice.textContent()).toMatch(/ne sont pas affichés.*Ils restent enregistrés, rien n’est perdu/);

      // The network is back: the button reloads, and the draft is there.
      await page.unroute(DRAFTS_CHUNK);
      await notice.getByRole('button', { name: 'Recharger la page' }).click();
      await waitMapReady(page);
      await openEditing(page);
      await editorOpenOn(page, SITE_ID);
      await expect.poll(() => page.getByTestId('field-name').inputValue()).toBe('Nom gardé malgré la coupure');
      expect(await page.getByTestId('drafts-load-notice').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
