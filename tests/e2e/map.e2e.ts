/**
 * The map in the built app (headless chromium, WebGL through SwiftShader):
 * renders offline (no request leaves the machine, labels from locally generated glyphs),
 * legend counts, commune and site popups (text only, never HTML), attribution with dates,
 * layer switcher, the IGN basemap failing gracefully offline, the Roissy caveat, filters,
 * selection and connectors. Takes .tmp/screenshots/map.png.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DataManifest } from '../../src/domain/types';
import { WIDE_DESKTOP, baseURL, launch, openAtlas, openLayersPanel, servedData } from './browser';
import { pngPixels } from './pixels';
import { mapIdle as idle, urlSettled } from './waits';

type Win = Window & {
  __atlas: {
    map: {
      project(ll: [number, number]): { x: number; y: number };
      getContainer(): HTMLElement;
      jumpTo(o: { center: [number, number]; zoom: number }): void;
      once(ev: string, cb: () => void): void;
      triggerRepaint(): void;
      queryRenderedFeatures(a?: unknown, b?: unknown): { properties: Record<string, unknown>; layer: { id: string } }[];
      isStyleLoaded(): boolean;
      getZoom(): number;
      painter?: unknown;
      getLayer(id: string): unknown;
    };
    controller: { setFilteredIds(ids: string[] | null): void; setSites(s: unknown[]): void };
    renderedSiteIds(): string[];
    tileLoadsUntilReady: Record<string, number>;
    projectSite(id: string): { x: number; y: number } | null;
  };
  __xss?: number;
};

const SOISSONS: [number, number] = [3.3236, 49.3817];

let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
const external: string[] = [];
const failedLocal: string[] = [];
const consoleWarnings: string[] = [];
let manifest: DataManifest;

async function jump(p: Page, center: [number, number], zoom: number): Promise<void> {
  await p.evaluate(([c, z]) => {
    (window as unknown as Win).__atlas.map.jumpTo({ center: c as [number, number], zoom: z as number });
  }, [center, zoom] as const);
  await idle(p);
}

async function rendered(p: Page, layers: string[]): Promise<Record<string, unknown>[]> {
  return p.evaluate(
    (ls) => (window as unknown as Win).__atlas.map.queryRenderedFeatures({ layers: ls.filter((l) => (window as unknown as Win).__atlas.map.getLayer(l)) }).map((f) => f.properties),
    layers,
  );
}

/** A screen point (client px) inside the commune `insee`, near lon/lat, with no site drawn within 14 px. */
async function communePoint(p: Page, insee: string, near: [number, number]): Promise<{ x: number; y: number }> {
  const pt = await p.evaluate(
    ([code, ll]) => {
      const m = (window as unknown as Win).__atlas.map;
      const c = m.project(ll as [number, number]);
      const rect = m.getContainer().getBoundingClientRect();
      const siteLayers = ['sites-friche-symbol', 'sites-plot-point', 'sites-plot-fill'];
      for (let r = 0; r < 200; r += 10) {
        for (let a = 0; a < 16; a++) {
          // Start south-west of the centre (the town centre has friches).
          const ang = Math.PI * 0.75 + (a * Math.PI) / 8;
          const x = c.x + r * Math.cos(ang);
          const y = c.y + r * Math.sin(ang);
          if (x < 320 || y < 20 || x > rect.width - 60 || y > rect.height - 60) continue;
          const communes = m.queryRenderedFeatures([x, y], { layers: ['communes-fill'] });
          if (communes[0]?.properties.insee !== code) continue;
          const near = m.queryRenderedFeatures(
            [
              [x - 14, y - 14],
              [x + 14, y + 14],
            ],
            { layers: siteLayers },
          );
          if (near.length) continue;
          return { x: rect.left + x, y: rect.top + y };
        }
      }
      return null;
    },
    [insee, near] as const,
  );
  if (!pt) throw new Error(`no free point found in commune ${insee}`);
  return pt;
}

