/**
 * Map popups: « Fiche du site » opens the atlas's own sheet (keeping the search in the
 * address); on a 375 px phone the popup of a site at the edge of the screen fits, close button
 * included; in English the friche status is translated and the name stays French (lang="fr").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { WIDE_DESKTOP, launch, openAtlas } from './browser';
import { mapIdle as idle } from './waits';

type Win = Window & {
  __atlas: {
    map: { panBy(o: [number, number], opts: { animate: boolean }): void; once(e: string, cb: () => void): void; triggerRepaint(): void; getContainer(): HTMLElement };
    renderedSiteIds(): string[];
    projectSite(id: string): { x: number; y: number } | null;
  };
};

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** A site drawn on the map, alone within 30 px (so a click is unambiguous), and where it is. */
async function lonelySite(page: Page, minX = 0): Promise<{ id: string; x: number; y: number }> {
  const found = await page.evaluate((min) => {
    const a = (window as unknown as Win).__atlas;
    const pts = a.renderedSiteIds().map((i) => ({ i, p: a.projectSite(i) })).filter((x) => x.p && x.p.x > min);
    for (const { i, p } of pts) if (pts.every((o) => o.i === i || Math.hypot(o.p!.x - p!.x, o.p!.y - p!.y) > 30)) return { id: i, x: p!.x, y: p!.y };
    return null;
  }, minX);
  expect(found).not.toBeNull();
  return found!;
}

describe('map popups', () => {
  it('« Fiche du site » opens the atlas’s sheet of that site, keeping the search', async () => {
    const { context, page, errors } = await openAtlas(browser, '?kind=friche', { viewport: WIDE_DESKTOP });
    try {
      const site = await lonelySite(page, 340);
      await page.mouse.click(site.x, site.y);
      const link = page.locator('.atlas-map-popup a.atlas-popup-sheet');
      await link.waitFor();
      expect(await link.textContent()).toBe('Fiche du site');
      expect(await link.getAttribute('href')).toBe(`#/site/${encodeURIComponent(site.id)}`);
      await link.click();
      await page.getByTestId('site-sheet').waitFor({ timeout: 15000 });
      const u = new URL(page.url());
      expect(u.hash).toBe(`#/site/${encodeURIComponent(site.id)}`);
      expect(u.searchParams.get('kind')).toBe('friche');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  for (const [label, viewport, where] of [
    ['held upright (375 × 667), a site at the right edge', { width: 375, height: 667 }, 'right'],
    ['held sideways (667 × 375), the site with the longest popup in the middle', { width: 667, height: 375 }, 'middle'],
  ] as const) {
    it(`fits a phone ${label}: the whole popup in view, its close button usable`, async () => {
      // Device scale 1: the layout is the same in CSS pixels, and the software renderer draws 4× fewer pixels.
      const context = await browser.newContext({ viewport, locale: 'fr-FR', isMobile: true, hasTouch: true, deviceScaleFactor: 1, serviceWorkers: 'block' });
      const { page, errors } = await openAtlas(browser, '', { context });
      try {
        await page.getByRole('tab', { name: 'Carte' }).click();
        await idle(page);
        const id =
          where === 'right'
            ? (await lonelySite(page)).id
            : await page.evaluate(async () => {
                const fc = (await (await fetch('./data/sites.geojson')).json()) as { features: { properties: { id: string; name: string; source: string } }[] };
                const p = fc.features.map((f) => f.properties).sort((a, b) => b.name.length + b.source.length - a.name.length - a.source.length)[0];
                return p.id;
              });
        // Bring the site where the popup is hardest to fit.
        const box = await page.evaluate(() => (window as unknown as Win).__atlas.map.getContainer().getBoundingClientRect().toJSON() as DOMRect);
        const target = where === 'right' ? { x: viewport.width - 10, y: box.top + 120 } : { x: viewport.width / 2, y: (box.top + viewport.height) / 2 };
        const before = await page.evaluate((i) => (window as unknown as Win).__atlas.projectSite(i), id);
        expect(before).not.toBeNull();
        await page.evaluate(([dx, dy]) => {
          (window as unknown as Win).__atlas.map.panBy([dx, dy], { animate: false });
        }, [before!.x - target.x, before!.y - target.y]);
        await idle(page);
        const pt = (await page.evaluate((i) => (window as unknown as Win).__atlas.projectSite(i), id))!;
        expect(Math.abs(pt.x - target.x)).toBeLessThan(2);
        await page.touchscreen.tap(pt.x, pt.y);
        const popup = page.locator('.atlas-map-popup');
        await popup.waitFor();
        // The map pans the popup into view.
        await expect
          .poll(async () => {
            const b = await popup.boundingBox();
            return b !== null && b.x >= 0 && b.x + b.width <= viewport.width && b.y >= 0 && b.y + b.height <= viewport.height;
          })
          .toBe(true);
        const close = page.locator('.atlas-map-popup .maplibregl-popup-close-button');
        const c = (await close.boundingBox())!;
        expect(c.width).toBeGreaterThanOrEqual(24);
        // Nothing covers it: the element at its centre is the button itself.
        expect(await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.classList.contains('maplibregl-popup-close-button'), [c.x + c.width / 2, c.y + c.height / 2])).toBe(true);
        // The « Fiche du site » link is reachable (the popup's body scrolls when it is tall).
        await page.locator('.atlas-map-popup a.atlas-popup-sheet').scrollIntoViewIfNeeded();
        expect(await page.locator('.atlas-map-popup a.atlas-popup-sheet').isVisible()).toBe(true);
        await page.touchscreen.tap(c.x + c.width / 2, c.y + c.height / 2);
        await expect.poll(() => popup.count()).toBe(0);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});

describe('English: data values translated, names French', () => {
  it('the popup and the sheet of a friche say its status and type in English, its name marked lang="fr"', async () => {
    const { context, page, errors } = await openAtlas(browser, '?lang=en&kind=friche', { viewport: WIDE_DESKTOP });
    try {
      const data = await page.evaluate(async () => {
        const fc = (await (await fetch('./data/sites.geojson')).json()) as { features: { properties: { id: string; friche_status: string; friche_type: string } }[] };
        return fc.features.map((f) => f.properties);
      });
      const site = await lonelySite(page, 340);
      const p = data.find((d) => d.id === site.id)!;
      await page.mouse.click(site.x, site.y);
      const popup = page.locator('.atlas-map-popup');
      await popup.waitFor();
      const text = (await popup.textContent()) ?? '';
      expect(text).toMatch(/Status(potential brownfield|brownfield with no project|brownfield with a project|redeveloped brownfield)/);
      expect(text).not.toContain(p.friche_status);
      expect(await popup.locator('.atlas-popup-title').getAttribute('lang')).toBe('fr');

      await popup.getByRole('link', { name: 'Site sheet' }).click();
      await page.getByTestId('site-sheet').waitFor({ timeout: 15000 });
      const facts = (await page.locator('#sheet-friche').locator('xpath=..').innerText()).replace(/\s+/g, ' ');
      expect(facts).toMatch(/(potential brownfield|brownfield with no project|brownfield with a project|redeveloped brownfield)/);
      expect(facts).toMatch(/(unknown|industrial brownfield)/);
      expect(facts).not.toContain('friche');
      expect(await page.locator('#sheet-title').getAttribute('lang')).toBe('fr');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
