/**
 * Print and PDF of the site sheet and of the comparison: with the print media, navigation
 * and buttons are hidden; the map is printed as an image; the sources and the print date
 * (« Imprimé le … ») are visible. `page.pdf()` produces an A4 PDF. Screenshots go to
 * .tmp/screenshots/print-*.png for a human look.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, openPage as openAtlasPage, servedData } from './browser';
import { nextFrames } from './waits';

const SHOTS = '.tmp/screenshots';
let browser: Browser;
let ids: string[] = [];

function openPage(suffix: string, ready: string): Promise<{ context: BrowserContext; page: Page }> {
  // 794 px = the width of an A4 page at 96 dpi, so the screenshot looks like the paper.
  return openAtlasPage(browser, suffix, ready, { contextOptions: { viewport: { width: 794, height: 1123 }, locale: 'fr-FR' } });
}

const isShown = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const els = [...document.querySelectorAll(sel)] as HTMLElement[];
    return els.length > 0 && els.some((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden');
  }, selector);

function expectedPrintDate(): string {
  return new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date());
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launch();
  const fc = await servedData<{ features: { properties: { id: string } }[] }>('sites.geojson');
  ids = fc.features.map((f) => f.properties.id);
});

afterAll(async () => {
  await browser?.close();
});

describe('print', () => {
  it('prints the site sheet: no navigation or buttons, the map as an image, the sources and the print date', async () => {
    const { context, page } = await openPage(`#/site/${encodeURIComponent(ids[0])}`, '[data-testid=minimap][data-ready=true]');
    try {
      // Wait for the connectors and the print copy of the map.
      await page.waitForSelector('.minimap-legend li:nth-child(2)', { timeout: 30000 });
      await page.waitForSelector('img.minimap-print', { state: 'attached' });
      expect(await isShown(page, '.print-stamp')).toBe(false); // only on paper
      await page.emulateMedia({ media: 'print' });
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      // The print copy of the map is decoded and the stamp laid out (React has committed the
      // drawing taken at « beforeprint »).
      await page.waitForFunction(() => {
        const el = document.querySelector('img.minimap-print') as HTMLImageElement | null;
        return !!el && el.complete && el.naturalWidth > 0;
      });
      await page.locator('.print-stamp').waitFor({ state: 'visible' });
      await nextFrames(page);
      await page.screenshot({ path: `${SHOTS}/print-sheet.png`, fullPage: true });

      expect(await isShown(page, 'nav.main-nav')).toBe(false);
      expect(await isShown(page, '.sheet-actions')).toBe(false);
      expect(await isShown(page, 'main button')).toBe(false);
      expect(await isShown(page, '.skip-link')).toBe(false);
      // The canvas is replaced by its image, which holds the drawing.
      expect(await isShown(page, '.minimap')).toBe(false);
      expect(await isShown(page, 'img.minimap-print')).toBe(true);
      const img = await page.evaluate(() => {
        const el = document.querySelector('img.minimap-print') as HTMLImageElement;
        return { src: el.src.slice(0, 22), w: el.naturalWidth, alt: el.alt };
      });
      expect(img.src).toBe('data:image/png;base64,');
      expect(img.w).toBeGreaterThan(100);
      expect(img.alt).not.toBe('');
      // Sources and print date.
      expect(await isShown(page, '.sheet-sources .sources-list')).toBe(true);
      expect(await page.locator('.sheet-sources').textContent()).toMatch(/licence/);
      expect(await isShown(page, '.print-stamp')).toBe(true);
      await expect(page.locator('.print-date').textContent()).resolves.toBe(`Imprimé le ${expectedPrintDate()}`);

      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(20000);
      // A4 pages: 210 × 297 mm is 595 × 842 points (Chrome rounds to whole CSS pixels: 595.92 × 842.88).
      const boxes = [...pdf.toString('latin1').matchAll(/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
      expect(boxes.length).toBeGreaterThanOrEqual(1);
      for (const [w, h] of boxes) {
        expect(Math.abs(w - 595.3)).toBeLessThan(1.5);
        expect(Math.abs(h - 841.9)).toBeLessThan(1.5);
      }
    } finally {
      await context.close();
    }
  });

  it('prints the comparison with its table, sources and print date', async () => {
    const { context, page } = await openPage(`?sl=${ids.slice(0, 3).map(encodeURIComponent).join(',')}#/comparer`, '[data-testid=compare-table]');
    try {
      await page.emulateMedia({ media: 'print' });
      await page.screenshot({ path: `${SHOTS}/print-compare.png`, fullPage: true });
      expect(await isShown(page, 'nav.main-nav')).toBe(false);
      expect(await isShown(page, 'main button')).toBe(false);
      expect(await isShown(page, '[data-testid=compare-table]')).toBe(true);
      expect(await isShown(page, '.compare-sources .sources-list')).toBe(true);
      expect(await isShown(page, '[data-testid=dashboard]')).toBe(false);
      await expect(page.locator('.print-date').textContent()).resolves.toBe(`Imprimé le ${expectedPrintDate()}`);
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await context.close();
    }
  });
});
