/**
 * Phone layout (375 × 667): every feature stays reachable (panels become tabs, the map is
 * one of them), and nothing overflows horizontally on any page. Screenshots go to
 * .tmp/screenshots/mobile-*.png for a human look.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, openAtlas, openPage as openAtlasPage, servedData } from './browser';
import { placeVertices } from './waits';

const PHONE = { width: 375, height: 667 };
const SHOTS = '.tmp/screenshots';
let browser: Browser;
let ids: string[] = [];
let statuses = new Map<string, string | null>();

/** The map's friche symbols (src/map/style/palette.ts): the list must show the same shape. */
const SHAPE_OF_STATUS: Record<string, string> = {
  'friche potentielle': 'circle',
  'friche sans projet': 'square',
  'friche avec projet': 'diamond',
  'friche reconvertie': 'triangle',
};

/**
 * Device scale factor 1: the layout (CSS pixels, the breakpoints, overflow) is the same as at a
 * phone's 2 or 3, and the map, drawn in software, costs a quarter of the pixels.
 */
const PHONE_CONTEXT = { viewport: PHONE, locale: 'fr-FR', isMobile: true, hasTouch: true, deviceScaleFactor: 1, serviceWorkers: 'block' as const };

async function phoneAtlas(suffix = ''): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(PHONE_CONTEXT);
  const { page } = await openAtlas(browser, suffix, { context });
  return { context, page };
}

function openPage(suffix: string, ready: string): Promise<{ context: BrowserContext; page: Page }> {
  return openAtlasPage(browser, suffix, ready, { contextOptions: PHONE_CONTEXT });
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
  const fc = await servedData<{ features: { properties: { id: string; kind: string; friche_status: string | null } }[] }>('sites.geojson');
  const props = fc.features.map((f) => f.properties);
  ids = props.map((p) => p.id);
  statuses = new Map(props.filter((p) => p.kind === 'friche').map((p) => [p.id, p.friche_status]));
});

afterAll(async () => {
  await browser?.close();
});

