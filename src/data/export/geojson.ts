/**
 * GeoJSON export of sites. WGS84 (RFC 7946, 7 decimals) or Lambert-93 (2 decimals, with the
 * legacy `crs` member so a re-import — here or in a SIG — knows the CRS). Every property of
 * the Site model is written (null when unknown), in a stable order, one feature per line.
 */
import { crsMember, type CrsId } from '../../domain/crs';
import type { Site, SiteProperties } from '../../domain/types';
import { blankSiteProperties, DISTANCE_KEYS } from '../../domain/site';
import { exportGeometry } from './geometry';

export type ExportCrs = Extract<CrsId, 'EPSG:4326' | 'EPSG:2154'>;

/** Property order of exported features. */
export const PROPERTY_ORDER: readonly string[] = [...Object.keys(blankSiteProperties()), 'created_at', ...DISTANCE_KEYS];

/** The properties in a stable order, every known key present (null when unknown), extras after. */
export function orderedProperties(p: SiteProperties): Record<string, unknown> {
  const src = p as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of PROPERTY_ORDER) out[k] = src[k] ?? null;
  for (const k of Object.keys(src)) if (!(k in out) && src[k] !== undefined) out[k] = src[k];
  return out;
}

export function toGeoJSON(sites: readonly Site[], opts: { crs?: ExportCrs } = {}): string {
  const crs = opts.crs ?? 'EPSG:4326';
  const features = sites.map((s) => ({ type: 'Feature', properties: orderedProperties(s.properties), geometry: exportGeometry(s.geometry, crs) }));
  const head: Record<string, unknown> = { type: 'FeatureCollection' };
  if (crs !== 'EPSG:4326') head.crs = crsMember(crs);
  // A file made only of sample sites says so as a whole (the import then keeps them marked).
  if (sites.length > 0 && sites.every((s) => s.properties.fictitious === true)) head.fictitious = true;
  const headText = JSON.stringify(head).slice(0, -1);
  return `${headText},"features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}
