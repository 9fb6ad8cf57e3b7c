/**
 * Publication packages (CNIG « Sites économiques » v1.0.1): golden reports of the fictitious
 * fixture packages (tests/fixtures/publish/packages, written by make-fixtures.ts), one per error
 * kind, and the standard's own exemple-valide.csv files read from ../shared/standards.
 * UPDATE_GOLDEN=1 rewrites tests/fixtures/publish/*.golden.json (review the diff).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { crossPackageIssues, packageHasErrors, publishedToAtlas, validatePackage, type PackageIssue } from '../../../src/data/publish';
import type { CommunesLayer } from '../../../src/data/import';
import type { ZoneRecord } from '../../../src/domain/types';
import { expectGolden, HAS_OPENDATA, HAS_STANDARDS, OPENDATA, readFolder, readJson, STANDARDS } from './helpers';

const petr = HAS_OPENDATA ? readJson<FeatureCollection<Polygon | MultiPolygon>>(path.join(OPENDATA, 'admin/petr.geojson')) : null;

/** Validates a published folder as the build does: each package, then across packages. */
function validateFolder(folder: string, register: ZoneRecord[] = []) {
  const packages = readFolder(folder).map((p) => validatePackage(p, { territory: petr }));
  const issues: PackageIssue[] = packages.flatMap((p) => p.issues);
  if (!packages.some(packageHasErrors)) issues.push(...crossPackageIssues(packages, register));
  return { packages, issues };
}

const brief = (i: PackageIssue) => ({ level: i.level, code: i.code, file: i.file, featureId: i.featureId, field: i.field, rule: i.rule, message: i.message });

describe.skipIf(!HAS_OPENDATA)('publication packages — golden reports', () => {
  it('the valid folder (two producers, GeoJSON Lambert-93 and CSV WGS84) has no issue', () => {
    const { issues } = validateFolder('valid');
    expect(issues).toEqual([]);
  });

  const CASES: [string, string, string, string][] = [
    // folder, expected code, field, rule
    ['errors/missing-required', 'missing-field', 'terr_stade_amngt', 'champ obligatoire'],
    ['errors/not-in-list', 'codelist', 'terr_etat_occup', 'liste officielle'],
    ['errors/bad-date', 'invalid-date', 'terr_identif_date', 'date'],
    ['errors/natural-person', 'natural-person', 'terr_acquereur', 'pas de nom de personne physique'],
    ['errors/outside-territory', 'outside-territory', 'terr_geomsurf', 'dans le territoire'],
    ['errors/duplicate-id', 'duplicate-id', 'terr_id', 'identifiant unique entre paquets'],
  ];
  for (const [folder, code, field, rule] of CASES) {
    it(`${folder}: an error naming the file, the feature, the field « ${field} » and the rule`, () => {
      const { issues } = validateFolder(folder);
      const hit = issues.find((i) => i.code === code && i.field === field);
      expect(hit, JSON.stringify(issues, null, 1)).toBeDefined();
      expect(hit!.level).toBe('error');
      expect(hit!.rule).toBe(rule);
      expect(hit!.message).toContain(hit!.file);
      expect(hit!.message).toContain(`« ${field} »`);
      expect(hit!.message).toContain(`[règle : ${rule}]`);
      expect(hit!.featureId).toMatch(/^FICT_TERRAIN-ECO_/);
      expect(hit!.message).toContain(hit!.featureId!);
    });
  }

  it('a duplicate id across two packages names both files', () => {
    const { issues } = validateFolder('errors/duplicate-id');
    const dup = issues.filter((i) => i.code === 'duplicate-id');
    expect(dup).toHaveLength(1);
    expect(dup[0].message).toContain('epci-fictif-a/terrain_eco.geojson');
    expect(dup[0].message).toContain('epci-fictif-c/terrain_eco.geojson');
  });

  it('the reports of every folder match the golden file', () => {
    const all = Object.fromEntries(['valid', ...CASES.map((c) => c[0])].map((f) => [f, validateFolder(f).issues.map(brief)]));
    expectGolden('issues.golden.json', all);
  });

  it('the list messages suggest the official value when only case or accents differ', () => {
    const pkg = readFolder('valid')[0];
    const text = pkg.files.find((f) => f.name === 'terrain_eco.geojson')!.text.replaceAll('"structure intercommunale"', '"Structure Intercommunale"');
    const r = validatePackage({ name: pkg.name, files: pkg.files.map((f) => (f.name === 'terrain_eco.geojson' ? { ...f, text } : f)) }, { territory: petr });
    const e = r.issues.filter((i) => i.code === 'codelist');
    expect(e).toHaveLength(4);
    expect(e[0].message).toContain('vouliez-vous dire « structure intercommunale » ?');
  });

  it('publication.json: missing contact means and a bad SIREN are reported by field', () => {
    const pkg = readFolder('valid')[0];
    const meta = JSON.parse(pkg.files.find((f) => f.name === 'publication.json')!.text);
    meta.producteur.siren = '24020047';
    meta.contact = { nom: 'Service' };
    const r = validatePackage({ name: 'p', files: pkg.files.map((f) => (f.name === 'publication.json' ? { ...f, text: JSON.stringify(meta) } : f)) }, { territory: petr });
    const fields = r.issues.map((i) => [i.field, i.rule]);
    expect(fields).toContainEqual(['producteur.siren (9 chiffres)', 'format (motif du standard)']);
    expect(fields).toContainEqual(['contact', 'au moins un moyen de contact']);
  });

  it('a field neither in the standard nor atlas_* is refused; atlas_* extensions pass', () => {
    const pkg = readFolder('valid')[0];
    const text = pkg.files.find((f) => f.name === 'terrain_eco.geojson')!.text.replaceAll('"atlas_nom"', '"nom_lot"');
    const r = validatePackage({ name: pkg.name, files: pkg.files.map((f) => (f.name === 'terrain_eco.geojson' ? { ...f, text } : f)) }, { territory: petr });
    expect(r.issues.filter((i) => i.level === 'error').map((i) => [i.code, i.field])).toEqual(Array(4).fill(['unknown-field', 'nom_lot']));
  });
});

