/**
 * Shared by the browser benches: build the app into a temporary folder (or use a given one),
 * serve it on a free loopback port, launch headless chromium with the browser tests' flags,
 * and answer the app's request for the sites file with other sites (page.route: no hook in
 * the production code).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preview } from 'vite';
import { buildApp } from './buildTestApp';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';
import type { DataManifest } from '../../src/domain/types';
import { compactName } from '../../src/data/compactSites';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../tests/e2e/browser';

export interface Served {
  url: string;
  outDir: string;
  close(): Promise<void>;
}

/**
 * Builds (unless `dist` is given) and serves the app. `sourcemap` keeps the maps for the profiles
 * (`'hidden'`: the maps without the comment that points at them, the JS as `npm run build` makes it);
 * `readableMapLibre` builds with MapLibre's unminified files (its function names in the profiles).
 * `testHooks` builds like the browser tests (scripts/lib/buildTestApp.ts: production React with
 * `window.__atlas` and the `__atlasPerf` marks compiled in; `npm run build` has neither). A given
 * `dist` must then be such a build.
 */
export async function serveApp(opts: { dist?: string | null; sourcemap?: boolean | 'hidden'; readableMapLibre?: boolean; testHooks?: boolean } = {}): Promise<Served> {
  const outDir = opts.dist ?? mkdtempSync(join(tmpdir(), 'atlas-bench-'));
  const alias = opts.readableMapLibre
    ? [
        { find: /^maplibre-gl$/, replacement: 'maplibre-gl/dist/maplibre-gl-dev.mjs' },
        { find: /^maplibre-gl\/dist\/maplibre-gl-worker\.mjs/, replacement: 'maplibre-gl/dist/maplibre-gl-worker-dev.mjs' },
      ]
    : [];
  if (!opts.dist) await buildApp(outDir, { testHooks: opts.testHooks ?? false, sourcemap: opts.sourcemap, alias });
  const server = await preview({ logLevel: 'warn', build: { outDir }, preview: { port: 0, host: '127.0.0.1', strictPort: false } });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no port');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    outDir,
    async close() {
      await server.close();
      if (!opts.dist) rmSync(outDir, { recursive: true, force: true });
    },
  };
}

let launches = 0;

/** A tag for a browser's command line, unique per launch: it finds the browser process (and so its children) in /proc. */
function benchTag(): string {
  return `--atlas-bench-tag=${process.pid}-${++launches}-${Date.now()}`;
}

/** Headless chromium with the browser tests' flags; `cpu()` reads the CPU time its processes used so far. */
export async function launchChromium(): Promise<Browser & { cpu(): CpuTimes }> {
  const tag = benchTag();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_FLAGS, tag] });
  return Object.assign(browser, { cpu: () => processTreeCpu(tag) });
}

/**
 * A browser with an on-disk profile (a new temporary folder, removed by `close`), as users have.
 * A context made by `browser.newContext()` is a private window: its IndexedDB lives in memory, and
 * in Chromium 150 each write transaction there gets slower with every MB already stored (2,000
 * records of 1.5 kB: 170 ms into an empty store, 800 ms once 27 MB are in; on disk, 130–170 ms
 * throughout). The drafts benches write tens of MB: they open this. `cpu()` as launchChromium's.
 */
export async function launchWithProfile(options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; cpu(): CpuTimes; close(): Promise<void> }> {
  const tag = benchTag();
  const dir = mkdtempSync(join(tmpdir(), 'atlas-profile-'));
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_FLAGS, tag], ...options });
  return {
    context,
    cpu: () => processTreeCpu(tag),
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** CPU milliseconds (user + system) used by a process tree, in all and per chromium process type. */
export interface CpuTimes {
  total: number;
  byType: Record<string, number>;
}

const CLK_TCK = 100;

function processTreeCpu(tag: string): CpuTimes {
  const procs: { pid: number; ppid: number; cpu: number; type: string; tagged: boolean }[] = [];
  let dirs: string[] = [];
  try {
    dirs = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return { total: NaN, byType: {} };
  }
  for (const d of dirs) {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      const type = /--type=([\w-]+)/.exec(cmd)?.[1] ?? 'browser';
      const sub = /--utility-sub-type=([\w.-]+)/.exec(cmd)?.[1];
      procs.push({ pid: Number(d), ppid: Number(rest[1]), cpu: ((Number(rest[11]) + Number(rest[12])) * 1000) / CLK_TCK, type: sub ? `${type}:${sub.split('.').pop()}` : type, tagged: cmd.includes(tag) });
    } catch {
      /* gone */
    }
  }
  const root = procs.find((p) => p.tagged && p.type === 'browser');
  if (!root) return { total: NaN, byType: {} };
  const inTree = new Set([root.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) {
      if (!inTree.has(p.pid) && inTree.has(p.ppid)) {
        inTree.add(p.pid);
        grew = true;
      }
    }
  }
  const byType: Record<string, number> = {};
  let total = 0;
  for (const p of procs) {
    if (!inTree.has(p.pid)) continue;
    byType[p.type] = (byType[p.type] ?? 0) + p.cpu;
    total += p.cpu;
  }
  return { total, byType };
}

