/**
 * Units are written once: « 2008 » not « 2008 année », « 600 000 € » not « 600 000 € EUR ».
 * Golden fixture: tests/fixtures/sites/fact-value (invented values; UPDATE_GOLDEN=1 rewrites the
 * output, then review the diff). The real-data block checks the zones register when present.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { factValueText } from '../../../src/domain/factValue';
import { expectGolden, goldenInput, OPENDATA } from './helpers';

describe('factValueText — golden fixture', () => {
  it('matches tests/fixtures/sites/fact-value/cases.out.json', () => {
    const cases = goldenInput<[string, string | null][]>('fact-value', 'cases');
    expectGolden('fact-value', 'cases', cases.map(([value, unit]) => ({ value, unit, text: factValueText(value, unit) })));
  });
  it('never doubles a unit', () => {
    expect(factValueText('2008', 'année')).toBe('2008');
    expect(factValueText('acquis pour 600 000 €', 'EUR')).toBe('acquis pour 600 000 €');
    expect(factValueText('140', 'ha')).toBe('140 ha');
  });
});

const FACTS = join(OPENDATA, 'zones/zones_facts.csv');

describe.skipIf(!existsSync(FACTS))('factValueText — the real zones register', () => {
  it('no fact of zones_facts.csv shows « année » after a year or « EUR » after an amount in €', async () => {
    const { default: Papa } = await import('papaparse');
    const rows = Papa.parse<Record<string, string>>(readFileSync(FACTS, 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) {
      const text = factValueText(r.value, r.unit || null);
      expect(text, r.fact_id).not.toMatch(/\b\d{4} année\b/);
      expect(text, r.fact_id).not.toMatch(/€.*\bEUR\b/);
    }
  });
});
