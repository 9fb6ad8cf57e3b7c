import { describe, expect, it } from 'vitest';
import { SECTORS } from '../../../src/domain/sectors';
import { READINESS_ITEM_IDS, READINESS_LEVELS, SECTOR_IDS } from '../../../src/domain/types';
import { fr } from '../../../src/ui/common/messages';
import { en } from '../../../src/ui/common/messages.en';

const messages = { fr, en };

describe('vocabulary labels (src/ui/common/messages.ts)', () => {
  const keys = [
    ...SECTOR_IDS.map((k) => `sector.${k}`),
    ...READINESS_LEVELS.map((k) => `level.${k}`),
    ...['disponible', 'sous_option', 'vendu_occupe', 'inconnu'].map((k) => `availability.${k}`),
    ...['plot', 'friche'].map((k) => `kind.${k}`),
    ...['occupe', 'inoccupe', 'en_transition', 'friche', 'inconnu'].map((k) => `occupation.${k}`),
    ...['fait', 'en_cours', 'a_faire', 'a_verifier', 'sans_objet', 'inconnu'].map((k) => `itemStatus.${k}`),
    ...READINESS_ITEM_IDS.map((k) => `readinessItem.${k}`),
    'fictitious.badge',
  ];

  it('every vocabulary value has a non-empty French and English label', () => {
    for (const k of keys) {
      expect(messages.fr[k], k).toMatch(/\S/);
      expect(messages.en[k], k).toMatch(/\S/);
    }
    expect(Object.keys(messages.fr).sort()).toEqual(Object.keys(messages.en).sort());
  });

  it('uses the agreed French wording', () => {
    expect(messages.fr['level.cle_en_main']).toBe('Clé en main');
    expect(messages.fr['level.a_rehabiliter']).toBe('À réhabiliter');
    expect(messages.fr['availability.vendu_occupe']).toBe('Vendu / occupé');
    expect(messages.fr['readinessItem.land_control']).toBe('Maîtrise foncière');
    expect(messages.fr['itemStatus.a_verifier']).toBe('À vérifier');
    expect(messages.fr['fictitious.badge']).toBe('Exemple fictif');
  });

  it('the 13 sectors match SECTOR_IDS, in order', () => {
    expect(SECTORS.map((s) => s.id)).toEqual([...SECTOR_IDS]);
  });
});
