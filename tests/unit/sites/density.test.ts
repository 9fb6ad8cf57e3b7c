import { describe, expect, it } from 'vitest';
import {
  densityMinZoom,
  densityPoints,
  MAX_TILE_ZOOM,
  maxTileLoad,
  SITE_SYMBOL_BUDGET,
  SYMBOL_BUCKET_LIMIT,
} from '../../../src/domain/density';
import { mulberry32 } from '../../../src/domain/sample';

/** Brute force: every tile at `zoom`, counting the points inside it or its 128-px (quarter-tile) buffer. */
function bruteMaxTileLoad(lonLat: number[], weights: number[], zoom: number): number {
  const p = densityPoints(lonLat, weights);
  const side = 2 ** zoom;
  let max = 0;
  for (let tx = 0; tx < side; tx++) {
    for (let ty = 0; ty < side; ty++) {
      const x0 = (tx - 0.25) / side;
      const x1 = (tx + 1.25) / side;
      const y0 = (ty - 0.25) / side;
      const y1 = (ty + 1.25) / side;
      let sum = 0;
      for (let i = 0; i < p.x.length; i++) {
        if (p.x[i] >= x0 && p.x[i] < x1 && p.y[i] >= y0 && p.y[i] < y1) sum += p.w[i];
      }
      if (sum > max) max = sum;
    }
  }
  return max;
}

describe('site density per map tile (which zoom may draw symbols)', () => {
  // Points spread around the territory (Soissons ≈ 3.3° E, 49.4° N), a few piled in a town.
  const random = mulberry32(13);
  const lonLat: number[] = [];
  const weights: number[] = [];
  for (let i = 0; i < 1500; i++) {
    const town = i % 5 === 0;
    lonLat.push(3.3 + (random() - 0.5) * (town ? 0.02 : 8), 49.4 + (random() - 0.5) * (town ? 0.02 : 6));
    weights.push(1 + Math.floor(random() * 20));
  }

  it('counts the busiest tile exactly like a brute-force count over every tile (buffer included)', () => {
    const p = densityPoints(lonLat, weights);
    for (let zoom = 0; zoom <= 6; zoom++) {
      const brute = bruteMaxTileLoad(lonLat, weights, zoom);
      expect(maxTileLoad(p, zoom), `zoom ${zoom}`).toBe(brute);
      // The same through the sparse sums (used when the points' box spans too many tiles).
      expect(maxTileLoad(p, zoom, 0), `zoom ${zoom}, sparse`).toBe(brute);
    }
  });

  it('counts the same through the sparse sums as through the dense ones at the zooms where the points are far apart', () => {
    const p = densityPoints(lonLat, weights);
    // From zoom 12 on, most points have a tile (and its neighbours) of their own: the sparse table grows.
    for (let zoom = 7; zoom <= 14; zoom++) expect(maxTileLoad(p, zoom, 0), `zoom ${zoom}`).toBe(maxTileLoad(p, zoom));
  });

  it('gives the lowest zoom whose busiest tile fits the budget, and the load never grows with the zoom', () => {
    const p = densityPoints(lonLat);
    let previous = Infinity;
    for (let zoom = 0; zoom <= MAX_TILE_ZOOM; zoom++) {
      const load = maxTileLoad(p, zoom);
      expect(load).toBeLessThanOrEqual(previous);
      previous = load;
    }
    for (const budget of [50, 200, 400, 1499, 1500]) {
      const z = densityMinZoom(p, budget);
      expect(maxTileLoad(p, z)).toBeLessThanOrEqual(budget);
      if (z > 0) expect(maxTileLoad(p, z - 1)).toBeGreaterThan(budget);
    }
    expect(densityMinZoom(p, 1500)).toBe(0);
  });

  it('says « never » when sites piled on one spot exceed the budget at every tile zoom', () => {
    const pile = densityPoints(Array.from({ length: 20 }, (_, i) => (i % 2 ? 49.38 : 3.32)));
    expect(densityMinZoom(pile, 9)).toBe(MAX_TILE_ZOOM + 1);
    expect(densityMinZoom(pile, 10)).toBe(0);
  });

  it('keeps the symbol budget well under MapLibre’s 32,768 icons per tile', () => {
    expect(SITE_SYMBOL_BUDGET).toBeLessThanOrEqual(SYMBOL_BUCKET_LIMIT / 2);
  });
});
