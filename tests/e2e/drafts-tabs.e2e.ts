/**
 * One site edited in two tabs of one browser profile (two pages of one context share
 * IndexedDB), as a curator with the atlas open twice would:
 * - different fields merge: the name typed in tab 1 and the notes typed in tab 2 both stay;
 * - each tab follows the other's writes live (BroadcastChannel);
 * - a tab that hears nothing (no BroadcastChannel, no `storage` event) still re-reads the
 *   stored revision before writing and merges instead of writing its stale copy over the newer
 *   one; it tells the others through the `storage` event;
 * - the same field typed in both tabs shows both values, and the user chooses.
 * What is checked is what is stored (the database both tabs share) and what each tab shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseURL, launch } from './browser';
import { editorOpenOn, openEditing, readRecord, SITE_ID } from './drafts-helpers';

type Rec = { rev?: number; site: { properties: { name: string; notes: string | null } }; conflicts?: { field: string; other: unknown }[] };

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function newContext(): Promise<BrowserContext> {
  // A smaller window than other tests: two maps rendered in software at once cost less.
  const context = await browser.newContext({ viewport: { width: 1100, height: 700 }, locale: 'fr-FR', serviceWorkers: 'block' });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  return context;
}

/**
 * A tab on the site's editor. `deaf`: it hears no other tab (no BroadcastChannel, `storage`
 * events ignored), as in a browser without either; it can still tell the others.
 */
async function openTab(context: BrowserContext, deaf = false): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  if (deaf) {
    await page.addInitScript(() => {
      delete (window as { BroadcastChannel?: unknown }).BroadcastChannel;
      const add = window.addEventListener.bind(window);
      window.addEventListener = ((type: string, ...rest: unknown[]) =>
        type === 'storage' ? undefined : (add as (t: string, ...r: unknown[]) => void)(type, ...rest)) as typeof window.addEventListener;
    });
  }
  await page.goto(`${baseURL()}?sel=${SITE_ID}`);
  // The form needs the data, not the map.
  await page.getByRole('heading', { level: 1 }).waitFor();
  await openEditing(page);
  await editorOpenOn(page, SITE_ID);
  return { page, errors };
}

const stored = (page: Page) => readRecord<Rec>(page, 'drafts', SITE_ID);

describe('drafts: two tabs on one site', () => {
  it('merges different fields, and each tab follows the other live', async () => {
    const context = await newContext();
    try {
      const [one, two] = await Promise.all([openTab(context), openTab(context)]);
      await one.page.getByTestId('field-name').fill('Nom saisi dans l’onglet 1');
      await expect.poll(() => stored(one.page).then((r) => r?.site.properties.name)).toBe('Nom saisi dans l’onglet 1');
      // Tab 2 is told (no reload).
      await expect.poll(() => two.page.getByTestId('field-name').inputValue()).toBe('Nom saisi dans l’onglet 1');
      await two.page.getByLabel('Notes').fill('Notes saisies dans l’onglet 2');
      await expect.poll(() => stored(two.page).then((r) => r?.site.properties.notes)).toBe('Notes saisies dans l’onglet 2');
      // Both values are stored, and tab 1 shows the notes typed in tab 2.
      expect((await stored(one.page))?.site.properties).toMatchObject({ name: 'Nom saisi dans l’onglet 1', notes: 'Notes saisies dans l’onglet 2' });
      await expect.poll(() => one.page.getByLabel('Notes').inputValue()).toBe('Notes saisies dans l’onglet 2');
      expect([...one.errors, ...two.errors]).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a tab that hears nothing re-reads the revision before writing: no stale overwrite', async () => {
    const context = await newContext();
    try {
      const [one, two] = await Promise.all([openTab(context), openTab(context, true)]);
      await one.page.getByTestId('field-name').fill('Nom de l’onglet 1');
      await expect.poll(() => stored(one.page).then((r) => r?.site.properties.name)).toBe('Nom de l’onglet 1');
      // Tab 2 was not told: it still shows the old name, and types the notes.
      expect(await two.page.getByTestId('field-name').inputValue()).toBe('Coopérative agricole');
      await two.page.getByLabel('Notes').fill('Notes de l’onglet 2');
      await expect.poll(() => stored(two.page).then((r) => r?.site.properties.notes)).toBe('Notes de l’onglet 2');
      const rec = await stored(two.page);
      expect(rec?.site.properties.name).toBe('Nom de l’onglet 1');
      expect(rec?.conflicts ?? []).toEqual([]);
      // The merged version shows in tab 2 at once; tab 1 hears of tab 2's write (`storage` event).
      await expect.poll(() => two.page.getByTestId('field-name').inputValue()).toBe('Nom de l’onglet 1');
      await expect.poll(() => one.page.getByLabel('Notes').inputValue()).toBe('Notes de l’onglet 2');
      expect([...one.errors, ...two.errors]).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the same field typed in two tabs shows both values; the user chooses', async () => {
    const context = await newContext();
    try {
      const [one, two] = await Promise.all([openTab(context), openTab(context, true)]);
      await one.page.getByTestId('field-name').fill('Nom choisi en 1');
      await expect.poll(() => stored(one.page).then((r) => r?.site.properties.name)).toBe('Nom choisi en 1');
      await two.page.getByTestId('field-name').fill('Nom choisi en 2');
      // Tab 2 wrote over a newer revision: it says so, with both values.
      const conflict = two.page.getByTestId('draft-conflicts');
      await conflict.waitFor({ timeout: 10000 });
      expect(await conflict.textContent()).toContain('Nom choisi en 1');
      expect(await conflict.textContent()).toContain('Nom choisi en 2');
      // Both values are on disk: the one in the site, the other beside it.
      expect(await stored(two.page)).toMatchObject({ site: { properties: { name: 'Nom choisi en 2' } }, conflicts: [{ field: 'name', other: 'Nom choisi en 1' }] });
      // Tab 1 is told too (`storage` event) and offers the same choice.
      await one.page.getByTestId('draft-conflicts').waitFor({ timeout: 10000 });
      await one.page.getByRole('button', { name: 'Garder « Nom choisi en 1 »' }).click();
      await expect.poll(() => stored(one.page).then((r) => [r?.site.properties.name, r?.conflicts ?? []])).toEqual(['Nom choisi en 1', []]);
      await expect.poll(() => one.page.getByTestId('draft-conflicts').count()).toBe(0);
      expect(await one.page.getByTestId('field-name').inputValue()).toBe('Nom choisi en 1');
      expect([...one.errors, ...two.errors]).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
