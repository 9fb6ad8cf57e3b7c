/**
 * Bench: time from navigation start to the map's first `idle` with data
 * (`performance.mark('atlas-first-idle')`, set by src/map), and the size of the JS bundle.
 *
 *   npx tsx scripts/bench-first-idle.ts [--runs 5] [--no-build DIR]
 *
 * Builds the app (vite build) into a temp dir, serves it on a loopback port, opens it N times
 * in headless chromium (same flags as the browser tests, fresh context each time: cold cache),
 * and prints median / min / max, plus the gzipped size of the JS the page loads and of all JS.
 * Needs public/data/ (npm run data).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../tests/e2e/browser';

function arg(name: string): string | null {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}

const RUNS = Number(arg('--runs') ?? 5);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function main(): Promise<void> {
  if (!existsSync('public/data/manifest.json')) throw new Error('public/data/manifest.json manquant : lancez « npm run data ».');
  const given = arg('--no-build');
  const outDir = given ?? mkdtempSync(join(tmpdir(), 'atlas-bench-'));
  if (!given) await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });

  // Bundle sizes.
  const js = filesUnder(outDir).filter((f) => /\.(m?js)$/.test(f) && !f.includes(`${join(outDir, 'data')}`));
  const sizes = js.map((f) => {
    const buf = readFileSync(f);
    return { file: relative(outDir, f), raw: buf.length, gz: gzipSync(buf, { level: 9 }).length };
  });

  const server = await preview({ logLevel: 'warn', build: { outDir }, preview: { port: 0, host: '127.0.0.1', strictPort: false } });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no port');
  const url = `http://127.0.0.1:${address.port}/`;

  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  const times: number[] = [];
  const STEPS = ['atlas-map-start', 'atlas-fonts-ready', 'atlas-style-loaded', 'atlas-data-set', 'atlas-first-idle'] as const;
  const steps: Record<string, number[]> = Object.fromEntries(STEPS.map((s) => [s, []]));
  const dcl: number[] = [];
  const loaded = new Set<string>();
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR' });
      await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (r) => r.abort());
      const page = await context.newPage();
      context.on('request', (r) => {
        const u = r.url();
        if (u.startsWith(url) && /\.m?js$/.test(u)) loaded.add(u.slice(url.length));
      });
      await page.goto(url);
      await page.waitForFunction(() => performance.getEntriesByName('atlas-first-idle').length > 0, null, { timeout: 120000 });
      const r = await page.evaluate((names) => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        return { dcl: nav?.domContentLoadedEventEnd ?? NaN, marks: names.map((n) => performance.getEntriesByName(n)[0]?.startTime ?? NaN) };
      }, [...STEPS]);
      const t = r.marks[STEPS.length - 1];
      times.push(t);
      dcl.push(r.dcl);
      STEPS.forEach((s, k) => steps[s].push(r.marks[k]));
      process.stdout.write(`run ${i + 1}/${RUNS}: ${t.toFixed(0)} ms\n`);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
    if (!given) rmSync(outDir, { recursive: true, force: true });
  }

  const pageJs = sizes.filter((s) => loaded.has(s.file));
  const sum = (xs: typeof sizes, k: 'raw' | 'gz') => xs.reduce((a, s) => a + s[k], 0);
  console.log('');
  console.log(`first idle (navigation start → map idle with data), ${RUNS} runs, headless chromium (SwiftShader):`);
  console.log(`  median ${median(times).toFixed(0)} ms   min ${Math.min(...times).toFixed(0)} ms   max ${Math.max(...times).toFixed(0)} ms`);
  console.log('  median of each step (ms from navigation start):');
  console.log(`    DOMContentLoaded ${median(dcl).toFixed(0)}`);
  for (const s of STEPS) console.log(`    ${s.padEnd(20)} ${median(steps[s]).toFixed(0)}`);
  console.log('');
  console.log('JS bundle (gzip -9):');
  for (const s of sizes.sort((a, b) => b.gz - a.gz)) {
    console.log(`  ${s.file.padEnd(52)} ${kb(s.raw).padStart(10)}  gz ${kb(s.gz).padStart(9)}${loaded.has(s.file) ? '  (loaded at start)' : ''}`);
  }
  console.log(`  loaded at start: ${kb(sum(pageJs, 'raw'))} (gz ${kb(sum(pageJs, 'gz'))}); all JS: ${kb(sum(sizes, 'raw'))} (gz ${kb(sum(sizes, 'gz'))})`);
  // Last line, for `npm run bench` (scripts/lib/benchSummary.ts).
  const sorted = [...times].sort((a, b) => a - b);
  console.log(JSON.stringify({ bench: 'first-idle', metrics: [
    { name: `premier repos de la carte (${RUNS} chargements)`, unit: 'ms', median: median(times), p95: sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)], target: '≤ 1200 ms (machine au repos)', met: median(times) <= 1200 },
    { name: 'JS gzip chargé au démarrage', unit: 'kB', median: sum(pageJs, 'gz') / 1024, target: '≤ 300 kB', met: sum(pageJs, 'gz') / 1024 <= 300 },
  ] }));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
