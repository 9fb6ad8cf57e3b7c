import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { area } from '@turf/area';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { booleanWithin } from '@turf/boolean-within';
import { describe, expect, it } from 'vitest';
import { readinessLevel } from '../../../src/domain/readiness';
import { generateSamplePlots, generateSamplePoints, SAMPLE_MAX_M2, SAMPLE_MIN_M2, type CommuneCollection, type SampleOptions } from '../../../src/domain/sample';
import { siteSurfaceM2 } from '../../../src/domain/surface';
import { expectGolden, goldenCases, goldenInput, OPENDATA, readJson } from './helpers';

describe('generateSamplePlots — golden fixtures (tests/fixtures/sites/sample)', () => {
  for (const name of goldenCases('sample')) {
    it(name, () => {
      const opts = goldenInput<SampleOptions>('sample', name);
      expectGolden('sample', name, generateSamplePlots(opts));
    });
  }
});

const COMMUNES = join(OPENDATA, 'admin/communes.geojson');

describe.skipIf(!existsSync(COMMUNES))('generateSamplePlots — on the 163 real communes', () => {
  const communes = existsSync(COMMUNES) ? readJson<CommuneCollection>(COMMUNES) : ({ type: 'FeatureCollection', features: [] } as CommuneCollection);
  const byInsee = new Map(communes.features.map((f) => [f.properties.insee, f]));
  const sites = generateSamplePlots({ count: 300, seed: 1, communes });

  it('is deterministic for a seed, and differs between seeds', () => {
    expect(JSON.stringify(generateSamplePlots({ count: 300, seed: 1, communes }))).toBe(JSON.stringify(sites));
    const other = generateSamplePlots({ count: 300, seed: 2, communes });
    expect(other.map((s) => s.geometry)).not.toEqual(sites.map((s) => s.geometry));
  });

  it('gives the requested count, unique FICT ids, all fictitious and labelled as such', () => {
    expect(sites).toHaveLength(300);
    expect(new Set(sites.map((s) => s.properties.id)).size).toBe(300);
    sites.forEach((s, i) => {
      const p = s.properties;
      expect(p.id).toBe(`FICT-${String(i + 1).padStart(6, '0')}`);
      expect(p.fictitious).toBe(true);
      expect(p.name).toMatch(new RegExp(`^(Terrain fictif|Friche fictive) n° ${i + 1} – ${p.commune}$`));
      expect(p.contact).toBe('Exemple fictif – aucun contact');
      expect(p.source).toBe('Données fictives générées (npm run sample, graine 1)');
      expect(p.sectors.length).toBeGreaterThanOrEqual(1);
      expect(p.sectors.length).toBeLessThanOrEqual(3);
      expect(new Set(p.sectors).size).toBe(p.sectors.length);
    });
  });

  it('places every plot entirely inside the commune it names', () => {
    for (const s of sites) {
      const c = byInsee.get(s.properties.insee!);
      expect(c, s.properties.id).toBeDefined();
      expect(s.properties.commune).toBe(c!.properties.name);
      expect(s.properties.epci_siren).toBe(c!.properties.epci_siren);
      expect(s.geometry.type).toBe('Polygon');
      expect(booleanWithin(s.geometry, c!.geometry), s.properties.id).toBe(true);
    }
  });

  it('surfaces lie between 2,000 m² and 40 ha; computed = turf.area; declared sometimes set and close', () => {
    let declaredCount = 0;
    let differs = 0;
    for (const s of sites) {
      const p = s.properties;
      expect(Math.abs(p.computed_surface_m2! - area(s.geometry))).toBeLessThan(0.01);
      for (const v of [p.computed_surface_m2, p.declared_surface_m2, siteSurfaceM2(p)]) {
        if (v === null) continue;
        expect(v).toBeGreaterThanOrEqual(SAMPLE_MIN_M2);
        expect(v).toBeLessThanOrEqual(SAMPLE_MAX_M2);
      }
      if (p.declared_surface_m2 !== null) {
        declaredCount++;
        expect(Math.abs(p.declared_surface_m2 / p.computed_surface_m2! - 1)).toBeLessThanOrEqual(0.041);
        if (Math.abs(p.declared_surface_m2 - p.computed_surface_m2!) > 1) differs++;
      }
    }
    expect(declaredCount).toBeGreaterThan(60);
    expect(declaredCount).toBeLessThan(240);
    expect(differs).toBeGreaterThan(10);
    // Spread: log-uniform, so small and large plots both occur.
    const surf = sites.map((s) => siteSurfaceM2(s.properties)!);
    expect(surf.filter((x) => x < 10000).length).toBeGreaterThan(30);
    expect(surf.filter((x) => x > 100000).length).toBeGreaterThan(30);
  });

  it('is varied: every readiness level, both kinds, every availability, some prices', () => {
    const levels = new Set(sites.map((s) => readinessLevel(s.properties)));
    expect(levels).toEqual(new Set(['cle_en_main', 'a_preparer', 'a_rehabiliter', 'inconnu']));
    expect(new Set(sites.map((s) => s.properties.kind))).toEqual(new Set(['plot', 'friche']));
    expect(new Set(sites.map((s) => s.properties.availability))).toEqual(new Set(['disponible', 'sous_option', 'vendu_occupe', 'inconnu']));
    const priced = sites.filter((s) => s.properties.price_eur_m2 !== null).length;
    expect(priced).toBeGreaterThan(50);
    expect(priced).toBeLessThan(250);
    expect(sites.filter((s) => s.properties.kind === 'plot').length).toBeGreaterThan(200);
  });

  it('the point variant places points inside their commune, with a declared surface', () => {
    const pts = generateSamplePoints({ count: 200, seed: 3, communes });
    for (const s of pts) {
      expect(s.geometry.type).toBe('Point');
      expect(s.properties.computed_surface_m2).toBeNull();
      expect(s.properties.declared_surface_m2).toBeGreaterThanOrEqual(SAMPLE_MIN_M2);
      expect(s.properties.declared_surface_m2).toBeLessThanOrEqual(SAMPLE_MAX_M2);
      expect(booleanPointInPolygon(s.geometry.coordinates as number[], byInsee.get(s.properties.insee!)!.geometry)).toBe(true);
    }
  });
});

describe('generateSamplePlots — bad input', () => {
  it('explains in French when no commune is given', () => {
    expect(() => generateSamplePlots({ count: 3, seed: 1, communes: { type: 'FeatureCollection', features: [] } })).toThrow(/Aucune commune/);
  });
});
