/**
 * Golden JSON files: `expectGoldenFile(dir, name, value)` compares `value` (as plain JSON) with
 * `dir/name`; only `UPDATE_GOLDEN=1` rewrites the file (review the diff). A plain run never does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

export function expectGoldenFile(dir: string, name: string, value: unknown): void {
  const file = path.join(dir, name);
  const plain = JSON.parse(JSON.stringify(value)) as unknown;
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.writeFileSync(file, `${JSON.stringify(plain, null, 1)}\n`);
    return;
  }
  if (!fs.existsSync(file)) throw new Error(`golden file missing: ${name} (run with UPDATE_GOLDEN=1)`);
  expect(plain).toEqual(JSON.parse(fs.readFileSync(file, 'utf8')));
}
