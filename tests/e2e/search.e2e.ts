/**
 * The search experience in a real browser: filters drive the list AND the map (same sites),
 * facet counts tell the truth, the fictitious sample is loaded on request and badged, and
 * the selection goes both ways between the list and the map.
 *
 * Expected sets are computed here with the pure domain filter on the very data the app
 * served, for the filter state the UI is supposed to produce: the test checks the wiring
 * UI → store → list and map (the filter rules themselves have their own unit tests).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, baseURL, launch, openAtlas } from './browser';
import { openSharedAtlas, type SharedAtlas } from './sharedAtlas';
import { filterSites } from '../../src/domain/filters';
import { EMPTY_FILTERS, type FilterState, type Site } from '../../src/domain/types';
import { onMap, publicSites } from './publicSites';

let browser: Browser;
/** The atlas, opened once; each test starts from its reset (a fresh open's state, see sharedAtlas.ts). */
let atlas: SharedAtlas;
let realSites: Site[];
let sampleSites: Site[] | null;
/** Listed but not drawn: zones known only at EPCI or PETR level (no marker). */
let notOnMap: Set<string>;

async function getJson<T>(file: string): Promise<{ status: number; json: T | null }> {
  const res = await fetch(new URL(`data/${file}`, baseURL()));
  // The preview server answers a missing file with index.html.
  const ok = res.ok && !(res.headers.get('content-type') ?? '').includes('text/html');
  return { status: res.status, json: ok ? ((await res.json()) as T) : null };
}

beforeAll(async () => {
  browser = await launch();
  // The sites and the zones of the register, as the app lists them (issue 9 §5).
  realSites = await publicSites(async (file) => (await getJson(file)).json as never);
  notOnMap = new Set(realSites.filter((s) => !onMap(s)).map((s) => s.properties.id));
  sampleSites = (await getJson<{ features: Site[] }>('sample.geojson')).json?.features ?? null;
  atlas = await openSharedAtlas(browser);
});
afterAll(async () => {
  await atlas?.close();
  await browser?.close();
});

/** The shared atlas, back to a fresh open of `suffix`. */
async function fresh(suffix = ''): Promise<SharedAtlas> {
  await atlas.reset(suffix);
  return atlas;
}

function f(patch: Partial<FilterState>): FilterState {
  return { ...EMPTY_FILTERS, ...patch };
}
function ids(sites: Site[]): string[] {
  return sites.map((s) => s.properties.id).sort();
}

/** The number the list announces (data-count of the result count). */
async function listCount(page: Page): Promise<number> {
  return Number(await page.getAttribute('[data-testid="result-count"]', 'data-count'));
}

async function waitListCount(page: Page, n: number): Promise<void> {
  await page.waitForFunction((n) => document.querySelector('[data-testid="result-count"]')?.getAttribute('data-count') === String(n), n, {
    timeout: 10000,
  });
}

/** Waits until the map draws exactly these site ids (the whole PETR is in view). */
async function waitMapIds(page: Page, listed: string[]): Promise<void> {
  const expected = listed.filter((id) => !notOnMap.has(id));
  try {
    await page.waitForFunction(
      (exp) => {
        const a = window.__atlas as unknown as { renderedSiteIds(): string[] };
        return JSON.stringify(a.renderedSiteIds()) === JSON.stringify(exp);
      },
      expected,
      { timeout: 15000, polling: 200 },
    );
  } catch (e) {
    const got = await page.evaluate(() => (window.__atlas as unknown as { renderedSiteIds(): string[] }).renderedSiteIds());
    expect(got).toEqual(expected); // shows the difference
    throw e;
  }
}

async function openFiltersSection(page: Page, name: RegExp): Promise<void> {
  const summary = page.locator('.filter-details > summary', { hasText: name });
  const open = await summary.evaluate((el) => (el.parentElement as HTMLDetailsElement).open);
  if (!open) await summary.click();
}

