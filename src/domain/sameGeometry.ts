/**
 * Whether two site geometries are the same: same type and the same coordinates, number for
 * number. Pure; a walk of the nested arrays (no JSON text of each side), since the map asks it
 * for every site whose object changed (src/map/siteTiles/siteColumns.ts, `sameSiteOnMap`).
 */
import type { SiteGeometry } from './types';

/** Nested coordinate arrays, equal number for number. */
function sameCoordinates(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameCoordinates(a[i], b[i])) return false;
  return true;
}

/** True when the two geometries have the same type and coordinates (a missing one, null or undefined, equals only itself). */
export function sameGeometry(a: SiteGeometry | null | undefined, b: SiteGeometry | null | undefined): boolean {
  if (!a || !b) return a === b;
  return a === b || (a.type === b.type && sameCoordinates(a.coordinates, b.coordinates));
}