/** The difference of two CPU readings. */
export function cpuSince(a: CpuTimes, b: CpuTimes): CpuTimes {
  const byType: Record<string, number> = {};
  for (const k of new Set([...Object.keys(a.byType), ...Object.keys(b.byType)])) byType[k] = (b.byType[k] ?? 0) - (a.byType[k] ?? 0);
  return { total: b.total - a.total, byType };
}

/** A fresh desktop context (1366 × 900, French) that lets no request leave the machine. */
export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR' });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (r) => r.abort());
  return context;
}

/**
 * Answers the app's request for its sites file (named by the manifest) with `body`, and, when
 * `manifestPatch` is given, rewrites the manifest's sites entry (e.g. its feature count).
 */
export async function serveSites(context: BrowserContext, body: string | Buffer, contentType = 'application/geo+json'): Promise<void> {
  let sitesFile = 'sites.geojson';
  await context.route(/\/data\/manifest\.json$/, async (route) => {
    const res = await route.fetch();
    const manifest = (await res.json()) as DataManifest;
    sitesFile = manifest.layers.sites?.file ?? sitesFile;
    // The page must read the answered file, not the build's compact copy of the real sites.
    if (manifest.layers.sites?.compact) delete manifest.layers.sites.compact;
    await route.fulfill({ response: res, json: manifest });
  });
  await context.route(/\/data\/[^/?#]+$/, async (route) => {
    if (route.request().url().endsWith(`/data/${sitesFile}`)) await route.fulfill({ status: 200, contentType, body });
    // fallback, not continue: the manifest handler above (registered first, so asked last) must
    // still rewrite the manifest.
    else await route.fallback();
  });
}

/**
 * For large site sets (a route answer of hundreds of MB crashes the page): writes the sites as a
 * file of the served folder and points the manifest's sites entry at it. With `compact` (the
 * compact copy of the same sites, src/data/compactSites.ts), writes it too and names it in the
 * manifest, as the data build does: the page then reads it. Without, the manifest names none.
 */
export async function serveSitesFile(context: BrowserContext, served: Served, body: string | Buffer, name = 'bench-sites.geojson', compact?: string | Buffer): Promise<void> {
  writeFileSync(join(served.outDir, 'data', name), body);
  const compactFile = compactName(name);
  if (compact !== undefined) writeFileSync(join(served.outDir, 'data', compactFile), compact);
  await context.route(/\/data\/manifest\.json$/, async (route) => {
    const res = await route.fetch();
    const manifest = (await res.json()) as DataManifest;
    if (manifest.layers.sites) {
      const { compact: _old, ...entry } = manifest.layers.sites;
      manifest.layers.sites = { ...entry, file: name, ...(compact !== undefined ? { compact: { file: compactFile, bytes: Buffer.byteLength(compact), sha256: '' } } : {}) };
    }
    await route.fulfill({ response: res, json: manifest });
  });
}

/** Median and nearest-rank p95 / max of the finite values. */
export function stats(xs: number[]): { median: number; p95: number; max: number; n: number } {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return { median: NaN, p95: NaN, max: NaN, n: 0 };
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  return { median: q(0.5), p95: q(0.95), max: s[s.length - 1], n: s.length };
}

/** The machine's load averages (1, 5, 15 min), to print beside every timing. */
export function loadAvg(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return '?';
  }
}