/** Count shown in a facet option label, e.g. « Friche (23) » → 23. */
async function optionCount(page: Page, label: RegExp): Promise<number> {
  const text = await page.locator('form.filters').getByRole('checkbox', { name: label }).evaluate((el) => el.closest('label')?.textContent ?? '');
  const m = /\((\d+)\)\s*$/.exec(text);
  if (!m) throw new Error(`no count in « ${text} »`);
  return Number(m[1]);
}

async function loadSample(page: Page): Promise<{ plots: number; friches: number }> {
  await page.getByRole('button', { name: 'Charger un jeu d\'exemple fictif' }).click();
  const notice = page.getByTestId('sample-notice');
  await notice.waitFor({ timeout: 10000 });
  // Plots and friches are counted apart.
  const m = /Données fictives affichées : (\d+) terrain\(s\) et (\d+) friche\(s\) d'exemple/.exec((await notice.textContent()) ?? '');
  expect(m).not.toBeNull();
  return { plots: Number(m![1]), friches: Number(m![2]) };
}

describe('search: filters drive the list and the map', () => {
  it('lists every real site at start, and the map draws the same sites', async () => {
    const { page, errors } = await fresh();
    await waitListCount(page, realSites.length);
    expect(realSites.length).toBeGreaterThan(0);
    await waitMapIds(page, ids(realSites));
    // No fictitious site is ever shown by default.
    expect(await page.locator('.badge-fictitious').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('a minimum surface narrows the list and the map to the same sites, and is announced', async () => {
    const { page } = await fresh();
    await waitListCount(page, realSites.length);
    await page.getByLabel('Minimum (ha)').fill('1');
    const expected = filterSites(realSites, f({ surfaceMin: 10000 }));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(realSites.length);
    await waitListCount(page, expected.length);
    await waitMapIds(page, ids(expected));
    // Every row shown is at least 1 ha, written in hectares (French decimals).
    const metas = await page.locator('.site-row').evaluateAll((rows) => rows.map((r) => r.querySelector('.row-meta')?.textContent ?? ''));
    expect(metas.length).toBeGreaterThan(0);
    for (const m of metas) expect(m).toMatch(/\d+(,\d+)?\s*ha/);
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="announcer"]')?.textContent === `${n} site(s) correspondent à vos critères`,
      expected.length,
      { timeout: 5000 },
    );

    // The slider moves with the typed value; then « Réinitialiser les filtres » brings everything back.
    expect(Number(await page.getByRole('slider', { name: 'Surface minimale' }).inputValue())).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Réinitialiser les filtres' }).click();
    await waitListCount(page, realSites.length);
    await waitMapIds(page, ids(realSites));
    expect(await page.getByLabel('Minimum (ha)').inputValue()).toBe('');
  });

  it('the surface slider is keyboard-operable and filters like the numeric field', async () => {
    const { page } = await fresh();
    await waitListCount(page, realSites.length);
    const max = page.getByRole('slider', { name: 'Surface maximale' });
    await max.focus();
    // PageDown moves the thumb by a large step; ← by one step.
    for (let i = 0; i < 3; i++) await page.keyboard.press('PageDown');
    await page.keyboard.press('ArrowLeft');
    // The URL is written after a short debounce: wait until it holds the last key press's value,
    // the one the numeric field shows (hectares, French decimals; the URL holds m²).
    const field = page.getByLabel('Maximum (ha)');
    await expect.poll(() => field.inputValue()).not.toBe('');
    const ha = Number((await field.inputValue()).replace(/[\s\u202f\u00a0]/g, '').replace(',', '.'));
    expect(ha).toBeGreaterThan(0);
    await page.waitForFunction(
      (m2) => Math.abs(Number(new URL(window.location.href).searchParams.get('smax') ?? NaN) - m2) < 1,
      ha * 10000,
      { timeout: 10000 },
    );
    const smax = Number(new URL(page.url()).searchParams.get('smax'));
    expect(smax).toBeGreaterThan(0);
    const expected = filterSites(realSites, f({ surfaceMax: smax }));
    expect(expected.length).toBeLessThan(realSites.length);
    await waitListCount(page, expected.length);
    await waitMapIds(page, ids(expected));
  });

  it('kind and commune (type-ahead combobox with chips) combine with AND; option counts are the result counts', async () => {
    const { page } = await fresh();
    await waitListCount(page, realSites.length);
    const soissons = realSites.filter((s) => s.properties.insee === '02722');
    expect(soissons.length).toBeGreaterThan(0);
    await openFiltersSection(page, /Intercommunalité/);
    const combo = page.getByRole('combobox', { name: 'Communes' });
    await combo.fill('soiss');
    const option = page.getByRole('option', { name: /^Soissons \(\d+\)$/ });
    await option.waitFor();
    expect(await option.textContent()).toBe(`Soissons (${soissons.length})`);
    // Keyboard: ↓ highlights the first match (aria-activedescendant), Enter adds it as a chip.
    await combo.press('ArrowDown');
    const active = await combo.getAttribute('aria-activedescendant');
    expect(active).toBeTruthy();
    expect(await page.locator(`[id="${active}"]`).textContent()).toMatch(/^Soissons/);
    await combo.press('Enter');
    await page.getByRole('button', { name: 'Retirer Soissons' }).waitFor();
    await waitListCount(page, soissons.length);
    await waitMapIds(page, ids(soissons));

    // « Friche (n) » of the kind facet, not the friche status options (« Friche potentielle (n) »…).
    const fricheCount = await optionCount(page, /^Friche \(\d+\)$/);
    await page.locator('form.filters').getByRole('checkbox', { name: /^Friche \(\d+\)$/ }).check();
    const expected = filterSites(realSites, f({ communes: ['02722'], kinds: ['friche'] }));
    expect(fricheCount).toBe(expected.length);
    await waitListCount(page, expected.length);

    // Removing the chip widens the result again.
    await page.getByRole('button', { name: 'Retirer Soissons' }).click();
    await waitListCount(page, filterSites(realSites, f({ kinds: ['friche'] })).length);
  });

  it('text search on names is accent- and case-insensitive', async () => {
    const { page } = await fresh();
    await waitListCount(page, realSites.length);
    const commune = realSites.find((s) => /[éèêô]/.test(s.properties.commune ?? ''))?.properties.commune ?? 'Villers-Cotterêts';
    const query = commune.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase();
    await page.getByLabel('Nom du site').fill(query);
    const expected = filterSites(realSites, f({ text: query }));
    expect(expected.length).toBeGreaterThan(0);
    await waitListCount(page, expected.length);
    await waitMapIds(page, ids(expected));
  });

  it('shows a clear French message when the sample file is missing', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'fr-FR', serviceWorkers: 'block' });
    await context.route(/\/data\/sample\.geojson$/, (r) => r.fulfill({ status: 404, body: 'not found' }));
    const { page } = await openAtlas(browser, '', { context });
    await page.getByRole('button', { name: 'Charger un jeu d\'exemple fictif' }).click();
    const alert = page.locator('.sample-error[role="alert"]');
    await alert.waitFor({ timeout: 10000 });
    expect(await alert.textContent()).toMatch(/exemple fictif n'a pas pu être chargé.*npm run sample/);
    // Nothing else is lost: the real sites are still all there.
    expect(await listCount(page)).toBe(realSites.length);
    await context.close();
  });
});

