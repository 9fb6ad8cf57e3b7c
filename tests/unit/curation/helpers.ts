/** Shared helpers for the curation tests: fixtures and golden files. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/curation');
export const OPENDATA = path.resolve(process.env.ATLAS_SOURCES ?? path.resolve(FIXTURES, '../../../../shared/opendata'));

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));
}
export function fixtureJson<T = unknown>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8')) as T;
}

/**
 * Compares `value` with the golden file `name` (JSON). With UPDATE_GOLDEN=1 the file is
 * (re)written instead; review the diff before committing it.
 */
export function expectGolden(name: string, value: unknown, dir = FIXTURES): void {
  const file = path.join(dir, name);
  const plain = JSON.parse(JSON.stringify(value)) as unknown;
  if (process.env.UPDATE_GOLDEN === '1' || !fs.existsSync(file)) {
    if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`golden file missing: ${name} (run with UPDATE_GOLDEN=1)`);
    fs.writeFileSync(file, `${JSON.stringify(plain, null, 1)}\n`);
    return;
  }
  expect(plain).toEqual(JSON.parse(fs.readFileSync(file, 'utf8')));
}
