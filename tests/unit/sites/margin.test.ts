/**
 * The margin of a distance near a gap of the RN2 geometry (an upper bound of the over-estimate):
 * never « ± 0,0 km »; dropped under 50 m (the distance is written to 0.1 km); metres under 1 km,
 * rounded up to 10 m; km above, rounded up to 0.1 km. Golden fixture:
 * tests/fixtures/sites/margin (UPDATE_GOLDEN=1 rewrites the output; review the diff).
 */
import { describe, expect, it } from 'vitest';
import { formatMargin } from '../../../src/domain/format';
import { expectGolden, goldenInput } from './helpers';

describe('formatMargin — golden fixture', () => {
  const cases = goldenInput<(number | null)[]>('margin', 'cases');
  it('matches tests/fixtures/sites/margin/cases.out.json', () => {
    expectGolden(
      'margin',
      'cases',
      cases.map((m) => ({ metres: m, fr: formatMargin('fr', m)?.replace(/[\u00a0\u202f]/g, ' ') ?? null, en: formatMargin('en', m)?.replace(/\u00a0/g, ' ') ?? null })),
    );
  });
  it('never writes 0,0 km and never understates the margin', () => {
    for (const m of [50, 51, 99, 100, 950, 999, 1000, 1049, 5000]) {
      const s = formatMargin('fr', m)!.replace(/[\u00a0\u202f]/g, ' ');
      expect(s).not.toMatch(/^0(,0)? /);
      const value = s.endsWith(' km') ? Number(s.slice(0, -3).replace(',', '.')) * 1000 : Number(s.slice(0, -2).replace(/\s/g, ''));
      expect(value, s).toBeGreaterThanOrEqual(m);
    }
  });
});
