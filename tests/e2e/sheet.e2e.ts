/**
 * Site sheet, shortlist and comparison, in the built app: permalinks, every group of
 * attributes, the checklist table, distances with a minimap, the shortlist (URL +
 * localStorage), the comparison table with its ★ best values, and the unknown-id message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP, launch, openPage as openAtlasPage, servedData } from './browser';

let browser: Browser;
let ids: string[] = [];

function openPage(suffix: string, ready: string, context?: BrowserContext): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  return openAtlasPage(browser, suffix, ready, { context });
}

/** Real site ids from the built data (sorted by surface, largest first), so the test follows the data. */
async function siteIds(): Promise<string[]> {
  const fc = await servedData<{
    features: { properties: { id: string; declared_surface_m2: number | null; computed_surface_m2: number | null } }[];
  }>('sites.geojson');
  return fc.features
    .map((f) => f.properties)
    .sort((a, b) => (b.declared_surface_m2 ?? b.computed_surface_m2 ?? 0) - (a.declared_surface_m2 ?? a.computed_surface_m2 ?? 0))
    .map((p) => p.id);
}

beforeAll(async () => {
  browser = await launch();
  ids = await siteIds();
  expect(ids.length).toBeGreaterThanOrEqual(4);
});

afterAll(async () => {
  await browser?.close();
});

