/**
 * What the zones panel shows about an outline: its computed surface (turf.area) next to the
 * surfaces the sources give (never replaced).
 */
import { area } from '@turf/area';
import type { ZoneFact, ZoneRecord } from '../../domain/types';
import type { ZoneOutline } from '../../domain/zoneDrafts';

/** Facts giving the zone's total land surface (e.g. « 140 ha », 2014). */
const SURFACE_ATTRIBUTES = ['surface_totale'];

export function sourcedSurfaceFacts(zone: Pick<ZoneRecord, 'facts'>): ZoneFact[] {
  return zone.facts.filter((f) => SURFACE_ATTRIBUTES.includes(f.attribute));
}

/**
 * Area of an outline in m² (turf.area, 2 decimals, as the data layer's computedSurfaceM2;
 * not imported from there to keep the import pipeline out of the first download), null when
 * it cannot be computed.
 */
export function outlineAreaM2(g: ZoneOutline | null | undefined): number | null {
  if (!g) return null;
  try {
    const a = Math.round(area(g) * 100) / 100;
    return Number.isFinite(a) ? a : null;
  } catch {
    return null;
  }
}

