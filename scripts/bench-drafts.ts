/**
 * Bench of the drafts' durability and write path, in headless chromium against the built app:
 *
 *   npx tsx scripts/bench-drafts.ts [--runs 10] [--kill-after 50] [--keys 40] [--key-ms 100] [--import 5000]
 *                                   [--only commit|crash|import] [--fields name,notes] [--no-build DIR] [--trace FILE]
 *
 * 1. Keystroke → IndexedDB commit: types --keys characters in the site form, one every --key-ms
 *    ms (default 100: a fast typist), and reads the `atlas:draft-commit` measures (from the
 *    change to the main transaction's `complete`, see src/state/drafts/persistence.ts). In the
 *    site's name by default, which the map draws (its label); `--fields name,notes` also in its
 *    notes, which the map does not draw (one measure per field, in that order).
 * 2. Crash survival: --runs times, types one character, kills the BROWSER PROCESS (SIGKILL)
 *    --kill-after ms later, relaunches on the same profile, first reads the database raw (before
 *    the app starts: is the keystroke in the record, or only in the journal?), then lets the app
 *    start and checks the draft has it.
 * 3. Import of --import fictitious plots (the sample's points, jittered; ids BENCH-…): IndexedDB
 *    readwrite transactions on the drafts, puts per site (by the page, and by the import writer
 *    worker, src/data/drafts/importWriter, counted from its `atlas:import-worker-tx` marks), the longest main-thread task during
 *    the merge and the map's update after it (until the map draws the plots), the time from
 *    « Importer » to the counter and to the map drawing them. `--trace FILE` traces the merge
 *    (Chrome tracing; with a build that has source maps, CPU per function is printed, and the longest
 *    main-thread tasks broken down).
 *
 * Prints the machine load (/proc/loadavg) with the figures: timings on a shared machine are noisy.
 * Needs public/data/ (npm run data).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveApp } from './lib/serve';
import { mapCounts, mapDrawsSites, recordLongTasks, startMapCounts, withoutLooks, type LongTask } from './lib/mapDraws';
import { longTasks, printLongTasks, printTraceSummary, SourceMaps, summariseTrace, TRACE_CATEGORIES } from './lib/trace';
import { benchSummary } from './lib/benchSummary';

/** The last line, for `npm run bench` (scripts/lib/benchSummary.ts). */
const summary = benchSummary('drafts');
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH as CHROMIUM } from '../tests/e2e/browser';
import { browserPid, isAlive, processTree, SITE_ID } from '../tests/e2e/drafts-helpers';
import { intArg, median } from './lib/bench';

const RUNS = intArg('--runs', 10);
const KILL_AFTER = Number((() => {
  const i = process.argv.indexOf('--kill-after');
  return i >= 0 ? process.argv[i + 1] : '50';
})());
const KEYS = intArg('--keys', 40);
const KEY_MS = intArg('--key-ms', 100);
const IMPORT = intArg('--import', 5000);
/** The fields typed in for the keystroke measure: the name (on the map) and the notes (not on it). */
const FIELDS = { name: 'le nom', notes: 'les notes' } as const;
type Field = keyof typeof FIELDS;

function arg(name: string): string | null {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}

const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => Promise<boolean> | boolean, timeout = 60000): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timeout');
    await delay(50);
  }
}

async function openEditor(page: Page, url: string): Promise<void> {
  await page.goto(`${url}?sel=${SITE_ID}`);
  await page.getByRole('heading', { level: 1 }).waitFor({ timeout: 60000 });
  await page.getByLabel('Mode édition').check();
  await page.getByRole('tab', { name: 'Édition' }).click();
  await page.getByText(`Identifiant : ${SITE_ID}`, { exact: false }).first().waitFor({ timeout: 60000 });
}

