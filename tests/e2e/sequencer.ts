/**
 * Order of the browser-test files: the longest first, so that with two files at a time the run
 * does not end on one long file alone while the other worker has nothing left (the longest
 * processing time first rule).
 *
 * Vitest orders by the durations of the previous run when its cache has them, and otherwise
 * (a clean clone, CI) by file size: there the longest files could come last (drafts-crash, 90
 * lines, ran last and alone for 31 s). So the expected durations are kept here, from the
 * per-file table `npm test` prints (seconds, quiet 2-core machine, two files at a time). A file
 * not listed (a new one) runs first, as Vitest does with unknown files; a stale figure only
 * changes the order, never a result.
 */
import { basename } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Seconds per file, from `npm test`'s « Durée par fichier de tests » table on the quiet machine
 * (cc6a994), scaled for the files made lighter since by their CPU-s measured one at a time.
 */
export const EXPECTED_SECONDS: Readonly<Record<string, number>> = {
  'drafts-corrupt.e2e.ts': 56,
  'map.e2e.ts': 50,
  'qgis-import.e2e.ts': 41,
  'curation.e2e.ts': 39,
  'zones.e2e.ts': 36,
  'a11y.e2e.ts': 32,
  'drafts-tabs.e2e.ts': 32,
  'public-tools.e2e.ts': 31,
  'drafts-crash.e2e.ts': 31,
  'popup.e2e.ts': 30,
  'offline.e2e.ts': 28,
  'truth.e2e.ts': 28,
  'mobile.e2e.ts': 27,
  'publish-loop.e2e.ts': 26,
  'search.e2e.ts': 24,
  'shell.e2e.ts': 23,
  'url.e2e.ts': 21,
  'csp.e2e.ts': 18,
  'publish.e2e.ts': 17,
  'update.e2e.ts': 14,
  'drafts-storage.e2e.ts': 13,
  'sheet.e2e.ts': 13,
  'ite.e2e.ts': 11,
  'print-sheets.e2e.ts': 11,
  'scale.e2e.ts': 10,
  'print.e2e.ts': 7,
};

export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // Vitest's own order first (unknown files keep their place among the unknown ones).
    const base = await super.sort(files);
    const expected = (f: TestSpecification) => EXPECTED_SECONDS[basename(f.moduleId)] ?? Infinity;
    return base
      .map((f, i) => ({ f, i, s: expected(f) }))
      .sort((a, b) => (a.s === b.s ? a.i - b.i : b.s - a.s))
      .map((x) => x.f);
  }
}
