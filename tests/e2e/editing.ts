/** Shared steps of the curation browser tests: edit mode, the panel's sections, what the map draws. */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Turns « Mode édition » on and opens the Édition tab. */
export async function openEditing(page: Page): Promise<void> {
  const toggle = page.getByLabel('Mode édition');
  if (!(await toggle.isChecked())) await toggle.check();
  await page.getByRole('tab', { name: 'Édition' }).click();
  try {
    await page.getByRole('heading', { name: 'Édition des sites' }).waitFor();
  } catch (e) {
    // Say what the page showed instead (seen once at load 8: the panel never came).
    const shown = await page
      .evaluate(() => ({
        editMode: (document.querySelector('input[type=checkbox][aria-label="Mode édition"], label input[type=checkbox]') as HTMLInputElement | null)?.checked ?? null,
        selectedTab: document.querySelector('[role=tab][aria-selected=true]')?.textContent ?? null,
        panel: (document.querySelector('[role=tabpanel]:not([hidden])')?.textContent ?? '').slice(0, 400),
        // In the DOM but hidden (e.g. by a Suspense boundary that suspended again)?
        heading: (() => {
          const h = [...document.querySelectorAll('h2')].find((x) => x.textContent?.includes('Édition des sites'));
          return h ? { inDom: true, visible: !!(h as HTMLElement).offsetParent } : { inDom: false };
        })(),
      }))
      .catch(() => null);
    // And what it looked like, for whoever diagnoses it.
    const shot = `.tmp/screenshots/openEditing-${Date.now()}.png`;
    mkdirSync('.tmp/screenshots', { recursive: true });
    const saved = await page.screenshot({ path: shot }).then(() => shot, () => 'none');
    throw new Error(`Le panneau « Édition des sites » n'est pas venu. Page : ${JSON.stringify(shown)} ; capture : ${saved}`, { cause: e });
  }
}

/** Opens a collapsible section of the panel (details/summary) if it is closed. */
export async function openSection(page: Page, testId: string): Promise<void> {
  const details = page.getByTestId(testId);
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
}

/** Ids of the sites the map renders (test hook). */
export function mapSiteIds(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __atlas: { renderedSiteIds(): string[] } }).__atlas.renderedSiteIds());
}

/**
 * Waits until the map renders every one of `ids`. When it does not in `timeout`, the error says
 * what the map was doing: view, URL, site tiles (version, loaded), the layers shown, and for each
 * missing id whether its tiles hold it, whether it is on screen and its filter state.
 * `timeout`: the suite's poll default (15 s; a loaded 2-core machine runs two browsers);
 * `consoleErrors` (from `consoleErrorsOf`) go into the error too.
 */
export async function waitForMapSites(page: Page, ids: string[], opts: { timeout?: number; consoleErrors?: readonly string[] } = {}): Promise<void> {
  const { timeout = 15000, consoleErrors } = opts;
  let cause: unknown;
  let last: string[] = [];
  try {
    await expect.poll(async () => (last = await mapSiteIds(page)), { timeout }).toEqual(expect.arrayContaining(ids));
    return;
  } catch (e) {
    cause = e;
  }
  const missing = ids.filter((id) => !last.includes(id));
  const logged = consoleErrors?.length ? ` Erreurs de la console : ${JSON.stringify(consoleErrors.slice(-10))}` : '';
  throw new Error(`La carte ne dessine pas ${missing.join(', ')} (dessinés : ${JSON.stringify(last)}). État : ${await mapState(page, missing)}.${logged}`, { cause });
}

/**
 * What the map is doing, for a wait's error (as JSON): URL, view, the site tiles (URL, loaded),
 * the site layers shown, the last cut shown and the sources waiting to be fetched again
 * (src/map/freshTiles.ts); for each of `missingSites`, whether its tiles hold it, its filter
 * state and whether it is on screen; the zone outlines' source (ids held, loaded, layers shown).
 */
export async function mapState(page: Page, missingSites: string[] = []): Promise<string> {
  const state = await page
    .evaluate(
      `(() => {
        const a = window.__atlas; const m = a.map;
        const src = m.getSource('sites');
        const inTiles = (id) => m.querySourceFeatures('sites', { sourceLayer: 'sites' }).filter((f) => f.properties.id === id).map((f) => ({ state: m.getFeatureState({ source: 'sites', sourceLayer: 'sites', id: f.id }) }))[0] ?? null;
        const shown = (source) => m.getStyle().layers.filter((l) => l.source === source && (l.layout || {}).visibility !== 'none').map((l) => l.id);
        return {
          url: location.href, zoom: m.getZoom(), center: m.getCenter(), moving: m.isMoving(), size: [m.getContainer().clientWidth, m.getContainer().clientHeight],
          tiles: src && src.tiles, sourceLoaded: m.isSourceLoaded('sites'), layersShown: shown('sites'),
          sitesVersion: a.sitesVersion ? a.sitesVersion() : null, pendingRefresh: a.pendingRefresh ? a.pendingRefresh() : null,
          missing: ${JSON.stringify(missingSites)}.map((id) => ({ id, onScreen: a.projectSite(id), inTiles: inTiles(id) })),
          zones: { ids: [...new Set(m.querySourceFeatures('zones').map((f) => f.properties.zone_id))], loaded: m.isSourceLoaded('zones'), layersShown: shown('zones') },
        };
      })()`,
    )
    .catch((e: unknown) => String(e));
  return JSON.stringify(state);
}

/** The page's console errors from now on (a failed tile, a worker that crashed), for `waitForMapSites`' report. */
export function consoleErrorsOf(page: Page): string[] {
  const out: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') out.push(m.text().slice(0, 300));
  });
  return out;
}

/** The label of the import file picker. */
export const IMPORT_LABEL = 'Importer un fichier (GeoJSON, CSV, Shapefile, GeoPackage, KML, Excel)';
