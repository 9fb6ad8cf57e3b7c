import { describe, expect, it } from 'vitest';
import { fmtDate, fmtHa, fmtKm, fmtM2, fmtPlusMinus, fmtPrice, fmtToday, safeHttpUrl } from '../../../src/ui/sheet/format';

// Intl uses no-break spaces (U+00A0 / U+202F) in French: normalise them for readable assertions.
const n = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('site value formatting (French by default)', () => {
  it('gives distances in km with one decimal, French format', () => {
    expect(n(fmtKm('fr', 12345))).toBe('12,3 km');
    expect(n(fmtKm('fr', 50))).toBe('0,1 km');
    expect(n(fmtKm('en', 12345))).toBe('12.3 km');
  });
  it('gives the approximation margin as « ± x km », « ± x m » under 1 km, nothing under 50 m (never « ± 0,0 km »)', () => {
    expect(n(fmtPlusMinus('fr', 1500)!)).toBe('± 1,5 km');
    expect(n(fmtPlusMinus('fr', 88)!)).toBe('± 90 m');
    expect(fmtPlusMinus('fr', 14)).toBeNull();
  });
  it('gives surfaces in m² and ha', () => {
    expect(n(fmtM2('fr', 16733.25))).toBe('16 733 m²');
    expect(n(fmtHa('fr', 16733.25))).toBe('1,67 ha');
    expect(n(fmtHa('fr', 400000))).toBe('40,0 ha');
  });
  it('gives prices per m²', () => {
    expect(n(fmtPrice('fr', 35))).toBe('35 €/m²');
    expect(n(fmtPrice('fr', 12.5))).toBe('12,50 €/m²');
    expect(fmtPrice('en', 35)).toBe('€35/m²');
  });
  it('writes the dates of the data in words', () => {
    expect(fmtDate('fr', '2024-02-13')).toBe('13 février 2024');
    expect(fmtDate('fr', '2024-03')).toBe('mars 2024');
    expect(fmtDate('fr', '2018')).toBe('2018');
    expect(fmtDate('en', '2025-07-22')).toBe('22 July 2025');
    expect(fmtDate('fr', null)).toBe('');
    expect(fmtDate('fr', 'février/mars 2024')).toBe('février/mars 2024');
  });
  it('writes the print date', () => {
    expect(fmtToday('fr', new Date(2026, 10, 22, 12))).toBe('22 novembre 2026');
  });
  it('only lets http(s) URLs become links', () => {
    expect(safeHttpUrl('https://example.org/a')).toBe('https://example.org/a');
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('data:text/html,<b>x</b>')).toBeNull();
    expect(safeHttpUrl('pas une adresse')).toBeNull();
    expect(safeHttpUrl(null)).toBeNull();
  });
});
