/** Number and date formatting shown in the search and zones panels (French first). */
import { describe, expect, it } from 'vitest';
import { fmtKm, fmtSurface, inputNumber, parseUserNumber } from '../../../src/ui/search/format';
import { fmtFactDate } from '../../../src/ui/zones/format';

const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('search formatting', () => {
  it('parses numbers typed the French or English way, rejects junk and negatives', () => {
    expect(parseUserNumber('1,5')).toBe(1.5);
    expect(parseUserNumber('1 250,75')).toBe(1250.75);
    expect(parseUserNumber('1\u202f250')).toBe(1250);
    expect(parseUserNumber('0.5')).toBe(0.5);
    expect(parseUserNumber('')).toBeNull();
    expect(parseUserNumber('  ')).toBeNull();
    expect(parseUserNumber('abc')).toBeNull();
    expect(parseUserNumber('-3')).toBeNull();
  });
  it('writes surfaces in m² under 1 ha, in hectares above', () => {
    expect(nb(fmtSurface('fr', 8527.4))).toBe('8 527 m²');
    expect(nb(fmtSurface('fr', 22500))).toBe('2,25 ha');
    expect(nb(fmtSurface('fr', 170794))).toBe('17,1 ha');
    expect(nb(fmtSurface('en', 22500))).toBe('2.25 ha');
  });
  it('writes distances in km with one decimal', () => {
    expect(nb(fmtKm('fr', 1234))).toBe('1,2 km');
    expect(nb(fmtKm('fr', 500))).toBe('0,5 km');
    expect(nb(fmtKm('fr', 12000))).toBe('12,0 km');
  });
  it('writes input values without grouping so they can be edited back', () => {
    expect(inputNumber('fr', 12500.5, 2)).toBe('12500,5');
    expect(parseUserNumber(inputNumber('fr', 0.123, 4))).toBe(0.123);
  });
});

describe('zone fact dates', () => {
  it('keeps the precision of the source', () => {
    expect(fmtFactDate('fr', '2014')).toBe('2014');
    expect(fmtFactDate('fr', '2020-07')).toBe('juillet 2020');
    expect(fmtFactDate('fr', '2019-11-04')).toBe('4 novembre 2019');
    expect(fmtFactDate('fr', '2024-04-01')).toBe('1er avril 2024');
    expect(fmtFactDate('en', '2020-07')).toBe('July 2020');
  });
  it('returns anything else as written (it is data)', () => {
    expect(fmtFactDate('fr', 'vers 2010')).toBe('vers 2010');
    expect(fmtFactDate('fr', '2020-13')).toBe('2020');
  });
});
