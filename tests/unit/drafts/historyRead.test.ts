/**
 * The histories the views show (src/data/drafts/historyRead.ts): stored entries, import batches
 * expanded, split into the readable ones and the damaged ones with their record number and
 * problems in French. Golden in/out: tests/fixtures/drafts/history.in.json →
 * history.golden.json (rewritten only by `UPDATE_GOLDEN=1`).
 */
import { describe, expect, it } from 'vitest';
import { expandHistory, readHistory, type HistoryEntry } from '../../../src/data/drafts';
import { expectGolden, fixture } from './helpers';

interface In {
  siteId: string;
  site: unknown;
  records: { case: string; record: Record<string, unknown> }[];
}

const input = fixture<In>('history.in.json');
const stored = input.records.map(({ record }) => (record.snapshot === 'SITE' ? { ...record, snapshot: input.site } : record));

describe('history as the views read it', () => {
  it('keeps the readable entries in order and names each damaged one with its record and problems (golden)', () => {
    const read = readHistory<HistoryEntry>(expandHistory(stored, input.siteId), 'site_id');
    const out = {
      entries: read.entries.map((e) => ({ id: e.id, site_id: e.site_id, at: e.at, action: e.action, changes: e.changes.length })),
      damaged: read.damaged,
    };
    expectGolden('history.golden.json', out);
    // Every record of the fixture is either shown or said damaged: none disappears.
    const goodCases = input.records.filter((r) => r.case.startsWith('good')).length;
    expect(read.entries.length).toBe(goodCases + 1); // + the batch's readable entry of H-1
    expect(read.damaged.map((d) => d.record)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 12]);
    expect(read.entries.every((e) => e.site_id === input.siteId)).toBe(true);
  });

  it('names a record that is not an object without a number, and keeps nothing of another site', () => {
    const read = readHistory<HistoryEntry>(['abîmé', null, { id: 'x', site_id: 'H-1' }], 'site_id');
    expect(read.entries).toEqual([]);
    expect(read.damaged.map((d) => d.record)).toEqual([null, null, null]);
    expect(read.damaged[0].problems).toEqual(['l’entrée d’historique n’est pas un objet (reçu : texte)']);
  });

  it('zone histories: the id key is zone_id', () => {
    const entry = { id: 1, zone_id: 'Z01', zone_name: 'Zone fictive', at: '2025-05-01T08:00:00.000Z', author: null, action: 'create', changes: [{ field: 'geometry', old: null, new: null }] };
    const read = readHistory(
      [entry, { ...entry, id: 2, zone_id: 7 }],
      'zone_id',
    );
    expect(read.entries).toEqual([entry]);
    expect(read.damaged).toEqual([{ record: 2, problems: ['« zone_id » doit être un texte (reçu : nombre)'] }]);
  });
});
