/**
 * Data truth (issue 9), in the built app on the real data:
 * - no page names the Roissy link by the other SNCF project's name (atlas and legend, a sheet,
 *   the comparison, the legal and accessibility pages; French and English), and the sheet gives
 *   the virgule's method next to the figure;
 * - the planning check ticks only economic-activity zones;
 * - a friche sheet says what Cartofriches knows, in plain French, with dates that say what they
 *   are, the raw fields folded away;
 * - the friche status filter (facet counts, URL, legend counts that follow it);
 * - the comparison keeps the RN2 margin, never « ± 0,0 km »; the distance filters are
 *   « Desserte »; the stations date is a mirror date; zone facts do not double their units.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openAtlas, openLayersPanel, openPage } from './browser';
import { openSharedAtlas, type SharedAtlas } from './sharedAtlas';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SOURCES } from '../../scripts/build-data';

/** The open data the served atlas was built from (same default as `npm run data`). */
const SOURCES = process.env.ATLAS_SOURCES ?? DEFAULT_SOURCES;

let browser: Browser;
/**
 * The atlas, opened once for the tests that only read pages (each from reset(link), see
 * sharedAtlas.ts, coming from another page route than its own). The planning check (two sheets
 * in a row), the status filter (a reload) and the Zones tab keep pages of their own.
 */
let atlas: SharedAtlas;

/** The other project's name, assembled so that this file does not contain it. */
const OLD_NAME = new RegExp(['roissy', '\\s*[-‐‑‒–—―]?\\s*', 'picardie'].join(''), 'i');

beforeAll(async () => {
  browser = await launch();
  atlas = await openSharedAtlas(browser);
});

afterAll(async () => {
  await atlas?.close();
  await browser?.close();
});

/** The shared page, back to a fresh open of `suffix`, once `ready` shows. */
async function shared(suffix: string, ready: string): Promise<SharedAtlas> {
  await atlas.reset(suffix);
  await atlas.page.waitForSelector(ready, { timeout: 20000 });
  return atlas;
}

const text = async (page: Page, selector = 'body') => ((await page.locator(selector).first().innerText()) ?? '').replace(/\s+/g, ' ');

/** Shows a page of the app by its hash, in the same tab, and waits for its marker. */
async function go(page: Page, hash: string, ready: string): Promise<void> {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
  await page.waitForSelector(ready, { timeout: 20000 });
}

for (const lang of ['fr', 'en'] as const) {
  describe(`no page names the Roissy link by the other project's name (${lang})`, () => {
    it('atlas with its legend, a sheet, the comparison, the legal and accessibility pages', async () => {
      const query = `?sl=02722_1633,02810_2309${lang === 'en' ? '&lang=en' : ''}`;
      const { page, errors } = await shared(query, '#site-list');
      await openLayersPanel(page);
      await page.getByTestId('map-legend').waitFor();
      const seen: string[] = [];
      const check = async (where: string) => {
        const body = await text(page);
        seen.push(where);
        expect(body, where).not.toMatch(OLD_NAME);
      };
      const legend = await text(page, '[data-testid=map-legend]');
      expect(legend).toMatch(lang === 'fr' ? /Virgule ferroviaire \(raccordement Roissy–GrandSoissons\)/ : /Rail “virgule” \(Roissy–GrandSoissons link\)/);
      expect(await page.locator('#atlas-map-desc').textContent()).not.toMatch(OLD_NAME);
      await check('atlas');
      await go(page, '#/site/02722_1633', '[data-testid=cdg-method]');
      await check('sheet');
      await go(page, '#/comparer', '[data-testid=compare-table]');
      await check('compare');
      await go(page, '#/mentions-legales', 'h2');
      await page.getByText(lang === 'fr' ? 'Virgule ferroviaire (raccordement Roissy–GrandSoissons)' : 'Rail “virgule” (Roissy–GrandSoissons link)', { exact: false }).first().waitFor();
      await check('legal');
      await go(page, '#/accessibilite', '[data-testid=accessibility-page]');
      await check('accessibility');
      expect(seen).toHaveLength(5);
      expect(errors).toEqual([]);
    });
  });
}

