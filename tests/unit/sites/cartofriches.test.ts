import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fricheToSite, type CartofrichesFeature } from '../../../src/domain/cartofriches';
import { readinessLevel } from '../../../src/domain/readiness';
import { READINESS_ITEM_IDS } from '../../../src/domain/types';
import { expectGolden, goldenCases, goldenInput, OPENDATA, readJson } from './helpers';

describe('fricheToSite — golden fixtures (tests/fixtures/sites/cartofriches)', () => {
  for (const name of goldenCases('cartofriches')) {
    it(name, () => {
      const input = goldenInput<CartofrichesFeature>('cartofriches', name);
      const before = JSON.stringify(input);
      expectGolden('cartofriches', name, fricheToSite(input));
      expect(JSON.stringify(input), 'the input record is not modified').toBe(before);
    });
  }
});

const REAL = join(OPENDATA, 'friches/friches.geojson');

describe.skipIf(!existsSync(REAL))('fricheToSite — the real Cartofriches extract of the PETR', () => {
  const fc = existsSync(REAL) ? readJson<{ features: CartofrichesFeature[] }>(REAL) : { features: [] };
  const sites = fc.features.map(fricheToSite);

  it('maps the 23 sites, keeping their ids, communes, EPCI and surfaces', () => {
    expect(sites).toHaveLength(23);
    expect(new Set(sites.map((s) => s.properties.id)).size).toBe(23);
    for (const [i, s] of sites.entries()) {
      const src = fc.features[i].properties;
      expect(s.properties.id).toBe(src.id);
      expect(s.properties.insee).toBe(src.insee);
      expect(s.properties.epci_siren).toBe(src.epci_siren);
      expect(s.properties.declared_surface_m2).toBe(src.surface_m2);
      expect(s.geometry).toEqual(fc.features[i].geometry);
    }
    const total = sites.reduce((a, s) => a + (s.properties.declared_surface_m2 ?? 0), 0);
    expect(Math.round(total)).toBe(402404);
  });

  it('invents no sector, no availability, no price, no contact; all are real friches', () => {
    for (const s of sites) {
      expect(s.properties.sectors).toEqual([]);
      expect(s.properties.availability).toBe('inconnu');
      expect(s.properties.price_eur_m2).toBeNull();
      expect(s.properties.contact).toBeNull();
      expect(s.properties.kind).toBe('friche');
      expect(s.properties.fictitious).toBe(false);
      expect(s.properties.source).toMatch(/^Cartofriches \(Cerema\) – mise à jour février\/mars 2024 – /);
      for (const id of READINESS_ITEM_IDS) {
        if (id !== 'planning' && id !== 'soil_pollution') expect(s.properties.readiness[id].status).toBe('inconnu');
      }
    }
  });

  it('the 2 "pollution avérée" sites have soil pollution « à faire », the others unknown', () => {
    const todo = sites.filter((s) => s.properties.readiness.soil_pollution.status === 'a_faire').map((s) => s.properties.id);
    expect(todo.sort()).toEqual(['02089_28526', '02805_28800']);
    expect(sites.filter((s) => s.properties.readiness.soil_pollution.status === 'inconnu')).toHaveLength(21);
  });

  it('planning: 3 zones for economic activity « fait », the 20 others « à vérifier » (rule: data/planning-rule.md)', () => {
    const count = (st: string) => sites.filter((s) => s.properties.readiness.planning.status === st).length;
    expect(count('fait')).toBe(3);
    expect(count('a_verifier')).toBe(20);
    const celles = sites.find((s) => s.properties.id === '02148_9291')!;
    expect(celles.properties.readiness.planning).toMatchObject({ status: 'a_verifier', date: '2004-10' });
    expect(celles.properties.readiness.planning.note).toMatch(/^Zone N : zone naturelle/);
  });

  it('every site is « à réhabiliter » (none has a complete checklist)', () => {
    expect(new Set(sites.map((s) => readinessLevel(s.properties)))).toEqual(new Set(['a_rehabiliter']));
  });

  it('source_url is a single URL (Géorisques BASIAS sheet) or null', () => {
    for (const s of sites) {
      if (s.properties.source_url !== null) expect(s.properties.source_url).toMatch(/^https?:\/\/[^|\s]+$/);
    }
    expect(sites.filter((s) => s.properties.source_url !== null)).toHaveLength(16);
  });
});