describe('phone 375 × 667', () => {
  it('atlas: the panels are tabs (search, zones, map), all reachable, nothing overflows', async () => {
    const context = await browser.newContext(PHONE_CONTEXT);
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
      // The map panel is shown and its canvas resized to the screen width.
      await page.waitForFunction(
        (w) => (document.querySelector('.map-panel canvas')?.getBoundingClientRect().width ?? 0) > w - 20,
        PHONE.width,
        { timeout: 10000 },
      );
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

  it('results list: a friche row shows its status like the map (shape + text), the rows wrap instead of cutting the distances, both buttons are reachable', async () => {
    const { context, page } = await phoneAtlas();
    try {
      await page.waitForSelector('#site-list .site-row');
      // Collapse the filters so the list is on screen (as a phone user would).
      const hide = page.getByRole('button', { name: 'Masquer les filtres' });
      if (await hide.count()) await hide.click();
      await page.locator('#site-list').scrollIntoViewIfNeeded();
      const rows = page.locator('#site-list .site-row');
      expect(await rows.count()).toBeGreaterThan(2);

      // Every rendered friche row names its status and draws the map's symbol for it.
      const shown = await rows.evaluateAll((els) =>
        els.map((r) => ({
          id: r.getAttribute('data-site-id')!,
          text: r.querySelector('.row-friche')?.textContent?.trim() ?? null,
          shape: r.querySelector('.row-friche svg')?.getAttribute('data-shape') ?? null,
        })),
      );
      const friches = shown.filter((r) => statuses.has(r.id));
      expect(friches.length).toBeGreaterThan(0);
      for (const r of friches) {
        const status = statuses.get(r.id);
        expect(status, r.id).toBeTruthy(); // the real data gives a status to every friche
        expect(r.text?.toLowerCase(), r.id).toBe(status!.toLowerCase());
        expect(r.shape, r.id).toBe(SHAPE_OF_STATUS[status!.toLowerCase()]);
      }

      // Nothing in a row is cut off: the distances (and every other line) wrap inside the row,
      // rows do not overlap (their heights are measured), and both buttons fit on screen.
      const layout = await rows.evaluateAll((els) =>
        els.map((r) => {
          const box = r.getBoundingClientRect();
          const dist = r.querySelector<HTMLElement>('.row-dist');
          const lines = [...r.querySelectorAll<HTMLElement>('.row-meta, .row-dist, .row-name')];
          return {
            id: r.getAttribute('data-site-id'),
            top: box.top,
            bottom: box.bottom,
            right: box.right,
            dist: dist ? { text: dist.textContent ?? '', scrollWidth: dist.scrollWidth, clientWidth: dist.clientWidth, right: dist.getBoundingClientRect().right } : null,
            clipped: lines.filter((l) => l.scrollWidth > l.clientWidth || l.scrollHeight > l.clientHeight + 1).map((l) => l.className),
            contentBottom: Math.max(...[...r.querySelectorAll('.cell-main, .cell-action')].map((c) => c.getBoundingClientRect().bottom)),
            buttons: [...r.querySelectorAll('button')].map((b) => {
              const bb = b.getBoundingClientRect();
              return { text: b.textContent, left: bb.left, right: bb.right, height: bb.height };
            }),
          };
        }),
      );
      const withDist = layout.filter((r) => r.dist);
      expect(withDist.length).toBeGreaterThan(0);
      for (const r of withDist) {
        expect(r.dist!.scrollWidth, `${r.id}: ${r.dist!.text}`).toBeLessThanOrEqual(r.dist!.clientWidth);
        expect(r.dist!.right).toBeLessThanOrEqual(r.right);
        expect(r.dist!.text).toMatch(/RN2 \d+,\d\s*km.*Voie d'eau \d+,\d\s*km.*Gare \d+,\d\s*km/);
      }
      for (const r of layout) {
        expect(r.clipped, String(r.id)).toEqual([]);
        expect(r.contentBottom, `${r.id}: content inside its row`).toBeLessThanOrEqual(r.bottom + 1);
        expect(r.buttons.map((b) => b.text)).toEqual(['Fiche', 'Ajouter à la sélection']);
        for (const b of r.buttons) {
          expect(b.left).toBeGreaterThanOrEqual(0);
          expect(b.right).toBeLessThanOrEqual(PHONE.width);
          expect(b.height).toBeGreaterThanOrEqual(36); // a thumb-sized target
        }
      }
      const sorted = [...layout].sort((a, b) => a.top - b.top);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i].top, 'rows do not overlap').toBeGreaterThanOrEqual(sorted[i - 1].bottom - 1);
      await expectNoHorizontalOverflow(page, 'list');

      // The picture: the results (heading, count, sort) and the first rows, under the sticky tabs.
      await page.evaluate(() => {
        const tabs = document.querySelector('.atlas-layout .tabs')!.getBoundingClientRect().height;
        const top = document.querySelector('.results-head')!.getBoundingClientRect().top + window.scrollY;
        window.scrollTo(0, top - tabs - 8);
      });
      await page.screenshot({ path: `${SHOTS}/mobile-list.png` });

      // « Ajouter à la sélection » is announced (aria-live), with the shortlist size.
      const first = rows.first();
      const name = await first.locator('.row-name').textContent();
      await first.getByRole('button', { name: /^Ajouter à la sélection/ }).tap();
      await page.waitForFunction(
        (name) => document.querySelector('[data-testid="announcer"]')?.textContent === `« ${name} » ajouté à la sélection (1 site)`,
        name,
        { timeout: 5000 },
      );
      await first.getByRole('button', { name: /^Retirer/ }).tap();
      await page.waitForFunction(
        (name) => document.querySelector('[data-testid="announcer"]')?.textContent === `« ${name} » retiré de la sélection (sélection vide)`,
        name,
        { timeout: 5000 },
      );
    } finally {
      await context.close();
    }
  });

  it('drawing in « Édition » shows the map tab with a banner; « Annuler » / « Terminer » give the editing tab back', async () => {
    const { context, page } = await phoneAtlas();
    try {
      // « Mode édition » sits in the « Menu » on a phone.
      await page.getByRole('button', { name: 'Menu' }).click();
      await page.getByLabel('Mode édition').check();
      await page.getByRole('button', { name: 'Menu' }).click();
      await page.getByRole('tab', { name: 'Édition' }).click();
      await page.getByRole('heading', { name: 'Édition des sites' }).waitFor();
      const drawButton = page.getByRole('button', { name: 'Dessiner un terrain (polygone)' });
      await expect.poll(() => drawButton.isEnabled(), { timeout: 15000 }).toBe(true);

      const tabSelected = (name: string) => page.getByRole('tab', { name }).getAttribute('aria-selected');
      const banner = page.getByTestId('drawing-banner');

      // Start, then cancel: back to « Édition », focus on the button that started the drawing.
      await drawButton.tap();
      await banner.waitFor({ state: 'visible' });
      expect(await tabSelected('Carte')).toBe('true');
      expect(await banner.textContent()).toContain('Dessin en cours — touchez la carte pour placer les sommets ; double-touchez pour terminer');
      expect(await banner.getByRole('button', { name: 'Terminer' }).isVisible()).toBe(true);
      expect(await banner.getByRole('button', { name: 'Annuler' }).isVisible()).toBe(true);
      const canvas = page.locator('.map-panel canvas').first();
      const box = (await canvas.boundingBox())!;
      expect(box.width).toBeGreaterThan(PHONE.width - 20);
      // The banner and the map are both on screen.
      const bannerBox = (await banner.boundingBox())!;
      expect(bannerBox.y).toBeGreaterThanOrEqual(0);
      expect(bannerBox.y + bannerBox.height).toBeLessThan(PHONE.height);
      expect(await page.locator('.cur-panel').isVisible()).toBe(false);
      await expectNoHorizontalOverflow(page, 'drawing');
      await page.screenshot({ path: `${SHOTS}/mobile-drawing.png` });
      await banner.getByRole('button', { name: 'Annuler' }).tap();
      await banner.waitFor({ state: 'detached' });
      expect(await tabSelected('Édition')).toBe('true');
      await page.waitForFunction(() => document.activeElement?.textContent === 'Dessiner un terrain (polygone)');

      // Start again, tap three vertices, « Terminer »: a new site, back in « Édition ».
      await drawButton.tap();
      await banner.waitFor({ state: 'visible' });
      const b = (await canvas.boundingBox())!;
      const cx = b.x + b.width / 2;
      const cy = b.y + b.height / 2 + 30;
      const vertices: [number, number][] = [
        [cx - 70, cy - 50],
        [cx + 70, cy - 50],
        [cx + 70, cy + 60],
      ];
      await placeVertices(page, vertices.slice(0, 1), 'tap');
      // One vertex is not an outline: « Terminer » says so and the drawing goes on.
      await banner.getByRole('button', { name: 'Terminer' }).tap();
      await expect
        .poll(() => page.getByTestId('announcer').textContent())
        .toBe('Placez au moins trois sommets avant de terminer le contour.');
      expect(await banner.isVisible()).toBe(true);
      await placeVertices(page, vertices.slice(1), 'tap', 1);
      await banner.getByRole('button', { name: 'Terminer' }).tap();
      await banner.waitFor({ state: 'detached' });
      expect(await tabSelected('Édition')).toBe('true');
      await page.getByTestId('site-editor').waitFor({ timeout: 10000 });
      await expect.poll(() => page.getByTestId('field-name').inputValue()).toBe('Nouveau site');
      await expect.poll(() => page.getByTestId('computed-surface').textContent()).toMatch(/m²/);
      // The new site's name is ready to be typed.
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'field-name', null, { timeout: 5000 });
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
