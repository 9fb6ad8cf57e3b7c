/** The banded point-in-polygon used for the territory check answers as turf's booleanPointInPolygon. */
import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { preparePolygon } from '../../../src/domain/pointInPolygon';
import { mulberry32 } from '../../../src/domain/sample';
import fs from 'node:fs';

describe('preparePolygon', () => {
  // The real outlines built by `npm run data` (npm test builds them first when missing).
  it('agrees with booleanPointInPolygon on 20,000 points around the PETR outline and its communes', () => {
    const layers = ['public/data/petr.geojson', 'public/data/communes.geojson'].map((f) => JSON.parse(fs.readFileSync(f, 'utf8')) as FeatureCollection<Polygon | MultiPolygon>);
    const rnd = mulberry32(5);
    let inside = 0;
    for (const fc of layers) {
      for (const f of fc.features) {
        const p = preparePolygon(f.geometry);
        const [x0, y0, x1, y1] = p.box;
        for (let i = 0; i < 20000 / fc.features.length / layers.length; i++) {
          const x = x0 - 0.01 + rnd() * (x1 - x0 + 0.02);
          const y = y0 - 0.01 + rnd() * (y1 - y0 + 0.02);
          const expected = booleanPointInPolygon([x, y], f.geometry);
          expect(p.contains(x, y), `${x} ${y}`).toBe(expected);
          if (expected) inside++;
        }
      }
    }
    expect(inside).toBeGreaterThan(2000);
  });

  it('counts a point on the outline or on a hole’s outline as inside, a point in the hole as outside', () => {
    const g: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[1, 1], [1, 3], [3, 3], [3, 1], [1, 1]]] };
    const p = preparePolygon(g);
    expect([p.contains(0, 2), p.contains(2, 0), p.contains(1, 2), p.contains(2, 2), p.contains(0.5, 0.5), p.contains(5, 5)]).toEqual([true, true, true, false, true, false]);
  });
});
