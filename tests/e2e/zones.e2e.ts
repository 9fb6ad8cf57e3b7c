/**
 * Digitising a real activity zone's outline in a real browser (EPCI teams): in « Mode
 * édition », « Numériser le périmètre » on the zones panel, click a polygon on the map; the
 * outline is saved as a draft (IndexedDB), drawn on the map, with its computed surface next
 * to the sourced « 140 ha »; it survives a reload (badge « Périmètre numérisé (brouillon) »),
 * and a sample plot inside it belongs to the zone (its sheet and its list row name the zone).
 *
 * The first test draws in a fresh browser context (IndexedDB lives in the context, so a reload
 * finds the draft), through the shared `drawOutline` setup. The three that start from a saved
 * outline and a new load of the page (a reload, a permalink, a later visit) share one such
 * context, drawn once (`savedOutline`, prepared in beforeAll): each navigates first, so none
 * sees another's page state; the one that deletes the outline closes that context, and a test
 * after it draws a new one. So each still runs alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseURL, launch, openAtlas } from './browser';
import { panelViolations as violationsIn } from './axe';
import { placeVertices } from './waits';
import { mapState } from './editing';

const ZONE_ID = 'Z01';
const ZONE_NAME = 'Parc d\'activités du Plateau (ZAC du Plateau)';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
  // The saved outline the last three tests start from (the drawing is the heavy part).
  await savedOutline();
}, 240000);
afterAll(async () => {
  await (await outlineMade?.catch(() => null))?.context.close();
  await browser?.close();
});

type Hooks = { __atlas: { renderedSiteIds(): string[]; projectSite(id: string): { x: number; y: number } | null; map: { queryRenderedFeatures(): { source: string; properties: Record<string, unknown> }[] } } };

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

/** Waits until the map draws (or no longer draws, `present` false) the zone's outline; says what the map was doing when it does not. */
async function waitForMapZone(page: Page, id: string, present = true): Promise<void> {
  try {
    if (present) await expect.poll(() => mapZoneIds(page)).toContain(id);
    else await expect.poll(() => mapZoneIds(page)).not.toContain(id);
  } catch (e) {
    throw new Error(`La carte ${present ? 'ne dessine pas' : 'dessine encore'} le périmètre ${id}. État : ${await mapState(page)}`, { cause: e });
  }
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

/** Waits for the atlas map after a navigation or a reload. */
async function mapReady(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { __atlas?: { mapReady?: boolean } }).__atlas?.mapReady === true, null, { timeout: 60000 });
}

/**
 * Shared setup: opens the atlas with the sample in a fresh context (its own IndexedDB), starts
 * « Numériser le périmètre » on the zone and clicks a square around a sample plot near the map
 * centre, closing it on the first vertex. Returns that plot.
 */
async function drawOutline(page: Page): Promise<{ id: string; x: number; y: number }> {
  // The fictitious sample is on the map. (Waits by page.waitForFunction, not expect.poll: this
  // also runs in beforeAll, where expect.poll is not available.)
  await page.waitForFunction(() => (window as unknown as Hooks).__atlas.renderedSiteIds().some((id) => id.startsWith('FICT-')), null, {
    timeout: 20000,
    polling: 200,
  });

  await page.getByLabel('Mode édition').check();
  await page.getByRole('tab', { name: 'Zones d\'activités' }).click();
  const zone = page.locator(`#zone-${ZONE_ID}`);
  await zone.locator('summary').first().click();
  expect(await zone.getByTestId('zone-badge').textContent()).toBe('Périmètre à numériser');

  await zone.getByRole('button', { name: 'Numériser le périmètre' }).click();
  await zone.getByText('Cliquez sur la carte pour placer les sommets du périmètre', { exact: false }).waitFor();

  // A square around a sample plot near the map centre.
  const site = await centralSampleSite(page);
  const r = 45;
  const pts: [number, number][] = [
    [site.x - r, site.y - r],
    [site.x + r, site.y - r],
    [site.x + r, site.y + r],
    [site.x - r, site.y + r],
  ];
  await placeVertices(page, pts);
  await page.mouse.click(pts[0][0], pts[0][1]); // close on the first vertex

  await page.waitForFunction(
    (id) => document.querySelector(`#zone-${id} [data-testid="zone-badge"]`)?.textContent === 'Périmètre numérisé (brouillon)',
    ZONE_ID,
    { timeout: 10000 },
  );
  return site;
}