describe('search with the fictitious sample (sectors and readiness)', () => {
  it('loads the sample on request, badges it, and filters by sector and readiness on list and map', async () => {
    expect(sampleSites, 'public/data/sample.geojson is missing: run « npm run sample »').not.toBeNull();
    const sample = sampleSites!;
    const all = realSites.concat(sample);
    const { page } = await fresh();
    await waitListCount(page, realSites.length);
    const n = await loadSample(page);
    expect(n).toEqual({ plots: sample.filter((s) => s.properties.kind === 'plot').length, friches: sample.filter((s) => s.properties.kind === 'friche').length });
    expect(n.friches).toBeGreaterThan(0);
    await waitListCount(page, all.length);
    await waitMapIds(page, ids(all));
    await page.waitForFunction(() => new URL(location.href).searchParams.get('sample') === '1', null, { timeout: 5000 });

    // Sector: pick the sector with the most sample sites; its label count is the result count.
    const perSector = new Map<string, number>();
    for (const s of sample) for (const sec of s.properties.sectors) perSector.set(sec, (perSector.get(sec) ?? 0) + 1);
    const [sector] = [...perSector.entries()].sort((a, b) => b[1] - a[1])[0];
    const expectedSector = filterSites(all, f({ sectors: [sector as FilterState['sectors'][number]] }));
    await openFiltersSection(page, /Filières/);
    const sectorBox = page.locator(`.sectors input[type="checkbox"][value="${sector}"]`);
    const sectorLabel = (await sectorBox.evaluate((el) => el.closest('label')?.textContent ?? '')).trim();
    expect(sectorLabel).toMatch(new RegExp(`\\(${expectedSector.length}\\)$`));
    await sectorBox.check();
    await waitListCount(page, expectedSector.length);
    await waitMapIds(page, ids(expectedSector));
    // Sample rows carry the « Exemple fictif » badge; real friches have no sector, so all rows are sample rows.
    const rows = page.locator('.site-row');
    const shown = await rows.count();
    expect(shown).toBeGreaterThan(0);
    expect(await page.locator('.site-row .badge-fictitious').count()).toBe(shown);
    expect(await page.locator('.site-row .badge-fictitious').first().textContent()).toBe('Exemple fictif');

    // Readiness « Clé en main », on top of the sector (AND).
    const keyCount = await optionCount(page, /^Clé en main/);
    await page.locator('form.filters').getByRole('checkbox', { name: /^Clé en main/ }).check();
    const expectedBoth = filterSites(all, f({ sectors: [sector as FilterState['sectors'][number]], levels: ['cle_en_main'] }));
    expect(keyCount).toBe(expectedBoth.length);
    await waitListCount(page, expectedBoth.length);
    await waitMapIds(page, ids(expectedBoth));

    // « Retirer l'exemple » takes every fictitious site away again.
    await page.getByRole('button', { name: 'Réinitialiser les filtres' }).click();
    await page.getByRole('button', { name: 'Retirer l\'exemple' }).click();
    await waitListCount(page, realSites.length);
    await waitMapIds(page, ids(realSites));
    expect(await page.locator('.badge-fictitious').count()).toBe(0);
  });
});