describe('site sheets on the real data', () => {
  it('a funding-application friche: short name, call and full title, owners, funding, hint on land control, dates, raw fields folded', async () => {
    const { page, errors } = await shared('#/site/02089_20918', '[data-testid=site-sheet]');
    await expect(page.locator('h2#sheet-title').textContent()).resolves.toBe('Dossier n° 3293573 – Billy-sur-Aisne');
    const note = await text(page, '[data-testid=friche-title-note]');
    expect(note).toContain('Dossier déposé à l\'« Appel à projet Recyclage Foncier 2021 ».');
    expect(note).toContain('Titre complet dans la source : « Appel à projet Recyclage Foncier 2021 (Dossier N° 3293573) - Hauts-de-France - 02 - Aisne - Billy-sur-Aisne »');
    expect(await text(page, '[data-testid=friche-funding]')).toMatch(/Fonds friches – Recyclage foncier 2021, 1re édition – dossier n° 3293573 – lauréat/);
    expect(await text(page, '[data-testid=friche-owners]')).toMatch(/établissement public foncier local propriétaire public/);
    expect(await text(page, '[data-testid=friche-parcels]')).toMatch(/commune 02089, section A, n° 2131/);
    expect(await text(page, '[data-testid=friche-buildings]')).toMatch(/1 bâtiment\(s\) selon les Fichiers fonciers – amiante : non renseigné/);
    expect(await text(page, '[data-testid=friche-activity]')).toBe('Activité passée Non renseigné');
    // Public owner: a hint on « Maîtrise foncière », with its source, the status stays « Inconnu ».
    const land = await text(page, 'table.readiness-table tbody tr:nth-child(1)');
    expect(land).toMatch(/Maîtrise foncière\s*\? Inconnu – Indice, pas une maîtrise foncière établie : propriétaire public/);
    expect(land).toContain('Fichiers fonciers (DGFiP, retraités par le Cerema) via Cartofriches');
    // Cerema's rail distance next to the atlas's, with the difference explained.
    const access = await text(page, '[data-testid=distances]');
    expect(access).toMatch(/Distance ferroviaire selon le Cerema \(Cartofriches\)\s*0,7 km Le Cerema mesure jusqu'à la gare la plus proche de toute la liste SNCF, gares fermées et de fret comprises/);
    // Dates say what they are.
    const sources = await text(page, '.sheet-sources');
    expect(sources).toContain('Données Cartofriches extrait de mars 2024');
    expect(sources).toContain('Identifiée dans Cartofriches le 10 mai 2021');
    expect(sources).not.toContain('Mise à jour de la fiche');
    expect(sources).toContain('copie déposée dans le miroir public le 21 mai 2026 (date d\'export du producteur inconnue)');
    // Raw field names only in the folded block.
    const raw = page.getByTestId('friche-raw');
    expect(await raw.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await text(page, '.sheet-grid')).not.toMatch(/\b(l_idpar|proprio_type|ff_laureat_fv)\b/);
    await raw.locator('summary').click();
    expect(await text(page, '[data-testid=friche-raw]')).toMatch(/l_idpar 020890000A2131/);
    // The population year is unknown, and the sheet says so.
    expect(await text(page, '.context-grid')).toContain('l\'année de référence n\'est pas indiquée par la source');
    // An applicant's free text (it can name private individuals) is never shown; natural persons stay masked.
    // The text is read from the open data itself: the build does not publish it (public_properties).
    const source = JSON.parse(readFileSync(join(SOURCES, 'friches/friches.geojson'), 'utf8')) as { features: { properties: { id: string; activite_libelle: string | null } }[] };
    const freeText = source.features.find((f) => f.properties.id === '02810_11350')!.properties.activite_libelle ?? '';
    expect(freeText.length).toBeGreaterThan(40);
    const published = await page.evaluate(async () => JSON.stringify(await (await fetch('./data/friches.geojson')).json()) + JSON.stringify(await (await fetch('./data/sites.geojson')).json()));
    expect(published).not.toContain(freeText.slice(0, 40));
    await go(page, '#/site/02810_11350', '[data-testid=friche-activity]');
    expect(await text(page, '[data-testid=friche-activity]')).toContain('ce texte n\'est pas repris, car il peut nommer des particuliers');
    expect(await text(page, '[data-testid=friche-owners]')).toContain('dont des personnes physiques, dont les noms sont masqués à la source');
    expect(await page.locator('body').textContent()).not.toContain(freeText.slice(0, 40));
    expect(errors).toEqual([]);
  });

  it('the planning check: « Fait » for a UIb zone, « À vérifier » with the zone quoted for a centre-ville zone', async () => {
    const { context, page, errors } = await openPage(browser, '#/site/02810_2309', '[data-testid=site-sheet]');
    try {
      const row = () => text(page, 'table.readiness-table tbody tr:nth-child(2)');
      expect(await row()).toMatch(/Urbanisme : zonage compatible \(PLU\/PLUi\)\s*✔ Fait – Zone UIb \(« activités industrielles »\)/);
      await go(page, '#/site/02722_1633', '[data-testid=site-sheet]');
      await page.waitForFunction(() => document.querySelector('h2#sheet-title')?.textContent === 'Coopérative agricole');
      expect(await row()).toMatch(/⚠ À vérifier – Zone UCV \(« Centre ville »\) : zone urbaine d'habitat, de centre ou mixte/);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('friche status filter', () => {
  it('filters the list by status with facet counts, keeps it in the URL, and the legend counts follow', async () => {
    const { context, page, errors } = await openAtlas(browser);
    try {
      const box = page.locator('form.filters .friche-statuses').getByRole('checkbox', { name: /^Friche sans projet \((\d+)\)$/ });
      const label = (await box.evaluate((el) => el.closest('label')?.textContent ?? '')).trim();
      const n = Number(/\((\d+)\)$/.exec(label)![1]);
      expect(n).toBe(4);
      const legend = page.getByTestId('legend-friches');
      await expect(legend.textContent()).resolves.toBe('23 friches');
      await box.check();
      await page.waitForFunction((k) => document.querySelectorAll('.site-row').length === k, n, { timeout: 10000 });
      await page.waitForFunction(() => new URL(location.href).searchParams.get('fst') === 'sans_projet', null, { timeout: 5000 });
      await page.waitForFunction(() => document.querySelector('[data-testid=legend-friches]')?.textContent === '4 friches · filtres actifs, 23 au total', null, { timeout: 5000 });
      await openLayersPanel(page);
      expect((await text(page, '[data-testid=map-legend]'))).toMatch(/Friche potentielle 0 Friche sans projet 4 Friche avec projet 0/);
      // The distance filters are « Desserte », not the RGAA page's name.
      expect(await page.locator('form.filters summary', { hasText: 'Desserte' }).count()).toBe(1);
      expect(await page.locator('form.filters summary', { hasText: 'Accessibilité' }).count()).toBe(0);
      // A shared link restores the filter.
      await page.reload();
      await page.waitForFunction((k) => document.querySelectorAll('.site-row').length === k, n, { timeout: 20000 });
      expect(await page.locator('form.filters .friche-statuses input[value=sans_projet]').isChecked()).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('comparison and zones: margins and units', () => {
  it('keeps the RN2 margin (« ± 150 m »), never « ± 0,0 km », and does not call unknown availability « disponibles »', async () => {
    // 02110_2326: margin 143 m; 02245_14778: margin 14 m (dropped).
    const { page, errors } = await shared('?sl=02110_2326,02245_14778#/comparer', '[data-testid=compare-table]');
    const rn2 = await text(page, 'tr[data-row=rn2]');
    expect(rn2).toMatch(/12,8 km \(± 150 m, une lacune du tracé RN2 est proche\)/);
    expect(rn2).not.toMatch(/0,0 km/);
    expect(rn2.match(/±/g)).toHaveLength(1);
    expect(await text(page, 'tr[data-row=updated]')).toContain('données Cartofriches de mars 2024');
    const dashboard = await text(page, '[data-testid=dashboard]');
    expect(dashboard).toContain('toutes disponibilités confondues');
    expect(dashboard).not.toContain('Hectares disponibles');
    expect(errors).toEqual([]);
  });

  it('zone facts write their unit once (« 2008 », not « 2008 année »)', async () => {
    const { context, page, errors } = await openAtlas(browser);
    try {
      await page.getByRole('tab', { name: 'Zones d\'activités' }).click();
      const zone = page.locator('#zone-Z01');
      await zone.locator('summary').first().click();
      const facts = await text(page, '#zone-Z01');
      expect(facts).toMatch(/: 2008\b/);
      expect(facts).not.toMatch(/2008 année/);
      // Every zone's facts, folded or not.
      const all = (await page.locator('body').textContent()) ?? '';
      expect(all).toContain('600 000 €');
      expect(all).not.toMatch(/€\s*EUR/);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
