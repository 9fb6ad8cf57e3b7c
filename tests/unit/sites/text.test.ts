import { describe, expect, it } from 'vitest';
import { siteSurfaceM2 } from '../../../src/domain/surface';
import { collationKey, normalizeForSearch, normalizeText, searchTokens } from '../../../src/domain/text';

describe('normalizeText', () => {
  it('lowercases, strips accents, expands ligatures, collapses spaces', () => {
    expect(normalizeText('  Villers-Cotterêts  ')).toBe('villers-cotterets');
    expect(normalizeText('ŒUVRE  Æ\tÇa\nva')).toBe('oeuvre ae ca va');
    expect(normalizeText('L’Écluse')).toBe("l'ecluse");
    expect(normalizeText('ASCII  only\tTEXT ')).toBe('ascii only text');
    expect(normalizeText(null)).toBe('');
    expect(normalizeText(undefined)).toBe('');
  });

  it('the ASCII fast path and the general path agree', () => {
    for (const s of ['Garage  Renault', 'a`b', ' x\ty ', 'ÉCOLE  x']) {
      expect(normalizeText(s)).toBe(normalizeText(s + 'é').slice(0, -1).trimEnd());
    }
  });
});

describe('search tokens', () => {
  it('punctuation separates words, so ids and hyphenated names match loosely', () => {
    expect(normalizeForSearch("Parc d'activités — Saint-Médard")).toBe('parc d activites saint medard');
    expect(searchTokens(' 02722_1633 ')).toEqual(['02722', '1633']);
    expect(searchTokens('  ')).toEqual([]);
  });
});

describe('collationKey', () => {
  it('orders numbers by value and punctuation before letters', () => {
    expect(collationKey('n° 2') < collationKey('n° 12')).toBe(true);
    expect(collationKey('a-b') < collationKey('ab')).toBe(true);
    expect(collationKey('Écluse')).toBe(collationKey('ecluse'));
  });
});

describe('siteSurfaceM2', () => {
  it('declared surface first, else computed, else null', () => {
    expect(siteSurfaceM2({ declared_surface_m2: 5000, computed_surface_m2: 4800 })).toBe(5000);
    expect(siteSurfaceM2({ declared_surface_m2: null, computed_surface_m2: 4800 })).toBe(4800);
    expect(siteSurfaceM2({ declared_surface_m2: NaN, computed_surface_m2: 4800 })).toBe(4800);
    expect(siteSurfaceM2({ declared_surface_m2: null, computed_surface_m2: null })).toBeNull();
    expect(siteSurfaceM2({ declared_surface_m2: 0, computed_surface_m2: 10 })).toBe(0);
  });
});
