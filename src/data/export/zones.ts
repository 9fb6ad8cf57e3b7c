/**
 * « GeoJSON des zones »: the activity zones that have an outline (published or digitised in
 * curation), one feature per zone, WGS 84 (RFC 7946, 7 decimals). The register's facts stay
 * with their sources: the total surfaces given by the sources are written as text next to
 * the surface computed from the outline, never replaced by it. Zones without outline and
 * territory-level groupings are left out (listed in `skipped`).
 */
import { area } from '@turf/area';
import type { ZoneRecord } from '../../domain/types';
import { exportGeometry, roundTo } from './geometry';

export interface ZonesGeoJSONOptions {
  /** Ids of zones whose outline is a draft (written as `perimetre_brouillon: true`). */
  draftIds?: ReadonlySet<string> | readonly string[];
}

export interface ZonesGeoJSONResult {
  /** The file's text (one feature per line). */
  text: string;
  count: number;
  skipped: { id: string; name: string }[];
}

/** « 140 ha (2014) | 11,5 ha (2009) »: the total surfaces the sources give, with their dates. */
function sourcedSurface(z: ZoneRecord): string | null {
  const parts = z.facts
    .filter((f) => f.attribute === 'surface_totale')
    .map((f) => `${f.value}${f.unit ? ` ${f.unit}` : ''}${f.fact_date ? ` (${f.fact_date})` : ''}`);
  return parts.length ? parts.join(' | ') : null;
}

export function toZonesGeoJSON(zones: readonly ZoneRecord[], opts: ZonesGeoJSONOptions = {}): ZonesGeoJSONResult {
  const drafts = new Set(opts.draftIds ?? []);
  const skipped: ZonesGeoJSONResult['skipped'] = [];
  const lines: string[] = [];
  for (const z of zones) {
    if (!z.geometry) {
      skipped.push({ id: z.zone_id, name: z.name });
      continue;
    }
    const properties = {
      zone_id: z.zone_id,
      nom: z.name,
      nature: z.kind,
      communes: z.communes.join('|'),
      insee: z.insee.join('|'),
      epci_siren: z.epci_siren.join('|'),
      surface_calculee_ha: roundTo(area(z.geometry) / 10000, 2),
      surface_source: sourcedSurface(z),
      perimetre_brouillon: drafts.has(z.zone_id),
      nb_faits_sources: z.facts.length,
    };
    lines.push(JSON.stringify({ type: 'Feature', properties, geometry: exportGeometry(z.geometry, 'EPSG:4326') }));
  }
  const text = `{"type":"FeatureCollection","name":"zones_activites","features":[\n${lines.join(',\n')}\n]}\n`;
  return { text, count: lines.length, skipped };
}
