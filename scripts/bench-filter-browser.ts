/**
 * Browser bench: with the ~24,000 national Cartofriches friches loaded as sites, how long
 * does a filter change take to update the counts, the list and the map in headless chromium?
 * Target: under 100 ms from the user's input to the map's next `idle`.
 *
 *   npx tsx scripts/bench-filter-browser.ts [--sources DIR] [--rounds N] [--url http://…/]
 *
 * How: the app is built (with its test hooks: scripts/lib/buildTestApp.ts; a `--url` must serve
 * such a build) and served like in the browser tests; the bench answers the app's
 * request for the sites file with the national friches mapped by `fricheToSite` (page.route:
 * no hook in the production code). An init script sets `window.__atlasPerf`, which turns on
 * the `performance.measure` calls of the store selectors (filter, facets, histogram, summary,
 * sort) and the list's commit mark. The bench wraps the map's `setFilter` and `setFeatureState`
 * and listens to `render` / `idle` on the map (`window.__atlas.map`). Each step of a change is timed:
 *
 *   input event → store update → domain (filter + facets + …) → React commit of list and counts
 *   → map.setFilter (or setFeatureState) → first map render → map idle
 *
 * When a change leaves the set of sites as it was, the map has nothing to redo: the total is
 * then the React commit. The map hides the sites left out through feature-state (src/map/
 * controller.ts): the first frame after the change shows the new points, and `idle` follows it.
 * (With setFilter, MapLibre reloaded the tiles of the source: the first frame still showed the
 * old points, the new ones appeared at `idle`, 0.6–3 s later.)
 *
 * The map is zoomed out as far as it allows (its bounds keep it around the PETR), so several
 * thousand points are drawn; the map filter itself is evaluated on all 24,000.
 * Prints median / p95 / max per step over all changes and rounds.
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { preview } from 'vite';
import { buildTestApp } from './lib/buildTestApp';
import { chromium, type Page } from 'playwright-core';
import { fricheToSite, type CartofrichesFeature } from '../src/domain/cartofriches';
import type { DataManifest, Site } from '../src/domain/types';
import { CHROMIUM_FLAGS } from '../tests/e2e/browser';

function arg(name: string, def: string | null = null): string | null {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : def;
}

const SOURCES = resolve(arg('sources') ?? process.env.ATLAS_SOURCES ?? '../shared/opendata');
const ROUNDS = Number(arg('rounds', '5'));
const TARGET_MS = 100;

/** One filter change, done through the UI inside the page (so the timing starts at the input event). */
interface Change {
  label: string;
  /** Runs in the page: performs the input. */
  act: string;
}

/** Sets a React-controlled input's value and fires `input`, like typing. */
const typeInto = (selectorOrLabel: string, value: string) => `
  const el = [...document.querySelectorAll('label')].find((l) => l.textContent.trim() === ${JSON.stringify(selectorOrLabel)})?.control;
  if (!el) throw new Error('no field ' + ${JSON.stringify(selectorOrLabel)});
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  setter.call(el, ${JSON.stringify(value)});
  el.dispatchEvent(new Event('input', { bubbles: true }));
`;
const clickBox = (value: string) => `
  const el = document.querySelector('form.filters input[type="checkbox"][value=${JSON.stringify(value)}]');
  if (!el) throw new Error('no checkbox ' + ${JSON.stringify(value)});
  el.click();
`;
const resetFilters = `
  const b = [...document.querySelectorAll('form.filters button')].find((b) => b.textContent.trim() === 'Réinitialiser les filtres');
  b.click();
`;

const CHANGES: Change[] = [
  { label: 'surface ≥ 0,5 ha (champ)', act: typeInto('Minimum (ha)', '0,5') },
  { label: 'surface ≥ 5 ha (champ)', act: typeInto('Minimum (ha)', '5') },
  { label: 'surface ≤ 20 ha (champ)', act: typeInto('Maximum (ha)', '20') },
  { label: 'niveau « À réhabiliter »', act: clickBox('a_rehabiliter') },
  { label: 'texte « usine »', act: typeInto('Nom du site', 'usine') },
  { label: 'texte « usine de »', act: typeInto('Nom du site', 'usine de') },
  { label: 'texte effacé', act: typeInto('Nom du site', '') },
  { label: 'réinitialiser (24 000 sites)', act: resetFilters },
];

interface Sample {
  change: string;
  count: number;
  commit: number;
  setFilter: number;
  firstRender: number;
  idle: number;
  filter: number;
  facets: number;
  histogram: number;
  summary: number;
  sort: number;
}

