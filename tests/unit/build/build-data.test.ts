/**
 * End-to-end tests of the data build (scripts/build-data.ts) against temporary source
 * folders: the hand-made miniature in tests/fixtures/build/sources-mini, broken copies of
 * it, and the real open data beside the repository when present.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { DataManifest, ZoneRecord } from '../../../src/domain/types';
import { DEFAULT_CONFIG, main, parseArgs, REPO_ROOT } from '../../../scripts/build-data';
import { maxDecimals } from '../../../scripts/lib/geojson';
import { sha256 } from '../../../scripts/lib/output';

const MINI = path.resolve(__dirname, '../../fixtures/build/sources-mini');
const REAL = path.resolve(REPO_ROOT, '../shared/opendata');
const HAS_REAL = fs.existsSync(path.join(REAL, 'admin/communes.geojson'));

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-build-test-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** data/sources.json with the fixed counts adapted to the miniature (3 communes, 1 EPCI). */
function miniConfig(): string {
  const config = JSON.parse(fs.readFileSync(DEFAULT_CONFIG, 'utf8'));
  for (const layer of config.layers) {
    if (layer.id === 'communes') layer.expected_count = 3;
    if (layer.id === 'epci') layer.expected_count = 1;
  }
  const file = path.join(tmp, `config-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}

function copyMini(name: string): string {
  const dir = path.join(tmp, name);
  fs.cpSync(MINI, dir, { recursive: true });
  return dir;
}

async function run(argv: string[], env: Record<string, string | undefined> = {}) {
  const lines: string[] = [];
  const errors: string[] = [];
  const code = await main(argv, env, { log: (l) => lines.push(l), error: (l) => errors.push(l) });
  return { code, stdout: lines.join('\n'), stderr: errors.join('\n') };
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

function allCoordinatesDecimals(fc: FeatureCollection): number {
  return Math.max(0, ...fc.features.map((f) => maxDecimals(f.geometry as Geometry)));
}

describe('parseArgs', () => {
  it('defaults to ../shared/opendata and public/data beside the repository', () => {
    const o = parseArgs([], {});
    expect(o).toMatchObject({ sourcesDir: REAL, outDir: path.join(REPO_ROOT, 'public/data') });
  });
  it('takes ATLAS_SOURCES, then --sources over it, and --out', () => {
    expect(parseArgs([], { ATLAS_SOURCES: '/x/env' }, '/cwd')).toMatchObject({ sourcesDir: '/x/env' });
    expect(parseArgs(['--sources', 'rel', '--out=/o'], { ATLAS_SOURCES: '/x/env' }, '/cwd')).toMatchObject({
      sourcesDir: '/cwd/rel',
      outDir: '/o',
    });
  });
  it('rejects unknown options with the usage', () => {
    expect(() => parseArgs(['--nope'], {})).toThrow(/Option inconnue : --nope[\s\S]*--sources/);
  });
});

describe('data build – failures stop the build', () => {
  it('missing sources folder: exit ≠ 0, names the path and how to set it', async () => {
    const missing = path.join(tmp, 'does-not-exist');
    const r = await run(['--sources', missing, '--out', path.join(tmp, 'out-none')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(missing);
    expect(r.stderr).toContain('ATLAS_SOURCES');
    expect(r.stderr).toContain('--sources');
    expect(fs.existsSync(path.join(tmp, 'out-none'))).toBe(false);
  });

  it('missing source file (real process): exit code 1 and a message naming the file', () => {
    const src = copyMini('src-missing');
    fs.rmSync(path.join(src, 'admin/communes.geojson'));
    const out = path.join(tmp, 'out-missing');
    const p = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'scripts/build-data.ts'), '--sources', src, '--out', out, '--config', miniConfig()],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );
    expect(p.status).toBe(1);
    expect(p.stderr).toContain(path.join(src, 'admin/communes.geojson'));
    expect(p.stderr).toMatch(/admin\/communes\.geojson : fichier source introuvable/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('invalid feature: exit ≠ 0, the message names the file and the feature, the previous output is kept', async () => {
    const src = copyMini('src-invalid');
    const file = path.join(src, 'admin/communes.geojson');
    const fc = readJson<FeatureCollection>(file);
    (fc.features[1].geometry as { coordinates: number[][][] }).coordinates[0].pop(); // unclosed ring
    fs.writeFileSync(file, JSON.stringify(fc));
    const out = path.join(tmp, 'out-invalid');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'manifest.json'), '{"previous":true}');

    const r = await run(['--sources', src, '--out', out, '--config', miniConfig()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toContain(
      "admin/communes.geojson, entité n° 2 (« 02998 Commune-B ») : GeoJSON invalide : un anneau de polygone n'est pas fermé",
    );
    expect(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')).toBe('{"previous":true}');
    expect(fs.readdirSync(tmp).filter((n) => n.includes('.building-'))).toEqual([]);
  });

  it('a missing required property is reported with the feature and the property', async () => {
    const src = copyMini('src-missing-prop');
    const file = path.join(src, 'transport/rail_stations.geojson');
    const fc = readJson<FeatureCollection>(file);
    delete (fc.features[0].properties as Record<string, unknown>).ref;
    fs.writeFileSync(file, JSON.stringify(fc));
    const r = await run(['--sources', src, '--out', path.join(tmp, 'out-mp'), '--config', miniConfig()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'transport/rail_stations.geojson, entité n° 1 (« Gare-Test ») : la propriété obligatoire « ref » est absente.',
    );
  });
});

describe('data build – miniature sources', () => {
  let out: string;
  let result: Awaited<ReturnType<typeof run>>;
  let manifest: DataManifest;
  const layer = <T = FeatureCollection>(file: string) => readJson<T>(path.join(out, file));

  beforeAll(async () => {
    out = path.join(tmp, 'out-mini');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'sample.geojson'), '{"kept":true}'); // written by another script
    result = await run(['--sources', MINI, '--out', out, '--config', miniConfig()]);
    manifest = layer<DataManifest>('manifest.json');
  });

  it('succeeds and prints each output size, the total and the duration', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/communes\.geojson\s+[\d,]+ (o|Kio)\s+3 entité\(s\)/);
    expect(result.stdout).toMatch(/total\s+[\d,]+ (o|Kio)/);
    expect(result.stdout).toMatch(/Données construites en [\d,]+ s/);
  });

  it('writes every layer of the manifest, with counts, sizes and hashes of the written files', () => {
    expect(Object.keys(manifest.layers)).toEqual([
      'petr', 'epci', 'communes', 'friches', 'sites', 'zones', 'rn2', 'waterway', 'rail', 'stations', 'ite', 'lgv', 'roissy',
    ]);
    for (const entry of Object.values(manifest.layers)) {
      const buf = fs.readFileSync(path.join(out, entry.file));
      expect(entry.bytes).toBe(buf.length);
      expect(entry.sha256).toBe(sha256(buf));
      expect(entry.title).not.toBe('');
      expect(entry.attribution).not.toBe('');
    }
    expect(manifest.layers.communes.count).toBe(3);
    expect(manifest.layers.friches.count).toBe(2);
    expect(manifest.layers.zones.count).toBe(2);
    expect(manifest.layers.waterway.count).toBe(3);
    expect(manifest.layers.stations.count).toBe(1);
    expect(Number.isNaN(Date.parse(manifest.generated_at))).toBe(false);
  });

  it('keeps files it does not produce and leaves no temporary folder', () => {
    expect(fs.readFileSync(path.join(out, 'sample.geojson'), 'utf8')).toBe('{"kept":true}');
    expect(fs.readdirSync(tmp).filter((n) => n.includes('.building-') || n.includes('.old-'))).toEqual([]);
  });

  it('keeps only the useful properties, in compact JSON with coordinates rounded to 6 decimals', () => {
    const communes = layer('communes.geojson');
    expect(communes.features[0].properties).toEqual({
      insee: '02997', name: 'Commune-A', epci_siren: '200000001', epci_name: 'CC Test', population: 1200,
    });
    expect(communes.features[0].geometry).toEqual({
      type: 'Polygon',
      coordinates: [[[3.3, 49.38], [3.31, 49.38], [3.31, 49.39], [3.3, 49.39], [3.3, 49.38]]],
    });
    expect(layer('epci.geojson').features[0].properties).not.toHaveProperty('extra');
    expect(fs.readFileSync(path.join(out, 'communes.geojson'), 'utf8')).not.toContain('\n');
    for (const f of ['petr', 'epci', 'communes', 'friches', 'rn2', 'waterway', 'rail', 'stations', 'ite', 'lgv', 'roissy', 'sites']) {
      expect(allCoordinatesDecimals(layer(`${f}.geojson`)), f).toBeLessThanOrEqual(6);
    }
    expect(layer('friches.geojson').features[0].geometry).toEqual({ type: 'Point', coordinates: [3.305123, 49.385123] });
  });

  it('keeps HTML found in a property as plain text, unchanged', () => {
    const friches = layer('friches.geojson');
    expect(friches.features[0].properties!.name).toBe('Ancienne usine <b>test</b> <script>alert(1)</script>');
    expect(friches.features[0].id).toBe('02997_1');
    expect(result.stdout).toContain('friches/friches.geojson, entité n° 1');
    expect(result.stdout).toContain('contient du balisage HTML');
  });

  it('waterway: navigable parts only, named after their part, with the OSM name and kind', () => {
    const w = layer('waterway.geojson');
    expect(w.features.map((f) => f.properties)).toEqual([
      { name: 'Aisne canalisée', osm_name: "Canal de Test Parallèle à l'Aisne", kind: 'navigable_canal_cut' },
      { name: "Canal latéral à l'Aisne", osm_name: "Canal Latéral à l'Aisne", kind: 'navigable_canal' },
      { name: "Canal de l'Oise à l'Aisne", osm_name: 'Canal de l’Oise à l’Aisne', kind: 'navigable_canal' },
    ]);
  });

  it('the manifest says what a date is: the stations date is the day the copy reached the mirror, not an SNCF export date', () => {
    expect(manifest.layers.stations.date).toBe('2026-05-21');
    expect(manifest.layers.stations.date_kind).toBe('mirror_commit');
    expect(manifest.layers.rail.date_kind).toBeUndefined();
  });

  it('ite: siding records grouped by point (2 records → 1 point), keeping place, line, PK and « in PETR », with the caveat', () => {
    expect(layer('ite.geojson').features).toEqual([
      {
        type: 'Feature',
        properties: { name: 'Embranchement-Test', code_ligne: '229000', pk: '100+000', in_petr: true, records: 2 },
        geometry: { type: 'Point', coordinates: [3.31, 49.38] },
      },
      {
        type: 'Feature',
        properties: { name: 'Embranchement-Loin', code_ligne: '205000', pk: '010+000', in_petr: false, records: 1 },
        geometry: { type: 'Point', coordinates: [3.5, 49.5] },
      },
    ]);
    const entry = manifest.layers.ite;
    expect(entry.count).toBe(2);
    expect(entry.producer).toBe('SNCF Réseau');
    expect(entry.date).toBe('2026-05-21');
    expect(entry.caveats).toContain("Un embranchement peut être inutilisé : la donnée n'a pas de statut.");
  });

  it('stations: passenger stations only, with name, UIC ref, PK and commune', () => {
    expect(layer('stations.geojson').features.map((f) => f.properties)).toEqual([
      { name: 'Gare-Test', ref: '87000001', pk: '104+000', commune: 'COMMUNE-B' },
    ]);
  });

  it('rn2 keeps the gaps without geometry as top-level metadata', () => {
    const rn2 = layer<FeatureCollection & { metadata: { gaps_without_geometry: unknown[] } }>('rn2.geojson');
    expect(rn2.metadata).toEqual({
      gaps_without_geometry: [
        { cumul_from_m: 100, cumul_to_m: 900, from_lonlat: [3.31, 49.4], to_lonlat: [3.32, 49.4], straight_distance_m: 730 },
      ],
    });
    expect(rn2.features.map((f) => f.properties)).toEqual([
      { name: 'RN2', ref: 'N2', carriageway: 'D' },
      { name: 'RN2', ref: 'N2', carriageway: 'I' },
    ]);
  });

  it('zones: records from the two CSV files, multiple values split on ";", no geometry yet', () => {
    const zones = layer<ZoneRecord[]>('zones.json');
    expect(zones[0]).toMatchObject({
      zone_id: 'Z01',
      name: "Parc d'activités de test",
      communes: ['Commune-A', 'Commune-B'],
      insee: ['02997', '02998'],
      epci_siren: ['200000001'],
      needs_digitising: true,
      geometry: null,
    });
    expect(zones[0].facts.map((f) => f.fact_id)).toEqual(['F001', 'F002']);
    expect(zones[0].facts[1]).toEqual({
      fact_id: 'F002', attribute: 'occupation', value: 'moitié occupée, environ 6 ha libres', unit: null,
      fact_date: null, source_url: 'https://example.org/a', source_date: null, note: null,
    });
    expect(zones[1]).toMatchObject({ zone_id: 'Z02', communes: [], insee: [], epci_siren: [] });
  });

  it('sites: one per friche when the mapping is available, and the manifest says where they come from', () => {
    const sites = layer('sites.geojson');
    const entry = manifest.layers.sites as DataManifest['layers'][string] & { derived_from?: string[] };
    expect(entry.count).toBe(sites.features.length);
    expect(entry.derived_from).toEqual(['friches', 'rn2', 'waterway', 'stations', 'rail', 'lgv', 'roissy', 'ite']);
    expect(sites.features.map((f) => f.properties!.id)).toEqual(['02997_1', '02999_2']);
    expect(sites.features.every((f: Feature) => f.properties!.kind === 'friche')).toBe(true);
    // HTML stays plain text through the mapping too.
    expect(sites.features[0].properties!.name).toBe('Ancienne usine <b>test</b> <script>alert(1)</script>');
  });

  it('sites carry distances computed from the built layers (non-passenger points are not stations)', () => {
    const sites = layer('sites.geojson');
    for (const f of sites.features) {
      const p = f.properties!;
      expect(p.dist_rn2_m).toBeGreaterThan(0);
      expect(p.dist_waterway_m).toBeGreaterThanOrEqual(0);
      expect(["Aisne canalisée", "Canal latéral à l'Aisne", "Canal de l'Oise à l'Aisne"]).toContain(p.waterway_name);
      // The freight-only "Point-Fret" is nearer to the second friche, but it is not a passenger station.
      expect(p.station_name).toBe('Gare-Test');
      // Nearest rail siding: the grouped test point, with its SNCF place and line.
      expect(p.dist_ite_m).toBeGreaterThan(0);
      expect(p.ite_name).toBe('Embranchement-Test');
      expect(p.ite_line).toBe('229000');
    }
    expect(result.stdout).not.toContain("n'est pas encore implémenté");
  });
});

describe.skipIf(!HAS_REAL)(`data build – real open data (${REAL})`, () => {
  // Skipped when ../shared/opendata is absent (CI provides it beside the repository).
  let out: string;
  let manifest: DataManifest;
  let code: number;
  let stderr: string;
  beforeAll(async () => {
    out = path.join(tmp, 'out-real');
    const r = await run(['--sources', REAL, '--out', out]);
    code = r.code;
    stderr = r.stderr;
    if (code === 0) manifest = readJson<DataManifest>(path.join(out, 'manifest.json'));
  });
  const layer = (file: string) => readJson<FeatureCollection>(path.join(out, file));

  it('builds without error', () => {
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('has the fixed counts: 163 communes, 4 EPCI, 1 PETR, 23 friches', () => {
    expect(manifest.layers.communes.count).toBe(163);
    expect(manifest.layers.epci.count).toBe(4);
    expect(manifest.layers.petr.count).toBe(1);
    expect(manifest.layers.friches.count).toBe(23);
    expect(layer('communes.geojson').features).toHaveLength(163);
  });

  it('waterway has no non-navigable part and only the three part names', () => {
    const w = layer('waterway.geojson');
    expect(w.features.length).toBeGreaterThan(0);
    expect(w.features.some((f) => f.properties!.kind === 'river_not_navigable')).toBe(false);
    expect(new Set(w.features.map((f) => f.properties!.name))).toEqual(
      new Set(['Aisne canalisée', "Canal latéral à l'Aisne", "Canal de l'Oise à l'Aisne"]),
    );
  });

  it('stations are all passenger stations', () => {
    const s = layer('stations.geojson');
    const source = readJson<FeatureCollection>(path.join(REAL, 'transport/rail_stations.geojson'));
    const passengerRefs = source.features.filter((f) => f.properties!.voyageurs === 'O').map((f) => f.properties!.ref);
    expect(s.features.map((f) => f.properties!.ref)).toEqual(passengerRefs);
    expect(s.features.length).toBeLessThan(source.features.length);
  });

  it('rn2 carries the 11 documented gaps; zones are 22 records needing digitising', () => {
    const rn2 = readJson<{ metadata: { gaps_without_geometry: unknown[] } }>(path.join(out, 'rn2.geojson'));
    expect(rn2.metadata.gaps_without_geometry).toHaveLength(11);
    const zones = readJson<ZoneRecord[]>(path.join(out, 'zones.json'));
    expect(zones).toHaveLength(22);
    expect(zones.every((z) => z.needs_digitising && z.geometry === null)).toBe(true);
  });

  it('sites: the 23 friches, each with its distances to the RN2, the waterway and a station', () => {
    const sites = layer('sites.geojson');
    expect(sites.features).toHaveLength(23);
    for (const f of sites.features) {
      expect(Number.isFinite(f.properties!.dist_rn2_m), String(f.properties!.id)).toBe(true);
      expect(Number.isFinite(f.properties!.dist_waterway_m), String(f.properties!.id)).toBe(true);
      expect(typeof f.properties!.station_name).toBe('string');
    }
  });

  it('privacy: the published friches carry no free text or per-dossier figure (an applicant’s text can name a private person)', () => {
    const friches = layer('friches.geojson');
    const published = new Set(friches.features.flatMap((f) => Object.keys(f.properties!)));
    for (const field of ['activite_libelle', 'commentaire', 'site_projet', 'source_contact', 'site_adresse', 'ff_deficit', 'ff_daa_ht', 'proprio_nom']) {
      expect(published.has(field), field).toBe(false);
    }
    // What a sheet needs is still there, in the sites layer, through the privacy rules of fricheDetails.
    const funded = layer('sites.geojson').features.filter((f) => (f.properties!.friche_details as { funding?: unknown } | null)?.funding);
    expect(funded.length).toBeGreaterThan(0);
    for (const f of funded) expect(JSON.stringify(f.properties!.friche_details), String(f.properties!.id)).not.toMatch(/"activite_libelle"/);
  });

  it('coordinates have at most 6 decimals in every GeoJSON output', () => {
    for (const entry of Object.values(manifest.layers)) {
      if (!entry.file.endsWith('.geojson')) continue;
      expect(allCoordinatesDecimals(layer(entry.file)), entry.file).toBeLessThanOrEqual(6);
    }
  });
});