beforeAll(async () => {
  manifest = await servedData<DataManifest>('manifest.json');
  browser = await launch();
  context = await browser.newContext({ viewport: WIDE_DESKTOP, locale: 'fr-FR', serviceWorkers: 'block' });
  const base = baseURL();
  context.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(base) && !u.startsWith('data:') && !u.startsWith('blob:')) external.push(u);
  });
  context.on('requestfailed', (r) => {
    if (r.url().startsWith(base)) failedLocal.push(r.url());
  });
  context.on('console', (m) => {
    if (m.type() === 'warning' || m.type() === 'error') consoleWarnings.push(m.text());
  });
  ({ page, errors } = await openAtlas(browser, '', { context }));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe('map', () => {
  it('renders with WebGL, from local resources only', async () => {
    const state = await page.evaluate(() => {
      const w = window as unknown as Win;
      const canvas = document.querySelector('.atlas-map canvas.maplibregl-canvas') as HTMLCanvasElement | null;
      return {
        canvas: !!canvas && canvas.width > 0 && canvas.height > 0,
        webgl: !!canvas && !!(canvas.getContext('webgl2') || canvas.getContext('webgl')),
        painter: !!w.__atlas.map.painter,
        styleLoaded: w.__atlas.map.isStyleLoaded(),
        mark: performance.getEntriesByName('atlas-first-idle').length,
      };
    });
    expect(state).toEqual({ canvas: true, webgl: true, painter: true, styleLoaded: true, mark: 1 });

    // The drawing is not blank: many distinct colours, and a good share of pixels differ from the commonest one.
    const shot = await page.locator('.atlas-map-canvas').screenshot();
    const rgb = await pngPixels(page, shot, 7);
    const counts = new Map<number, number>();
    for (let i = 0; i < rgb.length; i += 3) {
      const c = (rgb[i] << 16) | (rgb[i + 1] << 8) | rgb[i + 2];
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    const stats = { colours: counts.size, nonBgShare: 1 - Math.max(...counts.values()) / (rgb.length / 3) };
    expect(stats.colours).toBeGreaterThan(200);
    expect(stats.nonBgShare).toBeGreaterThan(0.3);

    expect(errors).toEqual([]);
    expect(external).toEqual([]);
    expect(failedLocal).toEqual([]);
  });

  it('has a text alternative and a legend with the counts', async () => {
    const region = page.getByRole('region', { name: 'Carte du PETR du Soissonnais et du Valois' });
    await expect(region.count()).resolves.toBe(1);
    const desc = await page.locator('#atlas-map-desc').textContent();
    expect(desc).toContain('163 communes');
    expect(desc).toContain('La liste des sites offre les mêmes informations.');
    const legend = (await page.getByTestId('map-legend').innerText()).replace(/\s+/g, ' ');
    expect(legend).toContain('163 communes');
    expect(legend).toContain('4 EPCI');
    expect(legend).toContain(`${manifest.layers.friches.count} friches`);
    for (const name of ['CA GrandSoissons Agglomération', 'CC Retz en Valois', 'CC du Val de l\'Aisne', 'CC du Canton d\'Oulchy-le-Château']) {
      expect(legend).toContain(name);
    }
    expect(legend).toContain('Virgule ferroviaire (raccordement Roissy–GrandSoissons) : projet sans tracé public');
  });

  it('names every source with its date of update in the attribution', async () => {
    const text = (await page.locator('.atlas-attribution').innerText()).replace(/\s+/g, ' ');
    expect(text).toMatch(/IGN – ADMIN EXPRESS COG 2018[^·]*\(2018\)/);
    expect(text).toContain(`Cartofriches`);
    expect(text).toContain(`(${manifest.layers.friches.date})`);
    // The RN2 attribution states its edition date itself (« édition 2025-07-22 »): named once, not repeated.
    expect(text).toMatch(new RegExp(`DGITM\\s*/\\s*Cerema[^·]*${manifest.layers.rn2.date}`));
    expect(text.split(manifest.layers.rn2.date).length - 1).toBe(1);
    expect(text).toMatch(/SNCF Réseau[^·]*\(2021-04-05\)/);
    expect(text).toMatch(/OpenStreetMap[^·]*\(2026-03\)/);
  });

  it('labels communes with locally generated glyphs', async () => {
    await jump(page, SOISSONS, 11);
    const labels = await rendered(page, ['communes-label']);
    expect(labels.length).toBeGreaterThan(10);
    expect(labels.map((l) => l.name)).toContain('Soissons');
    expect(consoleWarnings.filter((w) => /glyph/i.test(w))).toEqual([]);
    expect(external).toEqual([]);
  });

  it('shows the commune popup when Soissons is clicked', async () => {
    await jump(page, SOISSONS, 13);
    const pt = await communePoint(page, '02722', [SOISSONS[0] - 0.01, SOISSONS[1] - 0.004]);
    await page.mouse.click(pt.x, pt.y);
    const popup = page.locator('.atlas-map-popup');
    await popup.waitFor({ state: 'visible' });
    const text = (await popup.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('Soissons');
    expect(text).toContain('02722');
    expect(text).toContain('CA GrandSoissons Agglomération');
    expect(text).toMatch(/28\s?667 hab\./);
    await page.keyboard.press('Escape');
  });

  it('selects a friche on click and shows its popup with a safe source link', async () => {
    const sites = await page.evaluate(() => (window as unknown as Win).__atlas.renderedSiteIds());
    expect(sites.length).toBeGreaterThan(0);
    // A friche with no other site drawn close to it, so the click is unambiguous.
    const found = await page.evaluate((ids) => {
      const a = (window as unknown as Win).__atlas;
      const pts = ids.map((i) => ({ i, p: a.projectSite(i) })).filter((x) => x.p && x.p.x > 340);
      for (const { i, p } of pts) {
        if (pts.every((o) => o.i === i || Math.hypot(o.p!.x - p!.x, o.p!.y - p!.y) > 30)) return { id: i, pt: p };
      }
      return null;
    }, sites);
    expect(found).not.toBeNull();
    const { id, pt } = found!;
    await page.mouse.click(pt!.x, pt!.y);
    const popup = page.locator('.atlas-map-popup');
    await popup.waitFor({ state: 'visible' });
    const text = (await popup.textContent()) ?? '';
    expect(text).toMatch(/^Friche/);
    expect(text).toMatch(/Surface/);
    expect(text).toMatch(/friche (potentielle|sans projet|avec projet|reconvertie)/);
    const link = popup.locator('a.atlas-popup-link');
    if ((await link.count()) > 0) {
      expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
      expect(await link.getAttribute('target')).toBe('_blank');
      expect(await link.getAttribute('href')).toMatch(/^https?:\/\//);
    }
    // The selection reaches the store and comes back as the highlight; connectors are drawn.
    await page.waitForFunction(
      (i) => {
        const m = (window as unknown as Win).__atlas.map;
        return m.queryRenderedFeatures({ layers: ['sites-selected-point'] }).some((f) => f.properties.id === i);
      },
      id,
      { timeout: 10000 },
    );
    await page.waitForFunction(
      () => (window as unknown as Win).__atlas.map.queryRenderedFeatures({ layers: ['connectors-label'] }).length > 0,
      null,
      { timeout: 20000 },
    );
    // One labelled connector per network (RN2, waterway, station), in km with one decimal.
    const labels = await page.evaluate(async () => {
      const src = (window as unknown as { __atlas: { map: { getSource(id: string): { getData(): Promise<{ features: { properties: { label?: string } }[] }> } } } }).__atlas.map.getSource('connectors');
      return (await src.getData()).features.map((f) => f.properties.label).filter(Boolean) as string[];
    });
    expect(labels).toHaveLength(3);
    expect(labels[0]).toMatch(/^RN2 : (≤ )?\d+,\d km$/);
    expect(labels[1]).toMatch(/^(Aisne canalisée|Canal latéral à l'Aisne|Canal de l'Oise à l'Aisne) : \d+,\d km$/);
    expect(labels[2]).toMatch(/^Gare (de |d')\S.* : \d+,\d km$/);
    await page.keyboard.press('Escape');
  });

  it('shows exactly the filtered sites; a hidden one cannot be clicked', async () => {
    await jump(page, [3.35, 49.33], 9.5);
    const all = await page.evaluate(() => (window as unknown as Win).__atlas.renderedSiteIds());
    expect(all.length).toBeGreaterThan(3);
    const keep = all.slice(0, 2);
    await page.evaluate((k) => (window as unknown as Win).__atlas.controller.setFilteredIds(k), keep);
    await idle(page);
    expect(await page.evaluate(() => (window as unknown as Win).__atlas.renderedSiteIds())).toEqual([...keep].sort());
    // A hidden site cannot be clicked: a click on it is not a site click (no site popup, no selection).
    const selBefore = new URL(page.url()).searchParams.get('sel');
    const hidden = await page.evaluate(
      ([shown, kept, sel]) => {
        const a = (window as unknown as Win).__atlas;
        const keptPts = kept.map((i) => a.projectSite(i)).filter((p) => p !== null);
        const pts = shown.filter((i) => !kept.includes(i) && i !== sel).map((i) => ({ i, p: a.projectSite(i) }));
        // Clear of the side panel, of every other site and of the kept ones.
        return (
          pts.find(
            ({ i, p }) =>
              p &&
              p.x > 340 &&
              pts.every((o) => o.i === i || !o.p || Math.hypot(o.p.x - p.x, o.p.y - p.y) > 30) &&
              keptPts.every((k) => Math.hypot(k!.x - p.x, k!.y - p.y) > 30),
          ) ?? null
        );
      },
      [all, keep, selBefore] as const,
    );
    expect(hidden).not.toBeNull();
    await page.mouse.click(hidden!.p!.x, hidden!.p!.y);
    // Every pending URL write has landed (no sleep « longer than the debounce »).
    await urlSettled(page);
    expect(await page.locator('.atlas-map-popup .atlas-popup-site').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('sel')).toBe(selBefore);
    await page.keyboard.press('Escape');
    await page.evaluate(() => (window as unknown as Win).__atlas.controller.setFilteredIds(null));
    await idle(page);
  });

  it('shows no site when the filter keeps none, and every site again when it is cleared', async () => {
    await jump(page, [3.35, 49.33], 9.5);
    const all = await page.evaluate(() => (window as unknown as Win).__atlas.renderedSiteIds());
    expect(all.length).toBeGreaterThan(3);
    await page.evaluate(() => (window as unknown as Win).__atlas.controller.setFilteredIds([]));
    await idle(page);
    expect(await page.evaluate(() => (window as unknown as Win).__atlas.renderedSiteIds())).toEqual([]);
    await page.evaluate(() => (window as unknown as Win).__atlas.controller.setFilteredIds(null));
    await idle(page);
    expect(await page.evaluate(() => (window as unknown as Win).__atlas.renderedSiteIds())).toEqual(all);
  });

  it('hides a layer from the layer switcher, with the keyboard too', async () => {
    expect((await rendered(page, ['communes-fill'])).length).toBeGreaterThan(0);
    await openLayersPanel(page);
    const box = page.getByRole('group', { name: 'Couches affichées sur la carte' });
    const communes = box.getByRole('checkbox', { name: 'Communes' });
    await communes.uncheck();
    await idle(page);
    expect((await rendered(page, ['communes-fill', 'communes-outline', 'communes-label'])).length).toBe(0);
    await communes.focus();
    await page.keyboard.press('Space');
    await idle(page);
    expect(await communes.isChecked()).toBe(true);
    expect((await rendered(page, ['communes-fill'])).length).toBeGreaterThan(0);

    const rn2 = box.getByRole('checkbox', { name: 'RN2' });
    expect((await rendered(page, ['rn2-line'])).length).toBeGreaterThan(0);
    await rn2.uncheck();
    await idle(page);
    expect((await rendered(page, ['rn2-line', 'rn2-shield'])).length).toBe(0);
    await rn2.check();
  });

  it('marks the Roissy « virgule » as a project with no public route', async () => {
    const crossing = await servedData<{ features: { geometry: { coordinates: [number, number] }; properties: { kind: string } }[] }>('roissy.geojson');
    const pt = crossing.features.find((f) => f.properties.kind === 'computed_line_crossing')!;
    await jump(page, pt.geometry.coordinates, 11);
    const marks = await rendered(page, ['roissy-mark', 'roissy-label']);
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.map((m) => String(m._label))).toContain('Virgule ferroviaire vers Roissy : projet, aucun tracé public');

    // In English, the map's label follows (the roissy source gets its data again only then).
    const labelIs = (text: string) =>
      page.waitForFunction(
        (t) => (window as unknown as Win).__atlas.map.queryRenderedFeatures({ layers: ['roissy-label'] }).some((f) => f.properties._label === t),
        text,
        { polling: 100, timeout: 20000 },
      );
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await labelIs('Rail “virgule” to Roissy: project, no public route');
    await page.getByRole('button', { name: 'Passer en français' }).click();
    await labelIs('Virgule ferroviaire vers Roissy : projet, aucun tracé public');
  });

  it('says the map’s own words (its label, the zoom buttons, a popup’s close button) in the language chosen', async () => {
    const words = () =>
      page.evaluate(() => ({
        map: document.querySelector('.maplibregl-canvas')?.getAttribute('aria-label'),
        zoomIn: document.querySelector('.maplibregl-ctrl-zoom-in')?.getAttribute('aria-label'),
        zoomOut: document.querySelector('.maplibregl-ctrl-zoom-out')?.getAttribute('title'),
        close: (window as unknown as { __atlas: { map: { _getUIString(k: string): string } } }).__atlas.map._getUIString('Popup.Close'),
      }));
    const french = { map: 'Carte interactive du PETR', zoomIn: 'Zoomer', zoomOut: 'Dézoomer', close: 'Fermer la fenêtre d\'information' };
    expect(await words()).toEqual(french);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('button', { name: 'Zoom in' }).waitFor({ timeout: 15000 });
    expect(await words()).toEqual({ map: 'Interactive map of the PETR', zoomIn: 'Zoom in', zoomOut: 'Zoom out', close: 'Close the information window' });
    await page.getByRole('button', { name: 'Passer en français' }).click();
    await page.getByRole('button', { name: 'Zoomer', exact: true }).waitFor({ timeout: 15000 });
    expect(await words()).toEqual(french);
  });

  it('lays out each tile of the reference layers and of the sites once before its first idle', async () => {
    // The reference layers go into the style with the map: given afterwards, every tile of their
    // sources was laid out twice (empty, then with the data), each time with a frame.
    const loads = await page.evaluate(() => (window as unknown as Win).__atlas.tileLoadsUntilReady);
    const sources = new Set(Object.keys(loads).map((k) => k.split(' ')[0]));
    expect(sources.has('base')).toBe(true);
    expect(sources.has('sites')).toBe(true);
    expect(Object.entries(loads).filter(([, n]) => n !== 1)).toEqual([]);
  });

  it('turns the IGN basemap off with one polite notice when it cannot load (offline)', async () => {
    await jump(page, SOISSONS, 10.5);
    await openLayersPanel(page);
    const toggle = page.getByRole('checkbox', { name: 'Fond de plan IGN (en ligne)' });
    expect(await toggle.isChecked()).toBe(false);
    // click(), not check(): offline, the tile requests fail at once and the app unchecks the box
    // again before check() could verify it (the state asserted below, after the notice).
    await toggle.click();
    const notice = page.getByTestId('basemap-notice');
    await notice.waitFor({ state: 'visible', timeout: 20000 });
    // Further failed tiles must not add notices: once the layer is gone and the map has
    // rendered to idle, no tile request of it is left to fail.
    await page.waitForFunction(() => !(window as unknown as Win).__atlas.map.getLayer('ign-basemap'), null, { timeout: 10000 });
    await idle(page);
    expect(await notice.count()).toBe(1);
    expect((await notice.innerText()).replace(/\s+/g, ' ')).toContain(
      'Le fond de plan IGN n\'a pas pu être chargé (pas de connexion ?). La carte reste utilisable sans fond.',
    );
    expect(await page.locator('.atlas-map-notice-area').getAttribute('role')).toBe('status');
    await expect(toggle.isChecked()).resolves.toBe(false);
    expect(await page.evaluate(() => !!(window as unknown as Win).__atlas.map.getLayer('ign-basemap'))).toBe(false);
    // The map still works.
    await page.getByRole('button', { name: 'Zoomer', exact: true }).click();
    await idle(page);
    expect((await rendered(page, ['communes-fill'])).length).toBeGreaterThan(0);
    await notice.getByRole('button', { name: 'Fermer ce message' }).click();
    expect(await page.getByTestId('basemap-notice').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('draws fictitious plots hatched, and shows property values as text only', async () => {
    const evil = '<img src=x onerror="window.__xss=1">';
    await page.evaluate((name) => {
      const base = {
        zone_id: null, zone_name: null, insee: '02722', commune: 'Soissons', epci_siren: null, epci_name: null,
        declared_surface_m2: 25000, computed_surface_m2: null, availability: 'disponible', occupation: 'inoccupe', sectors: [],
        readiness: {}, price_eur_m2: null, contact: null, notes: null, friche_status: null, friche_type: null,
        source_url: 'javascript:alert(1)', source: name, updated_at: null, fictitious: true,
      };
      (window as unknown as Win).__atlas.controller.setSites([
        {
          type: 'Feature',
          geometry: { type: 'Polygon', coordinates: [[[3.30, 49.37], [3.31, 49.37], [3.31, 49.376], [3.30, 49.376], [3.30, 49.37]]] },
          properties: { ...base, id: 'test-poly', name, kind: 'plot' },
        },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [3.33, 49.365] }, properties: { ...base, id: 'test-point', name: 'Terrain test', kind: 'plot' } },
      ]);
    }, evil);
    await jump(page, [3.315, 49.37], 13.5);
    expect(await page.evaluate(() => (window as unknown as Win).__atlas.renderedSiteIds())).toEqual(['test-point', 'test-poly']);
    expect((await rendered(page, ['sites-plot-hatch'])).map((f) => f.id)).toContain('test-poly');
    const pt = await page.evaluate(() => (window as unknown as Win).__atlas.projectSite('test-poly'));
    await page.mouse.click(pt!.x, pt!.y);
    const popup = page.locator('.atlas-map-popup');
    await popup.waitFor({ state: 'visible' });
    expect(await popup.innerText()).toContain(evil);
    expect(await popup.innerText()).toContain('Exemple fictif');
    expect(await popup.locator('img').count()).toBe(0);
    // javascript: links are never made clickable: the only link is the atlas's own sheet.
    expect(await popup.locator('a.atlas-popup-link').count()).toBe(0);
    expect(await popup.locator('a').count()).toBe(1);
    expect(await popup.locator('a.atlas-popup-sheet').getAttribute('href')).toBe('#/site/test-poly');
    expect(await page.evaluate(() => (window as unknown as Win).__xss)).toBeUndefined();
    await page.keyboard.press('Escape');
  });

  it('draws a plot only a few pixels wide as a point (its pin, clickable), and as its outline from the zoom where it is 4 px wide', async () => {
    await page.evaluate(() => {
      const base = {
        zone_id: null, zone_name: null, insee: '02722', commune: 'Soissons', epci_siren: null, epci_name: null,
        declared_surface_m2: 1800, computed_surface_m2: null, availability: 'disponible', occupation: 'inoccupe', sectors: [],
        readiness: {}, price_eur_m2: null, contact: null, notes: null, friche_status: null, friche_type: null,
        source_url: null, source: 'test', updated_at: null, fictitious: true,
      };
      // About 50 × 40 m: 4 px wide from zoom 12 (0.0007° of longitude is 1.0e-3 px at zoom 0 on 512-px tiles).
      (window as unknown as Win).__atlas.controller.setSites([
        {
          type: 'Feature',
          geometry: { type: 'Polygon', coordinates: [[[3.3200, 49.3800], [3.3207, 49.3800], [3.3207, 49.38036], [3.3200, 49.38036], [3.3200, 49.3800]]] },
          properties: { ...base, id: 'tiny-plot', name: 'Petit terrain test', kind: 'plot' },
        },
      ]);
    });
    const ids = (layers: string[]) => rendered(page, layers).then((fs) => fs.map((f) => f.id));
    await jump(page, [3.3204, 49.3802], 11.2);
    expect(await page.evaluate(() => (window as unknown as Win).__atlas.renderedSiteIds())).toEqual(['tiny-plot']);
    expect(await ids(['sites-plot-fill', 'sites-plot-outline'])).toEqual([]);
    expect(await ids(['sites-plot-point', 'sites-plot-dot'])).toContain('tiny-plot');
    const pt = await page.evaluate(() => (window as unknown as Win).__atlas.projectSite('tiny-plot'));
    // The pin stands above its point.
    await page.mouse.click(pt!.x, pt!.y - 8);
    const popup = page.locator('.atlas-map-popup');
    await popup.waitFor({ state: 'visible' });
    expect(await popup.innerText()).toContain('Petit terrain test');
    await page.keyboard.press('Escape');
    await jump(page, [3.3204, 49.3802], 12.8);
    expect(await ids(['sites-plot-fill'])).toContain('tiny-plot');
    expect(await ids(['sites-plot-outline'])).toContain('tiny-plot');
    expect(errors).toEqual([]);
  });

  it('looks right (screenshot)', async () => {
    const { context: c2, page: p2, errors: e2 } = await openAtlas(browser);
    mkdirSync('.tmp/screenshots', { recursive: true });
    await idle(p2);
    await p2.screenshot({ path: '.tmp/screenshots/map.png' });
    await jump(p2, SOISSONS, 12.3);
    await p2.screenshot({ path: '.tmp/screenshots/map-soissons.png' });
    expect(e2).toEqual([]);
    await c2.close();
  });
});
