/** The committed code-list and schema module equals what the official files give (no drift). */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { generateStandardModule, MODULE_PATH } from '../../../scripts/cnig-standard';
import { HAS_STANDARDS, STANDARDS } from './helpers';
import { codeList, inventoryFigures, stadeCommFor, etatOccupFor, availabilityOf, occupationOf } from '../../../src/domain/cnig';

describe.skipIf(!HAS_STANDARDS)('src/domain/cnig/standard.ts', () => {
  it('is the generator’s output for ../shared/standards (run npx tsx scripts/cnig-standard.ts after an update)', () => {
    expect(fs.readFileSync(MODULE_PATH, 'utf8')).toBe(generateStandardModule(STANDARDS));
  });
});

describe('atlas values ↔ official lists', () => {
  it('every value written is in the official list', () => {
    for (const a of ['disponible', 'sous_option', 'vendu_occupe', 'inconnu'] as const) expect(codeList('terrain_eco', 'terr_stade_comm')).toContain(stadeCommFor(a, null));
    for (const o of ['occupe', 'inoccupe', 'en_transition', 'friche', 'inconnu'] as const) expect(codeList('terrain_eco', 'terr_etat_occup')).toContain(etatOccupFor(o, null));
  });
  it('writes « en transition » as « occupation transitoire », disponible as « en vente », sous option as « réservé par option de réservation »', () => {
    expect(etatOccupFor('en_transition', null)).toBe('occupation transitoire');
    expect(stadeCommFor('disponible', null)).toBe('en vente');
    expect(stadeCommFor('sous_option', null)).toBe('réservé par option de réservation');
    expect(stadeCommFor('inconnu', null)).toBe('inconnu');
  });
  it('keeps a finer official value while it agrees with the atlas value', () => {
    expect(stadeCommFor('disponible', 'en vente avec contraintes')).toBe('en vente avec contraintes');
    expect(stadeCommFor('vendu_occupe', 'en vente avec contraintes')).toBe('vendu, commercialisation achevée');
    expect(etatOccupFor('inoccupe', 'vacant')).toBe('vacant');
    expect(availabilityOf("réservé par une délibération de l'EPCI")).toBe('sous_option');
    expect(occupationOf('vacant')).toBe('inoccupe');
    expect(availabilityOf('non commercialisable')).toBe('inconnu');
  });
});

describe('L318-8-2 figures', () => {
  it('counts units, vacant units (« vacant » only), the rate and the surface for sale', () => {
    const f = inventoryFigures([
      { terr_etat_occup: 'vacant', terr_stade_comm: 'en vente', terr_surf_brute: 2.5 },
      { terr_etat_occup: 'inoccupé', terr_stade_comm: 'en vente avec contraintes', terr_surf_brute: null },
      { terr_etat_occup: 'occupé', terr_stade_comm: 'vendu, commercialisation achevée', terr_surf_brute: 3 },
      { terr_etat_occup: 'vacant', terr_stade_comm: 'réservé par option de réservation', terr_surf_brute: 1 },
    ]);
    expect(f).toEqual({ units: 4, vacant_units: 2, vacancy_rate: 0.5, available_units: 2, available_surface_ha: 2.5, available_units_without_surface: 1 });
    expect(inventoryFigures([]).vacancy_rate).toBeNull();
  });
});
