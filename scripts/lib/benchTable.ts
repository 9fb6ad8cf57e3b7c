/**
 * The README's performance table, written by `npm run bench` (scripts/bench.ts) between the
 * markers BENCH_START and BENCH_END. Pure: the runner gathers the machine, the loads and each
 * bench's JSON summary line (scripts/lib/benchSummary.ts); this module only formats them.
 * Golden test: tests/unit/bench/benchTable.test.ts.
 */
import type { BenchSummaryLine } from './benchSummary';

export const BENCH_START = '<!-- bench:start -->';
export const BENCH_END = '<!-- bench:end -->';

export interface BenchMachine {
  cpu: string;
  cores: number;
  ramGiB: number;
  node: string;
  os: string;
  /** The browser the browser benches drove (`chromium --version`): its storage and WebGL change their figures. */
  browser?: string;
}

export interface BenchRun {
  /** Bench name (file scripts/bench-NAME.ts). */
  name: string;
  /** The command line run, as shown in the table. */
  command: string;
  exitCode: number;
  durationS: number;
  /** 1-minute load average just before and just after the bench. */
  loadBefore: number;
  loadAfter: number;
  summary: BenchSummaryLine | null;
}

export interface BenchReport {
  /** ISO 8601 date of the start of the run. */
  date: string;
  machine: BenchMachine;
  quick: boolean;
  /** 1, 5 and 15-minute load averages before the first bench and after the last. */
  loadBefore: [number, number, number];
  loadAfter: [number, number, number];
  runs: BenchRun[];
}

const nf = (n: number, digits: number) =>
  new Intl.NumberFormat('fr-FR', { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(n).replace(/\u202f/g, ' ');

/** A value with its unit: 3 significant digits below 100 (so 0,000123 stays visible), whole numbers above. */
export function formatValue(v: number | null | undefined, unit: string): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  const text =
    a >= 100 || a === 0
      ? nf(v, 0)
      : new Intl.NumberFormat('fr-FR', { maximumSignificantDigits: 3 }).format(v).replace(/\u202f/g, ' ');
  return unit === '×' ? `× ${text}` : `${text} ${unit}`;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const loads = (l: [number, number, number]) => l.map((x) => nf(x, 2)).join(' / ');

/** The Markdown block (text between the markers, without them). */
export function renderBenchTable(r: BenchReport): string {
  const d = new Date(r.date);
  const day = `${d.toISOString().slice(0, 10)} à ${d.toISOString().slice(11, 16)} UTC`;
  const m = r.machine;
  const out: string[] = [];
  out.push(
    `Mesuré le ${day} par \`npm run bench\`${r.quick ? ' **en mode rapide** (`--quick` : tailles réduites, chiffres indicatifs)' : ''}, ` +
      `sur ${m.cpu}, ${m.cores} cœurs, ${nf(m.ramGiB, 1)} Gio de mémoire, ${m.os}, Node ${m.node}${m.browser ? `, ${m.browser}` : ''}. ` +
      `Charge moyenne (1 / 5 / 15 min) avant : ${loads(r.loadBefore)} ; après : ${loads(r.loadAfter)}. ` +
      'Médiane et p95 sur les essais de chaque banc (— : le banc ne garde que la médiane ou ne fait qu\'un essai).',
  );
  out.push('');
  out.push('| Banc | Mesure | Médiane | p95 | Objectif | Atteint | Charge 1 min avant → après |');
  out.push('| --- | --- | --- | --- | --- | --- | --- |');
  for (const run of r.runs) {
    const load = `${nf(run.loadBefore, 2)} → ${nf(run.loadAfter, 2)}`;
    const bench = `\`${run.name}\``;
    if (!run.summary || run.summary.metrics.length === 0) {
      const why = run.exitCode !== 0 ? `échec (code de sortie ${run.exitCode}) après ${nf(run.durationS, 0)} s` : 'pas de ligne JSON de résumé';
      out.push(`| ${bench} | ${cell(why)} | — | — | — | — | ${load} |`);
      continue;
    }
    const failed = run.exitCode !== 0 ? ` (code de sortie ${run.exitCode})` : '';
    for (const x of run.summary.metrics) {
      const met = x.met === true ? 'oui' : x.met === false ? '**non**' : '—';
      out.push(
        `| ${bench} | ${cell(x.name + failed)} | ${formatValue(x.median, x.unit)} | ${formatValue(x.p95 ?? null, x.unit)} | ${cell(x.target ?? '—')} | ${met} | ${load} |`,
      );
    }
  }
  return out.join('\n');
}

/**
 * The README with the block between the markers replaced by `block` (markers kept). Throws
 * when the markers are missing or out of order: the table is never written elsewhere.
 */
export function replaceBenchBlock(readme: string, block: string): string {
  const a = readme.indexOf(BENCH_START);
  const b = readme.indexOf(BENCH_END);
  if (a < 0 || b < 0 || b < a) throw new Error(`README.md : marqueurs ${BENCH_START} … ${BENCH_END} introuvables.`);
  return `${readme.slice(0, a + BENCH_START.length)}\n${block}\n${readme.slice(b)}`;
}
