/**
 * Runs every bench under scripts/ (scripts/bench-*.ts) one after the other, each as a child
 * process, reads its last JSON summary line (scripts/lib/benchSummary.ts), and writes the
 * performance table of README.md between <!-- bench:start --> and <!-- bench:end -->: the
 * machine (CPU, cores, memory), the load average before and after (the whole run and each
 * bench), median and p95, the date, the target and whether it is met.
 *
 *   npm run bench [-- --only filter,first-idle] [--quick] [--dry-run] [--list]
 *
 * --only a,b   only these benches (names without « bench- » and « .ts »); the table then holds
 *              only them (the whole table is rewritten: run everything for the README).
 * --quick      smaller sizes and fewer runs (a smoke run, figures only indicative; the table
 *              says so).
 * --dry-run    prints the table instead of writing README.md.
 * --list       lists the benches and the command each would run, then stops.
 *
 * Each bench's own output goes through to the terminal. A bench that fails or prints no
 * summary line gets a row saying so; the exit code is 1 when any bench failed.
 * Run on a quiet machine, e.g. `nice -n 10 npm run bench` when sharing it.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, arch, platform } from 'node:os';
import { join } from 'node:path';
import { parseBenchSummary } from './lib/benchSummary';
import { CHROMIUM_PATH } from '../tests/e2e/browser';
import { renderBenchTable, replaceBenchBlock, type BenchRun } from './lib/benchTable';

/** Options per bench: full run (defaults of the bench) and quick run. Unknown benches run with none. */
const ARGS: Record<string, { full?: string[]; quick: string[] }> = {
  distances: { quick: ['--sizes', '20000', '--engine', '2000'] },
  'brute-force': { quick: ['--sites', '100'] },
  import: { quick: ['--n', '2000', '--vertices', '20000', '--runs', '1', '--no-merge'] },
  'filter-browser': { quick: ['--rounds', '1'] },
  'first-idle': { quick: ['--runs', '2'] },
  'scale-browser': { full: ['--counts', '10000,25000,50000,100000,200000', '--rounds', '3'], quick: ['--counts', '10000', '--rounds', '1'] },
  filter: { quick: ['--runs', '3'] },
  curation: { quick: ['--runs', '3', '--n', '500'] },
  'curation-ui': { quick: ['--runs', '3', '--n', '500', '--drafts', '50'] },
  'zone-attach': { quick: ['--runs', '3', '--n', '2000'] },
  'site-tiles': { quick: ['--runs', '2', '--n', '20000'] },
  drafts: { quick: [] },
};

/** Order: quick Node benches first, the browser and the long ones last. */
const ORDER = ['filter', 'curation', 'curation-ui', 'zone-attach', 'site-tiles', 'drafts', 'brute-force', 'distances', 'first-idle', 'filter-browser', 'scale-browser', 'import'];

function argValue(name: string): string | null {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}

export function listBenches(dir = 'scripts'): string[] {
  const names = readdirSync(dir)
    .filter((f) => /^bench-[\w-]+\.ts$/.test(f))
    .map((f) => f.slice('bench-'.length, -'.ts'.length));
  const rank = (n: string) => (ORDER.includes(n) ? ORDER.indexOf(n) : ORDER.length);
  return names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function commandFor(name: string, quick: boolean): string[] {
  const a = ARGS[name];
  return ['--import', 'tsx', join('scripts', `bench-${name}.ts`), ...((quick ? a?.quick : a?.full) ?? [])];
}

/** Runs one bench, its output going through to ours; resolves with its stdout. */
function run(args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (b: Buffer) => {
      process.stdout.write(b);
      stdout += b.toString();
    });
    child.on('error', (e) => resolve({ code: 127, stdout: stdout + String(e) }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout }));
  });
}

const load3 = () => loadavg().map((x) => Math.round(x * 100) / 100) as [number, number, number];

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const only = argValue('--only')?.split(',').map((s) => s.trim()).filter(Boolean) ?? null;
  const all = listBenches();
  if (only) {
    const unknown = only.filter((n) => !all.includes(n));
    if (unknown.length) throw new Error(`Banc(s) inconnu(s) : ${unknown.join(', ')}. Bancs : ${all.join(', ')}.`);
  }
  const names = only ? all.filter((n) => only.includes(n)) : all;
  if (process.argv.includes('--list')) {
    for (const n of names) console.log(`${n.padEnd(16)} node ${commandFor(n, quick).join(' ')}`);
    return;
  }

  const date = new Date().toISOString();
  const loadBefore = load3();
  const runs: BenchRun[] = [];
  for (const name of names) {
    const args = commandFor(name, quick);
    const command = `tsx ${args.slice(2).join(' ')}`;
    console.log(`\n━━ npm run bench : ${name} — ${command} (charge ${loadavg()[0].toFixed(2)})`);
    const before = loadavg()[0];
    const t = performance.now();
    const r = await run(args);
    const durationS = (performance.now() - t) / 1000;
    const summary = parseBenchSummary(r.stdout);
    runs.push({ name, command, exitCode: r.code, durationS, loadBefore: Math.round(before * 100) / 100, loadAfter: Math.round(loadavg()[0] * 100) / 100, summary });
    console.log(`━━ ${name} : ${r.code === 0 ? 'fini' : `ÉCHEC (code ${r.code})`} en ${durationS.toFixed(1)} s${summary ? '' : ' — pas de ligne JSON de résumé'}`);
  }
  const c = cpus();
  const table = renderBenchTable({
    date,
    machine: {
      cpu: (c[0]?.model ?? 'processeur inconnu').replace(/\s+/g, ' ').trim(),
      cores: c.length,
      ramGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
      node: process.version,
      os: `${platform() === 'linux' ? 'Linux' : platform()} ${release()} ${arch()}`,
      browser: browserVersion(),
    },
    quick,
    loadBefore,
    loadAfter: load3(),
    runs,
  });
  if (process.argv.includes('--dry-run')) console.log(`\n${table}`);
  else {
    writeFileSync('README.md', replaceBenchBlock(readFileSync('README.md', 'utf8'), table));
    console.log('\nREADME.md : tableau des performances réécrit (entre <!-- bench:start --> et <!-- bench:end -->).');
  }
  if (runs.some((r) => r.exitCode !== 0)) process.exitCode = 1;
}

/** The version of the chromium the browser benches drive, or « navigateur inconnu ». */
function browserVersion(): string {
  try {
    return execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', timeout: 20000 }).replace(/\s+/g, ' ').trim();
  } catch {
    return 'navigateur inconnu';
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
