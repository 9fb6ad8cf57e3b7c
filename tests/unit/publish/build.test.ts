/**
 * The data build with publication packages (`--published DIR`): valid packages are merged with
 * their distances and figures; an invalid one stops the build (exit 1), names the file, the
 * feature, the field and the rule, and nothing is written; `--check` writes nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, parseArgs, REPO_ROOT } from '../../../scripts/build-data';
import type { DataManifest, SiteCollection, ZoneRecord } from '../../../src/domain/types';
import { HAS_OPENDATA, OPENDATA, PACKAGES, readJson } from './helpers';

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-publish-build-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(argv: string[]) {
  const lines: string[] = [];
  const code = await main(['--sources', OPENDATA, ...argv], {}, { log: (l) => lines.push(l), error: (l) => lines.push(l) });
  return { code, out: lines.join('\n') };
}

describe('parseArgs --published', () => {
  it('defaults to data/published, takes ATLAS_PUBLISHED then --published, and --check', () => {
    expect(parseArgs([], {})).toMatchObject({ publishedDir: path.join(REPO_ROOT, 'data/published') });
    expect(parseArgs([], { ATLAS_PUBLISHED: 'p' }, '/cwd')).toMatchObject({ publishedDir: '/cwd/p' });
    expect(parseArgs(['--published', '/x', '--check'], { ATLAS_PUBLISHED: 'p' }, '/cwd')).toMatchObject({ publishedDir: '/x', check: true });
  });
  it('data/published holds only its README (nothing fictitious is published)', () => {
    expect(fs.readdirSync(path.join(REPO_ROOT, 'data/published'))).toEqual(['README.md']);
  });
});

describe.skipIf(!HAS_OPENDATA)('data build with packages', () => {
  it('merges the valid packages: plots with distances and contact, zones with outline and figures, manifest lists each package', async () => {
    const out = path.join(tmp, 'ok');
    const r = await run(['--published', path.join(PACKAGES, 'valid'), '--out', out]);
    expect(r.code, r.out).toBe(0);
    const sites = readJson<SiteCollection>(path.join(out, 'sites.geojson'));
    const plot = sites.features.find((f) => f.properties.id === 'FICT_TERRAIN-ECO_001')!.properties;
    expect(plot.kind).toBe('plot');
    expect(plot.zone_id).toBe('FICT_SITE-ECO_A');
    expect(plot.dist_rn2_m).toBeGreaterThan(0);
    expect(plot.dist_station_m).toBeGreaterThan(0);
    expect(plot.publication?.contact.email).toBe('foncier@example.org');
    expect(plot.fictitious).toBe(true);
    const zones = readJson<ZoneRecord[]>(path.join(out, 'zones.json'));
    expect(zones).toHaveLength(22 + 2);
    const za = zones.find((z) => z.zone_id === 'FICT_SITE-ECO_A')!;
    expect(za.geometry?.type).toBe('Polygon');
    expect(za.inventory?.vacancy_rate).toBe(0.5);
    expect(za.distances?.dist_rn2_m).toBeGreaterThan(0);
    const m = readJson<DataManifest>(path.join(out, 'manifest.json'));
    expect(m.publications?.map((p) => [p.package, p.producer, p.date, p.counts.terrain_eco])).toEqual([
      ['epci-fictif-a', 'EPCI fictif (test)', '2026-01-15', 4],
      ['epci-fictif-b', 'EPCI fictif B (test)', '2026-01-15', 1],
    ]);
    expect(m.layers.sites.attribution).toContain('EPCI fictif (test) (publication du 2026-01-15');
    expect(m.layers.sites.count).toBe(23 + 5);
  });

  it('an invalid package stops the build, names file, feature, field and rule, and writes nothing', async () => {
    const out = path.join(tmp, 'bad');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'keep.txt'), 'old');
    const r = await run(['--published', path.join(PACKAGES, 'errors/not-in-list'), '--out', out]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('epci-fictif-a/terrain_eco.geojson, entité n° 3 (« FICT_TERRAIN-ECO_003 — Lot A3 (fictif) ») : champ « terr_etat_occup »');
    expect(r.out).toContain('[règle : liste officielle]');
    expect(r.out).toMatch(/rien n'a été écrit/);
    expect(fs.readdirSync(out)).toEqual(['keep.txt']);
  });

  it('--check validates and writes nothing', async () => {
    const out = path.join(tmp, 'check');
    const r = await run(['--published', path.join(PACKAGES, 'valid'), '--out', out, '--check']);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('Paquet valide : epci-fictif-a — EPCI fictif (test), 2026-01-15 (1 site(s), 4 terrain(s), 0 établissement(s)) — FICTIF');
    expect(fs.existsSync(out)).toBe(false);
  });
});
