/**
 * Bench: time from navigation start to the map's first `idle` with data
 * (`performance.mark('atlas-first-idle')`, set by src/map), the CPU the browser used to get there,
 * and the JavaScript loaded before it (every chunk, gzipped).
 *
 *   npx tsx scripts/bench-first-idle.ts [--runs 7] [--dist DIR] [--compare DIR]
 *
 * Builds the app (vite build) into a temp dir (or serves --dist), opens it N times in headless
 * chromium (same flags as the browser tests, a fresh context each time: cold cache), and prints
 * the median and p95 of the first idle, the median time of each start-up step, the CPU time the
 * browser's processes used from navigation to first idle (renderer, GPU…: a measure of the work
 * that the machine's load does not inflate the way it inflates wall time), and the size of each
 * JS file requested before the first idle, gzipped (level 9), with the total, split into the floor
 * (MapLibre, its worker included, and React: the atlas cannot start without them) and the rest
 * (our code and the other libraries), with the largest parts of the rest (scripts/lib/chunkParts.ts,
 * from the build's hidden source maps; for a --dist build without maps the split is unknown).
 * `--compare DIR` also opens another build, alternating runs, and prints the ratios (A/B).
 * Targets (issue 13 §1): ≤ 300 kB of gzipped JS before the first idle; first idle ≤ 1.2 s median
 * on a quiet machine. Needs public/data/ (npm run data). Last line: a JSON summary.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { benchSummary } from './lib/benchSummary';
import { chunkParts, isFloor } from './lib/chunkParts';
import { cpuSince, launchChromium, loadAvg, newContext, serveApp, stats, type Served } from './lib/serve';

function arg(name: string): string | null {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}

const RUNS = Number(arg('--runs') ?? 7);
const TARGET_GZ_KB = 300;
const TARGET_MS = 1200;
const STEPS = ['atlas-map-start', 'atlas-fonts-ready', 'atlas-style-loaded', 'atlas-data-set', 'atlas-first-idle'] as const;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;

interface Run {
  idle: number;
  dcl: number;
  steps: number[];
  cpu: number;
  cpuByType: Record<string, number>;
}

interface Variant {
  name: string;
  served: Served;
  runs: Run[];
  loaded: Set<string>;
  sizes: { file: string; raw: number; gz: number }[];
  parts?: Map<string, Map<string, { raw: number; gz: number }>>;
  /** The JS files with no source map, those that never have one apart (MAPLESS). */
  unmapped?: Set<string>;
}

/** Each JS file's parts (read before the served build is removed). */
function partsOfFiles(outDir: string, files: string[]): Map<string, Map<string, { raw: number; gz: number }>> {
  return new Map(files.map((f) => [f, chunkParts(join(outDir, f))]));
}

/** Files that have no source map in any build: MapLibre's worker (copied as is) and the bundler's own helpers. */
const MAPLESS = /(^|\/)(maplibre-gl-worker|preload-helper|rolldown-runtime)-/;

/**
 * The JS loaded at start, by part (package or source folder), summed over the files, and split
 * into the floor (MapLibre and React) and the rest. Null when a file has no map that should have
 * one (MAPLESS apart): a `--dist` build made without `--sourcemap hidden` bundles MapLibre and
 * React into files that cannot be told apart.
 */
function startParts(byFile: Map<string, Map<string, { raw: number; gz: number }>>, files: string[], unmapped: ReadonlySet<string>): { floorGz: number; restGz: number; rest: [string, number][] } | null {
  if (files.some((f) => unmapped.has(f))) return null;
  const parts = new Map<string, number>();
  for (const f of files) for (const [p, v] of byFile.get(f) ?? []) parts.set(p, (parts.get(p) ?? 0) + v.gz);
  let floorGz = 0;
  let restGz = 0;
  const rest: [string, number][] = [];
  for (const [p, gz] of parts) {
    if (isFloor(p)) floorGz += gz;
    else {
      restGz += gz;
      rest.push([p, gz]);
    }
  }
  return { floorGz, restGz, rest: rest.sort((a, b) => b[1] - a[1]) };
}

function jsSizes(outDir: string) {
  return filesUnder(outDir)
    .filter((f) => /\.(m?js)$/.test(f) && !f.startsWith(join(outDir, 'data')))
    .map((f) => {
      const buf = readFileSync(f);
      return { file: relative(outDir, f), raw: buf.length, gz: gzipSync(buf, { level: 9 }).length };
    });
}

