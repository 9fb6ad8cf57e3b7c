/** Shared helpers of the bench scripts: integer options and median timings. */

/** The positive integer after `name` on the command line, else `def`. */
export function intArg(name: string, def: number): number {
  const i = process.argv.indexOf(name);
  const n = i >= 0 ? Number(process.argv[i + 1]) : def;
  return Number.isInteger(n) && n > 0 ? n : def;
}

/** Upper median (the middle element of the sorted copy). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Median time (ms) of `fn` over `runs` runs, after one warm-up call. Each run calls `fn`
 * `inner` times and counts the mean (for calls too short to time one by one).
 */
export function medianMs(fn: () => unknown, runs: number, inner = 1): number {
  return median(runTimes(fn, runs, inner));
}

/** The times (ms) of `runs` runs of `fn` after one warm-up call, each the mean of `inner` calls. */
function runTimes(fn: () => unknown, runs: number, inner: number): number[] {
  fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    for (let k = 0; k < inner; k++) fn();
    xs.push((performance.now() - t) / inner);
  }
  return xs;
}

/** Milliseconds as text: 3 decimals under 1 ms, else 1. */
export function formatMs(m: number): string {
  return m < 1 ? m.toFixed(3) : m.toFixed(1);
}

/**
 * Like medianMs (same warm-up, same median), and the 95th percentile (nearest rank) of the
 * runs too, for the benches' JSON summary line.
 */
export function statsMs(fn: () => unknown, runs: number, inner = 1): { median: number; p95: number } {
  const xs = runTimes(fn, runs, inner);
  const s = [...xs].sort((a, b) => a - b);
  return { median: median(xs), p95: s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)] };
}
