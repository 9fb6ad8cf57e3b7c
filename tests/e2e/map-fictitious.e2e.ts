/**
 * Fictitious sites are marked fictitious on the map at every zoom, not only their polygons
 * (hatched): a fictitious point site's symbol is the striped, dashed-outline variant of its icon;
 * where the sites are too dense for symbols, its dot is hollow (white centre in a ring of its
 * colour, in the dark edge every dot has).
 * A small fictitious polygon, drawn as a point at the territory's zoom (src/map/siteTiles/dots.ts),
 * looks fictitious too. The legend's « fictif » rows show these looks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { contrastRatio, parseColor } from '../../src/domain/contrast';
import { panelViolations } from './axe';
import { DESKTOP, launch, openAtlas, openLayersPanel } from './browser';
import { pngPixels } from './pixels';

interface Rendered {
  id: string;
  layer: string;
  fictitious: boolean;
  icon: string | null;
  color: string | null;
  stroke: string | null;
}

type Win = Window & {
  __atlas: {
    map: {
      queryRenderedFeatures(o: { layers: string[] }): {
        properties: Record<string, unknown>;
        layer: { id: string; layout?: Record<string, unknown>; paint?: Record<string, unknown> };
      }[];
      getLayer(id: string): unknown;
      hasImage(id: string): boolean;
      jumpTo(o: { center: [number, number]; zoom: number }): void;
      setLayoutProperty(layer: string, name: string, value: unknown): void;
      once(event: string, f: () => void): void;
      loaded(): boolean;
      areTilesLoaded(): boolean;
    };
    controller: { setSites(s: unknown[]): void };
    projectSite(id: string): { x: number; y: number } | null;
  };
};

let browser: Browser;
let page: Page;
let errors: string[];

/** The site features drawn by `layers`, with the icon and colours MapLibre evaluated for each. */
function rendered(p: Page, layers: string[]): Promise<Rendered[]> {
  return p.evaluate((ls) => {
    const m = (window as unknown as Win).__atlas.map;
    // Colours evaluate to Color objects, images to ResolvedImage ones: their text is what is drawn.
    const text = (v: unknown) => (v === undefined || v === null ? null : typeof v === 'object' && 'name' in v ? String(v.name) : String(v));
    return m.queryRenderedFeatures({ layers: ls.filter((l) => m.getLayer(l)) }).map((f) => {
      // The layer as evaluated for this feature (MapLibre's feature index): its paint and layout values.
      const layer = f.layer as { id: string; layout?: Record<string, unknown>; paint?: Record<string, unknown> };
      return {
        id: String(f.properties.id),
        layer: layer.id,
        fictitious: f.properties.fictitious === true,
        icon: text(layer.layout?.['icon-image']),
        color: text(layer.paint?.['circle-color']),
        stroke: text(layer.paint?.['circle-stroke-color']),
      };
    });
  }, layers);
}

beforeAll(async () => {
  browser = await launch();
  // The fictitious sample (small plots and friches, drawn as points at the first view) over the real friches.
  ({ page, errors } = await openAtlas(browser, '?sample=1', { viewport: DESKTOP }));
});

afterAll(async () => {
  await browser?.close();
});

