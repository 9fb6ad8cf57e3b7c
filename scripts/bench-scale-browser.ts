/**
 * Browser bench at scale (issue 13 §3): for growing numbers of sites, how long the atlas takes
 * to load (list shown and map idle) and to filter, in headless chromium, and the largest count
 * that stays within the targets: load ≤ 5 s and filter p95 ≤ 200 ms.
 *
 *   npx tsx scripts/bench-scale-browser.ts [--counts 25000,50000,100000,200000] [--rounds N] [--sources DIR] [--dist DIR] [--geojson]
 *
 * Sites: the ~24,000 national Cartofriches friches, then moved copies marked fictitious
 * (scripts/lib/scaleSites.ts), served as the app's sites file with its compact copy, as the data
 * build writes them (src/data/compactSites.ts; written into the served build: with --dist, into
 * that folder). `--geojson` serves the GeoJSON alone. For each count, a fresh page: the load is timed from
 * navigation to the list announcing every site and the map idle with its tiles loaded; then
 * the map shows its widest view (every site in view, as in bench-filter-browser) and the filter
 * changes of that bench (scripts/lib/atlasFilterChanges.ts) are timed from the input event to
 * the map's idle, after one warm-up round (5 rounds by default: 40 changes, as that bench; with
 * fewer, the p95 is the maximum). MapLibre errors (console) are counted.
 *
 * The last line is a JSON summary (`{"bench":"scale-browser",…}`) for `npm run bench`.
 */
import type { Feature } from 'geojson';
import { benchSummary } from './lib/benchSummary';
import { compactSites } from '../src/data/compactSites';
import type { Page } from 'playwright-core';
import { CHANGES, measureAtlas } from './lib/atlasFilterChanges';
import { scaledNationalSites, sitesBody } from './lib/scaleSites';
import { cpuSince, launchChromium, loadAvg, newContext, serveApp, serveSitesFile, stats } from './lib/serve';

function arg(name: string, def: string | null = null): string | null {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : def;
}

const COUNTS = (arg('counts', '25000,50000,100000,200000') ?? '')
  .split(',')
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0)
  .sort((a, b) => a - b);
const ROUNDS = Number(arg('rounds', '5'));
const GEOJSON_ONLY = process.argv.includes('--geojson');
const LOAD_TARGET_MS = 5000;
const P95_TARGET_MS = 200;
/** France, as the atlas shows it at its lowest zoom. */
const FRANCE = [2.4, 46.6];

interface Row {
  sites: number;
  /** Navigation → list announces every site. */
  listMs: number;
  /** Navigation → map idle with the sites drawn (tiles loaded), after the list. */
  loadMs: number;
  /** CPU time (user + system) of the browser's processes during the load (less inflated by the machine's load than wall time). */
  loadCpuMs: number;
  median: number;
  p95: number;
  max: number;
  mapErrors: number;
  ok: boolean;
}

/** Resolves when the map is idle with its tiles loaded (checked every 50 ms in the page). */
const MAP_SETTLED = `new Promise((resolve) => {
  const check = () => {
    const m = window.__atlas?.map;
    if (window.__atlas?.mapReady && m && m.loaded() && m.areTilesLoaded() && m.getSource('sites')?.loaded?.() !== false) resolve(performance.now());
    else setTimeout(check, 50);
  };
  check();
})`;

async function measureCount(page: Page, url: string, n: number): Promise<{ listMs: number; loadMs: number }> {
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="result-count"]')?.getAttribute('data-count')) >= n, n, {
    timeout: 600000,
    polling: 50,
  });
  const listMs = Date.now() - t0;
  await page.evaluate(MAP_SETTLED);
  return { listMs, loadMs: Date.now() - t0 };
}

