/**
 * What every visitor can do, without « Mode édition »: export the results (CSV, GeoJSON) with
 * the search written into the file's name and metadata; copy the link (clipboard, or a field to
 * copy by hand when the browser refuses); zoom to the results; a chosen EPCI or commune framed
 * on the map; the layers panel folded on a 1440 px screen, open on a wide one.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, baseURL, launch, openAtlas, openPage, servedData } from './browser';
import { openSharedAtlas, type SharedAtlas } from './sharedAtlas';

type Win = Window & {
  __atlas: {
    map: { getBounds(): { getWest(): number; getSouth(): number; getEast(): number; getNorth(): number }; getZoom(): number; isMoving(): boolean; once(e: string, cb: () => void): void };
    renderedSiteIds(): string[];
  };
};

interface Props {
  id: string;
  kind: string;
  epci_siren: string | null;
  epci_name: string | null;
  insee: string | null;
  commune: string | null;
}

let browser: Browser;
/**
 * The atlas, opened once for the export and framing tests, each from a fresh open's state of its
 * link (sharedAtlas.ts). The clipboard tests (a permission, a refusing clipboard) and the
 * window-width test keep contexts of their own.
 */
let atlas: SharedAtlas;
let sites: { props: Props; coords: number[][] }[] = [];
let epci: { siren: string; name: string; bbox: [number, number, number, number] }[] = [];