describe('selection: list ↔ map', () => {
  it('a row selected in the list is highlighted on the map', async () => {
    const { page } = await fresh();
    await waitListCount(page, realSites.length);
    const row = page.locator('.site-row').nth(1);
    const id = (await row.getAttribute('data-site-id'))!;
    await row.locator('.cell-main').click();
    expect(await row.getAttribute('aria-selected')).toBe('true');
    await page.waitForFunction(
      (id) => {
        const map = (window.__atlas as unknown as { map: import('maplibre-gl').Map }).map;
        const layers = ['sites-selected-point', 'sites-selected-halo', 'sites-selected-outline'].filter((l) => map.getLayer(l));
        return map.queryRenderedFeatures({ layers }).some((f) => f.properties?.id === id);
      },
      id,
      { timeout: 15000, polling: 200 },
    );
  });

  it('a click on a site on the map selects its row (aria-selected), scrolled into the list', async () => {
    const { page } = await fresh();
    await waitListCount(page, realSites.length);
    // The site farthest (on screen) from any other, so the click cannot hit a neighbour; among
    // ties, the last by name, whose row is not rendered before the list scrolls to it.
    const placed = await page.evaluate((all) => {
      const a = window.__atlas as unknown as { projectSite(id: string): { x: number; y: number } | null };
      return all.map((id) => ({ id, p: a.projectSite(id) })).filter((x) => x.p !== null) as Array<{ id: string; p: { x: number; y: number } }>;
    }, ids(realSites.filter((s) => s.properties.kind !== 'zone')));
    const isolation = (i: number) =>
      Math.min(...placed.filter((_, j) => j !== i).map((o) => Math.hypot(o.p.x - placed[i].p.x, o.p.y - placed[i].p.y)));
    const best = placed.map((x, i) => ({ id: x.id, iso: isolation(i) })).sort((a, b) => b.iso - a.iso)[0];
    expect(best.iso).toBeGreaterThan(12);
    const target = best.id;
    const pos = await page.evaluate((id) => (window.__atlas as unknown as { projectSite(id: string): { x: number; y: number } | null }).projectSite(id), target);
    expect(pos).not.toBeNull();
    await page.mouse.click(pos!.x, pos!.y);
    const row = page.locator(`.site-row[aria-selected="true"]`);
    await row.waitFor({ timeout: 10000 });
    expect(await row.getAttribute('data-site-id')).toBe(target);
    expect(await row.isVisible()).toBe(true);
  });

  it('the list is one tab stop, browsed with the arrow keys; Enter selects, « Ajouter à la sélection » fills the shortlist', async () => {
    // A page of its own: the grid's active cell (where the arrow keys start) is not in the URL.
    const { page, context } = await openAtlas(browser);
    await waitListCount(page, realSites.length);
    const grid = page.locator('#site-list[role="grid"]');
    await grid.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const third = page.locator('.site-row').nth(2);
    expect(await third.getAttribute('aria-selected')).toBe('true');
    const id = (await third.getAttribute('data-site-id'))!;
    await page.waitForFunction((id) => new URL(location.href).searchParams.get('sel') === id, id, { timeout: 5000 });
    // → → reaches « Ajouter à la sélection » of the same row; Enter adds the site to the shortlist.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await third.getByRole('button', { name: /^Retirer/ }).waitFor();
    expect(await page.getByRole('button', { name: /^Comparer \(1\)/ }).count()).toBe(1);
    // The change is announced (aria-live), with the name and the shortlist size.
    const name = await third.locator('.row-name').textContent();
    await page.waitForFunction(
      (name) => document.querySelector('[data-testid="announcer"]')?.textContent === `« ${name} » ajouté à la sélection (1 site)`,
      name,
      { timeout: 5000 },
    );
    await page.keyboard.press('Enter');
    await third.getByRole('button', { name: /^Ajouter à la sélection/ }).waitFor();
    await page.waitForFunction(
      (name) => document.querySelector('[data-testid="announcer"]')?.textContent === `« ${name} » retiré de la sélection (sélection vide)`,
      name,
      { timeout: 5000 },
    );
    await context.close();
  });
});

