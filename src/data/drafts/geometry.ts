/**
 * Values derived from a site's geometry, recomputed live while editing (the drafts store's
 * edit session, src/state/drafts): the computed
 * surface (turf.area, m²; null for points) and the commune / EPCI the site lies in
 * (the data layer's point-in-polygon against the communes layer).
 */
import type { FeatureCollection } from 'geojson';
import { assignCommune, type CommunesLayer } from '../import/assignCommune';
import { computedSurfaceM2 as surfaceOf, normalizeGeometry } from '../import';
import { DISTANCE_KEYS } from '../../domain/site';
import type { Site, SiteGeometry, SiteProperties } from '../../domain/types';

export function computedSurfaceM2(g: SiteGeometry | null | undefined): number | null {
  if (!g) return null;
  const a = surfaceOf(g);
  return a !== null && Number.isFinite(a) ? a : null;
}

/**
 * The site with a new geometry and every geometry-derived value recomputed: surface,
 * commune, EPCI (all null outside the communes layer). Distances are cleared (null)
 * until the distance worker answers.
 */
export function withGeometry(site: Site, drawn: SiteGeometry, communes: FeatureCollection | null | undefined): Site {
  // Rounded to 7 decimals like imports, so export → re-import gives identical sites.
  const geometry = normalizeGeometry(drawn);
  let where = null;
  try {
    where = communes ? assignCommune(geometry, communes as CommunesLayer) : null;
  } catch {
    where = null;
  }
  const props: SiteProperties = {
    ...site.properties,
    insee: where?.insee ?? null,
    commune: where?.commune ?? null,
    epci_siren: where?.epci_siren ?? null,
    epci_name: where?.epci_name ?? null,
    computed_surface_m2: computedSurfaceM2(geometry),
  };
  for (const k of DISTANCE_KEYS) (props as unknown as Record<string, unknown>)[k] = null;
  return { ...site, geometry, properties: props };
}