/** Draws the outline (drawOutline) and waits until it is announced as written to IndexedDB. */
async function drawAndSave(page: Page): Promise<{ id: string; x: number; y: number }> {
  const site = await drawOutline(page);
  await page.waitForFunction(
    () => /Périmètre de « Parc d.activités du Plateau \(ZAC du Plateau\) » enregistré \(brouillon\) : /.test(document.querySelector('[data-testid="announcer"]')?.textContent ?? ''),
    null,
    { timeout: 15000 },
  );
  return site;
}

interface SavedOutline {
  context: BrowserContext;
  page: Page;
  errors: string[];
  site: { id: string; x: number; y: number };
}
let outlineMade: Promise<SavedOutline> | null = null;

/**
 * A browser context whose IndexedDB holds the outline drawn and saved by drawAndSave (made once,
 * again after « Supprimer le périmètre » dropped it). Its page is left where the drawing ended:
 * a test using it starts with a navigation.
 */
function savedOutline(): Promise<SavedOutline> {
  outlineMade ??= (async () => {
    const { context, page, errors } = await openAtlas(browser, '?sample=1');
    const site = await drawAndSave(page);
    return { context, page, errors, site };
  })();
  return outlineMade;
}

describe('zones: digitising an outline', () => {
  it('draws a zone outline on the map, with its computed surface beside the sourced one', async () => {
    const { context, page, errors } = await openAtlas(browser, '?sample=1');
    try {
      await drawOutline(page);
      const zone = page.locator(`#zone-${ZONE_ID}`);
      // Territory-level groupings offer nothing to digitise.
      await page.locator('#zone-T_PETR summary').first().click();
      expect(await page.locator('#zone-T_PETR').getByRole('button', { name: 'Numériser le périmètre' }).count()).toBe(0);
      // Computed surface shown next to the source's figure (kept as it is).
      const area = (await zone.getByTestId(`zone-area-${ZONE_ID}`).textContent()) ?? '';
      expect(area).toMatch(/^Surface calculée du périmètre : \d[\d\s\u202f\u00a0,]*[\s\u00a0](ha|m²)$/);
      expect(await zone.getByTestId('zone-sourced-surface').first().textContent()).toMatch(/^Surface selon la source : 140 ha/);
      // Drawn on the map.
      await waitForMapZone(page, ZONE_ID);
      // The plot is in the zone: the « Modifier » / « Supprimer » actions replace « Numériser ».
      await zone.getByRole('button', { name: 'Modifier le périmètre' }).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('keeps the outline after a reload, with its history; the panel with its editing tools passes axe', async () => {
    const { page, errors } = await savedOutline();
    // Saved: announced once written to IndexedDB. Then reload (same context = same IndexedDB).
    await page.reload();
    await mapReady(page);
    await page.getByRole('tab', { name: 'Zones d\'activités' }).click();
    const again = page.locator(`#zone-${ZONE_ID}`);
    await expect.poll(() => again.getByTestId('zone-badge').textContent(), { timeout: 10000 }).toBe('Périmètre numérisé (brouillon)');
    await waitForMapZone(page, ZONE_ID);

    // The history records the digitising; the panel with its editing tools passes axe.
    if (!(await page.getByLabel('Mode édition').isChecked())) await page.getByLabel('Mode édition').check();
    await again.locator('summary').first().click();
    await again.getByText('Historique du périmètre').click();
    await again.getByTestId(`zone-history-${ZONE_ID}`).waitFor();
    expect(await again.getByTestId(`zone-history-${ZONE_ID}`).textContent()).toMatch(/Numérisation/);
    expect(await panelViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('attaches the sample plot inside the outline: its sheet and its list row name the zone', async () => {
    const { page, site } = await savedOutline();
    // The sample plot inside the outline belongs to the zone: its sheet names it.
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
    const saved = await savedOutline();
    const { context, page, errors } = saved;
    // The outline goes: a test after this one draws a new one.
    outlineMade = null;
    try {
      // After a fresh load, as an EPCI team coming back to it.
      await page.goto(`${baseURL()}?sample=1`);
      await mapReady(page);
      if (!(await page.getByLabel('Mode édition').isChecked())) await page.getByLabel('Mode édition').check();
      await page.getByRole('tab', { name: 'Zones d\'activités' }).click();
      const last = page.locator(`#zone-${ZONE_ID}`);
      await last.locator('summary').first().click();
      page.once('dialog', (d) => void d.accept());
      await last.getByRole('button', { name: 'Supprimer le périmètre' }).click();
      await expect.poll(() => last.getByTestId('zone-badge').textContent(), { timeout: 10000 }).toBe('Périmètre à numériser');
      await waitForMapZone(page, ZONE_ID, false);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