/** The name in the site's draft record, and in its journal entry, as stored (raw). */
function stored(page: Page): Promise<{ record: string | null; journal: string | null }> {
  return page.evaluate(
    (id) =>
      new Promise<{ record: string | null; journal: string | null }>((resolve) => {
        const req = indexedDB.open('atlas-curation');
        req.onerror = () => resolve({ record: null, journal: null });
        req.onblocked = () => resolve({ record: null, journal: null });
        req.onsuccess = () => {
          const db = req.result;
          const stores = ['drafts', 'journal'].filter((s) => db.objectStoreNames.contains(s));
          if (!stores.length) {
            // Not created yet (or by this very open): close at once, never block the app's upgrade.
            db.close();
            return resolve({ record: null, journal: null });
          }
          const tx = db.transaction(stores);
          // No named function in here: tsx would wrap it in a helper the page does not have.
          type Rec = { site?: { properties?: { name?: string } } } | undefined;
          const out = { record: null as string | null, journal: null as string | null };
          if (stores.includes('drafts')) tx.objectStore('drafts').get(id).onsuccess = (e) => (out.record = ((e.target as IDBRequest).result as Rec)?.site?.properties?.name ?? null);
          if (stores.includes('journal'))
            // One entry per change (key `site:<id>:<tab>:<seq>`): the latest of this site.
            tx.objectStore('journal').getAll(IDBKeyRange.bound(`site:${id}:`, `site:${id}:\uffff`)).onsuccess = (e) => {
              const all = (e.target as IDBRequest).result as { at: string; record?: Rec }[];
              all.sort((a, b) => (a.at < b.at ? -1 : 1));
              out.journal = all.at(-1)?.record?.site?.properties?.name ?? null;
            };
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
        };
      }),
    SITE_ID,
  );
}
const storedName = async (page: Page) => (await stored(page)).record;

async function commitLatency(browser: Browser, url: string, field: Field): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR' });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (r) => r.abort());
  await context.addInitScript(() => ((window as unknown as { __atlasPerf: boolean }).__atlasPerf = true));
  const page = await context.newPage();
  await openEditor(page, url);
  const input = field === 'name' ? page.getByTestId('field-name') : page.getByRole('textbox', { name: 'Notes', exact: true });
  await input.click();
  await page.keyboard.press('End');
  // What the map does meanwhile: the frames it draws, and its sites anew (a new tiles URL: the visible tiles reload).
  await startMapCounts(page);
  for (let i = 0; i < KEYS; i++) {
    await page.keyboard.type(String.fromCharCode(97 + (i % 26)), { delay: 0 });
    await delay(KEY_MS);
  }
  await until(async () => (await page.evaluate(() => performance.getEntriesByName('atlas:draft-commit').length)) >= KEYS, 30000).catch(() => undefined);
  const ms = await page.evaluate(() => performance.getEntriesByName('atlas:draft-commit').map((e) => e.duration));
  const map = await mapCounts(page);
  await context.close();
  // The name, as before --fields: the same lines.
  const where = field === 'name' ? '' : ` dans ${FIELDS[field]}`;
  summary.add({ name: `frappe${where} → transaction IndexedDB terminée (une touche toutes les ${KEY_MS} ms, ${ms.length} transactions pour ${KEYS} touches)`, unit: 'ms', median: median(ms), p95: p95(ms) });
  console.log(`1. keystroke${field === 'name' ? '' : ` in the ${field}`} → IndexedDB commit, one key every ${KEY_MS} ms (${ms.length} commits for ${KEYS} keystrokes): median ${median(ms).toFixed(1)} ms, p95 ${p95(ms).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms  [load ${load()}]`);
  console.log(`   the map meanwhile: ${map.frames} frames, site tiles fetched again ${map.sitesData}×`);
}

async function persistent(dir: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, viewport: { width: 1366, height: 900 }, locale: 'fr-FR' });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (r) => r.abort());
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

const step = (m: string) => process.env.BENCH_DEBUG && console.error(`[${new Date().toISOString()}] ${m}`);

