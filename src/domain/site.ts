/**
 * The site property model's shared pieces: the distance fields (derived from the geometry by
 * the distance calculator) and a site's "nothing known" properties.
 */
import { emptyReadiness } from './readiness';
import type { SiteDistances, SiteProperties } from './types';

/** Every SiteDistances field, in SiteDistances order (export / display order). */
export const DISTANCE_KEYS = [
  'dist_rn2_m',
  'dist_rn2_error_m',
  'dist_waterway_m',
  'waterway_name',
  'dist_station_m',
  'station_name',
  'rail_km_to_cdg',
  'dist_ite_m',
  'ite_name',
  'ite_line',
] as const satisfies readonly (keyof SiteDistances)[];

// Compile-time check: a field added to SiteDistances must be listed above.
type MissingDistanceKey = Exclude<keyof SiteDistances, (typeof DISTANCE_KEYS)[number]>;
const distanceKeysComplete: [MissingDistanceKey] extends [never] ? true : MissingDistanceKey = true;
void distanceKeysComplete;

/**
 * A site with every field at its "nothing known" value (no `created_at`, no distances),
 * then `overrides`. The key order of the result (without overrides) is the export order.
 */
export function blankSiteProperties(overrides: Partial<SiteProperties> = {}): SiteProperties {
  return {
    id: '',
    name: '',
    kind: 'plot',
    zone_id: null,
    zone_name: null,
    insee: null,
    commune: null,
    epci_siren: null,
    epci_name: null,
    declared_surface_m2: null,
    computed_surface_m2: null,
    availability: 'inconnu',
    occupation: 'inconnu',
    sectors: [],
    readiness: emptyReadiness(),
    price_eur_m2: null,
    contact: null,
    notes: null,
    friche_status: null,
    friche_type: null,
    source_url: null,
    source: '',
    updated_at: null,
    fictitious: false,
    ...overrides,
  };
}
