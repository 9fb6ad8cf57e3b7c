import { describe, expect, it } from 'vitest';
import { bestIndices } from '../../../src/ui/compare/best';

describe('bestIndices (★ meilleure valeur in the comparison)', () => {
  it('marks the largest surface', () => {
    expect([...bestIndices([12000, 50000, 3000], 'max')]).toEqual([1]);
  });
  it('marks the shortest distance / lowest price', () => {
    expect([...bestIndices([2400, 800, 5100, 900], 'min')]).toEqual([1]);
  });
  it('marks every tied best value', () => {
    expect([...bestIndices([10, 5, 5], 'min')].sort()).toEqual([1, 2]);
  });
  it('ignores unknown values and marks nothing with fewer than two known values', () => {
    expect([...bestIndices([null, 30, undefined], 'min')]).toEqual([]);
    expect([...bestIndices([null, 30, 20], 'min')]).toEqual([2]);
  });
  it('marks nothing when all known values are equal (nothing stands out)', () => {
    expect([...bestIndices([3, 3], 'max')]).toEqual([]);
  });
  it('ignores non-finite numbers', () => {
    expect([...bestIndices([Number.NaN, 4, 9], 'max')]).toEqual([2]);
  });
});
