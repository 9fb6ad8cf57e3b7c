/**
 * Printing sheets: the first page of a sheet is filled (a long section flows on instead of
 * leaving half a page empty); the minimap has place names and a scale bar, on paper too; the
 * comparison prints its sites' sheets in one go, one sheet per page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, openPage as openAtlasPage, servedData } from './browser';
import { pdfLayout } from './pdf';

let browser: Browser;
let ids: string[] = [];
/** The site whose sheet is the longest (long name and source): the hardest to paginate. */
let longest = '';

function openPage(suffix: string, ready: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  // 794 px = an A4 page at 96 dpi.
  return openAtlasPage(browser, suffix, ready, { contextOptions: { viewport: { width: 794, height: 1123 }, locale: 'fr-FR', serviceWorkers: 'block' } });
}

beforeAll(async () => {
  browser = await launch();
  const fc = await servedData<{ features: { properties: { id: string; name: string; source: string } }[] }>('sites.geojson');
  const props = fc.features.map((f) => f.properties);
  ids = props.map((p) => p.id);
  longest = [...props].sort((a, b) => b.name.length + b.source.length - a.name.length - a.source.length)[0].id;
});
afterAll(async () => {
  await browser?.close();
});

describe('printing a sheet', () => {
  it('fills the first page, and the minimap carries place names and a true scale bar, on paper too', async () => {
    const { context, page, errors } = await openPage(`#/site/${encodeURIComponent(longest)}`, '[data-testid=minimap][data-ready=true]');
    try {
      await page.waitForSelector('img.minimap-print', { state: 'attached' });
      // Place names: the minimap asked for glyphs, which are made in the browser only for text to draw.
      await expect.poll(() => page.evaluate(() => performance.getEntriesByType('measure').filter((m) => m.name.startsWith('atlas-glyphs')).length)).toBeGreaterThan(0);
      const scale = page.getByTestId('minimap-scale');
      await scale.waitFor();
      const label = (await scale.textContent()) ?? '';
      expect(label).toMatch(/^\d+(,\d)?\u00a0(m|km)$/);
      // The legend says it in words.
      expect(await page.locator('.minimap-networks').textContent()).toContain(`La barre d’échelle mesure ${label}`);

      await page.emulateMedia({ media: 'print' });
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      // On paper: the image of the map, the scale bar over it, at the same share of its width.
      const printed = await page.evaluate(() => {
        const img = document.querySelector('img.minimap-print') as HTMLImageElement;
        const bar = document.querySelector('.minimap-scale-bar') as HTMLElement;
        const frame = document.querySelector('.minimap-frame') as HTMLElement;
        const r = img.getBoundingClientRect();
        const b = bar.getBoundingClientRect();
        return { imgW: r.width, frameW: frame.getBoundingClientRect().width, barW: b.width, barInside: b.left >= r.left && b.right <= r.right && b.bottom <= r.bottom && b.top >= r.top, share: parseFloat(bar.style.width) / 100 };
      });
      expect(printed.imgW).toBeGreaterThan(100);
      expect(Math.abs(printed.imgW - printed.frameW)).toBeLessThan(2);
      expect(printed.barInside).toBe(true);
      expect(Math.abs(printed.barW / printed.frameW - printed.share)).toBeLessThan(0.01);

      const layout = pdfLayout(await page.pdf({ format: 'A4', printBackground: true }));
      expect(layout.pages).toBeGreaterThanOrEqual(2);
      // The first page is filled, and no page but the last is left half empty before a long section.
      expect(layout.textFill[0]).toBeGreaterThan(0.8);
      for (const fill of layout.textFill.slice(1, -1)) expect(fill).toBeGreaterThan(0.6);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('printing the comparison’s sheets', () => {
  it('shows every compared site’s sheet, prints when the maps are drawn, one sheet per page', async () => {
    const three = ids.slice(0, 3);
    const { context, page, errors } = await openPage(`?sl=${three.map(encodeURIComponent).join(',')}#/comparer`, '[data-testid=compare-table]');
    try {
      await page.evaluate(() => {
        (window as unknown as { __prints: number }).__prints = 0;
        window.print = () => void (window as unknown as { __prints: number }).__prints++;
      });
      await page.getByRole('button', { name: 'Imprimer les fiches des 3 sites' }).click();
      await page.getByTestId('sheet-batch').waitFor({ timeout: 15000 });
      expect(await page.getByTestId('site-sheet').count()).toBe(3);
      const print = page.getByRole('button', { name: 'Imprimer les 3 fiches' });
      await expect.poll(() => print.isEnabled(), { timeout: 30000 }).toBe(true);
      expect(await page.locator('[data-testid=minimap][data-ready=true]').count()).toBe(3);
      await print.click();
      expect(await page.evaluate(() => (window as unknown as { __prints: number }).__prints)).toBe(1);
      // Each sheet is labelled by its own title: no id is used twice on the page.
      const duplicates = await page.evaluate(() => {
        const seen = new Map<string, number>();
        for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
        return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
      });
      expect(duplicates).toEqual([]);
      const titles = await page.locator('[data-testid=site-sheet]').evaluateAll((els) => els.map((el) => document.getElementById(el.getAttribute('aria-labelledby')!)?.textContent));
      expect(titles.every((x) => !!x)).toBe(true);

      await page.emulateMedia({ media: 'print' });
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      const breaks = await page.locator('.sheet-batch-item').evaluateAll((els) => els.map((el) => getComputedStyle(el).breakBefore));
      expect(breaks).toEqual(['auto', 'page', 'page']);
      expect(await page.locator('.sheet-batch-bar').isVisible()).toBe(false);
      const layout = pdfLayout(await page.pdf({ format: 'A4' }));
      expect(layout.pages).toBeGreaterThanOrEqual(3);

      await page.emulateMedia({ media: 'screen' });
      await page.getByRole('button', { name: 'Retour à la comparaison' }).click();
      await page.getByTestId('compare-table').waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
