/**
 * CSV export of sites: UTF-8 with BOM, `;` separator, CRLF line ends (what French Excel
 * opens directly), `.` as decimal separator so a re-import reads exactly the same numbers.
 * Quotes are doubled; fields with `;`, quotes, line breaks or edge spaces are quoted.
 * Text starting with = + - @ (or tab/CR) gets a leading apostrophe so a spreadsheet does not
 * run it as a formula; the import removes it again.
 *
 * For GIS: the geometry is in a `WKT` column (WGS 84), which GDAL and QGIS open as the layer's
 * geometry without any option, with `lon` / `lat` (the point itself, or a point on the polygon)
 * for spreadsheets. `toCSVT()` gives the `.csvt` sidecar (column types) and `CSV_PRJ` the `.prj`
 * (the CRS): with them, `ogrinfo` reads typed columns in EPSG:4326.
 */
import { readinessLevel } from '../../domain/readiness';
import { READINESS_ITEM_IDS, type Site } from '../../domain/types';
import { lonLatOf, roundTo, toWkt } from './geometry';

type Getter = (s: Site) => unknown;

const ha = (m2: number | null | undefined) => (typeof m2 === 'number' ? roundTo(m2 / 10000, 6) : null);

const READINESS_COLUMNS: [string, Getter][] = READINESS_ITEM_IDS.flatMap((item) =>
  (['status', 'date', 'source', 'note'] as const).map((k): [string, Getter] => [`readiness_${item}_${k}`, (s) => s.properties.readiness?.[item]?.[k] ?? null]),
);

export const CSV_COLUMNS: readonly [string, Getter][] = [
  ['id', (s) => s.properties.id],
  ['name', (s) => s.properties.name],
  ['kind', (s) => s.properties.kind],
  ['zone_id', (s) => s.properties.zone_id],
  ['zone_name', (s) => s.properties.zone_name],
  ['commune', (s) => s.properties.commune],
  ['insee', (s) => s.properties.insee],
  ['epci', (s) => s.properties.epci_name],
  ['epci_siren', (s) => s.properties.epci_siren],
  ['declared_surface_m2', (s) => s.properties.declared_surface_m2],
  ['declared_surface_ha', (s) => ha(s.properties.declared_surface_m2)],
  ['computed_surface_m2', (s) => s.properties.computed_surface_m2],
  ['computed_surface_ha', (s) => ha(s.properties.computed_surface_m2)],
  ['availability', (s) => s.properties.availability],
  ['occupation', (s) => s.properties.occupation],
  ['sectors', (s) => (s.properties.sectors ?? []).join('|')],
  ['readiness_level', (s) => readinessLevel(s.properties)],
  ...READINESS_COLUMNS,
  ['price_eur_m2', (s) => s.properties.price_eur_m2],
  ['contact', (s) => s.properties.contact],
  ['notes', (s) => s.properties.notes],
  ['friche_status', (s) => s.properties.friche_status],
  ['friche_type', (s) => s.properties.friche_type],
  ['dist_rn2_m', (s) => s.properties.dist_rn2_m],
  ['dist_rn2_error_m', (s) => s.properties.dist_rn2_error_m],
  ['dist_waterway_m', (s) => s.properties.dist_waterway_m],
  ['waterway_name', (s) => s.properties.waterway_name],
  ['dist_station_m', (s) => s.properties.dist_station_m],
  ['station_name', (s) => s.properties.station_name],
  ['rail_km_to_cdg', (s) => s.properties.rail_km_to_cdg],
  ['dist_ite_m', (s) => s.properties.dist_ite_m],
  ['ite_name', (s) => s.properties.ite_name],
  ['ite_line', (s) => s.properties.ite_line],
  ['lon', (s) => lonLatOf(s.geometry)[0]],
  ['lat', (s) => lonLatOf(s.geometry)[1]],
  // « WKT »: the name GDAL's CSV driver (and so QGIS) reads as the geometry without options.
  ['WKT', (s) => toWkt(s.geometry)],
  ['source', (s) => s.properties.source],
  ['source_url', (s) => s.properties.source_url],
  ['updated_at', (s) => s.properties.updated_at],
  ['created_at', (s) => s.properties.created_at],
  ['fictitious', (s) => s.properties.fictitious === true],
];

const FORMULA_START = /^'*[=+\-@\t\r]/;

/** One CSV cell. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = typeof v === 'string' ? v : JSON.stringify(v);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[;"\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCSV(sites: readonly Site[]): string {
  const lines = [CSV_COLUMNS.map(([name]) => name).join(';')];
  for (const s of sites) lines.push(CSV_COLUMNS.map(([, get]) => csvCell(get(s))).join(';'));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/** Columns written as numbers (GDAL type « Real » in the .csvt). */
const REAL_COLUMNS = new Set([
  'declared_surface_m2',
  'declared_surface_ha',
  'computed_surface_m2',
  'computed_surface_ha',
  'price_eur_m2',
  'dist_rn2_m',
  'dist_rn2_error_m',
  'dist_waterway_m',
  'dist_station_m',
  'rail_km_to_cdg',
  'lon',
  'lat',
]);

/** The `.csvt` sidecar of toCSV(): one line of GDAL column types (String, Real, WKT). */
export function toCSVT(): string {
  return `${CSV_COLUMNS.map(([name]) => (name === 'WKT' ? '"WKT"' : REAL_COLUMNS.has(name) ? '"Real"' : '"String"')).join(',')}\r\n`;
}
