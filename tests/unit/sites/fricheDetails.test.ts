/**
 * What Cartofriches already gives, mapped for the sheet (src/domain/fricheDetails.ts): readable
 * names of funding-application titles, former activity, owners (legal persons named, natural
 * persons masked), buildings and asbestos, parcels, last sale, Fonds friches / Fonds vert
 * application, Cerema's rail distance and the dates. Golden fixtures: invented records in
 * tests/fixtures/sites/friche-details (UPDATE_GOLDEN=1 rewrites the *.out.json; review the diff).
 * The real-data block reads ../shared/opendata at test time (skipped when absent).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fricheToSite, type CartofrichesFeature } from '../../../src/domain/cartofriches';
import { filterSites } from '../../../src/domain/filters';
import { isPublicOwnerCode, readableFricheName, readParcelId } from '../../../src/domain/fricheDetails';
import { EMPTY_FILTERS } from '../../../src/domain/types';
import { expectGolden, goldenCases, goldenInput, OPENDATA, readJson } from './helpers';

describe('friche details — golden fixtures (tests/fixtures/sites/friche-details)', () => {
  for (const name of goldenCases('friche-details')) {
    it(name, () => {
      const input = goldenInput<CartofrichesFeature>('friche-details', name);
      const site = fricheToSite(input).properties;
      expectGolden('friche-details', name, { name: site.name, land_control: site.readiness.land_control, friche_details: site.friche_details });
    });
  }

  it('never carries an applicant’s free text nor per-dossier amounts', () => {
    const input = goldenInput<CartofrichesFeature>('friche-details', 'funding-laureate-public-owner');
    const site = fricheToSite(input).properties;
    const text = JSON.stringify(site);
    expect(text).not.toContain('Exemple Fictif');
    expect(text).not.toContain('123456');
    expect(text).not.toContain('99999');
    expect(site.friche_details!.former_activity_withheld).toBe(true);
    expect(site.friche_details!.raw).not.toHaveProperty('activite_libelle');
  });

  it('names legal persons only; a masked natural person is never listed', () => {
    const site = fricheToSite(goldenInput<CartofrichesFeature>('friche-details', 'fonds-vert-mixed-owners-asbestos')).properties;
    const owners = site.friche_details!.owners!;
    expect(owners.legal_names).toEqual(['EPF EXEMPLE', 'SCI EXEMPLE']);
    expect(owners.natural_persons).toBe(true);
    expect(owners.public_owner).toBe('some');
  });

  it('a renamed friche stays findable by its full source title', () => {
    const site = fricheToSite(goldenInput<CartofrichesFeature>('friche-details', 'funding-laureate-public-owner'));
    expect(site.properties.name).toBe('Dossier n° 1111111 – Hameau-Test');
    expect(filterSites([site], { ...EMPTY_FILTERS, text: 'recyclage foncier 2021' })).toHaveLength(1);
    expect(filterSites([site], { ...EMPTY_FILTERS, text: 'fonds vert' })).toHaveLength(0);
  });

  it('a public owner is a hint on « maîtrise foncière », with its source, never « fait »', () => {
    const site = fricheToSite(goldenInput<CartofrichesFeature>('friche-details', 'funding-laureate-public-owner')).properties;
    expect(site.readiness.land_control.status).toBe('inconnu');
    expect(site.readiness.land_control.source).toMatch(/Fichiers fonciers/);
    expect(site.readiness.land_control.note).toMatch(/^Indice, pas une maîtrise foncière établie : propriétaire public/);
  });
});

describe('readable names of funding-application titles', () => {
  const cases: [string, string | null, string | null][] = [
    ['Appel à projet Recyclage Foncier 2021 (Dossier N° 1234567) - Hauts-de-France - 02 - Aisne - Ville-Test', 'Dossier n° 1234567 – Ville-Test', 'Appel à projet Recyclage Foncier 2021'],
    ['Appel à projet Recyclage Foncier 2021 2nde édition (Dossier N° 7654321) - Hauts-de-France - 02 - Aisne - Ville-Test (02000) - friche: 1 rue Exemple', '1 rue Exemple – Ville-Test', 'Appel à projet Recyclage Foncier 2021 2nde édition'],
    ['Appel à projet Fonds Vert 2023 -Usine Exemple', 'Usine Exemple', 'Appel à projet Fonds Vert 2023'],
    ['Garage de la gare', null, null],
    ['Sté Exemple - ex Sté Autre', null, null],
  ];
  for (const [input, short, call] of cases) {
    it(input, () => {
      const r = readableFricheName(input);
      expect(r?.short ?? null).toBe(short);
      expect(r?.call ?? null).toBe(call);
    });
  }

  it('reads cadastral parcel ids and public owner codes', () => {
    expect(readParcelId('02994000CP0023')).toEqual({ insee: '02994', section: 'CP', number: '23' });
    expect(readParcelId('029940000A2131')).toEqual({ insee: '02994', section: 'A', number: '2131' });
    expect(readParcelId('bad')).toBeNull();
    expect(['P5a', 'P4a', 'F2b', 'F2a', 'P1b'].every(isPublicOwnerCode)).toBe(true);
    expect(['X1a', 'G1a', 'M1a', 'F6a', 'Z1a'].some(isPublicOwnerCode)).toBe(false);
  });
});

const REAL = join(OPENDATA, 'friches/friches.geojson');

describe.skipIf(!existsSync(REAL))('friche details — the 23 real friches of the PETR', () => {
  const fc = existsSync(REAL) ? readJson<{ features: CartofrichesFeature[] }>(REAL) : { features: [] };
  const sites = fc.features.map((f) => fricheToSite(f).properties);

  it('gives the 7 funding-application titles a short name and keeps the full title', () => {
    const renamed = sites.filter((s) => s.friche_details!.application_title !== null);
    expect(renamed).toHaveLength(7);
    for (const s of renamed) {
      expect(s.name).not.toMatch(/^Appel à projet/i);
      expect(s.friche_details!.full_name).toMatch(/^Appel à projet/);
      expect(s.name.length).toBeLessThan(s.friche_details!.full_name!.length);
    }
    // Other names are left as delivered.
    for (const s of sites.filter((x) => x.friche_details!.application_title === null)) expect(s.name).toBe(s.friche_details!.full_name);
  });

  it('funding: 7 applications, 3 laureates; asbestos on 2 sites; Cerema rail distance on 21', () => {
    const funded = sites.filter((s) => s.friche_details!.funding);
    expect(funded).toHaveLength(7);
    expect(funded.filter((s) => s.friche_details!.funding!.laureate === true)).toHaveLength(3);
    expect(funded.filter((s) => s.friche_details!.funding!.laureate === false)).toHaveLength(4);
    expect(sites.filter((s) => s.friche_details!.asbestos === true).map((s) => s.id).sort()).toEqual(['02089_28526', '02805_28800']);
    expect(sites.filter((s) => s.friche_details!.cerema_rail_distance_m !== null)).toHaveLength(21);
  });

  it('public owners are 7 hints on « maîtrise foncière », none « fait »', () => {
    const hinted = sites.filter((s) => s.readiness.land_control.note);
    expect(hinted).toHaveLength(7);
    for (const s of sites) expect(s.readiness.land_control.status).toBe('inconnu');
  });

  it('never lists a masked natural person, never carries an applicant’s free text', () => {
    for (const [i, s] of sites.entries()) {
      const d = s.friche_details!;
      expect(d.owners?.legal_names ?? []).not.toContain('_X_');
      const src = fc.features[i].properties;
      if (src.nature === 'fond friche' && typeof src.activite_libelle === 'string') {
        expect(JSON.stringify(s)).not.toContain(src.activite_libelle.slice(0, 40));
        expect(d.former_activity_withheld).toBe(true);
      }
      for (const k of Object.keys(d.raw)) expect(k).not.toMatch(/^ff_(deficit|.*_ht)$/);
      for (const p of d.parcels) expect(readParcelId(p), p).not.toBeNull();
    }
  });

  it('dates say what they are: BASIAS records carry their import date, flagged as such', () => {
    const basias = sites.filter((s) => /^MTE/.test(s.friche_details!.source_category ?? ''));
    expect(basias).toHaveLength(16);
    for (const s of basias) expect(s.friche_details!.identified_is_import).toBe(true);
    for (const s of sites) expect(s.friche_details!.data_date).toBe('2024-03');
  });
});
