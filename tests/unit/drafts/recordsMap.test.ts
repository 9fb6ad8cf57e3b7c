/**
 * The drafts store's `records` map: each change gives a new map (zustand sees the change by
 * reference) and leaves the previous one as it was (a reader holding it keeps its version).
 */
import { describe, expect, it } from 'vitest';
import { mapWithChanges } from '../../../src/state/drafts/store';

describe('mapWithChanges', () => {
  it('adds, replaces and removes (null) in a new map, the old one unchanged', () => {
    const before = new Map([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    const after = mapWithChanges(before, { b: 20, c: null, d: 4 }, false);
    expect(after).not.toBe(before);
    expect([...after]).toEqual([
      ['a', 1],
      ['b', 20],
      ['d', 4],
    ]);
    expect([...before]).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
  });

  it('with `all`, holds only the changes (start-up load), nulls left out', () => {
    const after = mapWithChanges(new Map([['old', 1]]), { x: 5, y: null }, true);
    expect([...after]).toEqual([['x', 5]]);
  });

  it('removing an id it does not hold, or no change at all, still gives a new equal map', () => {
    const before = new Map([['a', 1]]);
    const after = mapWithChanges(before, { zz: null }, false);
    expect(after).not.toBe(before);
    expect([...after]).toEqual([['a', 1]]);
  });
});
