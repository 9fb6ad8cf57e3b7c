/**
 * The distances CLI (scripts/distances.ts) and its core (annotateCollection): Lambert-93
 * input, bad features named in French, exit codes.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { createDistanceCalculator, networksFromLayers } from '../../../src/domain/distances';
import { annotateCollection, detectInputCrs, InputError, parseGeojson } from '../../../src/domain/distances/annotate';
import { FIXTURES, fixtureLayers, readJson } from './helpers';

const ROOT = resolve(__dirname, '../../..');
const NETWORKS = join(FIXTURES, 'networks');

function runCli(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/distances.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const expected = readJson<{ id: string; rn2: { distance_m: number }; waterway: { distance_m: number; name: string }; station: { distance_m: number; name: string }; rail_km_to_cdg: number | null }[]>(
  join(FIXTURES, 'sites.out.json'),
);
const byId = (id: string) => expected.find((e) => e.id === id)!;

describe('CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'distances-cli-'));

  it('Lambert-93 input with one bad feature: the good ones get the properties, the bad one is named, exit 0', () => {
    const out = join(dir, 'out.geojson');
    const r = runCli(['--in', join(FIXTURES, 'cli-lambert93.geojson'), '--out', out, '--sources', NETWORKS]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('entité n° 3 (id « T3 », « Terrain sans géométrie ») : pas de géométrie');
    expect(r.stderr).toContain('Lambert-93');
    const fc = readJson<FeatureCollection>(out);
    const input = readJson<FeatureCollection>(join(FIXTURES, 'cli-lambert93.geojson'));
    // Geometries (in Lambert-93) and the crs member are kept as they were.
    expect((fc as unknown as { crs: unknown }).crs).toEqual((input as unknown as { crs: unknown }).crs);
    expect(fc.features.map((f) => f.geometry)).toEqual(input.features.map((f) => f.geometry));
    const [t1, t2, t3] = fc.features.map((f) => f.properties!);
    // T1 is the fixture site "on-rn2-vertex", T2 the square "polygon-near-rn2" (same WGS84 corners).
    expect(t1.dist_rn2_m).toBe(0);
    expect(t1.dist_rn2_error_m).toBeNull();
    expect(Math.abs(t1.dist_waterway_m - byId('on-rn2-vertex').waterway.distance_m)).toBeLessThanOrEqual(1);
    expect(t1.station_name).toBe('Gare Centre');
    expect(t1.rail_km_to_cdg).toBeCloseTo(byId('on-rn2-vertex').rail_km_to_cdg!, 1);
    expect(Math.abs(t2.dist_rn2_m - byId('polygon-near-rn2').rn2.distance_m)).toBeLessThanOrEqual(1);
    expect(t2.waterway_name).toBe(byId('polygon-near-rn2').waterway.name);
    expect(t3.dist_rn2_m).toBeNull();
    expect(t3.name).toBe('Terrain sans géométrie'); // its other properties are kept
  });

  it('garbage input: exit ≠ 0 with a French message', () => {
    const bad = join(dir, 'garbage.geojson');
    writeFileSync(bad, 'ceci n’est pas du JSON {');
    const r = runCli(['--in', bad, '--sources', NETWORKS]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/n'est pas du JSON valide/);
  });

  it('JSON that is not GeoJSON: exit ≠ 0 with a French message', () => {
    const bad = join(dir, 'notgeo.json');
    writeFileSync(bad, '{"plots": [1, 2]}');
    const r = runCli(['--in', bad, '--sources', NETWORKS]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/n'est pas un GeoJSON/);
  });

  it('mixed problems: each bad feature is named; exit 0 as one feature is valid', () => {
    const r = runCli(['--in', join(FIXTURES, 'cli-mixed-problems.geojson'), '--out', join(dir, 'mixed.geojson'), '--sources', NETWORKS]);
    expect(r.stderr).toContain('entité n° 3 (id « B3 », « Terrain à Marseille ») : hors de la zone d\'étude');
    expect(r.stderr).toContain('1 mesurée(s), 5 rejetée(s)');
    expect(r.code).toBe(0); // B5 is valid
  });

  it('nothing valid read: exit 1', () => {
    const none = join(dir, 'none.geojson');
    writeFileSync(none, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'X' }, geometry: null }] }));
    const r = runCli(['--in', none, '--out', join(dir, 'none.out.geojson'), '--sources', NETWORKS]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Aucune entité valide');
  });
});

describe('annotateCollection', () => {
  const calc = createDistanceCalculator(networksFromLayers(fixtureLayers()));
  const mixed = parseGeojson(readFileSync(join(FIXTURES, 'cli-mixed-problems.geojson'), 'utf8'), 'mixed');

  it('names each bad feature and its problem in French, and measures the good one', () => {
    const r = annotateCollection(mixed, calc);
    expect(r.measured).toBe(1);
    expect(r.rejected).toBe(5);
    const text = r.messages.join('\n');
    expect(text).toContain('entité n° 1 (id « B1 », « Tracé linéaire ») : géométrie de type « LineString » non prise en charge');
    expect(text).toContain('entité n° 2 (id « B2 », « Coordonnée texte ») : coordonnées invalides');
    expect(text).toContain("entité n° 3 (id « B3 », « Terrain à Marseille ») : hors de la zone d'étude");
    expect(text).toContain('entité n° 4 (id « B4 », « Anneau trop court ») : géométrie invalide');
    expect(text).toContain("entité n° 6 : ce n'est pas une Feature GeoJSON");
    // The feature with HTML in its name is measured; its name is kept verbatim (data, not markup).
    const b5 = r.output.features[4].properties!;
    expect(b5.name).toBe('<script>alert(1)</script>');
    expect(typeof b5.dist_rn2_m).toBe('number');
  });

  it('detects Lambert-93 from coordinate ranges when there is no crs member', () => {
    const fc = readJson<FeatureCollection>(join(FIXTURES, 'cli-lambert93.geojson'));
    delete (fc as unknown as { crs?: unknown }).crs;
    expect(detectInputCrs(fc).crs).toBe('EPSG:2154');
    const r = annotateCollection(fc, calc);
    expect(r.measured).toBe(2);
    expect(r.output.features[0].properties!.dist_rn2_m).toBe(0);
  });

  it('refuses an unsupported crs member and coordinates that are neither degrees nor Lambert-93', () => {
    const mercator = { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } }, features: [] };
    expect(() => detectInputCrs(mercator as FeatureCollection)).toThrow(/non pris en charge/);
    const weird = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [350000, 5000000] } }] };
    expect(() => detectInputCrs(weird as FeatureCollection)).toThrow(InputError);
  });
});
