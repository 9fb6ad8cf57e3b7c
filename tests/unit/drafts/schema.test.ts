/**
 * The draft schema (src/data/drafts/schema.ts): every stored record is checked before it enters
 * the drafts store. Golden in/out: tests/fixtures/drafts/records.in.json → records.golden.json
 * (rewritten only by `UPDATE_GOLDEN=1`).
 */
import { describe, expect, it } from 'vitest';
import { checkDraftRecord, checkSite, checkZoneDraftRecord } from '../../../src/data/drafts/schema';
import type { DraftRecord } from '../../../src/data/drafts';
import { expectGolden, fixture } from './helpers';

const cases = fixture<{ case: string; record: unknown }[]>('records.in.json');

describe('draft schema', () => {
  it('accepts good records (normalised), refuses bad ones with French problems naming the field (golden)', () => {
    const out = cases.map(({ case: name, record }) => {
      const c = checkDraftRecord<DraftRecord>(record);
      return c.ok
        ? { case: name, ok: true, properties: Object.keys(c.value.site.properties).sort(), sectors: c.value.site.properties.sectors }
        : { case: name, ok: false, problems: c.problems };
    });
    expectGolden('records.golden.json', out);
    // Every good case is accepted, every bad one refused.
    for (const o of out) expect(o.ok, o.case).toBe(o.case.startsWith('good'));
  });

  it('keeps unknown extra properties as they are (other engineers add fields)', () => {
    const extra = cases.find((c) => c.case.includes('other parts'))!.record;
    const c = checkDraftRecord<DraftRecord>(extra);
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    const p = c.value.site.properties as unknown as Record<string, unknown>;
    expect(p).toMatchObject({ dist_ite_m: 1520.5, ite_name: 'ITE de Vauxbuin', friche_details: { batiments: 3, amiante: null }, terr_refcad: ['02722000AB0012'] });
  });

  it('fills what an older version did not write (readiness « inconnu », no sectors) without touching the rest', () => {
    const v1 = cases.find((c) => c.case.includes('version 1'))!.record;
    const c = checkDraftRecord<DraftRecord>(v1);
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.value.site.properties.sectors).toEqual([]);
    expect(c.value.site.properties.readiness.planning).toEqual({ status: 'inconnu', date: null, source: null, note: null });
    expect(c.value.site.properties.name).toBe('Lot saisi en v1');
  });

  it('checks a site on its own and a zone outline draft', () => {
    expect(checkSite({ type: 'Feature', geometry: { type: 'Point', coordinates: [3, 49] }, properties: { id: 'x', name: 'y' } }).ok).toBe(true);
    const badZone = checkZoneDraftRecord({ zone_id: 'Z01', geometry: { type: 'Polygon', coordinates: 'abîmé' }, base: null, status: 'new', updated_at: 'x' });
    expect(badZone.ok).toBe(false);
    expect(badZone.ok ? [] : badZone.problems).toEqual(['la géométrie n’est pas valide : un polygone sans contour']);
    const goodZone = checkZoneDraftRecord({ zone_id: 'Z01', geometry: null, base: null, status: 'deleted', updated_at: 'x' });
    expect(goodZone.ok).toBe(true);
  });
});
