import { describe, expect, it } from 'vitest';
import { emptyReadiness, readinessLevel, readinessProgress } from '../../../src/domain/readiness';
import { READINESS_ITEM_IDS, type Readiness, type SiteKind } from '../../../src/domain/types';
import { expectGolden, goldenCases, goldenInput, makeReadiness, type SiteSpec } from './helpers';

interface ReadinessCase {
  kind: SiteKind;
  readiness?: SiteSpec['readiness'];
  /** A raw (possibly incomplete) checklist, as found in imported records. */
  raw?: Partial<Readiness> | null;
}

describe('readinessLevel / readinessProgress — golden fixtures (tests/fixtures/sites/readiness)', () => {
  for (const name of goldenCases('readiness')) {
    it(name, () => {
      const c = goldenInput<ReadinessCase>('readiness', name);
      const readiness = ('raw' in c ? c.raw : makeReadiness(c.readiness)) as Readiness;
      const p = { kind: c.kind, readiness };
      expectGolden('readiness', name, { level: readinessLevel(p), progress: readinessProgress(p) });
    });
  }
});

describe('readiness — behaviour', () => {
  it('emptyReadiness has the 7 items, all unknown, in checklist order', () => {
    const r = emptyReadiness();
    expect(Object.keys(r)).toEqual([...READINESS_ITEM_IDS]);
    for (const id of READINESS_ITEM_IDS) expect(r[id]).toEqual({ status: 'inconnu', date: null, source: null, note: null });
    // Fresh objects: editing one checklist never leaks into another.
    r.planning.status = 'fait';
    expect(emptyReadiness().planning.status).toBe('inconnu');
  });

  it('one missing "fait" is enough to lose "clé en main", whatever the item', () => {
    for (const id of READINESS_ITEM_IDS) {
      for (const s of ['en_cours', 'a_faire', 'a_verifier', 'inconnu'] as const) {
        const readiness = makeReadiness({ all: 'fait', [id]: s });
        expect(readinessLevel({ kind: 'plot', readiness })).toBe('a_preparer');
        expect(readinessLevel({ kind: 'friche', readiness })).toBe('a_rehabiliter');
      }
      // sans_objet does not count against it.
      expect(readinessLevel({ kind: 'plot', readiness: makeReadiness({ all: 'fait', [id]: 'sans_objet' }) })).toBe('cle_en_main');
    }
  });
});
