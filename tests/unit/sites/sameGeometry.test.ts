/**
 * sameGeometry (src/domain/sameGeometry.ts): the map cuts its tiles again only when what it draws
 * changes; an edit that leaves a site's geometry as it was, in a new object, is the same geometry.
 */
import { describe, expect, it } from 'vitest';
import { sameGeometry } from '../../../src/domain/sameGeometry';
import type { SiteGeometry } from '../../../src/domain/types';

const square = (x: number): SiteGeometry => ({ type: 'Polygon', coordinates: [[[x, 49], [x + 0.01, 49], [x + 0.01, 49.01], [x, 49]]] });

describe('sameGeometry', () => {
  it('is true for the same coordinates in new objects, and for the same object', () => {
    expect(sameGeometry(square(3.3), square(3.3))).toBe(true);
    const g = square(3.3);
    expect(sameGeometry(g, g)).toBe(true);
    expect(sameGeometry({ type: 'Point', coordinates: [3.3, 49.4] }, { type: 'Point', coordinates: [3.3, 49.4] })).toBe(true);
  });

  it('is false when a vertex moves, a vertex is added, or the type differs', () => {
    const moved = square(3.3);
    (moved.coordinates as number[][][])[0][1][1] = 49.0001;
    expect(sameGeometry(square(3.3), moved)).toBe(false);
    const more = square(3.3);
    (more.coordinates as number[][][])[0].splice(3, 0, [3.3, 49.005]);
    expect(sameGeometry(square(3.3), more)).toBe(false);
    const multi: SiteGeometry = { type: 'MultiPolygon', coordinates: [square(3.3).coordinates as number[][][]] };
    expect(sameGeometry(square(3.3), multi)).toBe(false);
  });

  it('a missing geometry (null or undefined) equals only itself', () => {
    expect(sameGeometry(null, undefined)).toBe(false);
    expect(sameGeometry(null, null)).toBe(true);
    expect(sameGeometry(square(3.3), null)).toBe(false);
  });
});
