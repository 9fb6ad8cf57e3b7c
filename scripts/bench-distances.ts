/**
 * Benchmark of the distances, in one run:
 *
 *  1. Engine: WGS84 ellipsoid (the default) against Turf's sphere on the same sites, CPU time
 *     per site, the ratio, and exact pairs per network — the cost of exactness (issue 13 §7).
 *  2. CLI end to end (`npm run distances`, streaming): FeatureCollection files of 100,000 and
 *     1,000,000 small polygons written to a temporary folder, then the CLI run as a child
 *     process under /usr/bin/time: wall time, CPU time, peak RSS, sites per second.
 *  3. PostGIS, when it answers on 127.0.0.1:$ATLAS_PG_PORT (default 5433, database
 *     atlas_bench: `bash scripts/postgis/setup.sh`): the same 100,000 sites loaded, then for
 *     each network ST_Distance(geography, true) over the top 10 candidates of the index-assisted
 *     `<->` (not LIMIT 1: `<->` ranks on the sphere), written to a file; wall time, the ratio
 *     CLI / PostGIS, and the largest difference between the two results.
 *
 *   npm run bench:distances [-- --sizes 100000,1000000] [--engine 20000] [--no-cli] [--keep]
 *
 * Run it with `nice -n 10` on a shared machine; it prints the load average, and the ratios
 * come from the same run.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Position } from 'geojson';
import { createDistanceCalculator } from '../src/domain/distances/index';
import { NetworkIndex } from '../src/domain/distances/networkIndex';
import { networkParts } from '../src/domain/distances/index';
import { prepareSite } from '../src/domain/distances/siteShape';
import { defaultSourcesDir, loadNetworksFromSources, resolveTransportDir } from '../src/domain/distances/node';
import type { SiteGeometry } from '../src/domain/types';
import { mulberry32 } from '../src/domain/sample';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const SIZES = opt('sizes', '100000,1000000').split(',').map(Number).filter((n) => n > 0);
const ENGINE_SITES = Number(opt('engine', '20000'));
const PG_PORT = process.env.ATLAS_PG_PORT ?? '5433';
const PG_SITES = Number(opt('pg-sites', '100000'));

const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

/** Seeded small polygons (5–8 vertices, radius 30–400 m) or points in the territory box. */
function siteAt(rnd: () => number, kind: 'point' | 'polygon'): SiteGeometry {
  const c: Position = [2.95 + rnd() * 0.8, 49.13 + rnd() * 0.37];
  if (kind === 'point') return { type: 'Point', coordinates: c };
  const k = 5 + Math.floor(rnd() * 4);
  const r = 30 + rnd() * 370;
  const ring: Position[] = [];
  for (let j = 0; j < k; j++) {
    const a = (2 * Math.PI * j) / k;
    ring.push([Math.round((c[0] + (r * Math.cos(a)) / 72700) * 1e7) / 1e7, Math.round((c[1] + (r * Math.sin(a)) / 111200) * 1e7) / 1e7]);
  }
  ring.push(ring[0]);
  return { type: 'Polygon', coordinates: [ring] };
}

const cpuMs = (f: () => void) => {
  const c = process.cpuUsage();
  f();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
};

