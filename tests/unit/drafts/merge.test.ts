/**
 * Two tabs wrote one draft: the three-way merge (src/domain/draftMerge.ts). Golden in/out:
 * tests/fixtures/drafts/merge.in.json → merge.golden.json (rewritten only by `UPDATE_GOLDEN=1`).
 */
import { describe, expect, it } from 'vitest';
import { diffSites } from '../../../src/domain/diff';
import { mergeDraftSites, openConflicts } from '../../../src/domain/draftMerge';
import type { Site } from '../../../src/domain/types';
import { expectGolden, fixture } from './helpers';

const cases = fixture<{ case: string; base: Site | null; ours: Site; theirs: Site }[]>('merge.in.json');
const AT = '2025-05-01T09:00:00.000Z';

describe('merging two tabs’ versions of a draft', () => {
  it('different fields merge, the same field typed differently is a conflict (golden)', () => {
    const out = cases.map(({ case: name, base, ours, theirs }) => {
      const { merged, conflicts } = mergeDraftSites(base, ours, theirs, AT);
      return { case: name, changedFromTheirs: diffSites(theirs, merged), conflicts };
    });
    expectGolden('merge.golden.json', out);
  });

  it('never loses a value: each side’s change is in the merged site or in a conflict', () => {
    for (const { case: name, base, ours, theirs } of cases) {
      const { merged, conflicts } = mergeDraftSites(base, ours, theirs, AT);
      const inConflict = new Set(conflicts.map((c) => c.field));
      for (const c of diffSites(base, theirs)) {
        const kept = diffSites(merged, theirs).every((d) => d.field !== c.field);
        expect(kept || inConflict.has(c.field) || /^(dist_|computed_surface|insee|commune|epci)/.test(c.field), `${name}: ${c.field}`).toBe(true);
      }
      for (const c of diffSites(base, ours)) expect(diffSites(merged, ours).some((d) => d.field === c.field), `${name}: ${c.field}`).toBe(false);
    }
  });

  it('a conflict settles itself when both values become equal; a newer one replaces an older one', () => {
    const { ours, theirs } = cases.find((c) => c.case.startsWith('same field, different'))!;
    const { merged, conflicts } = mergeDraftSites(cases[0].base, ours, theirs, AT);
    expect(conflicts.map((c) => c.field)).toEqual(['name']);
    const settled = { ...merged, properties: { ...merged.properties, name: 'Nom B' } };
    expect(openConflicts(settled, conflicts, [])).toEqual([]);
    expect(openConflicts(merged, conflicts, [{ field: 'name', other: 'Nom C', at: AT }])).toEqual([{ field: 'name', other: 'Nom C', at: AT }]);
  });
});
