/**
 * Vitest reporter that prints, after the default output, the duration of every test file
 * (slowest first) and the tests that take more than a third of their time limit alone
 * (the team rule: e2e limit 90 s → each test < 30 s). Used by both configs, beside 'default'.
 * Unit files run in parallel workers: the sum is not the wall time.
 */
import { relative } from 'node:path';
import type { Reporter, TestModule, Vitest } from 'vitest/node';

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

export default class DurationReporter implements Reporter {
  private root = process.cwd();
  private limit = 0;

  onInit(vitest: Vitest): void {
    this.root = vitest.config.root;
    this.limit = vitest.config.testTimeout;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    if (!testModules.length) return;
    const rows = testModules
      .map((m) => {
        const d = m.diagnostic();
        return { file: relative(this.root, m.moduleId), ms: d.duration, importMs: d.collectDuration + d.setupDuration, state: m.state() };
      })
      .sort((a, b) => b.ms - a.ms);
    const total = rows.reduce((s, r) => s + r.ms, 0);
    const width = Math.max(...rows.map((r) => r.file.length));
    const lines = ['', ' Durée par fichier de tests (per-suite durations: tests and hooks; import of the file apart)'];
    for (const r of rows) lines.push(`   ${r.file.padEnd(width)}  ${seconds(r.ms).padStart(8)}  (import ${seconds(r.importMs)})  ${r.state}`);
    lines.push(`   ${'total (sum of files)'.padEnd(width)}  ${seconds(total).padStart(8)}  (import ${seconds(rows.reduce((s, r) => s + r.importMs, 0))})`);
    const slow: string[] = [];
    for (const m of testModules) {
      for (const t of m.children.allTests()) {
        // The test's own limit (`it(…, fn, 60_000)`), else the config's.
        const limit = t.options.timeout || this.limit;
        const ms = t.diagnostic()?.duration ?? 0;
        if (limit > 0 && ms > limit / 3) slow.push(`   ${seconds(ms).padStart(8)} of ${seconds(limit)}  ${relative(this.root, m.moduleId)} > ${t.fullName}`);
      }
    }
    if (slow.length) lines.push(' Tests au-delà du tiers de leur limite (duration of limit):', ...slow);
    process.stdout.write(lines.join('\n') + '\n');
  }
}
