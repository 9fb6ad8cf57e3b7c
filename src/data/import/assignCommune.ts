/**
 * Finds the commune (and so the EPCI) of a site from its geometry: point-in-polygon of
 * the point, or of the polygon's centroid (or, when the centroid falls outside the
 * polygon — a C-shaped plot — of a point guaranteed on its surface).
 */
import { bbox as turfBbox } from '@turf/bbox';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { centroid } from '@turf/centroid';
import { pointOnFeature } from '@turf/point-on-feature';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { SiteGeometry } from '../../domain/types';

/** Properties of the communes layer (public/data/communes.geojson). */
export interface CommuneProperties {
  insee: string;
  name: string;
  epci_siren?: string | null;
  epci_name?: string | null;
}
export type CommunesLayer = FeatureCollection<Polygon | MultiPolygon, CommuneProperties>;

export interface CommuneAssignment {
  insee: string;
  commune: string;
  epci_siren: string | null;
  epci_name: string | null;
}

type Indexed = { box: number[]; f: Feature<Polygon | MultiPolygon, CommuneProperties> }[];
const INDEX = new WeakMap<object, Indexed>();

function indexOf(communes: CommunesLayer): Indexed {
  let idx = INDEX.get(communes);
  if (!idx) {
    idx = communes.features.filter((f) => f.geometry).map((f) => ({ box: turfBbox(f), f }));
    INDEX.set(communes, idx);
  }
  return idx;
}

/** The point used to locate a site: the point itself, or a representative point of the polygon. */
export function representativePoint(geometry: SiteGeometry): Position {
  if (geometry.type === 'Point') return geometry.coordinates;
  const c = centroid(geometry).geometry.coordinates;
  if (booleanPointInPolygon(c, geometry)) return c;
  return pointOnFeature(geometry).geometry.coordinates;
}

/** The commune containing the site's representative point, or null when none does. */
export function assignCommune(geometry: SiteGeometry, communes: CommunesLayer): CommuneAssignment | null {
  const p = representativePoint(geometry);
  for (const { box, f } of indexOf(communes)) {
    if (p[0] < box[0] || p[0] > box[2] || p[1] < box[1] || p[1] > box[3]) continue;
    if (booleanPointInPolygon(p, f.geometry)) {
      const q = f.properties;
      return { insee: q.insee, commune: q.name, epci_siren: q.epci_siren ?? null, epci_name: q.epci_name ?? null };
    }
  }
  return null;
}