function bboxOf(coords: number[][]): [number, number, number, number] {
  const xs = coords.map((c) => c[0]);
  const ys = coords.map((c) => c[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function flat(g: { coordinates: unknown }): number[][] {
  const out: number[][] = [];
  const walk = (c: unknown) => {
    if (Array.isArray(c) && typeof c[0] === 'number') out.push(c as number[]);
    else if (Array.isArray(c)) c.forEach(walk);
  };
  walk(g.coordinates);
  return out;
}

/**
 * Waits until a framing has happened: the view differs from `from` (the framing may start a
 * moment after the click: its code is loaded on the first choice) and the map has stopped moving.
 */
const settled = (page: Page, from: { w: number; s: number; e: number; n: number }) =>
  page.waitForFunction(
    (from) => {
      const m = (window as unknown as Win).__atlas.map;
      const b = m.getBounds();
      const moved = [b.getWest() - from.w, b.getSouth() - from.s, b.getEast() - from.e, b.getNorth() - from.n].some((d) => Math.abs(d) > 1e-9);
      return moved && !m.isMoving();
    },
    from,
    { timeout: 15000, polling: 100 },
  );

const bounds = (page: Page) =>
  page.evaluate(() => {
    const b = (window as unknown as Win).__atlas.map.getBounds();
    return { w: b.getWest(), s: b.getSouth(), e: b.getEast(), n: b.getNorth(), zoom: (window as unknown as Win).__atlas.map.getZoom() };
  });

const contains = (b: { w: number; s: number; e: number; n: number }, box: [number, number, number, number]) =>
  b.w <= box[0] + 1e-6 && b.s <= box[1] + 1e-6 && b.e >= box[2] - 1e-6 && b.n >= box[3] - 1e-6;

beforeAll(async () => {
  browser = await launch();
  // The data the page reads.
  type Collection<P> = { features: { properties: P; geometry: { coordinates: unknown } }[] };
  const data = {
    sites: await servedData<Collection<Props>>('sites.geojson'),
    epci: await servedData<Collection<{ epci_siren: string; epci_name: string }>>('epci.geojson'),
  };
  sites = data.sites.features.map((f: { properties: Props; geometry: { coordinates: unknown } }) => ({ props: f.properties, coords: flat(f.geometry) }));
  epci = data.epci.features.map((f: { properties: { epci_siren: string; epci_name: string }; geometry: { coordinates: unknown } }) => ({
    siren: f.properties.epci_siren,
    name: f.properties.epci_name,
    bbox: bboxOf(flat(f.geometry)),
  }));
  atlas = await openSharedAtlas(browser);
});
afterAll(async () => {
  await atlas?.close();
  await browser?.close();
});

/** The shared atlas, back to a fresh open of `suffix`. */
async function fresh(suffix: string): Promise<SharedAtlas> {
  await atlas.reset(suffix);
  return atlas;
}

describe('« Exporter ces résultats », without edit mode', () => {
  it('exports the filtered sites as GeoJSON and CSV, the filters in the name and in the metadata', async () => {
    const target = epci.find((e) => sites.some((s) => s.props.epci_siren === e.siren))!;
    const expected = sites.filter((s) => s.props.kind === 'friche' && s.props.epci_siren === target.siren).map((s) => s.props.id).sort();
    // Downloads are accepted in Playwright's contexts by default.
    const { page, errors } = await fresh(`?kind=friche&epci=${target.siren}`);
    expect(await page.getByLabel('Mode édition').isChecked()).toBe(false);
    await expect.poll(() => page.getByTestId('result-count').getAttribute('data-count')).toBe(String(expected.length));
    await page.getByText('Exporter ces résultats').click();
    const slugPart = target.name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');

    const [geo] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'GeoJSON (SIG)' }).click()]);
    expect(geo.suggestedFilename()).toMatch(new RegExp(`^atlas-resultats_friche_${slugPart}_\\d{8}-\\d{4}\\.geojson$`));
    const fc = JSON.parse(readFileSync((await geo.path())!, 'utf8')) as {
      type: string;
      metadata: { count: number; filters: { kinds: string[]; epci: string[] }; filters_description: string[]; link: string; sources: { layer: string; date: string; licence: string }[] };
      features: { properties: { id: string } }[];
    };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.map((f) => f.properties.id).sort()).toEqual(expected);
    expect(fc.metadata.count).toBe(expected.length);
    expect(fc.metadata.filters.kinds).toEqual(['friche']);
    expect(fc.metadata.filters.epci).toEqual([target.siren]);
    expect(fc.metadata.filters_description).toEqual(expect.arrayContaining(['Type de site : Friche', `Intercommunalité (EPCI) : ${target.name}`]));
    const link = new URL(fc.metadata.link);
    expect(link.searchParams.get('kind')).toBe('friche');
    expect(link.searchParams.get('epci')).toBe(target.siren);
    expect(fc.metadata.sources.map((s) => s.layer)).toEqual(['friches']);
    expect(fc.metadata.sources[0].licence).not.toBe('');
    await page.getByTestId('results-export-status').waitFor();
    expect(await page.getByTestId('results-export-status').textContent()).toContain(geo.suggestedFilename());

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV (tableur, SIG)' }).click()]);
    expect(csv.suggestedFilename()).toMatch(new RegExp(`^atlas-resultats_friche_${slugPart}_\\d{8}-\\d{4}\\.csv$`));
    const lines = readFileSync((await csv.path())!, 'utf8').trim().split(/\r\n/);
    expect(lines.length).toBe(expected.length + 1);
    expect(errors).toEqual([]);
  });
});

