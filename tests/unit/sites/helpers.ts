/**
 * Test helpers for the sites domain: compact site specs (fixtures) → full Site objects,
 * and golden-fixture I/O. Set UPDATE_GOLDEN=1 to (re)write missing or changed *.out.json
 * files — then REVIEW the diff: a golden file is the expected behaviour.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { emptyReadiness } from '../../../src/domain/readiness';
import { blankSiteProperties } from '../../../src/domain/site';
import { READINESS_ITEM_IDS, type ItemStatus, type Readiness, type Site, type SiteGeometry, type SiteProperties } from '../../../src/domain/types';

const here = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = resolve(here, '../../fixtures/sites');
export const OPENDATA = resolve(here, '../../../', process.env.ATLAS_SOURCES ?? '../shared/opendata');

/** A site as written in fixtures: any SiteProperties field, readiness as item → status (or `all`). */
export type SiteSpec = Partial<Omit<SiteProperties, 'readiness'>> & {
  id: string;
  readiness?: Partial<Record<(typeof READINESS_ITEM_IDS)[number] | 'all', ItemStatus>>;
  geometry?: SiteGeometry;
};

export function makeReadiness(spec: SiteSpec['readiness']): Readiness {
  const r = emptyReadiness();
  if (!spec) return r;
  for (const id of READINESS_ITEM_IDS) {
    const s = spec[id] ?? spec.all;
    if (s) r[id] = { ...r[id], status: s };
  }
  return r;
}

export function makeSite(spec: SiteSpec): Site {
  const { geometry, readiness, ...rest } = spec;
  const properties = blankSiteProperties({ name: spec.id, source: 'Fixture de test', ...rest, readiness: makeReadiness(readiness) });
  return { type: 'Feature', geometry: geometry ?? { type: 'Point', coordinates: [3.3, 49.4] }, properties };
}

export function readJson<T = unknown>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

export function baseSites(): Site[] {
  return readJson<SiteSpec[]>(join(FIXTURES, 'sites.base.json')).map(makeSite);
}

/** The case names (without .in.json) of a fixture folder. */
export function goldenCases(op: string): string[] {
  return readdirSync(join(FIXTURES, op))
    .filter((f) => f.endsWith('.in.json'))
    .map((f) => f.slice(0, -'.in.json'.length))
    .sort();
}

export function goldenInput<T>(op: string, name: string): T {
  return readJson<T>(join(FIXTURES, op, `${name}.in.json`));
}

/** Compares `actual` with `<op>/<name>.out.json` (JSON round-tripped, so undefined fields vanish). */
export function expectGolden(op: string, name: string, actual: unknown): void {
  const path = join(FIXTURES, op, `${name}.out.json`);
  const normalised = JSON.parse(JSON.stringify(actual)) as unknown;
  if (process.env.UPDATE_GOLDEN && (!existsSync(path) || JSON.stringify(readJson(path)) !== JSON.stringify(normalised))) {
    writeFileSync(path, JSON.stringify(normalised, null, 2) + '\n');
  }
  expect(existsSync(path), `missing golden file ${path} (run with UPDATE_GOLDEN=1, then review it)`).toBe(true);
  expect(normalised).toEqual(readJson(path));
}
