/**
 * Digitising a real activity zone's outline in a real browser (EPCI teams): in « Mode
 * édition », « Numériser le périmètre » on the zones panel, click a polygon on the map; the
 * outline is saved as a draft (IndexedDB), drawn on the map, with its computed surface next
 * to the sourced « 140 ha »; it survives a reload (badge « Périmètre numérisé (brouillon) »),
 * and a sample plot inside it belongs to the zone (its sheet and its list row name the zone).
 *
 * One browser context: IndexedDB lives in the context, so the reload finds the draft. The
 * scenario runs as four steps in that context (each well under the time limit).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseURL, launch, openAtlas } from './browser';
import { panelViolations as violationsIn } from './axe';

const ZONE_ID = 'Z01';
const ZONE_NAME = 'Parc d\'activités du Plateau (ZAC du Plateau)';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

type Hooks = { __atlas: { renderedSiteIds(): string[]; projectSite(id: string): { x: number; y: number } | null; map: { queryRenderedFeatures(): { source: string; properties: Record<string, unknown> }[] } } };

function mapSiteIds(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as Hooks).__atlas.renderedSiteIds());
}

/** Zone ids drawn on the map (features of the zones source in the viewport). */
function mapZoneIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const ids = new Set<string>();
    for (const f of (window as unknown as Hooks).__atlas.map.queryRenderedFeatures()) {
      if (/zone/i.test(f.source) && typeof f.properties?.zone_id === 'string') ids.add(f.properties.zone_id);
    }
    return [...ids];
  });
}

/** Serious and critical WCAG 2.1 A/AA violations inside the zones panel (printed when any). */
const panelViolations = (page: Page) => violationsIn(page, '.zones-panel', 'zones panel');

