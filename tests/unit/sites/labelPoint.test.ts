/**
 * src/domain/labelPoint.ts against golden in/out fixtures (hand-made fictitious polygons):
 * tests/fixtures/sites/label-point/polygons.in.json → polygons.golden.json. The golden points
 * were those of the first implementation (before the early stop of the distance scan): the
 * faster scan picks the same point.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { labelPoint } from '../../../src/domain/labelPoint';
import { expectGoldenFile } from '../golden';

const DIR = join(__dirname, '../../fixtures/sites/label-point');
const input = JSON.parse(readFileSync(join(DIR, 'polygons.in.json'), 'utf8')) as { cases: { name: string; geometry: Polygon | MultiPolygon }[] };

/** Even–odd point in ring (the fixture's own check, independent of the module's). */
function inRing([x, y]: number[], r: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    if (r[i][1] > y !== r[j][1] > y && x < ((r[j][0] - r[i][0]) * (y - r[i][1])) / (r[j][1] - r[i][1]) + r[i][0]) inside = !inside;
  }
  return inside;
}

describe('labelPoint', () => {
  it('gives the golden point of each polygon', () => {
    expectGoldenFile(
      DIR,
      'polygons.golden.json',
      input.cases.map((c) => ({ name: c.name, labelPoint: labelPoint(c.geometry) })),
    );
  });

  it('puts the label inside the polygon (out of its holes, in its largest part), even where the bounding-box centre is outside', () => {
    for (const c of input.cases) {
      if (c.name.startsWith('degenerate')) continue;
      const p = labelPoint(c.geometry);
      const parts = c.geometry.type === 'Polygon' ? [c.geometry.coordinates] : c.geometry.coordinates;
      const part = parts.find((rings) => inRing(p, rings[0]) && !rings.slice(1).some((h) => inRing(p, h)));
      expect(part, c.name).toBeDefined();
      if (c.geometry.type === 'MultiPolygon') expect(part, c.name).toBe(parts[1]);
    }
  });
});
