/** Shared helpers of the publication tests: fixture packages, the real PETR outline, golden files. */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { PackageInput } from '../../../src/data/publish';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/publish');
export const PACKAGES = path.join(FIXTURES, 'packages');
export const STANDARDS = path.resolve(__dirname, '../../../../shared/standards');
export const HAS_STANDARDS = fs.existsSync(path.join(STANDARDS, 'cnig-sites-economiques/codelists.json'));
export const OPENDATA = path.resolve(__dirname, '../../../../shared/opendata');
export const HAS_OPENDATA = fs.existsSync(path.join(OPENDATA, 'admin/petr.geojson'));

/** The packages of a published folder (as the build reads them). */
export function readFolder(folder: string): PackageInput[] {
  const dir = path.join(PACKAGES, folder);
  return fs
    .readdirSync(dir)
    .filter((n) => fs.statSync(path.join(dir, n)).isDirectory())
    .sort()
    .map((name) => ({ name, files: fs.readdirSync(path.join(dir, name)).map((f) => ({ name: f, text: fs.readFileSync(path.join(dir, name, f), 'utf8') })) }));
}

export const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

/** Compares with a golden JSON file of tests/fixtures/publish; UPDATE_GOLDEN=1 rewrites it (review the diff). */
export function expectGolden(name: string, value: unknown) {
  const file = path.join(FIXTURES, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.writeFileSync(file, `${JSON.stringify(value, null, 1)}\n`);
    return;
  }
  if (!fs.existsSync(file)) throw new Error(`golden file missing: ${name} (run with UPDATE_GOLDEN=1)`);
  expect(value).toEqual(readJson(file));
}