async function main() {
  const served = await serveApp({ dist: arg('dist'), testHooks: true });
  const browser = await launchChromium();
  const rows: Row[] = [];
  console.log(`Sites : ${COUNTS.join(', ')} (${GEOJSON_ONLY ? 'GeoJSON seul' : 'copie compacte'}) ; ${ROUNDS} tours × ${CHANGES.length} changements de filtre par taille ; charge ${loadAvg()}`);
  try {
    for (const n of COUNTS) {
      const sites = scaledNationalSites(n);
      const context = await newContext(browser);
      // The store's and the list's performance marks, as in bench-filter-browser.
      await context.addInitScript(() => {
        (window as unknown as { __atlasPerf: boolean }).__atlasPerf = true;
      });
      // As the data build writes them: the GeoJSON and its compact copy, which the page reads
      // (--geojson: the GeoJSON alone, as before the compact copy).
      const compact = GEOJSON_ONLY ? undefined : JSON.stringify(compactSites({ type: 'FeatureCollection', features: sites as unknown as Feature[] }));
      await serveSitesFile(context, served, sitesBody(sites), undefined, compact);
      const page = await context.newPage();
      let mapErrors = 0;
      page.on('pageerror', (e) => {
        mapErrors++;
        console.error('Erreur de page :', String(e).slice(0, 300));
      });
      page.on('console', (m) => {
        if (m.type() !== 'error' || /Failed to load resource/.test(m.text())) return;
        mapErrors++;
        if (mapErrors <= 3) console.error('Erreur (console) :', m.text().slice(0, 300));
      });
      const cpu0 = browser.cpu();
      const { listMs, loadMs } = await measureCount(page, served.url, n);
      const loadCpuMs = Math.round(cpuSince(cpu0, browser.cpu()).total);
      // Site tiles MapLibre laid out during the load, and how many tiles (the test hook's count
      // from the map's creation): a tile laid out twice is worker time and a frame more.
      const layouts = (await page.evaluate(`(() => {
        const c = window.__atlas && window.__atlas.tileLoads;
        if (!c) return null;
        const sites = Object.entries(c).filter(([k]) => k.startsWith('sites '));
        return { layouts: sites.reduce((a, [, v]) => a + v, 0), tiles: sites.length };
      })()`)) as { layouts: number; tiles: number } | null;
      await page.evaluate(`(async () => {
        const map = window.__atlas.map;
        map.jumpTo({ center: ${JSON.stringify(FRANCE)}, zoom: map.getMinZoom() });
        await ${MAP_SETTLED};
      })()`);
      for (const c of CHANGES) await measureAtlas(page, c); // warm-up
      const idle: number[] = [];
      for (let r = 0; r < ROUNDS; r++) for (const c of CHANGES) idle.push((await measureAtlas(page, c)).idle);
      const s = stats(idle.map((x) => (Number.isFinite(x) ? x : 15000)));
      const slowest = CHANGES.map((c, i) => ({ c: c.label, ms: Math.max(...idle.filter((_, k) => k % CHANGES.length === i)) })).sort((a, b) => b.ms - a.ms)[0];
      const ok = loadMs <= LOAD_TARGET_MS && s.p95 <= P95_TARGET_MS && mapErrors === 0;
      const row: Row = { sites: n, listMs, loadMs, loadCpuMs, median: s.median, p95: s.p95, max: s.max, mapErrors, ok };
      rows.push(row);
      console.log(
        `${String(n).padStart(8)} sites : liste ${listMs} ms, carte au repos ${loadMs} ms (CPU ${loadCpuMs} ms${layouts ? `, ${layouts.layouts} mises en page de ${layouts.tiles} tuiles de sites` : ''}) ; filtre médiane ${s.median.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms, max ${s.max.toFixed(0)} ms ; plus lent : ${slowest.c} ; erreurs ${mapErrors} ; ${ok ? 'dans les objectifs' : 'HORS objectifs'} (charge ${loadAvg()})`,
      );
      await context.close();
    }
  } finally {
    await browser.close();
    await served.close();
  }
  let largest = 0;
  for (const r of rows) {
    if (!r.ok) break;
    largest = r.sites;
  }
  const load = loadAvg();
  console.log(
    `\nPlus grand nombre de sites dans les objectifs (chargement ≤ ${LOAD_TARGET_MS / 1000} s, filtre p95 ≤ ${P95_TARGET_MS} ms, aucune erreur) parmi ceux mesurés : ${largest || 'aucun'} (charge ${load}).`,
  );
  console.log(JSON.stringify({ bench: 'scale-browser', load, targets: { loadMs: LOAD_TARGET_MS, p95Ms: P95_TARGET_MS }, rows, largestOk: largest }));
  // Last line, for `npm run bench` (scripts/lib/benchSummary.ts).
  const line = benchSummary('scale-browser');
  for (const r of rows) {
    line.add({ name: `${r.sites.toLocaleString('fr-FR')} sites : chargement (liste → carte au repos)`, unit: 'ms', median: r.loadMs, target: `≤ ${LOAD_TARGET_MS} ms`, met: r.loadMs <= LOAD_TARGET_MS });
    line.add({ name: `${r.sites.toLocaleString('fr-FR')} sites : changement de filtre (${r.mapErrors} erreur(s) MapLibre)`, unit: 'ms', median: r.median, p95: r.p95, target: `p95 ≤ ${P95_TARGET_MS} ms, aucune erreur`, met: r.p95 <= P95_TARGET_MS && r.mapErrors === 0 });
  }
  line.note(`plus grand nombre de sites dans les objectifs : ${largest || 'aucun'}`);
  line.print();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
