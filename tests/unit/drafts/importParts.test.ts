/**
 * The parts of a big import (src/state/drafts/importSession.ts): every site in exactly one part,
 * in order; a small first part (its distances are the only ones nothing overlaps), then parts of
 * IMPORT_PART.
 */
import { describe, expect, it } from 'vitest';
import { IMPORT_FIRST_PART, IMPORT_PART, importParts } from '../../../src/state/drafts/importSession';

describe('importParts', () => {
  it('cuts a 100,000-plot import (80,569 importable) into a small first part, then full parts', () => {
    expect(importParts(80_569)).toEqual([
      [0, IMPORT_FIRST_PART],
      [IMPORT_FIRST_PART, IMPORT_FIRST_PART + IMPORT_PART],
      [IMPORT_FIRST_PART + IMPORT_PART, IMPORT_FIRST_PART + 2 * IMPORT_PART],
      [IMPORT_FIRST_PART + 2 * IMPORT_PART, 80_569],
    ]);
    expect(IMPORT_FIRST_PART).toBeLessThan(IMPORT_PART);
  });

  it('a small import is one part; none is empty', () => {
    expect(importParts(0)).toEqual([]);
    expect(importParts(1)).toEqual([[0, 1]]);
    expect(importParts(IMPORT_FIRST_PART)).toEqual([[0, IMPORT_FIRST_PART]]);
    expect(importParts(IMPORT_FIRST_PART + 1)).toEqual([
      [0, IMPORT_FIRST_PART],
      [IMPORT_FIRST_PART, IMPORT_FIRST_PART + 1],
    ]);
  });
});
