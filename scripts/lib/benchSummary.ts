/**
 * The machine-readable last line of every bench: one JSON object on one line, printed after
 * the bench's own (unchanged) output. `npm run bench` (scripts/bench.ts) reads it to write the
 * README's performance table.
 *
 *   {"bench":"curation","metrics":[{"name":"toCSV (5000)","unit":"ms","median":12.3,"p95":14.1,
 *     "target":"≤ 100 ms","met":true}]}
 *
 * `median` and `p95` are over the bench's runs (p95 null when the bench keeps only medians or
 * has a single run); `target` and `met` only where the project set a target (issue 13).
 */

export interface BenchMetric {
  name: string;
  unit: string;
  median: number | null;
  p95?: number | null;
  target?: string | null;
  met?: boolean | null;
}

export interface BenchSummaryLine {
  bench: string;
  metrics: BenchMetric[];
  note?: string;
}

/** Nearest-rank percentile (p in 0..100) of the values; null when there are none. */
export function percentile(xs: number[], p: number): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** Collects a bench's metrics and prints them as its last line. */
export function benchSummary(bench: string) {
  const metrics: BenchMetric[] = [];
  let note: string | undefined;
  return {
    add(m: BenchMetric): void {
      metrics.push({ ...m, p95: m.p95 ?? null, target: m.target ?? null, met: m.met ?? null });
    },
    note(text: string): void {
      note = text;
    },
    /** Prints the JSON line (call once, last). */
    print(): void {
      const line: BenchSummaryLine = { bench, metrics, ...(note ? { note } : {}) };
      console.log(JSON.stringify(line));
    },
  };
}

/** Finds the last line of `stdout` that is a bench summary (see above), or null. */
export function parseBenchSummary(stdout: string): BenchSummaryLine | null {
  const lines = stdout.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i].trim();
    if (!l.startsWith('{"bench"')) continue;
    try {
      const v = JSON.parse(l) as BenchSummaryLine;
      if (typeof v.bench === 'string' && Array.isArray(v.metrics)) return v;
    } catch {
      /* not a summary line */
    }
  }
  return null;
}
