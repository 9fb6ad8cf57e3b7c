/**
 * A new deployment is picked up at the next visit with « Nouvelle version disponible », and a
 * page never mixes versions: until the user accepts, it keeps getting the files of the version
 * it started with (here, the data), then it reloads onto the new one.
 *
 * The atlas is served from a copy of the e2e build (tests/e2e/staticServer.ts); « deploying »
 * changes a data file and writes its new revision into sw.js, as a new build would.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, launch } from './browser';
import { swActivated } from './shell-helpers';
import { serveBuildCopy, type StaticSite } from './staticServer';

let browser: Browser;
let site: StaticSite;

beforeAll(async () => {
  browser = await launch();
  site = await serveBuildCopy();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const dataManifest = (page: Page) => page.evaluate(() => fetch('./data/manifest.json').then((r) => r.text()));

/** Deploys a « new version »: data/manifest.json changes, and sw.js lists it with a new revision. */
function deployNewVersion(dir: string): void {
  const file = join(dir, 'data/manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({ ...manifest, deployment_test: 'v2' }));
  const swFile = join(dir, 'sw.js');
  const sw = readFileSync(swFile, 'utf8');
  const next = sw.replace(/\{"revision":"[^"]*","url":"data\/manifest\.json"\}/, '{"revision":"deployment-test-v2","url":"data/manifest.json"}');
  expect(next).not.toBe(sw);
  writeFileSync(swFile, next);
}

describe('a new deployment', () => {
  it('is offered at the next visit, keeps the old version until accepted, then switches', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'fr-FR' });
    await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
    const errors: string[] = [];
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    try {
      await page.goto(site.url);
      // The worker is registered once the atlas is up; activated = everything precached.
      expect(await swActivated(page)).toBe('activated');
      const before = await dataManifest(page);
      expect(await page.getByTestId('update-prompt').count()).toBe(0);

      deployNewVersion(site.dir);
      // Next visit: the browser finds the new sw.js, installs it beside the running one, and the page says so.
      await page.reload();
      const prompt = page.getByTestId('update-prompt');
      await prompt.waitFor({ timeout: 20000 });
      expect(await prompt.textContent()).toMatch(/Nouvelle version disponible/);
      // Not mixed: this page still gets the data of the version it runs, though the server has the new one.
      expect(await dataManifest(page)).toBe(before);

      await Promise.all([page.waitForEvent('framenavigated'), page.getByRole('button', { name: 'Mettre à jour' }).click()]);
      await page.getByTestId('result-count').waitFor();
      expect(await dataManifest(page)).toContain('"deployment_test":"v2"');
      expect(await page.getByTestId('update-prompt').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