function engine(dir: string): void {
  const nets = loadNetworksFromSources(dir);
  const ell = createDistanceCalculator(nets);
  const sph = createDistanceCalculator(nets, { model: 'sphere' });
  console.log(`\n== 1. Engine: WGS84 ellipsoid vs sphere (${ENGINE_SITES.toLocaleString('en')} sites of each kind, CPU µs per site, 4 networks + RN2 gap bound)`);
  console.log('kind     | sphere µs | ellipsoid µs | ratio | max (ellipsoid − sphere)');
  for (const kind of ['point', 'polygon'] as const) {
    const rnd = mulberry32(kind === 'point' ? 1 : 2);
    const sites = Array.from({ length: ENGINE_SITES }, () => siteAt(rnd, kind));
    const run = (calc: typeof ell) => () => {
      for (const s of sites) calc.compute(s);
    };
    run(ell)();
    run(sph)(); // warm-up (JIT)
    const s: number[] = [];
    const e: number[] = [];
    for (let k = 0; k < 3; k++) {
      s.push(cpuMs(run(sph)));
      e.push(cpuMs(run(ell)));
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
    let maxDiff = 0;
    for (const g of sites.slice(0, 2000)) {
      const a = ell.compute(g), b = sph.compute(g);
      for (const key of ['rn2', 'waterway', 'station', 'ite'] as const) maxDiff = Math.max(maxDiff, a[key]!.distance_m - b[key]!.distance_m);
    }
    const us = (ms: number) => ((ms * 1000) / sites.length).toFixed(1);
    console.log(`${kind.padEnd(8)} | ${us(med(s)).padStart(9)} | ${us(med(e)).padStart(12)} | ${(med(e) / med(s)).toFixed(2).padStart(5)} | ${maxDiff.toFixed(1)} m`);
  }
  // Exact (Karney) pairs per site and network: what the 3D bounds leave to measure.
  const parts: string[] = [];
  for (const [name, fc] of [['rn2', nets.rn2], ['waterway', nets.waterway], ['stations', nets.stations], ['ite', nets.ite]] as const) {
    const index = new NetworkIndex(networkParts(fc));
    const rnd = mulberry32(3);
    for (let i = 0; i < 5000; i++) index.nearest(prepareSite(siteAt(rnd, i % 2 ? 'point' : 'polygon'))!);
    parts.push(`${name} ${(index.stats.pairs / 5000).toFixed(2)} pairs (${(index.stats.inverse / 5000).toFixed(2)} inverse problems)`);
  }
  console.log(`exact pairs per site: ${parts.join(', ')}`);
}

async function writeSites(file: string, n: number, seed: number): Promise<number> {
  const out = createWriteStream(file);
  const rnd = mulberry32(seed);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write('{"type":"FeatureCollection","features":[\n');
  let block: string[] = [];
  for (let i = 0; i < n; i++) {
    block.push(`${i ? ',' : ''}{"type":"Feature","properties":{"id":"S${i}","name":"Terrain ${i}"},"geometry":${JSON.stringify(siteAt(rnd, 'polygon'))}}\n`);
    if (block.length === 2000) {
      await write(block.join(''));
      block = [];
    }
  }
  await write(block.join('') + ']}\n');
  await new Promise<void>((r) => out.end(() => r()));
  return statSync(file).size;
}

interface CliRun {
  wallS: number;
  cpuS: number;
  rssMb: number;
  ok: boolean;
  stderr: string;
}

function runCli(input: string, output: string, dir: string): CliRun {
  const r = spawnSync(
    '/usr/bin/time',
    ['-f', '%e %U %S %M', process.execPath, '--import', 'tsx', 'scripts/distances.ts', '--in', input, '--out', output, '--sources', dir],
    { encoding: 'utf8', maxBuffer: 1 << 28 },
  );
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [e, u, s, m] = last.split(' ').map(Number);
  return { wallS: e, cpuS: u + s, rssMb: m / 1024, ok: r.status === 0, stderr: r.stderr };
}

function pgAvailable(): boolean {
  const r = spawnSync('psql', ['-h', '127.0.0.1', '-p', PG_PORT, '-U', 'postgres', '-d', 'atlas_bench', '-tAc', "select count(*) from rn2_seg"], { encoding: 'utf8' });
  return r.status === 0 && Number(r.stdout.trim()) > 0;
}

/** Runs PostGIS on the first `n` sites of `input`: load, index, top-k query, output. */
function postgis(input: string, n: number, outCsv: string): { wallS: number; rows: number } {
  const fc = JSON.parse(readFileSync(input, 'utf8')) as { features: { geometry: { coordinates: Position[][] } }[] };
  const rows = fc.features.slice(0, n).map((f, i) => `${i}\tSRID=4326;POLYGON((${f.geometry.coordinates[0].map((p) => `${p[0]} ${p[1]}`).join(',')}))`);
  const K = 10;
  const top = (table: string) => `(select min(st_distance(s.geog, n.geog, true)) from (select geog from ${table} order by geog <-> s.geog limit ${K}) n)`;
  const sql = [
    'drop table if exists sites;',
    'create table sites (id int, geog geography(Polygon, 4326));',
    '\\copy sites from stdin',
    ...rows,
    '\\.',
    'create index on sites using gist (geog); analyze sites;',
    `\\copy (select s.id, ${top('rn2_seg')}, ${top('waterway_seg')}, ${top('station')}, ${top('ite')} from sites s order by s.id) to '${outCsv}' csv`,
  ].join('\n');
  const t = performance.now();
  const r = spawnSync('psql', ['-h', '127.0.0.1', '-p', PG_PORT, '-U', 'postgres', '-d', 'atlas_bench', '-v', 'ON_ERROR_STOP=1', '-q'], { input: sql + '\n', encoding: 'utf8', maxBuffer: 1 << 28 });
  const wallS = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(r.stderr);
  return { wallS, rows: rows.length };
}

async function main(): Promise<void> {
  const dir = [opt('sources', ''), defaultSourcesDir(), join(process.cwd(), 'public', 'data')].find((d) => d && resolveTransportDir(d));
  if (!dir) {
    console.error('Données de transport introuvables (--sources DOSSIER, $ATLAS_SOURCES, ../shared/opendata ou public/data).');
    process.exit(2);
  }
  console.log(`Distances bench — Node ${process.version}, ${process.platform}/${process.arch}; load average at start: ${load()}`);
  engine(dir);
  if (args.includes('--no-cli')) return;

  const tmp = mkdtempSync(join(tmpdir(), 'bench-distances-'));
  try {
    console.log('\n== 2. CLI end to end (npm run distances, streaming; polygons of 5–8 vertices; wall and CPU seconds, peak RSS)');
    console.log('sites      | input MB | wall s | CPU s | peak RSS MB | sites/s   | load');
    let pgInput: string | null = null;
    let pgCli: CliRun | null = null; // the first run (section 2)
    let pgOutput: string | null = null;
    for (const n of SIZES) {
      const input = join(tmp, `sites-${n}.geojson`);
      const output = join(tmp, `out-${n}.geojson`);
      const bytes = await writeSites(input, n, 2026);
      const r = runCli(input, output, dir);
      if (!r.ok) {
        console.log(`${String(n).padEnd(10)} | CLI failed:\n${r.stderr}`);
        continue;
      }
      console.log(
        `${n.toLocaleString('en').padEnd(10)} | ${(bytes / 1e6).toFixed(0).padStart(8)} | ${r.wallS.toFixed(1).padStart(6)} | ${r.cpuS.toFixed(1).padStart(5)} | ${r.rssMb.toFixed(0).padStart(11)} | ${Math.round(n / r.wallS).toLocaleString('en').padStart(9)} | ${load()}`,
      );
      if (n === PG_SITES || (pgInput === null && n >= PG_SITES)) {
        pgInput = input;
        pgCli = r;
        pgOutput = output;
      } else if (!args.includes('--keep')) {
        rmSync(output, { force: true });
        if (n !== PG_SITES) rmSync(input, { force: true });
      }
    }

    console.log('\n== 3. PostGIS (ST_Distance(geography, true) over the top 10 of the `<->` index search, 4 networks)');
    if (!pgAvailable()) {
      console.log(`PostGIS does not answer on 127.0.0.1:${PG_PORT} (database atlas_bench with the networks): run « bash scripts/postgis/setup.sh » to compare.`);
      return;
    }
    if (!pgInput || !pgCli || !pgOutput) {
      console.log(`No CLI run of ${PG_SITES} sites to compare with (--sizes must include ${PG_SITES}).`);
      return;
    }
    const csv = join(tmp, 'postgis.csv');
    // Paired: the CLI again on the same file right before PostGIS, then PostGIS, then the CLI
    // once more; the ratio uses the mean of the two CLI runs (the load changes over minutes).
    const before = runCli(pgInput, pgOutput, dir);
    const pg = postgis(pgInput, PG_SITES, csv);
    const after = runCli(pgInput, pgOutput, dir);
    const cliS = (before.wallS + after.wallS) / 2;
    // Accuracy: PostGIS's unrounded distances against the engine's, per network.
    const sites = (JSON.parse(readFileSync(pgInput, 'utf8')) as { features: { geometry: SiteGeometry }[] }).features;
    const calc = createDistanceCalculator(loadNetworksFromSources(dir));
    const keys = ['rn2', 'waterway', 'station', 'ite'] as const;
    const maxDiff = [0, 0, 0, 0];
    const maxRel = [0, 0, 0, 0];
    for (const line of readFileSync(csv, 'utf8').trim().split('\n')) {
      const [id, ...vals] = line.split(',').map(Number);
      const d = calc.compute(sites[id].geometry);
      vals.forEach((v, k) => {
        const mine = d[keys[k]]!.distance_m;
        maxDiff[k] = Math.max(maxDiff[k], Math.abs(v - mine));
        if (mine > 100) maxRel[k] = Math.max(maxRel[k], Math.abs(v - mine) / mine);
      });
    }
    console.log(
      `${pg.rows.toLocaleString('en')} sites: PostGIS ${pg.wallS.toFixed(1)} s (load, index, query, output), CLI ${before.wallS.toFixed(1)} s before and ` +
        `${after.wallS.toFixed(1)} s after → CLI / PostGIS = ${(cliS / pg.wallS).toFixed(2)} (PostGIS ${(pg.wallS / cliS).toFixed(1)}× the CLI's time); load ${load()}`,
    );
    console.log(
      `largest |PostGIS − engine|: ${keys.map((k, i) => `${k} ${(maxDiff[i] * 1000).toFixed(1)} mm (${(maxRel[i] * 100).toExponential(1)} %)`).join(', ')} ` +
        '(PostGIS measures to great-circle edges, the engine to geodesic edges)',
    );
  } finally {
    if (!args.includes('--keep')) rmSync(tmp, { recursive: true, force: true });
    else console.log(`(files kept in ${tmp})`);
  }
}

void main();
if (!existsSync('/usr/bin/time')) console.warn('/usr/bin/time absent: the CLI timings need it (Debian package « time »).');