describe.skipIf(!HAS_OPENDATA)('publication packages → the public atlas', () => {
  it('plots get their zone, commune, EPCI, contact and date; zones get the L318-8-2 figures', () => {
    const communes = readJson<CommunesLayer>(path.join(OPENDATA, 'admin/communes.geojson'));
    const { packages } = validateFolder('valid');
    const atlas = publishedToAtlas(packages, [], communes);
    expect(atlas.plots.map((p) => p.properties.id)).toEqual(['FICT_TERRAIN-ECO_001', 'FICT_TERRAIN-ECO_002', 'FICT_TERRAIN-ECO_003', 'FICT_TERRAIN-ECO_004', 'FICT_TERRAIN-ECO_101']);
    const a1 = atlas.plots[0].properties;
    expect(a1).toMatchObject({ kind: 'plot', zone_id: 'FICT_SITE-ECO_A', availability: 'disponible', occupation: 'inoccupe', fictitious: true, declared_surface_m2: 25000 });
    expect(a1.commune).toBeTruthy();
    expect(a1.epci_siren).toMatch(/^\d{9}$/);
    expect(a1.publication).toMatchObject({ producer: 'EPCI fictif (test)', date: '2026-01-15', contact: { email: 'foncier@example.org' } });
    expect(atlas.plots[3].properties.availability).toBe('sous_option');
    const zoneA = atlas.zones.find((z) => z.zone_id === 'FICT_SITE-ECO_A')!;
    expect(zoneA.inventory).toMatchObject({ units: 4, vacant_units: 2, vacancy_rate: 0.5, available_units: 2, available_surface_ha: 3.7, date: '2026-01-15' });
    expect(atlas.summaries.map((s) => [s.package, s.counts.terrain_eco, s.fictitious])).toEqual([
      ['epci-fictif-a', 4, true],
      ['epci-fictif-b', 1, true],
    ]);
  });

  it('a published zone named like a register zone becomes that zone, its facts kept', () => {
    const register: ZoneRecord[] = [
      { zone_id: 'Z99', name: 'Zone d’activités fictive des Essais (test) (ZAC)', kind: 'ZAC', communes: [], insee: [], epci_siren: [], facts: [{ fact_id: 'F1', attribute: 'a', value: 'v', unit: null, fact_date: null, source_url: 'https://example.org', source_date: null, note: null }], needs_digitising: true, geometry: null },
    ];
    const { packages } = validateFolder('valid');
    const atlas = publishedToAtlas(packages, register, null);
    const z = atlas.zones.find((x) => x.zone_id === 'Z99')!;
    expect(z.geometry?.type).toBe('Polygon');
    expect(z.facts).toHaveLength(1);
    expect(z.cnig_site_id).toBe('FICT_SITE-ECO_A');
    expect(atlas.plots[0].properties.zone_id).toBe('Z99');
  });
});

describe.skipIf(!HAS_STANDARDS)('the standard’s own exemple-valide.csv files', () => {
  for (const [cls, dir] of [
    ['site_eco', 'site-eco'],
    ['terrain_eco', 'terrain-eco'],
    ['etablissement', 'etablissement'],
  ] as const) {
    it(`${dir}: passes the official schema (what the standard's CI checks with frictionless)`, () => {
      const text = fs.readFileSync(path.join(STANDARDS, 'cnig-sites-economiques', dir, 'exemple-valide.csv'), 'utf8');
      const r = validatePackage({ name: 'exemple', files: [{ name: `${cls}.csv`, text }] }, { profile: 'schema' });
      expect(r.issues).toEqual([]);
      expect(r.classes[cls]!.rows).toHaveLength(1);
    });
  }
  it('the examples break the official code lists in known places (golden)', () => {
    const out: Record<string, string[]> = {};
    for (const [cls, dir] of [
      ['site_eco', 'site-eco'],
      ['terrain_eco', 'terrain-eco'],
      ['etablissement', 'etablissement'],
    ] as const) {
      const text = fs.readFileSync(path.join(STANDARDS, 'cnig-sites-economiques', dir, 'exemple-valide.csv'), 'utf8');
      const r = validatePackage({ name: 'exemple', files: [{ name: `${cls}.csv`, text }] });
      out[cls] = r.issues.filter((i) => i.code === 'codelist').map((i) => i.message);
    }
    expectGolden('exemples-codelists.golden.json', out);
  });
  it('a non-numeric number and a bad pattern fail the schema profile too', () => {
    const text = fs.readFileSync(path.join(STANDARDS, 'cnig-sites-economiques', 'terrain-eco', 'exemple-valide.csv'), 'utf8').replace(';9.9;', ';9,9 ha;');
    const r = validatePackage({ name: 'exemple', files: [{ name: 'terrain_eco.csv', text }] }, { profile: 'schema' });
    expect(r.issues.map((i) => [i.field, i.rule])).toEqual([['terr_surf_brute', 'type nombre']]);
  });
});