describe('« Copier le lien »', () => {
  it('copies the address of the current search, and says so', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'fr-FR', permissions: ['clipboard-read', 'clipboard-write'], serviceWorkers: 'block' });
    // Every text the live region says, in order.
    await context.addInitScript(() => {
      const said: string[] = ((window as unknown as { __said: string[] }).__said = []);
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid=announcer]')?.textContent;
        if (text && said[said.length - 1] !== text) said.push(text);
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    const { page, errors } = await openAtlas(browser, '?kind=friche', { context });
    try {
      // A change made just before copying is in the link (the address bar is written a moment later).
      await page.getByLabel('Nom du site').fill('sucrerie');
      await page.getByRole('button', { name: 'Copier le lien' }).first().click();
      await page.getByTestId('copy-link-status').waitFor();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      const u = new URL(copied);
      expect(u.origin + u.pathname).toBe(baseURL().replace(/\/$/, '/'));
      expect(u.searchParams.get('kind')).toBe('friche');
      expect(u.searchParams.get('q')).toBe('sucrerie');
      await expect.poll(() => page.evaluate(() => (window as unknown as { __said: string[] }).__said)).toContain('Lien copié dans le presse-papiers.');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('when the browser refuses the clipboard, shows the link selected in a field', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'fr-FR', serviceWorkers: 'block' });
    await context.addInitScript(() => {
      Object.defineProperty(navigator.clipboard, 'writeText', { value: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) });
    });
    const { page, errors } = await openAtlas(browser, '?kind=friche', { context });
    try {
      await page.getByRole('button', { name: 'Copier le lien' }).first().click();
      const field = page.getByLabel(/Copie automatique impossible/);
      await field.waitFor();
      expect(new URL(await field.inputValue()).searchParams.get('kind')).toBe('friche');
      await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.readOnly === true)).toBe(true);
      const selected = await page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement;
        return el.selectionEnd! - el.selectionStart!;
      });
      expect(selected).toBe((await field.inputValue()).length);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('framing on the map', () => {
  it('« Zoomer sur les résultats » frames the filtered sites', async () => {
    const target = epci.find((e) => sites.filter((s) => s.props.epci_siren === e.siren).length >= 2)!;
    const mine = sites.filter((s) => s.props.epci_siren === target.siren);
    const box = bboxOf(mine.flatMap((s) => s.coords));
    const { page, errors } = await fresh(`?epci=${target.siren}`);
    const before = await bounds(page);
    await page.getByRole('button', { name: 'Zoomer sur les résultats' }).click();
    await settled(page, before);
    const after = await bounds(page);
    expect(contains(after, box)).toBe(true);
    expect(after.zoom).toBeGreaterThan(before.zoom);
    expect(errors).toEqual([]);
  });

  it('choosing an EPCI, then a commune, in the filters frames it', async () => {
    const target = epci[0];
    const commune = sites.find((s) => s.props.commune && s.props.insee)!.props;
    const { page, errors } = await fresh('');
    const before = await bounds(page);
    await page.getByText('Intercommunalité (EPCI) / Communes').click();
    await page.getByRole('checkbox', { name: new RegExp(`^${target.name.replace(/[()]/g, '.')}`) }).check();
    await settled(page, before);
    const afterEpci = await bounds(page);
    expect(contains(afterEpci, target.bbox)).toBe(true);
    expect(afterEpci.zoom).toBeGreaterThan(before.zoom);

    await page.getByRole('checkbox', { name: new RegExp(`^${target.name.replace(/[()]/g, '.')}`) }).uncheck();
    const combo = page.getByRole('combobox', { name: /Communes/ });
    await combo.fill(commune.commune!);
    await combo.press('Enter');
    await settled(page, afterEpci);
    const afterCommune = await bounds(page);
    expect(afterCommune.zoom).toBeGreaterThan(afterEpci.zoom);
    const commBox = await page.evaluate(async (insee) => {
      const fc = (await (await fetch('./data/communes.geojson')).json()) as { features: { properties: { insee: string }; geometry: { coordinates: unknown } }[] };
      const f = fc.features.find((x) => x.properties.insee === insee)!;
      const pts: number[][] = [];
      const walk = (c: unknown) => (Array.isArray(c) && typeof c[0] === 'number' ? pts.push(c as number[]) : Array.isArray(c) && c.forEach(walk));
      walk(f.geometry.coordinates);
      return [Math.min(...pts.map((p) => p[0])), Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[1]))] as [number, number, number, number];
    }, commune.insee);
    expect(contains(afterCommune, commBox)).toBe(true);
    expect(errors).toEqual([]);
  });
});

describe('the layers and legend panel', () => {
  it('is folded on a 1440 px screen (the map stays clear) and open on a 1680 px one', async () => {
    for (const [width, open] of [
      [1440, 'false'],
      [1680, 'true'],
    ] as const) {
      const { context, page } = await openPage(browser, '', '.atlas-map-side-toggle', { contextOptions: { viewport: { width, height: 900 }, locale: 'fr-FR' } });
      try {
        const toggle = page.getByRole('button', { name: /^Couches · Légende/ });
        expect(await toggle.getAttribute('aria-expanded'), `${width} px`).toBe(open);
        expect(await page.locator('#atlas-map-side-body').isVisible(), `${width} px`).toBe(open === 'true');
        if (open === 'false') {
          await toggle.click();
          await page.getByRole('group', { name: 'Couches affichées sur la carte' }).waitFor();
        }
      } finally {
        await context.close();
      }
    }
  });
});
