/**
 * The self-intersection check of imported outlines (src/domain/selfIntersection.ts): known
 * faults and non-faults, and the O(n log n) sweep agreeing with the pairwise check on
 * thousands of random outlines on a small grid (collinear edges, vertical edges, vertices on
 * edges: the cases where a sweep line goes wrong).
 */
import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { findSelfIntersection } from '../../../src/domain/selfIntersection';
import { mulberry32 } from '../../../src/domain/sample';

const poly = (...rings: Position[][]): Polygon => ({ type: 'Polygon', coordinates: rings });
const both = (g: Polygon | MultiPolygon) => [findSelfIntersection(g, 'brute-force'), findSelfIntersection(g, 'sweep')];

describe('self-intersection: known outlines', () => {
  it('finds the crossing of a bow tie, at the crossing point', () => {
    const g = poly([[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]);
    for (const p of both(g)) expect(p).toEqual([1, 1]);
  });

  it('accepts a simple outline, with or without holes', () => {
    const square = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]];
    const hole = [[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]];
    for (const p of both(poly(square))) expect(p).toBeNull();
    for (const p of both(poly(square, hole))) expect(p).toBeNull();
  });

  it('does not count repeated consecutive vertices or an unclosed ring as a fault', () => {
    const g = poly([[0, 0], [4, 0], [4, 0], [4, 4], [4, 4], [4, 4], [0, 4]]);
    for (const p of both(g)) expect(p).toBeNull();
  });

  it('finds a vertex visited twice, a hole touching the outer ring, parts that meet, a spike', () => {
    const twice = poly([[0, 0], [2, 0], [2, 2], [1, 0], [1, 3], [0, 3], [0, 0]]);
    const holeTouch = poly([[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[0, 2], [1, 1], [1, 3], [0, 2]]);
    const parts: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[1, 1], [2, 1], [2, 2], [1, 1]]]],
    };
    const spike = poly([[0, 0], [4, 0], [4, 2], [6, 2], [4, 2], [4, 4], [0, 4], [0, 0]]);
    for (const g of [twice, holeTouch, parts, spike]) {
      const [a, b] = both(g);
      expect(a).not.toBeNull();
      expect(b).not.toBeNull();
    }
    expect(findSelfIntersection(holeTouch)).toEqual([0, 2]);
    expect(findSelfIntersection(parts)).toEqual([1, 1]);
    expect(findSelfIntersection(spike)).toEqual([4, 2]);
  });

  it('checks a 200,000-vertex outline (the sweep), simple then crossed', () => {
    const n = 200_000;
    const ring: Position[] = [];
    for (let i = 0; i < n; i++) {
      const a = (2 * Math.PI * i) / n;
      ring.push([3.3 + 0.01 * Math.cos(a), 49.3 + 0.007 * Math.sin(a)]);
    }
    ring.push(ring[0]);
    expect(findSelfIntersection(poly(ring))).toBeNull();
    // Swap two neighbouring vertices: the two chords cross.
    [ring[1000], ring[1001]] = [ring[1001], ring[1000]];
    const p = findSelfIntersection(poly(ring));
    expect(p).not.toBeNull();
    expect(p![0]).toBeCloseTo(ring[1000][0], 6);
  });
});

describe('self-intersection: the sweep agrees with the pairwise check', () => {
  const rnd = mulberry32(20260101);
  const randomRing = (nv: number, grid: number, star: boolean): Position[] => {
    const pts: Position[] = Array.from({ length: nv }, () => [Math.floor(rnd() * grid), Math.floor(rnd() * grid)]);
    if (star) {
      const c = [grid / 2 + 0.5, grid / 2 + 0.25];
      pts.sort((a, b) => Math.atan2(a[1] - c[1], a[0] - c[0]) - Math.atan2(b[1] - c[1], b[0] - c[0]));
    }
    return [...pts, [...pts[0]]];
  };

  it('on 6,000 random outlines (polygons with holes, multipolygons) with degenerate edges', () => {
    let crossed = 0;
    let simple = 0;
    for (let t = 0; t < 6000; t++) {
      const grid = 2 + Math.floor(rnd() * 8);
      const kind = t % 3;
      const ring = () => randomRing(3 + Math.floor(rnd() * (t % 5 === 0 ? 30 : 8)), grid, rnd() < 0.6);
      const g: Polygon | MultiPolygon =
        kind === 0 ? poly(ring()) : kind === 1 ? poly(ring(), ring()) : { type: 'MultiPolygon', coordinates: [[ring()], [ring()]] };
      const [a, b] = both(g);
      expect(a === null, JSON.stringify(g)).toBe(b === null);
      if (a) crossed++;
      else simple++;
    }
    // Both kinds are well represented, so the agreement means something.
    expect(crossed).toBeGreaterThan(1000);
    expect(simple).toBeGreaterThan(1000);
  });
});