async function main(): Promise<void> {
  if (!existsSync('public/data/manifest.json')) throw new Error('public/data/manifest.json manquant : lancez « npm run data ».');
  const variants: Variant[] = [];
  const a = await serveApp({ dist: arg('--dist') ?? arg('--no-build'), sourcemap: 'hidden' });
  variants.push({ name: 'A', served: a, runs: [], loaded: new Set(), sizes: jsSizes(a.outDir) });
  const other = arg('--compare');
  if (other) {
    const b = await serveApp({ dist: other });
    variants.push({ name: 'B', served: b, runs: [], loaded: new Set(), sizes: jsSizes(b.outDir) });
  }

  const browser = await launchChromium();
  try {
    for (let i = 0; i < RUNS; i++) {
      const order = i % 2 === 0 ? variants : [...variants].reverse();
      for (const v of order) {
        const url = v.served.url;
        const context = await newContext(browser);
        const page = await context.newPage();
        let started = true;
        context.on('request', (r) => {
          const u = r.url();
          if (started && u.startsWith(url) && /\.m?js(\?|$)/.test(u)) v.loaded.add(u.slice(url.length).replace(/\?.*$/, ''));
        });
        const cpu0 = browser.cpu();
        await page.goto(url);
        await page.waitForFunction(() => performance.getEntriesByName('atlas-first-idle').length > 0, null, { timeout: 120000 });
        const cpu = cpuSince(cpu0, browser.cpu());
        started = false;
        const r = await page.evaluate((names) => {
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
          return { dcl: nav?.domContentLoadedEventEnd ?? NaN, marks: names.map((n) => performance.getEntriesByName(n)[0]?.startTime ?? NaN) };
        }, [...STEPS]);
        const idle = r.marks[STEPS.length - 1];
        v.runs.push({ idle, dcl: r.dcl, steps: r.marks, cpu: cpu.total, cpuByType: cpu.byType });
        process.stdout.write(`run ${i + 1}/${RUNS}${variants.length > 1 ? ` ${v.name}` : ''}: ${idle.toFixed(0)} ms, CPU ${cpu.total.toFixed(0)} ms\n`);
        await context.close();
      }
    }
    for (const v of variants) {
      const files = [...v.loaded].filter((f) => v.sizes.some((s) => s.file === f));
      v.parts = partsOfFiles(v.served.outDir, files);
      v.unmapped = new Set(files.filter((f) => !MAPLESS.test(f) && !existsSync(join(v.served.outDir, `${f}.map`))));
    }
  } finally {
    await browser.close();
    for (const v of variants) await v.served.close();
  }

  const load = loadAvg();
  const summary: Record<string, unknown> = { bench: 'first-idle', load, runs: RUNS };
  for (const v of variants) {
    const idle = stats(v.runs.map((r) => r.idle));
    const cpu = stats(v.runs.map((r) => r.cpu));
    const pageJs = v.sizes.filter((s) => v.loaded.has(s.file));
    const sum = (xs: typeof pageJs, k: 'raw' | 'gz') => xs.reduce((acc, s) => acc + s[k], 0);
    const startGz = sum(pageJs, 'gz');
    console.log('');
    if (variants.length > 1) console.log(`== ${v.name} (${v.served.outDir})`);
    console.log(`first idle (navigation start → map idle with data), ${RUNS} runs, headless chromium (SwiftShader), load ${load}:`);
    console.log(`  median ${idle.median.toFixed(0)} ms   p95 ${idle.p95.toFixed(0)} ms   max ${idle.max.toFixed(0)} ms   (objectif ≤ ${TARGET_MS} ms au calme)`);
    console.log('  median of each step (ms from navigation start):');
    console.log(`    DOMContentLoaded     ${stats(v.runs.map((r) => r.dcl)).median.toFixed(0)}`);
    STEPS.forEach((s, k) => console.log(`    ${s.padEnd(20)} ${stats(v.runs.map((r) => r.steps[k])).median.toFixed(0)}`));
    const types = [...new Set(v.runs.flatMap((r) => Object.keys(r.cpuByType)))].filter((t) => stats(v.runs.map((r) => r.cpuByType[t] ?? 0)).median >= 5);
    console.log(`  CPU of the browser's processes until first idle: median ${cpu.median.toFixed(0)} ms (${types.map((t) => `${t} ${stats(v.runs.map((r) => r.cpuByType[t] ?? 0)).median.toFixed(0)}`).join(', ')})`);
    console.log('');
    console.log('JS loaded before the first idle (gzip -9):');
    for (const s of pageJs.sort((x, y) => y.gz - x.gz)) console.log(`  ${s.file.padEnd(52)} ${kb(s.raw).padStart(10)}  gz ${kb(s.gz).padStart(9)}`);
    console.log(`  total: ${kb(sum(pageJs, 'raw'))} (gz ${kb(startGz)}; objectif ≤ ${TARGET_GZ_KB} kB)${startGz / 1024 <= TARGET_GZ_KB ? '' : ' : NON atteint'}`);
    const later = v.sizes.filter((s) => !v.loaded.has(s.file));
    const split = startParts(v.parts ?? new Map(), pageJs.map((s) => s.file), v.unmapped ?? new Set());
    if (split) {
      console.log(`  of which the floor, MapLibre (its worker included) and React: gz ${kb(split.floorGz)}; the rest (the atlas's code and other libraries): gz ${kb(split.restGz)}`);
      console.log(`  largest parts of the rest: ${split.rest.slice(0, 12).map(([p, gz]) => `${p} ${kb(gz)}`).join(', ')}`);
    } else console.log('  floor and rest: unknown (this build has no source maps: build it with `npx vite build --sourcemap hidden`)');
    console.log(`Loaded on demand later: ${later.length} files, ${kb(sum(later, 'raw'))} (gz ${kb(sum(later, 'gz'))}); all JS: gz ${kb(sum(v.sizes, 'gz'))}`);
    summary[v.name] = {
      firstIdle: { median: idle.median, p95: idle.p95, max: idle.max },
      cpuMs: cpu.median,
      startJsGzKB: Math.round((startGz / 1024) * 10) / 10,
      floorGzKB: split ? Math.round((split.floorGz / 1024) * 10) / 10 : null,
      restGzKB: split ? Math.round((split.restGz / 1024) * 10) / 10 : null,
      startChunks: Object.fromEntries(pageJs.map((s) => [s.file, Math.round((s.gz / 1024) * 10) / 10])),
      allJsGzKB: Math.round((sum(v.sizes, 'gz') / 1024) * 10) / 10,
    };
  }
  if (variants.length > 1) {
    const [va, vb] = variants;
    const m = (v: Variant, k: 'idle' | 'cpu') => stats(v.runs.map((r) => r[k])).median;
    console.log(`\nA/B: first idle ${(m(va, 'idle') / m(vb, 'idle')).toFixed(2)}, CPU ${(m(va, 'cpu') / m(vb, 'cpu')).toFixed(2)} (medians, runs alternated)`);
  }
  console.log(JSON.stringify(summary));
  // Last line, for `npm run bench` (scripts/lib/benchSummary.ts): the first variant.
  const first = variants[0];
  const firstIdle = stats(first.runs.map((r) => r.idle));
  const firstGzKB = (summary[first.name] as { startJsGzKB: number }).startJsGzKB;
  const line = benchSummary('first-idle');
  line.add({ name: `premier repos de la carte (${RUNS} chargements)`, unit: 'ms', median: firstIdle.median, p95: firstIdle.p95, target: `≤ ${TARGET_MS} ms (machine au repos)`, met: firstIdle.median <= TARGET_MS });
  line.add({ name: 'JS gzip chargé avant le premier repos', unit: 'kB', median: firstGzKB, target: `≤ ${TARGET_GZ_KB} kB`, met: firstGzKB <= TARGET_GZ_KB });
  const parts = summary[first.name] as { floorGzKB: number | null; restGzKB: number | null };
  if (parts.floorGzKB !== null && parts.restGzKB !== null) {
    line.add({ name: '… dont MapLibre (et son worker) et React', unit: 'kB', median: parts.floorGzKB, target: null, met: null });
    line.add({ name: '… dont le reste (code de l’atlas, autres bibliothèques)', unit: 'kB', median: parts.restGzKB, target: null, met: null });
  }
  line.print();
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
