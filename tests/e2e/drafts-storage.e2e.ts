/**
 * The counter and the save status tell the truth when the browser cannot keep the drafts:
 * - IndexedDB unavailable (private browsing, blocked storage): « non enregistré », with an
 *   export of what was typed;
 * - storage full (quota): the error, never « Brouillon enregistré » beside it; the write is
 *   tried again on the next change, and nothing typed meanwhile is lost.
 * Faults are injected with an init script (the page's IndexedDB API throws as Chromium does).
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
});