function loadNationalSites(): Site[] {
  const file = join(SOURCES, 'friches', 'friches_france.geojson');
  const fc = JSON.parse(readFileSync(file, 'utf8')) as { features: CartofrichesFeature[] };
  return fc.features.map((f) => fricheToSite(f));
}

/**
 * The in-page measurement, kept as plain JavaScript text: tsx would otherwise add its own
 * helpers (`__name`) to a function passed to page.evaluate, and they do not exist in the page.
 */
const MEASURE_IN_PAGE = `async ({ act, label }) => {
  const map = window.__atlas.map;
  performance.clearMarks();
  performance.clearMeasures();
  let tSetFilter = NaN;
  let tRender = NaN;
  const orig = map.setFilter;
  map.setFilter = function (...a) {
    if (Number.isNaN(tSetFilter)) tSetFilter = performance.now();
    return orig.apply(this, a);
  };
  // A map that filters with feature-state instead of setFilter is timed the same way.
  const origFS = map.setFeatureState;
  map.setFeatureState = function (...a) {
    if (Number.isNaN(tSetFilter)) tSetFilter = performance.now();
    return origFS.apply(this, a);
  };
  const idle = new Promise((res) => {
    const onRender = () => {
      if (!Number.isNaN(tSetFilter) && Number.isNaN(tRender)) tRender = performance.now();
    };
    const onIdle = () => {
      if (Number.isNaN(tSetFilter)) return; // an idle from before the change
      map.off('idle', onIdle);
      map.off('render', onRender);
      res(performance.now());
    };
    map.on('render', onRender);
    map.on('idle', onIdle);
  });
  const t0 = performance.now();
  new Function(act)();
  // When the set of sites does not change, the map has nothing to redo: it is up to date
  // once React has committed (checked two frames later).
  const unchanged = new Promise((res) =>
    requestAnimationFrame(() => requestAnimationFrame(() => {
      if (Number.isNaN(tSetFilter)) res(performance.getEntriesByName('atlas:list-commit', 'mark')[0]?.startTime ?? performance.now());
    })),
  );
  const tIdle = await Promise.race([idle, unchanged, new Promise((r) => setTimeout(() => r(NaN), 10000))]);
  map.setFilter = orig;
  map.setFeatureState = origFS;
  const m = (name) => performance.getEntriesByName(name, 'measure').reduce((s, e) => s + e.duration, 0);
  const commit = performance.getEntriesByName('atlas:list-commit', 'mark')[0]?.startTime ?? NaN;
  const count = Number(document.querySelector('[data-testid="result-count"]')?.getAttribute('data-count'));
  return {
    change: label,
    count,
    commit: commit - t0,
    setFilter: tSetFilter - t0,
    firstRender: tRender - t0,
    idle: tIdle - t0,
    filter: m('atlas:filter'),
    facets: m('atlas:facets'),
    histogram: m('atlas:histogram'),
    summary: m('atlas:summary'),
    sort: m('atlas:sort'),
  };
}`;

async function measure(page: Page, change: Change): Promise<Sample> {
  return page.evaluate(`(${MEASURE_IN_PAGE})(${JSON.stringify({ act: change.act, label: change.label })})`) as Promise<Sample>;
}

function stats(xs: number[]): { median: number; p95: number; max: number } {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return { median: NaN, p95: NaN, max: NaN };
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  return { median: q(0.5), p95: q(0.95), max: s[s.length - 1] };
}