describe('the list in English', () => {
  it('translates the interface and the friche status, and marks the French data (names, communes) lang="fr"', async () => {
    const { page } = await fresh('?lang=en');
    await waitListCount(page, realSites.length);
    // The list is virtualised: its rows follow the reset's scroll back to the top a frame or more
    // later (a previous test may have left it scrolled), and « the first friche row » changes then.
    await page.locator('.site-row[data-index="0"]').waitFor({ timeout: 10000 });
    const id = (await page.locator('.site-row').filter({ has: page.locator('.row-friche') }).first().getAttribute('data-site-id'))!;
    // That row, by its id, for every read below.
    const row = page.locator(`.site-row[data-site-id="${id}"]`);
    const site = realSites.find((s) => s.properties.id === id)!;
    expect(site.properties.kind).toBe('friche');
    expect(await row.locator('.row-name').getAttribute('lang')).toBe('fr');
    expect(await row.locator('.row-name').textContent()).toBe(site.properties.name);
    // The commune item (a short name such as « 57 rue Saint-Martin – Soissons » may hold the commune too).
    expect(await row.locator('.row-item[lang="fr"]', { hasText: site.properties.commune! }).count()).toBe(1);
    const status = (await row.locator('.row-friche').textContent())!.trim();
    const english: Record<string, string> = {
      'friche potentielle': 'Potential brownfield',
      'friche sans projet': 'Brownfield without project',
      'friche avec projet': 'Brownfield with project',
      'friche reconvertie': 'Converted brownfield',
    };
    expect(status).toBe(english[site.properties.friche_status!.toLowerCase()]);
    expect(await row.getByRole('button', { name: /^Add to shortlist/ }).count()).toBe(1);
  });
});
