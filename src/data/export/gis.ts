/**
 * Exports that open in QGIS and GDAL as they are (issue 11 §2). Pure data-layer functions:
 * sites + options in, text or bytes out (the caller downloads them).
 * - One file per geometry type: a layer in QGIS has one type; a GeoJSON mixing points and
 *   polygons is read by GDAL as « Unknown ».
 * - CSV for GIS: the .csv (WKT column), its .csvt (column types) and .prj (WGS 84), zipped.
 * - GeoPackage: one layer per geometry type, in Lambert-93 or WGS 84 (sql.js, on demand).
 */
import type { Site, SiteGeometry } from '../../domain/types';
import { SRS_WKT } from '../gpkg/srs';
import type { SqlJsLoader } from '../gpkg/sqljs';
import { CSV_COLUMNS, toCSV, toCSVT } from './csv';
import { toGeoJSON, type ExportCrs } from './geojson';
import { exportGeometry } from './geometry';

export type SiteGeometryType = SiteGeometry['type'];

/** File / layer suffix of each geometry type. */
export const GEOMETRY_SUFFIX: Record<SiteGeometryType, string> = { Point: 'points', Polygon: 'polygones', MultiPolygon: 'multipolygones' };

/** The sites grouped by geometry type, in a fixed order (points, polygons, multipolygons); empty groups left out. */
export function groupByGeometryType(sites: readonly Site[]): { type: SiteGeometryType; suffix: string; sites: Site[] }[] {
  const order: SiteGeometryType[] = ['Point', 'Polygon', 'MultiPolygon'];
  return order
    .map((type) => ({ type, suffix: GEOMETRY_SUFFIX[type], sites: sites.filter((s) => s.geometry.type === type) }))
    .filter((g) => g.sites.length > 0);
}

/** Do the sites mix geometry types (then a GIS wants one file per type)? */
export function hasMixedGeometries(sites: readonly Site[]): boolean {
  // One pass that stops at the first site of another type (the export panel asks at each render).
  const first = sites[0]?.geometry.type;
  for (let i = 1; i < sites.length; i++) if (sites[i].geometry.type !== first) return true;
  return false;
}

/** One GeoJSON text per geometry type (a single one when the sites share a type). */
export function toGeoJSONFiles(sites: readonly Site[], opts: { crs?: ExportCrs } = {}): { type: SiteGeometryType; suffix: string; count: number; text: string }[] {
  return groupByGeometryType(sites).map((g) => ({ type: g.type, suffix: g.suffix, count: g.sites.length, text: toGeoJSON(g.sites, opts) }));
}

/** The .prj of the CSV export (its WKT column is WGS 84). */
export const CSV_PRJ = SRS_WKT['EPSG:4326'].wkt;

/** The CSV and its sidecars, zipped (`<base>.csv`, `.csvt`, `.prj`): opens typed and in EPSG:4326 in QGIS. */
export async function toCsvZip(sites: readonly Site[], base: string): Promise<Uint8Array> {
  const { strToU8, zipSync } = await import('fflate');
  return zipSync({
    [`${base}.csv`]: strToU8(toCSV(sites)),
    [`${base}.csvt`]: strToU8(toCSVT()),
    [`${base}.prj`]: strToU8(CSV_PRJ),
  });
}

/** The columns of the GeoPackage export: the CSV's, without the coordinates (the geometry is the layer's). */
const GPKG_COLUMNS = CSV_COLUMNS.filter(([name]) => name !== 'WKT' && name !== 'lon' && name !== 'lat');
const GPKG_TYPES = toCSVT()
  .trim()
  .split(',')
  .map((t) => t.replace(/"/g, ''));
const gpkgType = (name: string) => {
  const k = CSV_COLUMNS.findIndex(([n]) => n === name);
  if (name === 'fictitious') return 'BOOLEAN' as const;
  return GPKG_TYPES[k] === 'Real' ? ('REAL' as const) : ('TEXT' as const);
};

/**
 * A GeoPackage of the sites: one layer per geometry type (« sites_points », « sites_polygones »…),
 * every attribute of the CSV export, the geometry in `crs` (Lambert-93 by default).
 */
export async function toGeoPackage(sites: readonly Site[], opts: { crs?: ExportCrs; sqlJs: SqlJsLoader }): Promise<Uint8Array> {
  const crs = opts.crs ?? 'EPSG:2154';
  const [{ writeGeoPackage }, SQL] = await Promise.all([import('../gpkg/write'), opts.sqlJs()]);
  const columns = GPKG_COLUMNS.map(([name]) => ({ name, type: gpkgType(name) }));
  return writeGeoPackage(
    SQL,
    groupByGeometryType(sites).map((g) => ({
      name: `sites_${g.suffix}`,
      geometryType: g.type.toUpperCase(),
      crs,
      columns,
      description: 'Atlas foncier du Soissonnais-Valois : sites exportés',
      features: g.sites.map((s) => ({
        geometry: exportGeometry(s.geometry, crs),
        values: GPKG_COLUMNS.map(([, get]) => get(s)),
      })),
    })),
  );
}