async function main() {
  const t0 = Date.now();
  const sites = loadNationalSites();
  const body = JSON.stringify({ type: 'FeatureCollection', features: sites });
  console.log(`Sites nationaux : ${sites.length} (${(body.length / 1e6).toFixed(1)} Mo de GeoJSON), préparés en ${Date.now() - t0} ms`);

  let base = arg('url');
  let close = async () => {};
  if (!base) {
    const outDir = mkdtempSync(join(tmpdir(), 'atlas-bench-'));
    await buildTestApp(outDir);
    const server = await preview({ logLevel: 'warn', build: { outDir }, preview: { port: 0, host: '127.0.0.1', strictPort: false } });
    const address = server.httpServer.address();
    if (!address || typeof address === 'string') throw new Error('preview server has no port');
    base = `http://127.0.0.1:${address.port}/`;
    close = async () => {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    };
  }

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR' });
    await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (r) => r.abort());
    await context.addInitScript(() => {
      (window as unknown as { __atlasPerf: boolean }).__atlasPerf = true;
    });
    // The app asks the manifest which file holds the sites, then fetches it: answer with France.
    let sitesFile = 'sites.geojson';
    await context.route(/\/data\/manifest\.json$/, async (route) => {
      const res = await route.fetch();
      const manifest = (await res.json()) as DataManifest;
      sitesFile = manifest.layers.sites?.file ?? sitesFile;
      await route.fulfill({ response: res, json: manifest });
    });
    await context.route(/\/data\/[^/?#]+\.geojson$/, async (route) => {
      if (route.request().url().endsWith(`/data/${sitesFile}`)) await route.fulfill({ status: 200, contentType: 'application/geo+json', body });
      else await route.continue();
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('Erreur de page :', String(e)));
    await page.goto(base);
    await page.waitForFunction(() => (window as unknown as { __atlas?: { mapReady?: boolean } }).__atlas?.mapReady === true, null, { timeout: 120000 });
    await page.waitForFunction((n) => document.querySelector('[data-testid="result-count"]')?.getAttribute('data-count') === String(n), sites.length, {
      timeout: 120000,
    });
    // France in view: every point is drawn.
    await page.evaluate(`(async () => {
      const map = window.__atlas.map;
      map.jumpTo({ center: [2.4, 46.6], zoom: map.getMinZoom() });
      await new Promise((r) => map.once('idle', r));
    })()`);
    const drawn = (await page.evaluate('window.__atlas.renderedSiteIds().length')) as number;
    console.log(`Carte au zoom le plus large permis : ${drawn} sites dessinés (le filtre de la carte porte sur les ${sites.length}) ; liste : ${sites.length} sites.`);

    // Warm-up round (JIT, caches), not counted.
    for (const c of CHANGES) await measure(page, c);
    const samples: Sample[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      for (const c of CHANGES) {
        samples.push(await measure(page, c));
        await page.waitForTimeout(50);
      }
    }

    console.log(`\n${samples.length} changements de filtre (${ROUNDS} tours × ${CHANGES.length}), millisecondes depuis l'événement de saisie :`);
    const rows: Array<[string, keyof Sample]> = [
      ['domaine : filtre', 'filter'],
      ['domaine : facettes', 'facets'],
      ['domaine : histogramme', 'histogram'],
      ['domaine : synthèse', 'summary'],
      ['domaine : tri', 'sort'],
      ['→ commit React (liste + compteurs)', 'commit'],
      ['→ map.setFilter (ou setFeatureState)', 'setFilter'],
      ['→ premier rendu carte', 'firstRender'],
      ['→ carte au repos (idle) = TOTAL', 'idle'],
    ];
    console.log(`${'étape'.padEnd(40)} ${'médiane'.padStart(8)} ${'p95'.padStart(8)} ${'max'.padStart(8)}`);
    for (const [name, key] of rows) {
      const s = stats(samples.map((x) => x[key] as number));
      console.log(`${name.padEnd(40)} ${s.median.toFixed(1).padStart(8)} ${s.p95.toFixed(1).padStart(8)} ${s.max.toFixed(1).padStart(8)}`);
    }
    console.log('\nPar changement (médiane du total, résultat) :');
    for (const c of CHANGES) {
      const xs = samples.filter((s) => s.change === c.label);
      const s = stats(xs.map((x) => x.idle));
      console.log(`  ${c.label.padEnd(30)} ${s.median.toFixed(1).padStart(7)} ms  (${xs[0]?.count} sites)`);
    }
    const total = stats(samples.map((x) => x.idle));
    const missing = samples.filter((x) => !Number.isFinite(x.idle)).length;
    console.log(
      `\nObjectif < ${TARGET_MS} ms : médiane ${total.median.toFixed(1)} ms, p95 ${total.p95.toFixed(1)} ms, max ${total.max.toFixed(1)} ms` +
        (missing ? ` — ${missing} changement(s) sans « idle » de la carte en 10 s` : '') +
        (total.p95 <= TARGET_MS ? ' : atteint.' : ' : NON atteint au p95.'),
    );
    // Last line, for `npm run bench` (scripts/lib/benchSummary.ts).
    console.log(JSON.stringify({ bench: 'filter-browser', metrics: [{ name: `changement de filtre, saisie → carte au repos (${samples.length} changements)`, unit: 'ms', median: total.median, p95: total.p95, target: `p95 ≤ ${TARGET_MS} ms`, met: total.p95 <= TARGET_MS }] }));
  } finally {
    await browser.close();
    await close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
