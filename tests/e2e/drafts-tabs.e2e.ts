/**
 * One site edited in two tabs of one browser profile (two pages of one context share
 * IndexedDB), as a curator with the atlas open twice would:
 * - different fields merge: the name typed in tab 1 and the notes typed in tab 2 both stay;
 * - tab 2 follows tab 1's writes live (BroadcastChannel);
 * - without BroadcastChannel, a tab still re-reads the stored revision before writing and
 *   merges instead of writing its stale copy over the newer one; it tells the others through
 *   the `storage` event instead;
 * - the same field typed in both tabs shows both values, and the user chooses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseURL, launch } from './browser';
import { editorOpenOn, openEditing, readRecord, SITE_ID } from './drafts-helpers';

type Rec = { rev?: number; site: { properties: { name: string; notes: string | null } } };

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR' });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  return context;
}

/** A tab on the site's editor; `noBroadcast` removes BroadcastChannel from it (an older or stricter browser). */
async function openTab(context: BrowserContext, noBroadcast = false): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  if (noBroadcast) await page.addInitScript(() => delete (window as { BroadcastChannel?: unknown }).BroadcastChannel);
  await page.goto(`${baseURL()}?sel=${SITE_ID}`);
  // The form needs the data, not the map.
  await page.getByRole('heading', { level: 1 }).waitFor();
  await openEditing(page);
  await editorOpenOn(page, SITE_ID);
  return { page, errors };
}

const stored = (page: Page) => readRecord<Rec>(page, 'drafts', SITE_ID);

async function reloadEditor(page: Page): Promise<void> {
  await page.reload();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await openEditing(page);
  await editorOpenOn(page, SITE_ID);
}

describe('drafts: two tabs on one site', () => {
  it('merges different fields, and tab 2 follows tab 1 live', async () => {
    const context = await newContext();
    try {
      const one = await openTab(context);
      const two = await openTab(context);
      await one.page.getByTestId('field-name').fill('Nom saisi dans l’onglet 1');
      await expect.poll(() => stored(one.page).then((r) => r?.site.properties.name)).toBe('Nom saisi dans l’onglet 1');
      // Tab 2 is told (no reload).
      await expect.poll(() => two.page.getByTestId('field-name').inputValue()).toBe('Nom saisi dans l’onglet 1');
      await two.page.getByLabel('Notes').fill('Notes saisies dans l’onglet 2');
      await expect.poll(() => stored(two.page).then((r) => r?.site.properties.notes)).toBe('Notes saisies dans l’onglet 2');

      await reloadEditor(one.page);
      expect(await one.page.getByTestId('field-name').inputValue()).toBe('Nom saisi dans l’onglet 1');
      expect(await one.page.getByLabel('Notes').inputValue()).toBe('Notes saisies dans l’onglet 2');
      expect([...one.errors, ...two.errors]).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('without BroadcastChannel, re-reads the revision before writing: no stale overwrite', async () => {
    const context = await newContext();
    try {
      const one = await openTab(context);
      const two = await openTab(context, true);
      await one.page.getByTestId('field-name').fill('Nom de l’onglet 1');
      await expect.poll(() => stored(one.page).then((r) => r?.site.properties.name)).toBe('Nom de l’onglet 1');
      // Tab 2 was not told: it still shows the old name, and types the notes.
      expect(await two.page.getByTestId('field-name').inputValue()).toBe('Coopérative agricole');
      await two.page.getByLabel('Notes').fill('Notes de l’onglet 2');
      await expect.poll(() => stored(two.page).then((r) => r?.site.properties.notes)).toBe('Notes de l’onglet 2');
      const rec = await stored(two.page);
      expect(rec?.site.properties.name).toBe('Nom de l’onglet 1');
      // The merged version shows in tab 2 at once.
      await expect.poll(() => two.page.getByTestId('field-name').inputValue()).toBe('Nom de l’onglet 1');
      expect([...one.errors, ...two.errors]).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the same field typed in two tabs shows both values; the user chooses', async () => {
    const context = await newContext();
    try {
      const one = await openTab(context);
      const two = await openTab(context, true);
      await one.page.getByTestId('field-name').fill('Nom choisi en 1');
      await expect.poll(() => stored(one.page).then((r) => r?.site.properties.name)).toBe('Nom choisi en 1');
      await two.page.getByTestId('field-name').fill('Nom choisi en 2');
      // Tab 2 wrote over a newer revision: it says so, with both values.
      const conflict = two.page.getByTestId('draft-conflicts');
      await conflict.waitFor({ timeout: 10000 });
      expect(await conflict.textContent()).toContain('Nom choisi en 1');
      expect(await conflict.textContent()).toContain('Nom choisi en 2');
      // Tab 1 is told too (tab 2 has no BroadcastChannel: the `storage` event fallback) and offers the same choice.
      await one.page.getByTestId('draft-conflicts').waitFor({ timeout: 10000 });
      await one.page.getByRole('button', { name: 'Garder « Nom choisi en 1 »' }).click();
      await expect.poll(() => stored(one.page).then((r) => r?.site.properties.name)).toBe('Nom choisi en 1');
      await expect.poll(() => one.page.getByTestId('draft-conflicts').count()).toBe(0);
      // Both tabs end with the chosen value (tab 2 after a reload: it hears nothing).
      await reloadEditor(two.page);
      expect(await two.page.getByTestId('field-name').inputValue()).toBe('Nom choisi en 1');
      expect(await two.page.getByTestId('draft-conflicts').count()).toBe(0);
      expect([...one.errors, ...two.errors]).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
