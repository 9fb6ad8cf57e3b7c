/**
 * The README performance table written by `npm run bench` (scripts/lib/benchTable.ts): golden
 * in/out. The golden files are rewritten only with UPDATE_GOLDEN=1 (review the diff):
 *
 *   UPDATE_GOLDEN=1 npx vitest run tests/unit/bench
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatValue, renderBenchTable, replaceBenchBlock, type BenchReport } from '../../../scripts/lib/benchTable';
import { parseBenchSummary } from '../../../scripts/lib/benchSummary';

const DIR = path.resolve(__dirname, '../../fixtures/bench');

function golden(name: string, actual: string): void {
  const file = path.join(DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, actual);
  if (!fs.existsSync(file)) throw new Error(`golden file missing: ${name} (run with UPDATE_GOLDEN=1)`);
  expect(actual).toBe(fs.readFileSync(file, 'utf8'));
}

const report = JSON.parse(fs.readFileSync(path.join(DIR, 'report.json'), 'utf8')) as BenchReport;

describe('bench table (README)', () => {
  it('writes machine, loads, date, median, p95, target and met/not met; a bench without summary or failed says so', () => {
    const table = renderBenchTable(report);
    golden('table.out.md', table);
    // What a reader relies on, whatever the golden says:
    expect(table).toContain('Fictitious CPU @ 2.10GHz, 2 cœurs');
    expect(table).toContain('Node v22.12.0, Chromium 150.0.7871.100 built on Debian GNU/Linux 12 (bookworm).');
    expect(table).toContain('2026-12-06 à 07:10 UTC');
    expect(table).toContain('avant : 0,88 / 1,5 / 2,25 ; après : 2,5 / 1,75 / 2');
    expect(table).toContain('| `filter-browser` | changement de filtre, saisie → carte au repos (24 changements) | 76,4 ms | 146 ms | p95 ≤ 100 ms | **non** | 0,88 → 1,9 |');
    expect(table).toContain('| 1 180 ms | 1 313 ms | ≤ 1200 ms | oui |');
    expect(table).toContain('toCSV (500) \\| with a pipe');
    expect(table).toContain('| `drafts` | pas de ligne JSON de résumé |');
    expect(table).toContain('| `import` | échec (code de sortie 1) après 13 s |');
    expect(table).toContain('mode rapide');
  });

  it('replaces only the text between the markers, and refuses a README without them', () => {
    const readme = fs.readFileSync(path.join(DIR, 'README.in.md'), 'utf8');
    const out = replaceBenchBlock(readme, renderBenchTable(report));
    golden('README.out.md', out);
    expect(out.startsWith('# Titre\n\n## Performance\n\nTexte avant.\n\n<!-- bench:start -->\n')).toBe(true);
    expect(out.endsWith('<!-- bench:end -->\n\nTexte après.\n')).toBe(true);
    expect(out).not.toContain('ancienne table');
    // Idempotent: writing again the same table changes nothing.
    expect(replaceBenchBlock(out, renderBenchTable(report))).toBe(out);
    expect(() => replaceBenchBlock('# Sans marqueurs\n', 'x')).toThrow(/marqueurs/);
  });

  it('formats values with their unit, French decimals, — when unknown', () => {
    expect(formatValue(null, 'ms')).toBe('—');
    expect(formatValue(Number.NaN, 'ms')).toBe('—');
    expect(formatValue(0.41234, 'ms')).toBe('0,412 ms');
    expect(formatValue(12.345, 's')).toBe('12,3 s');
    expect(formatValue(0.16, '×')).toBe('× 0,16');
    expect(formatValue(0.000123, 'mm')).toBe('0,000123 mm');
    expect(formatValue(0, 'mm')).toBe('0 mm');
    expect(formatValue(1312.6, 'ms')).toBe('1 313 ms');
  });

  it('reads the last JSON summary line of a bench output, ignoring other JSON and text', () => {
    const out = ['Bench…', '{"not":"a summary"}', '{"bench":"a","metrics":[]}', 'text', '{"bench":"b","metrics":[{"name":"x","unit":"ms","median":1}]}', ''].join('\n');
    expect(parseBenchSummary(out)?.bench).toBe('b');
    expect(parseBenchSummary('no summary\n{"bench":"broken",')).toBeNull();
  });
});
