/**
 * The surface of a site used everywhere (filters, sort, summaries): the declared
 * surface when known, else the computed one (turf.area of the polygon), else null.
 */
import type { SiteProperties } from './types';

export function siteSurfaceM2(p: Pick<SiteProperties, 'declared_surface_m2' | 'computed_surface_m2'>): number | null {
  const d = p.declared_surface_m2;
  if (typeof d === 'number' && Number.isFinite(d)) return d;
  const c = p.computed_surface_m2;
  if (typeof c === 'number' && Number.isFinite(c)) return c;
  return null;
}
