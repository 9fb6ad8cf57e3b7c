/**
 * « Rien de ce qui est saisi n'est perdu », even when the browser crashes: a curator types in
 * the site form, and 50 ms after the last keystroke the BROWSER PROCESS (not the page) is
 * killed with SIGKILL, as the OS or a crash would. `pagehide` never runs. Relaunched on the same
 * profile, the draft holds the last keystroke.
 *
 * The 50 ms is the injected fault (the time between the keystroke and the kill), not a wait:
 * every other step waits on a condition. Several runs, since a loss window is a race.
 * `npm run bench:drafts` repeats this N times and prints the survival rate.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { baseURL, CHROMIUM_FLAGS, CHROMIUM_PATH } from './browser';
import { browserPid, editorOpenOn, isAlive, openEditing, processTree, readRecord, SITE_ID, SITE_NAME } from './drafts-helpers';

const KILL_AFTER_MS = 50;
const dirs: string[] = [];

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function start(dir: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1100, height: 700 },
    locale: 'fr-FR',
    serviceWorkers: 'block',
  });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${baseURL()}?sel=${SITE_ID}`);
  // The form needs the data, not the map: no wait for the map (keeps each run short).
  await page.getByRole('heading', { level: 1 }).waitFor();
  return { context, page };
}

/** SIGKILL to the browser process of this profile, then waits until it and its children are gone. */
async function killBrowser(dir: string, tree: number[]): Promise<void> {
  const pid = browserPid(dir);
  if (!pid) throw new Error('browser process not found');
  process.kill(pid, 'SIGKILL');
  // Its children (renderers, GPU, utility) exit when their parent's pipes close.
  await expect.poll(() => tree.filter(isAlive), { timeout: 15000 }).toEqual([]);
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

describe('drafts: the browser is killed 50 ms after a keystroke', () => {
  for (const run of [1, 2, 3]) {
    it(`the relaunched browser has the last keystroke (run ${run})`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'atlas-kill-'));
      dirs.push(dir);
      const first = await start(dir);
      await openEditing(first.page);
      await editorOpenOn(first.page, SITE_ID);
      const name = first.page.getByTestId('field-name');
      const before = `${SITE_NAME} révisé ${run}`;
      await name.fill(before);
      // That first edit is on disk (whatever the save strategy), so only the keystroke is at stake.
      await expect
        .poll(() => readRecord<{ site: { properties: { name: string } } }>(first.page, 'drafts', SITE_ID).then((r) => r?.site.properties.name), { timeout: 10000 })
        .toBe(before);
      const tree = processTree(browserPid(dir)!);
      await name.press('Z');
      await delay(KILL_AFTER_MS);
      await killBrowser(dir, tree);
      first.context.close().catch(() => undefined);

      const second = await start(dir);
      try {
        // The draft's record has it (written from the journal at start-up if it had not reached it)…
        await expect
          .poll(() => readRecord<{ site: { properties: { name: string } } }>(second.page, 'drafts', SITE_ID).then((r) => r?.site.properties.name))
          .toBe(`${before}Z`);
        // …and the atlas shows it, « Mode édition » off: the list of sites has the name typed.
        await second.page.locator('#site-list').getByText(`${before}Z`, { exact: true }).first().waitFor({ timeout: 15000 });
      } finally {
        await second.context.close();
      }
    });
  }
});
