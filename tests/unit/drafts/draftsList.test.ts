/**
 * The drafts list (« Brouillons ») stays newest first when many drafts change at once (an import's
 * part): the changed ones are merged into the list instead of summarising and sorting every draft.
 */
import { describe, expect, it } from 'vitest';
import { mergeNewest, type DraftSummary } from '../../../src/state/drafts/store';

const d = (id: string, updatedAt: string): DraftSummary => ({ id, name: id, kind: 'new', updatedAt, exported: false, exportStale: false, conflicts: 0 });

describe('mergeNewest', () => {
  it('gives the same order as sorting both lists together, newest first', () => {
    const a = [d('a1', '2026-12-06T10:00:05Z'), d('a2', '2026-12-06T10:00:03Z'), d('a3', '2026-12-06T10:00:01Z')];
    const b = [d('b1', '2026-12-06T10:00:06Z'), d('b2', '2026-12-06T10:00:04Z'), d('b3', '2026-12-06T10:00:00Z')];
    expect(mergeNewest(a, b).map((x) => x.id)).toEqual(['b1', 'a1', 'b2', 'a2', 'a3', 'b3']);
  });

  it('keeps the first list first among drafts of the same time, each list in its own order', () => {
    const at = '2026-12-06T10:00:00Z';
    expect(mergeNewest([d('new1', at), d('new2', at)], [d('old1', at), d('old0', '2026-12-05T10:00:00Z')]).map((x) => x.id)).toEqual(['new1', 'new2', 'old1', 'old0']);
  });

  it('handles empty lists', () => {
    expect(mergeNewest([], [])).toEqual([]);
    expect(mergeNewest([d('x', '2026-01-01')], []).map((x) => x.id)).toEqual(['x']);
    expect(mergeNewest([], [d('y', '2026-01-01')]).map((x) => x.id)).toEqual(['y']);
  });
});