describe('site sheet', () => {
  it('opens from its permalink with every group of information, the checklist table and the sources', async () => {
    const id = ids[0];
    const { context, page, errors } = await openPage(`#/site/${encodeURIComponent(id)}`, '[data-testid=site-sheet]');
    try {
      const name = await page.evaluate(async (siteId) => {
        const fc = (await (await fetch('./data/sites.geojson')).json()) as { features: { properties: { id: string; name: string } }[] };
        return fc.features.find((f) => f.properties.id === siteId)!.properties.name;
      }, id);
      await expect(page.locator('h2#sheet-title').textContent()).resolves.toBe(name);
      for (const h of ['Identité', 'Localisation', 'Surface', 'Disponibilité et conditions', 'Filières visées', 'Maturité « clé en main »', 'Accès et distances', 'Contexte territorial', 'Sources et mises à jour']) {
        expect(await page.getByRole('heading', { name: h, exact: true }).count(), h).toBe(1);
      }
      // The checklist: a table with a caption, 7 rows, each with a row header and a status in words.
      const table = page.locator('table.readiness-table');
      await expect(table.locator('caption').textContent()).resolves.toContain(name);
      expect(await table.locator('tbody tr').count()).toBe(7);
      expect(await table.locator('tbody th[scope=row]').count()).toBe(7);
      const statuses = await table.locator('tbody td .status').allTextContents();
      for (const s of statuses) expect(s).toMatch(/Fait|En cours|À faire|À vérifier|Sans objet|Inconnu/);
      // Distances in km with one decimal, French format, and the virgule with its method next to the figure.
      const dist = await page.getByTestId('distances').textContent();
      expect(dist).toMatch(/RN2[\s\S]*\d+,\d\s?km/);
      expect(dist).toContain('par la virgule ferroviaire (raccordement Roissy–GrandSoissons), un projet sans tracé public');
      const method = (await page.getByTestId('cdg-method').innerText()).replace(/\s+/g, ' ');
      expect(method).toMatch(/Gare d'accès : \S/);
      expect(method).toMatch(/croisement avec la LGV Interconnexion Est à Mitry-Mory : \d+,\d km, mesurés sur la géométrie SNCF Réseau/);
      expect(method).toContain('+ 1,5 km pour la virgule elle-même');
      expect(method).toContain('« Territoire d\'industrie 2023-2027 »');
      expect(method).toMatch(/Aéroport Charles-de-Gaulle 2 TGV : \d+,\d km/);
      expect(method).toContain('Aucun tracé public de la virgule n\'existe encore');
      // Commune and EPCI context.
      await expect(page.locator('.context-card').first().textContent()).resolves.toMatch(/Population\s*[\d\s\u202f]+habitants/);
      // Sources with their dates of update and licence links.
      const sources = page.locator('.sheet-sources');
      await expect(sources.textContent()).resolves.toMatch(/mise à jour : /);
      expect(await sources.locator('a[href^="http"]').count()).toBeGreaterThan(2);
      // The minimap draws (WebGL) and has a text alternative.
      await page.waitForSelector('[data-testid=minimap][data-ready=true]', { timeout: 30000 });
      await expect(page.getByTestId('minimap').getAttribute('role')).resolves.toBe('img');
      await expect(page.getByTestId('minimap').getAttribute('aria-label')).resolves.toContain(name);
      // Connectors arrive from the distance worker; the legend lists them.
      await page.waitForSelector('.minimap-legend li:nth-child(2)', { timeout: 30000 });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('adds the site to the shortlist: button state, announcement, URL and browser storage', async () => {
    const id = ids[1];
    const { context, page } = await openPage(`#/site/${encodeURIComponent(id)}`, '[data-testid=site-sheet]');
    try {
      const add = page.getByRole('button', { name: 'Ajouter à la sélection' });
      await expect(add.getAttribute('aria-pressed')).resolves.toBe('false');
      await add.click();
      const remove = page.getByRole('button', { name: 'Retirer de la sélection' });
      await expect(remove.getAttribute('aria-pressed')).resolves.toBe('true');
      await expect(page.getByTestId('announcer').textContent()).resolves.toContain('ajouté à la sélection');
      await page.waitForFunction((siteId) => new URLSearchParams(location.search).get('sl') === siteId, id);
      expect(await page.evaluate(() => localStorage.getItem('atlas-shortlist'))).toBe(JSON.stringify([id]));
      await expect(page.getByRole('navigation', { name: 'Navigation principale' }).textContent()).resolves.toContain('Comparer (1)');
    } finally {
      await context.close();
    }
  });

  it('marks a fictitious site as fictitious in its minimap, as the main map does (hollow marker, hatched polygon), a real one not', async () => {
    /** The minimap's drawing (its print image): the pixel at the centre of the site marker (disc of the site colour, radius 8). */
    const markerCentre = (page: Page) =>
      page.evaluate(async () => {
        const img = document.querySelector('img.minimap-print') as HTMLImageElement;
        await img.decode();
        const c = document.createElement('canvas');
        [c.width, c.height] = [img.naturalWidth, img.naturalHeight];
        const ctx = c.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        const d = ctx.getImageData(0, 0, c.width, c.height).data;
        // The marker's ring: pixels close to the site colour #6a1b9a (drawn at 0.85 opacity on a polygon's point).
        let [n, sx, sy] = [0, 0, 0];
        for (let i = 0; i < d.length; i += 4) {
          if (Math.abs(d[i] - 112) < 28 && Math.abs(d[i + 1] - 38) < 28 && Math.abs(d[i + 2] - 156) < 24) {
            n++;
            sx += (i / 4) % c.width;
            sy += Math.floor(i / 4 / c.width);
          }
        }
        const at = 4 * (Math.round(sy / n) * c.width + Math.round(sx / n));
        return { n, centre: [d[at], d[at + 1], d[at + 2]] };
      });
    const white = (rgb: number[]) => rgb.every((v) => v >= 225);
    const sheet = async (suffix: string) => {
      const context = await browser.newContext({ viewport: DESKTOP, locale: 'fr-FR', serviceWorkers: 'block' });
      // MapLibre warns when the style asks for an image the map does not have (the hatch would not be drawn).
      const warnings: string[] = [];
      context.on('console', (m) => {
        if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text());
      });
      const opened = await openPage(suffix, '[data-testid=minimap][data-ready=true]', context);
      await opened.page.waitForSelector('img.minimap-print', { state: 'attached', timeout: 30000 });
      return { ...opened, warnings };
    };
    // A site of the fictitious sample (polygons): hatched, dashed, with a hollow marker, and the legend says so.
    const fict = await sheet('?sample=1#/site/FICT-000001');
    try {
      const legend = fict.page.getByTestId('minimap-legend-site');
      expect(await legend.innerText()).toContain('Le site, fictif : hachuré et tireté, ou point creux');
      expect(await legend.locator('circle[fill="#fff"]').count()).toBe(1);
      const m = await markerCentre(fict.page);
      expect(m.n, 'marker ring').toBeGreaterThan(40);
      expect(white(m.centre), `fictitious marker centre ${m.centre}`).toBe(true);
      expect(fict.warnings.filter((w) => /image/i.test(w))).toEqual([]);
      expect(fict.errors).toEqual([]);
    } finally {
      await fict.context.close();
    }
    // A real site: a full marker, the plain legend.
    const real = await sheet(`#/site/${encodeURIComponent(ids[0])}`);
    try {
      const legend = real.page.getByTestId('minimap-legend-site');
      expect((await legend.innerText()).trim()).toBe('Le site');
      expect(await legend.locator('circle[fill="#fff"]').count()).toBe(0);
      const m = await markerCentre(real.page);
      expect(m.n, 'marker').toBeGreaterThan(40);
      expect(white(m.centre), `real marker centre ${m.centre}`).toBe(false);
      expect(real.warnings.filter((w) => /image/i.test(w))).toEqual([]);
      expect(real.errors).toEqual([]);
    } finally {
      await real.context.close();
    }
  });

  it('says clearly when no site has the id of the link', async () => {
    const { context, page } = await openPage('#/site/inconnu-42', '.sheet-missing');
    try {
      const text = await page.locator('.sheet-missing').textContent();
      expect(text).toContain('Site introuvable');
      expect(text).toContain('« inconnu-42 »');
      await page.getByRole('button', { name: 'Retour à l\'atlas' }).click();
      await page.waitForSelector('.atlas-layout');
    } finally {
      await context.close();
    }
  });
});

describe('shortlist and comparison', () => {
  it('compares shortlisted sites in a table with row headers and ★ best values, and removes sites', async () => {
    const sl = ids.slice(0, 3);
    const { context, page, errors } = await openPage(`?sl=${sl.map(encodeURIComponent).join(',')}#/comparer`, '[data-testid=compare-table]');
    try {
      const table = page.getByTestId('compare-table');
      expect(await table.locator('thead th[scope=col]').count()).toBe(3);
      expect(await table.locator('tbody th[scope=row]').count()).toBeGreaterThanOrEqual(15);
      // ids are sorted by surface: the first site has the largest one, marked best with a star and a hidden text.
      const surfaceCells = table.locator('tr[data-row=surface] td');
      await expect(surfaceCells.nth(0).getAttribute('class')).resolves.toContain('is-best');
      await expect(surfaceCells.nth(0).locator('.sr-only').textContent()).resolves.toBe('meilleure valeur');
      await expect(surfaceCells.nth(0).locator('[aria-hidden=true]').textContent()).resolves.toBe('★');
      expect(await surfaceCells.nth(1).locator('.best-mark').count()).toBe(0);
      // Remove one site: two remain compared; remove another: the « at least two » message.
      await table.getByRole('button', { name: /^Retirer / }).first().click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=compare-table] thead th[scope=col]').length === 2);
      await expect(page.getByTestId('announcer').textContent()).resolves.toContain('retiré de la sélection');
      await table.getByRole('button', { name: /^Retirer / }).first().click();
      await page.waitForSelector('[data-testid=compare-too-few]');
      await expect(page.getByTestId('compare-too-few').textContent()).resolves.toContain('Ajoutez au moins deux sites');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('keeps the shortlist in the browser and restores it when the URL has none', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'fr-FR', serviceWorkers: 'block' });
    const sl = ids.slice(1, 3);
    await context.addInitScript((v) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('atlas-shortlist', v);
        sessionStorage.setItem('seeded', '1');
      }
    }, JSON.stringify(sl));
    const { page } = await openPage('#/comparer', '[data-testid=compare-table]', context);
    try {
      expect(await page.getByTestId('compare-table').locator('thead th[scope=col]').count()).toBe(2);
      await page.waitForFunction((v) => new URLSearchParams(location.search).get('sl') === v, sl.join(','));
    } finally {
      await context.close();
    }
  });
});
