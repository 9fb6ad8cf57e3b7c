/**
 * Browser bench: with the ~24,000 national Cartofriches friches loaded as sites, how long does a
 * filter change take to update the counts, the list and the map in headless chromium — and how
 * does that compare with a plain MapLibre page (one GeoJSON source, one circle layer,
 * `map.setFilter`) filtering the same points, measured in the same run?
 *
 *   npx tsx scripts/bench-filter-browser.ts [--sources DIR] [--rounds N] [--dist DIR] [--no-baseline]
 *
 * Targets (issue 13 §2): the atlas's full update ≤ 0.5 × the plain page's at the median, and its
 * p95 ≤ 100 ms at rest.
 *
 * How: the app is built and served like in the browser tests; the bench answers the app's
 * request for the sites file with the national friches mapped by `fricheToSite` (page.route: no
 * hook in the production code). An init script sets `window.__atlasPerf`, which turns on the
 * `performance.measure` calls of the store selectors and the list's commit mark. The bench wraps
 * the map's `setFilter` and `setFeatureState` / `setGlobalStateProperty` and listens to `render` /
 * `idle` on the map (`window.__atlas.map`). Each step of a change is timed:
 *
 *   input event → store update → domain (filter + facets + …) → React commit of list and counts
 *   → map update → first map render → map idle
 *
 * When a change leaves the set of sites as it was, the map has nothing to redo: the total is
 * then the React commit. The plain page (scripts/lib/baselinePage.ts) is timed from its
 * `setFilter` call to its next `idle`. Both pages show France at the same zoom (the lowest the
 * atlas allows, so every point is drawn) in the same viewport; the two are measured in pairs,
 * one change on each, alternating which goes first, each page brought to the front before it is
 * measured. The ratio is printed from the medians and as the median of the per-pair ratios.
 *
 * The last line is a JSON summary (`{"bench":"filter-browser",…}`) for `npm run bench`.
 */
import type { Page } from 'playwright-core';
import { benchSummary } from './lib/benchSummary';
import { EMPTY_BASELINE_FILTER, MEASURE_BASELINE, baselineBody, openBaseline, routeBaselinePage, type BaselineFilter } from './lib/baselinePage';
import { nationalSitesBody } from './lib/nationalSites';
import { CHANGES, measureAtlas, type Sample } from './lib/atlasFilterChanges';
import { launchChromium, loadAvg, newContext, serveApp, serveSites, stats } from './lib/serve';


function arg(name: string, def: string | null = null): string | null {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : def;
}

const ROUNDS = Number(arg('rounds', '5'));
const TARGET_MS = 100;
const TARGET_RATIO = 0.5;
/** France, as the atlas shows it at its lowest zoom. */
const FRANCE = { center: [2.4, 46.6] as [number, number] };

async function measureBaseline(page: Page, f: BaselineFilter): Promise<number> {
  return page.evaluate(`(${MEASURE_BASELINE})(${JSON.stringify(f)})`) as Promise<number>;
}

const fmt = (x: number) => x.toFixed(1).padStart(8);