describe('fictitious sites on the map', () => {
  it('draws the sample’s sites at the territory’s zoom with the fictitious symbols, real friches with the plain ones, and the legend shows them', async () => {
    // The sample is drawn once its plots have pins on the map.
    await page.waitForFunction(
      () => (window as unknown as Win).__atlas.map.queryRenderedFeatures({ layers: ['sites-plot-point'] }).some((f) => f.properties.fictitious === true),
      null,
      { timeout: 20000, polling: 100 },
    );
    const drawn = await rendered(page, ['sites-plot-point', 'sites-friche-symbol']);
    const fict = drawn.filter((f) => f.fictitious);
    const real = drawn.filter((f) => !f.fictitious);
    expect(fict.filter((f) => f.layer === 'sites-plot-point').length).toBeGreaterThan(10);
    expect(fict.filter((f) => f.layer === 'sites-friche-symbol').length).toBeGreaterThan(0);
    expect(real.filter((f) => f.layer === 'sites-friche-symbol').length).toBeGreaterThan(0);
    // Every fictitious site has the fictitious variant of its icon, every real one the plain icon.
    expect(fict.filter((f) => !f.icon?.endsWith('-fictitious')).map((f) => f.id)).toEqual([]);
    expect(real.filter((f) => f.icon?.endsWith('-fictitious')).map((f) => f.id)).toEqual([]);
    // …and the map has each of these images (a missing one would draw nothing).
    const icons = [...new Set(drawn.map((f) => f.icon))];
    expect(await page.evaluate((ids) => ids.filter((i) => !i || !(window as unknown as Win).__atlas.map.hasImage(i)), icons)).toEqual([]);

    // The legend's « fictif » rows show a hatched polygon, a fictitious symbol and a hollow dot.
    await openLayersPanel(page);
    for (const row of ['legend-fictitious-plots', 'legend-fictitious-friches']) {
      const swatches = page.getByTestId(row);
      await swatches.waitFor({ state: 'visible', timeout: 10000 });
      expect(await swatches.locator('svg').count(), row).toBe(3);
      expect(await swatches.locator('svg[data-fictitious]').count(), row).toBe(2);
      // Dashed outlines (polygon and symbol) and a dot: a centre over a coloured disc in a dark edge,
      // standing out from the disc at 3:1 or more (white, dark on the light orange of a friche potentielle).
      expect(await swatches.locator('[stroke-dasharray]').count(), row).toBe(2);
      const hole = swatches.locator('circle[stroke="#1e1e1e"] + circle:not([stroke])');
      expect(await hole.count(), row).toBe(1);
      const [disc, centre] = await hole.evaluate((c) => [c.previousElementSibling!.getAttribute('fill')!, c.getAttribute('fill')!]);
      expect(contrastRatio(parseColor(disc), parseColor(centre)), `${row}: ${centre} sur ${disc}`).toBeGreaterThanOrEqual(3);
      const li = swatches.locator('xpath=..');
      expect((await li.innerText()).replace(/\s+/g, ' ')).toContain('Exemple fictif : hachuré et tireté, ou point creux');
    }
    // The legend with these rows: no serious WCAG 2.1 A/AA violation (contrast, names, ids).
    expect(await panelViolations(page, '[data-testid="map-legend"]', 'legend with the fictitious sample')).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('draws fictitious sites as hollow dots where the sites are too dense for symbols, real ones as discs', async () => {
    // The layers and legend panel floats over the map: folded, the sites drawn below it are in view.
    const panel = page.getByRole('button', { name: /^Couches · Légende/ });
    if ((await panel.getAttribute('aria-expanded')) === 'true') await panel.click();
    const readiness = Object.fromEntries(
      ['land_control', 'planning', 'environment_inventory', 'archaeology', 'environmental_procedures', 'utilities', 'soil_pollution'].map((k) => [
        k,
        { status: 'fait', date: null, source: null },
      ]),
    );
    await page.evaluate((ready) => {
      const base = {
        zone_id: null, zone_name: null, insee: '02722', commune: 'Soissons', epci_siren: null, epci_name: null,
        declared_surface_m2: 20000, computed_surface_m2: null, availability: 'disponible', occupation: 'inoccupe', sectors: [],
        readiness: ready, price_eur_m2: null, contact: null, notes: null, friche_status: null, friche_type: null,
        source_url: null, source: 'test', updated_at: null, fictitious: false,
      };
      const pt = (id: string, kind: string, lon: number, lat: number, more: object = {}) => ({
        type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: { ...base, id, name: id, kind, ...more },
      });
      // 6,000 sites in 1 km² east of Soissons: more than the 4,000 symbols a tile may hold down to a
      // high zoom, so the sites are drawn as dots at the zooms below it.
      const dense = Array.from({ length: 6000 }, (_, i) => pt(`dense-${i}`, 'plot', 3.42 + (i % 80) * 0.00017, 49.36 + Math.floor(i / 80) * 0.00012));
      (window as unknown as Win).__atlas.controller.setSites([
        ...dense,
        pt('real-plot', 'plot', 3.30, 49.38),
        pt('fict-plot', 'plot', 3.33, 49.38, { fictitious: true }),
        pt('real-friche', 'friche', 3.30, 49.40, { friche_status: 'friche sans projet' }),
        pt('fict-friche', 'friche', 3.33, 49.40, { friche_status: 'friche sans projet', fictitious: true }),
        // About 50 × 40 m: a point at this zoom (src/map/siteTiles/dots.ts), fictitious.
        {
          type: 'Feature',
          geometry: { type: 'Polygon', coordinates: [[[3.3600, 49.3900], [3.3607, 49.3900], [3.3607, 49.39036], [3.3600, 49.39036], [3.3600, 49.3900]]] },
          properties: { ...base, id: 'fict-tiny', name: 'fict-tiny', kind: 'plot', fictitious: true },
        },
      ]);
      (window as unknown as Win).__atlas.map.jumpTo({ center: [3.33, 49.39], zoom: 11 });
    }, readiness);
    const ours = ['real-plot', 'fict-plot', 'real-friche', 'fict-friche', 'fict-tiny'];
    await page.waitForFunction(
      (ids) => {
        const drawn = new Set((window as unknown as Win).__atlas.map.queryRenderedFeatures({ layers: ['sites-plot-dot', 'sites-friche-dot'] }).map((f) => f.properties.id));
        return ids.every((i) => drawn.has(i));
      },
      ours,
      { timeout: 20000, polling: 100 },
    );
    // Every tile of the view loaded (none of the former zoom's left to draw a site twice).
    await page.waitForFunction(() => (window as unknown as Win).__atlas.map.loaded() && (window as unknown as Win).__atlas.map.areTilesLoaded(), null, {
      timeout: 20000,
      polling: 100,
    });
    const drawn = (await rendered(page, ['sites-plot-dot', 'sites-friche-dot', 'sites-plot-point', 'sites-friche-symbol'])).filter((f) => ours.includes(f.id));
    // Dots only (no symbol at this density).
    expect([...new Set(drawn.map((f) => `${f.id} ${f.layer}`))].sort()).toEqual([
      'fict-friche sites-friche-dot',
      'fict-plot sites-plot-dot',
      'fict-tiny sites-plot-dot',
      'real-friche sites-friche-dot',
      'real-plot sites-plot-dot',
    ]);
    const by = Object.fromEntries(drawn.map((f) => [f.id, f]));
    // Clé-en-main green, friche sans projet orange: the colour keeps its meaning, in a dark edge (WCAG 1.4.11).
    const green = 'rgba(17,119,51,1)';
    const orange = 'rgba(213,94,0,1)';
    const edge = 'rgba(30,30,30,1)';
    expect([by['real-plot'].color, by['real-plot'].stroke]).toEqual([green, edge]);
    expect([by['fict-plot'].color, by['fict-plot'].stroke]).toEqual([green, edge]);
    expect([by['fict-tiny'].color, by['fict-tiny'].stroke]).toEqual([green, edge]);
    expect([by['real-friche'].color, by['real-friche'].stroke]).toEqual([orange, edge]);
    expect([by['fict-friche'].color, by['fict-friche'].stroke]).toEqual([orange, edge]);
    // The fictitious ones, and only they, get the white centre.
    const holes = (await rendered(page, ['sites-plot-dot-hole', 'sites-friche-dot-hole'])).filter((f) => ours.includes(f.id));
    expect(holes.map((f) => `${f.id} ${f.layer} ${f.color}`).sort()).toEqual([
      'fict-friche sites-friche-dot-hole rgba(255,255,255,1)',
      'fict-plot sites-plot-dot-hole rgba(255,255,255,1)',
      'fict-tiny sites-plot-dot-hole rgba(255,255,255,1)',
    ]);

    // On screen: a fictitious dot has a white centre in a ring of its colour, a real one a centre of its colour,
    // and both a dark edge
    // (the names, drawn over the sites, hidden: one may fall on a dot).
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const m = (window as unknown as Win).__atlas.map;
          m.once('idle', () => resolve());
          for (const l of ['communes-label', 'stations-label', 'ite-label', 'epci-label']) m.setLayoutProperty(l, 'visibility', 'none');
        }),
    );
    const around = async (id: string) => {
      const p = (await page.evaluate((i) => (window as unknown as Win).__atlas.projectSite(i), id))!;
      const shot = await page.screenshot({ clip: { x: Math.round(p.x) - 5, y: Math.round(p.y) - 5, width: 11, height: 11 } });
      // The 11 × 11 pixels around the site, centre at index 60.
      const rgb = await pngPixels(page, shot);
      return Array.from({ length: rgb.length / 3 }, (_, i) => [rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]]);
    };
    const near = (rgb: number[], want: number[]) => rgb.every((v, i) => Math.abs(v - want[i]) <= 40);
    for (const [id, rgb] of [
      ['fict-plot', [17, 119, 51]],
      ['fict-tiny', [17, 119, 51]],
      ['fict-friche', [213, 94, 0]],
    ] as const) {
      const px = await around(id);
      expect(near(px[60], [255, 255, 255]), `${id} centre ${px[60]}`).toBe(true);
      expect(px.filter((p) => near(p, [...rgb])).length, `${id} ring`).toBeGreaterThanOrEqual(8);
      expect(px.filter((p) => near(p, [30, 30, 30])).length, `${id} edge`).toBeGreaterThanOrEqual(8);
    }
    for (const [id, rgb] of [
      ['real-plot', [17, 119, 51]],
      ['real-friche', [213, 94, 0]],
    ] as const) {
      const px = await around(id);
      expect(near(px[60], [...rgb]), `${id} centre ${px[60]}`).toBe(true);
      expect(px.filter((p) => near(p, [30, 30, 30])).length, `${id} edge`).toBeGreaterThanOrEqual(8);
    }
    expect(errors).toEqual([]);
  });
});
