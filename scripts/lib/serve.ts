/**
 * Shared by the browser benches: build the app into a temporary folder (or use a given one),
 * serve it on a free loopback port, launch headless chromium with the browser tests' flags,
 * and answer the app's request for the sites file with other sites (page.route: no hook in
 * the production code).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview } from 'vite';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import type { DataManifest } from '../../src/domain/types';
import { CHROMIUM_FLAGS } from '../../tests/e2e/browser';

export interface Served {
  url: string;
  outDir: string;
  close(): Promise<void>;
}

/** Builds (unless `dist` is given) and serves the app. `sourcemap` keeps the maps for the profiles. */
export async function serveApp(opts: { dist?: string | null; sourcemap?: boolean } = {}): Promise<Served> {
  const outDir = opts.dist ?? mkdtempSync(join(tmpdir(), 'atlas-bench-'));
  if (!opts.dist) await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: opts.sourcemap ?? false } });
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

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS });
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
    await route.fulfill({ response: res, json: manifest });
  });
  await context.route(/\/data\/[^/?#]+$/, async (route) => {
    if (route.request().url().endsWith(`/data/${sitesFile}`)) await route.fulfill({ status: 200, contentType, body });
    else await route.continue();
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
