/**
 * Phone layout (375 × 667): every feature stays reachable (panels become tabs, the map is
 * one of them), and nothing overflows horizontally on any page. Screenshots go to
 * .tmp/screenshots/mobile-*.png for a human look.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseURL, launch, openAtlas } from './browser';

const PHONE = { width: 375, height: 667 };
const SHOTS = '.tmp/screenshots';
let browser: Browser;
let ids: string[] = [];

async function openPage(suffix: string, ready: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: PHONE, locale: 'fr-FR', isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  const page = await context.newPage();
  await page.goto(baseURL() + suffix);
  await page.waitForSelector(ready, { timeout: 60000 });
  return { context, page };
}

/** The document is no wider than the phone; lists the elements that stick out when it is. */
async function expectNoHorizontalOverflow(page: Page, label: string) {
  const r = await page.evaluate((w) => {
    const culprits: string[] = [];
    if (document.documentElement.scrollWidth > w) {
      for (const el of document.querySelectorAll('body *')) {
        const b = el.getBoundingClientRect();
        if (b.right > w + 1 && b.width > 0 && !el.closest('.table-scroll')) culprits.push(`${el.tagName}.${String((el as HTMLElement).className)}`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, culprits: culprits.slice(0, 10) };
  }, PHONE.width);
  expect(r.scrollWidth, `${label}: ${r.culprits.join(', ')}`).toBeLessThanOrEqual(PHONE.width);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launch();
  const { context, page } = await openPage('#/accessibilite', '[data-testid=accessibility-page]');
  ids = await page.evaluate(async () => {
    const fc = (await (await fetch('./data/sites.geojson')).json()) as { features: { properties: { id: string } }[] };
    return fc.features.map((f) => f.properties.id);
  });
  await context.close();
});

afterAll(async () => {
  await browser?.close();
});

describe('phone 375 × 667', () => {
  it('atlas: the panels are tabs (search, zones, map), all reachable, nothing overflows', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'fr-FR', isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const { page } = await openAtlas(browser, '', { context });
    try {
      const tabs = page.getByRole('tab');
      expect(await tabs.allTextContents()).toEqual(expect.arrayContaining(['Recherche', "Zones d'activités", 'Carte']));
      // Search tab: filters and list are shown, the map is not.
      await expect(page.getByRole('tab', { name: 'Recherche' }).getAttribute('aria-selected')).resolves.toBe('true');
      await page.waitForSelector('#site-list');
      expect(await page.locator('#site-list').isVisible()).toBe(true);
      await expectNoHorizontalOverflow(page, 'search tab');
      await page.screenshot({ path: `${SHOTS}/mobile-atlas.png` });

      // Zones tab.
      await page.getByRole('tab', { name: "Zones d'activités" }).click();
      await expect(page.getByRole('tab', { name: "Zones d'activités" }).getAttribute('aria-selected')).resolves.toBe('true');
      await expectNoHorizontalOverflow(page, 'zones tab');
      await page.screenshot({ path: `${SHOTS}/mobile-zones.png` });

      // Map tab: the map fills the screen width.
      await page.getByRole('tab', { name: 'Carte' }).click();
      await page.waitForTimeout(500);
      const box = await page.locator('.map-panel canvas').first().boundingBox();
      expect(box).not.toBeNull();
      expect(box!.width).toBeGreaterThan(PHONE.width - 20);
      expect(box!.height).toBeGreaterThan(300);
      await expectNoHorizontalOverflow(page, 'map tab');
      await page.screenshot({ path: `${SHOTS}/mobile-map.png` });

      // The header stays small: the main navigation folds into a « Menu » disclosure.
      const header = await page.locator('.app-header').boundingBox();
      expect(header!.height).toBeLessThan(80);
      const menu = page.getByRole('button', { name: 'Menu' });
      await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
      expect(await page.getByRole('navigation', { name: 'Navigation principale' }).isVisible()).toBe(false);
      await menu.click();
      await expect(menu.getAttribute('aria-expanded')).resolves.toBe('true');
      for (const name of ['Atlas', 'Comparer (0)', 'Accessibilité', 'Mentions légales et crédits']) {
        expect(await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('button', { name }).isVisible(), name).toBe(true);
      }
      expect(await page.getByRole('button', { name: 'Switch to English' }).isVisible()).toBe(true);
      await expectNoHorizontalOverflow(page, 'menu open');
      await page.screenshot({ path: `${SHOTS}/mobile-menu.png` });
      // Choosing a page closes the menu.
      await page.getByRole('button', { name: 'Accessibilité' }).click();
      await page.waitForSelector('[data-testid=accessibility-page]');
      await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
    } finally {
      await context.close();
    }
  });

  it('site sheet: one column, the map fits, nothing overflows', async () => {
    const { context, page } = await openPage(`#/site/${encodeURIComponent(ids[0])}`, '[data-testid=minimap][data-ready=true]');
    try {
      await expectNoHorizontalOverflow(page, 'sheet');
      const map = await page.getByTestId('minimap').boundingBox();
      expect(map!.x).toBeGreaterThanOrEqual(0);
      expect(map!.x + map!.width).toBeLessThanOrEqual(PHONE.width);
      // The checklist is readable as stacked cards: each row no wider than the screen.
      const widest = await page.evaluate(() => Math.max(...[...document.querySelectorAll('.readiness-table tr')].map((r) => r.getBoundingClientRect().right)));
      expect(widest).toBeLessThanOrEqual(PHONE.width);
      expect(await page.getByRole('button', { name: 'Ajouter à la sélection' }).isVisible()).toBe(true);
      await page.screenshot({ path: `${SHOTS}/mobile-sheet.png` });
      await page.locator('#sheet-readiness').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/mobile-sheet-readiness.png` });
    } finally {
      await context.close();
    }
  });

  it('comparison: the table scrolls inside its own region, the page does not', async () => {
    const { context, page } = await openPage(`?sl=${ids.slice(0, 3).map(encodeURIComponent).join(',')}#/comparer`, '[data-testid=compare-table]');
    try {
      await expectNoHorizontalOverflow(page, 'comparison');
      const region = page.getByRole('region', { name: /Comparaison de 3 sites/ });
      expect(await region.getAttribute('tabindex')).toBe('0'); // scrollable by keyboard
      await page.locator('.compare-table').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/mobile-compare.png` });
    } finally {
      await context.close();
    }
  });

  it('accessibility and legal pages: nothing overflows', async () => {
    for (const [suffix, ready, shot] of [
      ['#/accessibilite', '[data-testid=accessibility-page]', 'mobile-accessibility'],
      ['#/mentions-legales', '[data-testid=legal-page]', 'mobile-legal'],
    ]) {
      const { context, page } = await openPage(suffix, ready);
      try {
        await expectNoHorizontalOverflow(page, suffix);
        await page.screenshot({ path: `${SHOTS}/${shot}.png` });
      } finally {
        await context.close();
      }
    }
  });
});