async function crashSurvival(url: string): Promise<void> {
  let kept = 0;
  let inRecord = 0;
  let inJournal = 0;
  for (let run = 1; run <= RUNS; run++) {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-kill-'));
    try {
      step('launch');
      const first = await persistent(dir);
      step('open editor');
      await openEditor(first.page, url);
      step('fill');
      const before = `Bench ${run}`;
      await first.page.getByTestId('field-name').fill(before);
      await until(async () => (await storedName(first.page)) === before, 20000);
      step('stored; kill');
      const tree = processTree(browserPid(dir)!);
      await first.page.getByTestId('field-name').press('Z');
      await delay(KILL_AFTER);
      process.kill(browserPid(dir)!, 'SIGKILL');
      await until(() => tree.every((p) => !isAlive(p)), 15000);
      first.context.close().catch(() => undefined);
      step('relaunch');
      const second = await persistent(dir);
      step('raw read');
      // First the database as the crash left it, before the app runs (a blank page of the same origin).
      await second.page.route(url, (r) => r.fulfill({ body: '<!doctype html><title>raw</title>', contentType: 'text/html' }));
      await second.page.goto(url);
      const raw = await stored(second.page);
      await second.page.unroute(url);
      step('app');
      await second.page.goto(url);
      await second.page.getByRole('heading', { level: 1 }).waitFor({ timeout: 60000 });
      step('poll');
      const want = `${before}Z`;
      const name = await until(async () => (await storedName(second.page)) === want, 15000).then(
        () => want,
        () => storedName(second.page),
      );
      await second.context.close();
      const ok = name === want;
      if (ok) kept++;
      if (raw.record === want) inRecord++;
      else if (raw.journal === want) inJournal++;
      console.log(`   run ${run}: ${ok ? 'kept' : `LOST (stored: ${JSON.stringify(name)})`} — at relaunch the keystroke was ${raw.record === want ? 'in the record' : raw.journal === want ? 'in the journal only' : 'nowhere'}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  summary.add({ name: `SIGKILL du navigateur ${KILL_AFTER} ms après une frappe : frappes retrouvées (sur ${RUNS})`, unit: 'frappes', median: kept, target: `${RUNS}/${RUNS}`, met: kept === RUNS });
  console.log(`2. SIGKILL of the browser ${KILL_AFTER} ms after a keystroke: ${kept}/${RUNS} kept (on disk at the kill: ${inRecord} in the record, ${inJournal} in the journal only)  [load ${load()}]`);
}

async function importWrites(browser: Browser, url: string, dist: string | null): Promise<void> {
  type G = { type: 'Point'; coordinates: number[] } | { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
  const sample = JSON.parse(readFileSync('public/data/sample.geojson', 'utf8')) as { features: { geometry: G }[] };
  // One point per sample site (inside the territory): the point, or a polygon's first vertex.
  const points = sample.features.map(({ geometry: g }) => (g.type === 'Point' ? g.coordinates : g.type === 'Polygon' ? g.coordinates[0][0] : g.coordinates[0][0][0]));
  const features = Array.from({ length: IMPORT }, (_, i) => {
    const [x, y] = points[i % points.length];
    const j = Math.floor(i / points.length);
    return { type: 'Feature', properties: { id: `BENCH-${i}`, name: `Terrain fictif de bench ${i}`, surface_m2: 1000 + i }, geometry: { type: 'Point', coordinates: [x + j * 1e-5, y] } };
  });
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR' });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (r) => r.abort());
  await context.addInitScript(() => {
    (window as unknown as { __atlasPerf: boolean }).__atlasPerf = true;
    const w = window as unknown as { __tx: number; __puts: number };
    w.__tx = 0;
    w.__puts = 0;
    const tx = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, stores: string | string[], mode?: IDBTransactionMode, opts?: IDBTransactionOptions) {
      if (mode === 'readwrite' && [stores].flat().includes('drafts')) w.__tx++;
      return tx.call(this, stores, mode, opts);
    } as typeof tx;
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...a: Parameters<typeof put>) {
      if (this.name === 'drafts') w.__puts++;
      return put.apply(this, a);
    } as typeof put;
  });
  await recordLongTasks(context);
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('heading', { level: 1 }).waitFor({ timeout: 60000 });
  await page.getByLabel('Mode édition').check();
  await page.getByRole('tab', { name: 'Édition' }).click();
  await page.getByRole('heading', { name: 'Édition des sites' }).waitFor();
  const details = page.getByTestId('import-section');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  await page.getByLabel('Importer un fichier (GeoJSON, CSV, Shapefile, GeoPackage, KML, Excel)').setInputFiles({ name: 'bench.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })) });
  await page.getByTestId('import-summary').waitFor({ timeout: 120000 });
  const button = page.getByRole('button', { name: /^Importer (les \d+ entités valides|l’entité valide)$/ });
  const traceFile = arg('--trace');
  if (traceFile) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  // The map's frames from « Importer » on (each one a full repaint: in SwiftShader, a main-thread task of its own).
  const t0 = await startMapCounts(page);
  await button.click();
  await until(async () => /\d+ modifications non publiées/.test((await page.getByTestId('unpublished-count').textContent()) ?? ''), 300000);
  await until(async () => !(await page.getByTestId('save-status').textContent())?.includes('Enregistrement'), 300000);
  const saved = await page.evaluate(() => performance.now());
  // Until the map draws them (at one of its idles: tiles loaded and drawn), so that the atlas
  // update and the map's frames after the writes are in the measured window, wherever they run.
  const drawn = await mapDrawsSites(page, 'BENCH-');
  const p = await page.evaluate((t) => {
    const w = window as unknown as { __tx: number; __puts: number; __longTasks: LongTask[] };
    const steps = ['atlas:import-check', 'atlas:import-distances', 'atlas:import-memory', 'atlas:import-write'].map((n) => {
      const e = performance.getEntriesByName(n).at(-1);
      return e ? `${n.slice(13)} ${e.duration.toFixed(0)} ms` : `${n.slice(13)} –`;
    });
    // The import writer (a worker) writes new sites in its own transactions: the page counts them by its marks.
    const workerTx = performance.getEntriesByName('atlas:import-worker-tx') as PerformanceMeasure[];
    const workerPuts = workerTx.reduce((n, e) => n + ((e.detail as { records?: number } | null)?.records ?? 0), 0);
    return { tx: w.__tx, puts: w.__puts, workerTx: workerTx.length, workerPuts, long: w.__longTasks.filter((e) => e.start >= t), steps };
  }, t0);
  // The page's long tasks from « Importer » on, without the bench's looks at the map (tasks of their own).
  const during = withoutLooks(p.long, drawn.looks);
  const r = {
    ...p,
    maxLong: Math.max(0, ...during.map((e) => e.duration)),
    over200: during.filter((e) => e.duration > 200).length,
    long: during.map((e) => `${(e.start - t0).toFixed(0)}+${e.duration.toFixed(0)}`).join(' '),
  };
  const counter = await page.getByTestId('unpublished-count').textContent();
  const { frames, siteLayouts, siteTiles, sitesData } = await mapCounts(page);
  if (traceFile) {
    const trace = await browser.stopTracing();
    writeFileSync(traceFile, trace);
    if (dist) {
      const maps = new SourceMaps(dist);
      printTraceSummary(summariseTrace(trace, maps), 20);
      printLongTasks(longTasks(trace, maps, 4));
    }
  }
  await context.close();
  summary.add({ name: `import de ${IMPORT} terrains : « Importer » → brouillons enregistrés`, unit: 'ms', median: saved - t0 });
  summary.add({ name: `import de ${IMPORT} terrains : « Importer » → la carte les dessine`, unit: 'ms', median: drawn.at - t0 });
  summary.add({ name: `import de ${IMPORT} terrains : plus longue tâche du fil principal`, unit: 'ms', median: r.maxLong, target: '≤ 200 ms', met: r.maxLong <= 200 });
  console.log(
    `3. import of ${IMPORT} plots: ${counter}; ${r.tx} readwrite transactions on the drafts and ${r.puts} draft puts by the page, ${r.workerTx} transactions and ${r.workerPuts} new drafts by the import writer (worker); « Importer » → saved ${((saved - t0) / 1000).toFixed(1)} s, → the map draws them ${((drawn.at - t0) / 1000).toFixed(1)} s; longest main-thread task from « Importer » to then ${r.maxLong.toFixed(0)} ms (${r.over200} over 200 ms)  [load ${load()}]`,
  );
  console.log(`   merge steps: ${r.steps.join(', ')}; map frames until it draws them: ${frames} (${siteLayouts} site tile layouts of ${siteTiles} tiles, site tiles fetched again ${sitesData}×); long tasks (ms after the click + duration): ${r.long}`);
}

async function main(): Promise<void> {
  if (!existsSync('public/data/manifest.json')) throw new Error('public/data/manifest.json manquant : lancez « npm run data ».');
  // With the test hooks (the __atlasPerf marks of the drafts' writes), production React.
  const served = await serveApp({ dist: arg('--no-build'), testHooks: true });
  const url = served.url;
  console.log(`Drafts bench (${new Date().toISOString()}), load ${load()}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  const only = arg('--only');
  try {
    const fields = (arg('--fields') ?? 'name').split(',') as Field[];
    for (const f of fields) if (!(f in FIELDS)) throw new Error(`--fields : champ inconnu « ${f} » (${Object.keys(FIELDS).join(', ')})`);
    if (!only || only === 'commit') for (const f of fields) await commitLatency(browser, url, f);
    if (!only || only === 'crash') await crashSurvival(url);
    if (!only || only === 'import') await importWrites(browser, url, served.outDir);
    summary.print();
  } finally {
    await browser.close();
    await served.close();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