async function main() {
  const t0 = Date.now();
  const { sites, body } = nationalSitesBody();
  const plainBody = baselineBody(sites);
  console.log(`Sites nationaux : ${sites.length} (${(body.length / 1e6).toFixed(1)} Mo de GeoJSON), préparés en ${Date.now() - t0} ms`);
  const withBaseline = !process.argv.includes('--no-baseline');

  const served = await serveApp({ dist: arg('dist'), testHooks: true });
  const browser = await launchChromium();
  try {
    const context = await newContext(browser);
    await context.addInitScript(() => {
      (window as unknown as { __atlasPerf: boolean }).__atlasPerf = true;
    });
    await serveSites(context, body);
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('Erreur de page :', String(e)));
    const tLoad = Date.now();
    await page.goto(served.url);
    await page.waitForFunction(() => (window as unknown as { __atlas?: { mapReady?: boolean } }).__atlas?.mapReady === true, null, { timeout: 300000 });
    // The list also holds the zones register (kind 'zone'): at least the national sites.
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="result-count"]')?.getAttribute('data-count')) >= n, sites.length, {
      timeout: 300000,
    });
    const atlasLoad = Date.now() - tLoad;
    // France in view: every point is drawn.
    // (The atlas's bounds may move the centre: the plain page gets the view the atlas ends with.)
    const view = (await page.evaluate(`(async () => {
      const map = window.__atlas.map;
      map.jumpTo({ center: ${JSON.stringify(FRANCE.center)}, zoom: map.getMinZoom() });
      await new Promise((r) => map.once('idle', r));
      const c = map.getCenter();
      return { center: [c.lng, c.lat], zoom: map.getZoom() };
    })()`)) as { center: [number, number]; zoom: number };
    const minZoom = view.zoom;
    const drawn = (await page.evaluate('window.__atlas.renderedSiteIds().length')) as number;
    console.log(`Atlas chargé en ${atlasLoad} ms ; carte au zoom ${minZoom.toFixed(2)} (le plus large permis) : ${drawn} sites dessinés ; liste : ${sites.length} sites.`);

    let basePage: Page | null = null;
    let baseLoad = NaN;
    if (withBaseline) {
      const bctx = await newContext(browser);
      const url = await routeBaselinePage(bctx, served.url, plainBody, { center: view.center, zoom: minZoom, minZoom });
      basePage = await bctx.newPage();
      basePage.on('pageerror', (e) => console.error('Erreur de page (MapLibre seul) :', String(e)));
      baseLoad = await openBaseline(basePage, url);
      console.log(`Page MapLibre seule chargée en ${baseLoad} ms (même zoom, même fenêtre).`);
    }

    // Warm-up round (JIT, caches), not counted.
    let bf = EMPTY_BASELINE_FILTER;
    for (const c of CHANGES) {
      await page.bringToFront();
      await measureAtlas(page, c);
      bf = c.baseline(bf);
      if (basePage) {
        await basePage.bringToFront();
        await measureBaseline(basePage, bf);
      }
    }
    const samples: Sample[] = [];
    const base: number[] = [];
    const ratios: number[] = [];
    let k = 0;
    for (let r = 0; r < ROUNDS; r++) {
      for (const c of CHANGES) {
        bf = c.baseline(bf);
        const atlasFirst = k++ % 2 === 0;
        let a: Sample | null = null;
        let b = NaN;
        for (const which of atlasFirst ? ['atlas', 'base'] : ['base', 'atlas']) {
          if (which === 'atlas') {
            await page.bringToFront();
            a = await measureAtlas(page, c);
          } else if (basePage) {
            await basePage.bringToFront();
            b = await measureBaseline(basePage, bf);
          }
        }
        samples.push(a!);
        base.push(b);
        if (Number.isFinite(b) && b > 0) ratios.push(a!.idle / b);
      }
    }

    const load = loadAvg();
    console.log(`\n${samples.length} changements de filtre (${ROUNDS} tours × ${CHANGES.length}), millisecondes depuis l'événement de saisie ; charge ${load} :`);
    const rows: Array<[string, keyof Sample]> = [
      ['domaine : filtre', 'filter'],
      ['domaine : facettes', 'facets'],
      ['domaine : histogramme', 'histogram'],
      ['domaine : synthèse', 'summary'],
      ['domaine : tri', 'sort'],
      ['→ commit React (liste + compteurs)', 'commit'],
      ['→ mise à jour de la carte', 'mapCall'],
      ['→ premier rendu carte', 'firstRender'],
      ['→ carte au repos (idle) = TOTAL', 'idle'],
    ];
    console.log(`${'étape'.padEnd(40)} ${'médiane'.padStart(8)} ${'p95'.padStart(8)} ${'max'.padStart(8)}`);
    for (const [name, key] of rows) {
      const s = stats(samples.map((x) => x[key] as number));
      console.log(`${name.padEnd(40)}${fmt(s.median)}${fmt(s.p95)}${fmt(s.max)}`);
    }
    const bs = stats(base);
    if (basePage) console.log(`${'MapLibre seul : setFilter → idle'.padEnd(40)}${fmt(bs.median)}${fmt(bs.p95)}${fmt(bs.max)}`);
    console.log('\nPar changement (médiane du total ; MapLibre seul ; résultat) :');
    for (const c of CHANGES) {
      const idx = samples.map((s, i) => (s.change === c.label ? i : -1)).filter((i) => i >= 0);
      const s = stats(idx.map((i) => samples[i].idle));
      const b = stats(idx.map((i) => base[i]));
      console.log(`  ${c.label.padEnd(30)} ${s.median.toFixed(1).padStart(7)} ms ; ${b.median.toFixed(1).padStart(7)} ms  (${samples[idx[0]]?.count} sites)`);
    }
    const total = stats(samples.map((x) => x.idle));
    const missing = samples.filter((x) => !Number.isFinite(x.idle)).length;
    const ratio = total.median / bs.median;
    const pairRatio = stats(ratios).median;
    console.log(
      `\nObjectif p95 ≤ ${TARGET_MS} ms au repos : médiane ${total.median.toFixed(1)} ms, p95 ${total.p95.toFixed(1)} ms, max ${total.max.toFixed(1)} ms` +
        (missing ? ` — ${missing} changement(s) sans « idle » de la carte en 15 s` : '') +
        (total.p95 <= TARGET_MS ? ' : atteint.' : ` : NON atteint au p95 (charge ${load}).`),
    );
    if (basePage) {
      console.log(
        `Atlas / MapLibre seul (setFilter) : ${ratio.toFixed(2)} (rapport des médianes), ${pairRatio.toFixed(2)} (médiane des rapports par paire) ; objectif ≤ ${TARGET_RATIO} : ` +
          (ratio <= TARGET_RATIO ? 'atteint.' : 'NON atteint.'),
      );
    }
    console.log(
      JSON.stringify({
        bench: 'filter-browser',
        sites: sites.length,
        load,
        atlas: { median: total.median, p95: total.p95, max: total.max, loadMs: atlasLoad },
        baseline: basePage ? { median: bs.median, p95: bs.p95, max: bs.max, loadMs: baseLoad } : null,
        ratioOfMedians: basePage ? ratio : null,
        medianPairRatio: basePage ? pairRatio : null,
      }),
    );
    // Last line, for `npm run bench` (scripts/lib/benchSummary.ts).
    const line = benchSummary('filter-browser');
    line.add({ name: `${sites.length.toLocaleString('fr-FR')} sites : changement de filtre, saisie → carte au repos (${samples.length} changements)`, unit: 'ms', median: total.median, p95: total.p95, target: `p95 ≤ ${TARGET_MS} ms au repos`, met: total.p95 <= TARGET_MS });
    if (basePage) line.add({ name: 'rapport atlas / MapLibre seul (setFilter), médianes', unit: '×', median: ratio, target: `≤ ${TARGET_RATIO}`, met: ratio <= TARGET_RATIO });
    line.print();
  } finally {
    await browser.close();
    await served.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
