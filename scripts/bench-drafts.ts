/**
 * Bench of the drafts' durability and write path, in headless chromium against the built app:
 *
 *   npx tsx scripts/bench-drafts.ts [--runs 10] [--kill-after 50] [--keys 40] [--import 5000] [--no-build DIR]
 *
 * 1. Keystroke → IndexedDB commit: types --keys characters in the site form (one per task, as a
 *    person types) and reads the `atlas:draft-commit` measures (from the change to the
 *    transaction's `complete`, see src/state/drafts/persistence.ts). Median, p95, max.
 * 2. Crash survival: --runs times, types one character, kills the BROWSER PROCESS (SIGKILL)
 *    --kill-after ms later, relaunches on the same profile and checks the character is there.
 * 3. Import of --import fictitious plots (the sample's points, jittered; ids BENCH-…): IndexedDB
 *    readwrite transactions on the drafts, puts per site, the longest main-thread task during
 *    the merge, and the time from « Importer » to the counter.
 *
 * Prints the machine load (/proc/loadavg) with the figures: timings on a shared machine are noisy.
 * Needs public/data/ (npm run data).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview } from 'vite';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../tests/e2e/browser';
import { browserPid, isAlive, processTree, SITE_ID } from '../tests/e2e/drafts-helpers';
import { intArg, median } from './lib/bench';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = intArg('--runs', 10);
const KILL_AFTER = Number((() => {
  const i = process.argv.indexOf('--kill-after');
  return i >= 0 ? process.argv[i + 1] : '50';
})());
const KEYS = intArg('--keys', 40);
const IMPORT = intArg('--import', 5000);

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

function storedName(page: Page): Promise<string | null> {
  return page.evaluate(
    (id) =>
      new Promise<string | null>((resolve) => {
        const req = indexedDB.open('atlas-curation');
        req.onerror = () => resolve(null);
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains('drafts')) return resolve(null);
          const g = db.transaction('drafts').objectStore('drafts').get(id);
          g.onsuccess = () => {
            db.close();
            resolve((g.result as { site?: { properties?: { name?: string } } } | undefined)?.site?.properties?.name ?? null);
          };
        };
      }),
    SITE_ID,
  );
}

async function commitLatency(browser: Browser, url: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR' });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (r) => r.abort());
  await context.addInitScript(() => ((window as unknown as { __atlasPerf: boolean }).__atlasPerf = true));
  const page = await context.newPage();
  await openEditor(page, url);
  const name = page.getByTestId('field-name');
  await name.click();
  await page.keyboard.press('End');
  for (let i = 0; i < KEYS; i++) await page.keyboard.type(String.fromCharCode(97 + (i % 26)), { delay: 0 });
  await until(async () => (await page.evaluate(() => performance.getEntriesByName('atlas:draft-commit').length)) >= KEYS, 30000).catch(() => undefined);
  const ms = await page.evaluate(() => performance.getEntriesByName('atlas:draft-commit').map((e) => e.duration));
  await context.close();
  console.log(`1. keystroke → IndexedDB commit (${ms.length} commits for ${KEYS} keystrokes): median ${median(ms).toFixed(1)} ms, p95 ${p95(ms).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms  [load ${load()}]`);
}

async function persistent(dir: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, viewport: { width: 1366, height: 900 }, locale: 'fr-FR' });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (r) => r.abort());
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

async function crashSurvival(url: string): Promise<void> {
  let kept = 0;
  for (let run = 1; run <= RUNS; run++) {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-kill-'));
    try {
      const first = await persistent(dir);
      await openEditor(first.page, url);
      const before = `Bench ${run}`;
      await first.page.getByTestId('field-name').fill(before);
      await until(async () => (await storedName(first.page)) === before, 20000);
      const tree = processTree(browserPid(dir)!);
      await first.page.getByTestId('field-name').press('Z');
      await delay(KILL_AFTER);
      process.kill(browserPid(dir)!, 'SIGKILL');
      await until(() => tree.every((p) => !isAlive(p)), 15000);
      first.context.close().catch(() => undefined);
      const second = await persistent(dir);
      await second.page.goto(url);
      await second.page.getByRole('heading', { level: 1 }).waitFor({ timeout: 60000 });
      const name = await storedName(second.page);
      await second.context.close();
      const ok = name === `${before}Z`;
      if (ok) kept++;
      console.log(`   run ${run}: ${ok ? 'kept' : `LOST (stored: ${JSON.stringify(name)})`}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(`2. SIGKILL of the browser ${KILL_AFTER} ms after a keystroke: ${kept}/${RUNS} kept  [load ${load()}]`);
}

async function importWrites(browser: Browser, url: string): Promise<void> {
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
    const w = window as unknown as { __tx: number; __puts: number; __long: { start: number; duration: number }[] };
    w.__tx = 0;
    w.__puts = 0;
    w.__long = [];
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
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('heading', { level: 1 }).waitFor({ timeout: 60000 });
  await page.getByLabel('Mode édition').check();
  await page.getByRole('tab', { name: 'Édition' }).click();
  await page.getByRole('heading', { name: 'Édition des sites' }).waitFor();
  const details = page.getByTestId('import-section');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  await page.getByLabel('Importer un fichier (GeoJSON ou CSV)').setInputFiles({ name: 'bench.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })) });
  await page.getByTestId('import-summary').waitFor({ timeout: 120000 });
  const button = page.getByRole('button', { name: /^Importer (les \d+ entités valides|l’entité valide)$/ });
  const t0 = await page.evaluate(() => performance.now());
  await button.click();
  await until(async () => /\d+ modifications non publiées/.test((await page.getByTestId('unpublished-count').textContent()) ?? ''), 300000);
  await until(async () => !(await page.getByTestId('save-status').textContent())?.includes('Enregistrement'), 300000);
  const r = await page.evaluate((t) => {
    const w = window as unknown as { __tx: number; __puts: number; __long: { start: number; duration: number }[] };
    const during = w.__long.filter((e) => e.start >= t);
    return { tx: w.__tx, puts: w.__puts, end: performance.now() - t, maxLong: Math.max(0, ...during.map((e) => e.duration)), over200: during.filter((e) => e.duration > 200).length };
  }, t0);
  const counter = await page.getByTestId('unpublished-count').textContent();
  await context.close();
  console.log(
    `3. import of ${IMPORT} plots: ${counter}; ${r.tx} readwrite transactions on the drafts, ${r.puts} draft puts; « Importer » → saved ${(r.end / 1000).toFixed(1)} s; longest main-thread task during the merge ${r.maxLong.toFixed(0)} ms (${r.over200} over 200 ms)  [load ${load()}]`,
  );
}

async function main(): Promise<void> {
  if (!existsSync('public/data/manifest.json')) throw new Error('public/data/manifest.json manquant : lancez « npm run data ».');
  const given = arg('--no-build');
  const outDir = given ?? mkdtempSync(join(tmpdir(), 'atlas-bench-'));
  if (!given) await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await preview({ logLevel: 'warn', build: { outDir }, preview: { port: 0, host: '127.0.0.1', strictPort: false } });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no port');
  const url = `http://127.0.0.1:${address.port}/`;
  console.log(`Drafts bench (${new Date().toISOString()}), load ${load()}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  try {
    await commitLatency(browser, url);
    await crashSurvival(url);
    await importWrites(browser, url);
  } finally {
    await browser.close();
    await server.close();
    if (!given) rmSync(outDir, { recursive: true, force: true });
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
