/**
 * « Exporter ces résultats »: the sites of a search, for everyone (no edit mode), as CSV or
 * GeoJSON — the atlas's own export formats (./csv.ts, ./geojson.ts), with the search they come
 * from written where each format can carry it:
 *
 * - the file name: `atlas-resultats_<filters>_<date>.<ext>` (see src/domain/filterSlug.ts);
 * - GeoJSON: a `metadata` member (a foreign member, RFC 7946 §6.1: GIS tools ignore it) with the
 *   filters (as in the URL state and in words), the link that reopens the search, the date, the
 *   count, and the source, date and licence of each data layer. Results mixing points and
 *   polygons give one file per geometry type (`toGeoJSONFiles`: a GIS layer has one type), each
 *   named with its type (`…_points.geojson`) and carrying the metadata;
 * - CSV: the name only (a first line of comments would break GDAL, QGIS and spreadsheets);
 *   the same metadata is offered as GeoJSON.
 *
 * Pure except for the date given by the caller.
 */
import type { FilterState, LayerManifestEntry, Site } from '../../domain/types';
import { toCSV } from './csv';
import { toGeoJSONFiles } from './gis';

export type ResultsFormat = 'csv' | 'geojson';

export interface ResultsExportContext {
  filters: FilterState;
  /** The filters in words, one line each, in the interface's language (« Type : friche »). */
  filterLines: string[];
  /** File-name part naming the filters ('' when none), from `filterSlug`. */
  slug: string;
  /** The address that reopens this search. */
  link: string;
  exportedAt: Date;
  /** Manifest entries of the layers the sites come from (source, date, licence). */
  sources: LayerManifestEntry[];
  title: string;
}

export interface ResultsFile {
  name: string;
  mime: string;
  text: string;
}

function stamp(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}`;
}

export function resultsFileName(slug: string, ext: string, at: Date): string {
  return `atlas-resultats${slug ? `_${slug}` : ''}_${stamp(at)}.${ext}`;
}

/** The `metadata` member written into a GeoJSON export of results. */
export function resultsMetadata(sites: readonly Site[], ctx: ResultsExportContext): Record<string, unknown> {
  const fictitious = sites.filter((s) => s.properties.fictitious).length;
  return {
    title: ctx.title,
    exported_at: ctx.exportedAt.toISOString(),
    count: sites.length,
    fictitious_count: fictitious,
    filters: ctx.filters,
    filters_description: ctx.filterLines,
    link: ctx.link,
    sources: ctx.sources.map((l) => ({
      layer: l.id,
      title: l.title,
      producer: l.producer,
      date: l.date,
      licence: l.licence,
      licence_url: l.licence_url,
      source_url: l.source_url,
    })),
  };
}

export function exportResults(sites: readonly Site[], format: ResultsFormat, ctx: ResultsExportContext): ResultsFile[] {
  if (format === 'csv') {
    return [{ name: resultsFileName(ctx.slug, 'csv', ctx.exportedAt), mime: 'text/csv;charset=utf-8', text: toCSV(sites) }];
  }
  const parts = toGeoJSONFiles(sites);
  return parts.map((part) => {
    const subset = parts.length > 1 ? sites.filter((s) => s.geometry.type === part.type) : sites;
    const slug = parts.length > 1 ? [ctx.slug, part.suffix].filter(Boolean).join('_') : ctx.slug;
    // A JSON object's text starts with « { »: the metadata member goes first, the export stays as written.
    const text = `{"metadata":${JSON.stringify(resultsMetadata(subset, ctx))},${part.text.slice(part.text.indexOf('{') + 1)}`;
    return { name: resultsFileName(slug, 'geojson', ctx.exportedAt), mime: 'application/geo+json', text };
  });
}