/** The sample site drawn nearest to the centre of the map canvas, with its screen position. */
async function centralSampleSite(page: Page): Promise<{ id: string; x: number; y: number }> {
  const box = (await page.locator('.map-panel canvas').first().boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const found = await page.evaluate(
    ({ cx, cy }) => {
      const hooks = (window as unknown as Hooks).__atlas;
      let best: { id: string; x: number; y: number; d: number } | null = null;
      for (const id of hooks.renderedSiteIds()) {
        if (!id.startsWith('FICT-')) continue;
        const p = hooks.projectSite(id);
        if (!p) continue;
        const d = Math.hypot(p.x - cx, p.y - cy);
        if (!best || d < best.d) best = { id, x: p.x, y: p.y, d };
      }
      return best;
    },
    { cx, cy },
  );
  if (!found || found.d > Math.min(box.width, box.height) / 3) throw new Error(`no sample site near the map centre (${JSON.stringify(found)})`);
  return found;
}

describe('zones: digitising an outline', () => {
  // One browser context for the whole scenario: IndexedDB lives in the context, so each step
  // finds the draft the previous one left. Split in steps so that each stays well under the limit.
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let site: { id: string; x: number; y: number };
  beforeAll(async () => {
    ({ context, page, errors } = await openAtlas(browser, '?sample=1'));
  });
  afterAll(async () => {
    await context?.close();
  });

  it('draws a zone outline on the map: saved as a draft, with its computed surface', async () => {
    // The fictitious sample is on the map.
    await expect.poll(async () => (await mapSiteIds(page)).some((id) => id.startsWith('FICT-')), { timeout: 20000 }).toBe(true);

    await page.getByLabel('Mode édition').check();
    await page.getByRole('tab', { name: 'Zones d\'activités' }).click();
    const zone = page.locator(`#zone-${ZONE_ID}`);
    await zone.locator('summary').first().click();
    expect(await zone.getByTestId('zone-badge').textContent()).toBe('Périmètre à numériser');
    // Territory-level groupings offer nothing to digitise.
    await page.locator('#zone-T_PETR summary').first().click();
    expect(await page.locator('#zone-T_PETR').getByRole('button', { name: 'Numériser le périmètre' }).count()).toBe(0);

    await zone.getByRole('button', { name: 'Numériser le périmètre' }).click();
    await zone.getByText('Cliquez sur la carte pour placer les sommets du périmètre', { exact: false }).waitFor();

    // A square around a sample plot near the map centre.
    site = await centralSampleSite(page);
    const r = 45;
    const pts: [number, number][] = [
      [site.x - r, site.y - r],
      [site.x + r, site.y - r],
      [site.x + r, site.y + r],
      [site.x - r, site.y + r],
    ];
    for (const [x, y] of pts) {
      await page.mouse.click(x, y);
      await page.waitForTimeout(150);
    }
    await page.mouse.click(pts[0][0], pts[0][1]); // close on the first vertex

    await expect.poll(() => zone.getByTestId('zone-badge').textContent(), { timeout: 10000 }).toBe('Périmètre numérisé (brouillon)');
    // Computed surface shown next to the source's figure (kept as it is).
    const area = (await zone.getByTestId(`zone-area-${ZONE_ID}`).textContent()) ?? '';
    expect(area).toMatch(/^Surface calculée du périmètre : \d[\d\s\u202f\u00a0,]*[\s\u00a0](ha|m²)$/);
    expect(await zone.getByTestId('zone-sourced-surface').first().textContent()).toMatch(/^Surface selon la source : 140 ha/);
    // Drawn on the map.
    await expect.poll(() => mapZoneIds(page), { timeout: 10000 }).toContain(ZONE_ID);
    // The plot is in the zone: the « Modifier » / « Supprimer » actions replace « Numériser ».
    await zone.getByRole('button', { name: 'Modifier le périmètre' }).waitFor();
    expect(errors).toEqual([]);

    // Saved: announced once written to IndexedDB.
    await expect
      .poll(() => page.getByTestId('announcer').textContent(), { timeout: 15000 })
      .toMatch(/Périmètre de « Parc d.activités du Plateau \(ZAC du Plateau\) » enregistré \(brouillon\) : /);
  });

  it('keeps it after a reload, with its history; the panel passes axe', async () => {
    await page.reload();
    await page.waitForFunction(() => (window as unknown as { __atlas?: { mapReady?: boolean } }).__atlas?.mapReady === true, null, { timeout: 60000 });
    await page.getByRole('tab', { name: 'Zones d\'activités' }).click();
    const again = page.locator(`#zone-${ZONE_ID}`);
    await expect.poll(() => again.getByTestId('zone-badge').textContent(), { timeout: 10000 }).toBe('Périmètre numérisé (brouillon)');
    await expect.poll(() => mapZoneIds(page), { timeout: 10000 }).toContain(ZONE_ID);

    // The history records the digitising; the panel with its editing tools passes axe.
    if (!(await page.getByLabel('Mode édition').isChecked())) await page.getByLabel('Mode édition').check();
    await again.locator('summary').first().click();
    await again.getByText('Historique du périmètre').click();
    await again.getByTestId(`zone-history-${ZONE_ID}`).waitFor();
    expect(await again.getByTestId(`zone-history-${ZONE_ID}`).textContent()).toMatch(/Numérisation/);
    expect(await panelViolations(page)).toEqual([]);
  });

  it('the sample plot inside the outline belongs to the zone: its sheet and its list row name it', async () => {
    await page.goto(`${baseURL()}?sample=1#/site/${encodeURIComponent(site.id)}`);
    await page.locator('[data-testid=site-sheet]').waitFor({ timeout: 30000 });
    await expect.poll(() => page.locator('[data-testid=site-sheet]').textContent(), { timeout: 20000 }).toContain(ZONE_NAME);
    // …and so does its row in the results list (searched by its id).
    await page.goto(`${baseURL()}?sample=1&q=${encodeURIComponent(site.id)}`);
    const row = page.locator(`[data-site-id="${site.id}"]`);
    await row.waitFor({ timeout: 30000 });
    await expect.poll(() => row.locator('.row-zone').textContent(), { timeout: 20000 }).toBe(ZONE_NAME);
  });

  it('« Supprimer le périmètre »: the zone leaves the map and the badge comes back', async () => {
    await page.goto(`${baseURL()}?sample=1`);
    await page.waitForFunction(() => (window as unknown as { __atlas?: { mapReady?: boolean } }).__atlas?.mapReady === true, null, { timeout: 60000 });
    if (!(await page.getByLabel('Mode édition').isChecked())) await page.getByLabel('Mode édition').check();
    await page.getByRole('tab', { name: 'Zones d\'activités' }).click();
    const last = page.locator(`#zone-${ZONE_ID}`);
    await last.locator('summary').first().click();
    page.once('dialog', (d) => void d.accept());
    await last.getByRole('button', { name: 'Supprimer le périmètre' }).click();
    await expect.poll(() => last.getByTestId('zone-badge').textContent(), { timeout: 10000 }).toBe('Périmètre à numériser');
    await expect.poll(() => mapZoneIds(page), { timeout: 10000 }).not.toContain(ZONE_ID);
    expect(errors).toEqual([]);
  });
});
