/** Fixtures of the drafts tests (tests/fixtures/drafts, hand-made, fictitious). */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/drafts');

export function fixture<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8')) as T;
}

/** Compares with a golden JSON file; only `UPDATE_GOLDEN=1` rewrites it (review the diff). */
export function expectGolden(name: string, value: unknown): void {
  const file = path.join(FIXTURES, name);
  const plain = JSON.parse(JSON.stringify(value)) as unknown;
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.writeFileSync(file, `${JSON.stringify(plain, null, 1)}\n`);
    return;
  }
  if (!fs.existsSync(file)) throw new Error(`golden file missing: ${name} (run with UPDATE_GOLDEN=1)`);
  expect(plain).toEqual(JSON.parse(fs.readFileSync(file, 'utf8')));
}
