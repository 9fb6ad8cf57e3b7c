/**
 * Reading the vector layers of a GeoPackage (OGC 12-128r18) with sql.js: the feature tables
 * listed in gpkg_contents, their geometry column and CRS (gpkg_geometry_columns,
 * gpkg_spatial_ref_sys), and their rows with the geometry decoded from GeoPackageBinary.
 */
import type { Database, SqlValue } from 'sql.js';
import type { Geometry } from 'geojson';
import { decodeGpkgGeometry } from './binary';
import { quoteId } from './sqljs';

export interface GpkgLayer {
  name: string;
  geometryColumn: string;
  /** « POLYGON », « POINT », « GEOMETRY »… */
  geometryType: string;
  srsId: number;
  /** « EPSG:2154 », or the system's name when it is not an EPSG one; null when undefined (srs_id 0 / -1). */
  crsName: string | null;
  count: number;
}

export interface GpkgRow {
  properties: Record<string, unknown>;
  geometry: Geometry | null;
  /** A French problem when the geometry blob could not be read. */
  error: string | null;
}

function rows(db: Database, sql: string, params: SqlValue[] = []): Record<string, SqlValue>[] {
  const st = db.prepare(sql, params);
  const out: Record<string, SqlValue>[] = [];
  try {
    while (st.step()) out.push(st.getAsObject() as Record<string, SqlValue>);
  } finally {
    st.free();
  }
  return out;
}

/** Every feature layer, in gpkg_contents order. Throws when the file is not a GeoPackage. */
export function listGpkgLayers(db: Database): GpkgLayer[] {
  const tables = new Set(rows(db, "SELECT name FROM sqlite_master WHERE type IN ('table','view')").map((r) => String(r.name)));
  if (!tables.has('gpkg_contents') || !tables.has('gpkg_geometry_columns')) throw new Error('ce n’est pas un GeoPackage (tables gpkg_contents et gpkg_geometry_columns absentes)');
  const srs = new Map<number, string | null>();
  if (tables.has('gpkg_spatial_ref_sys')) {
    for (const r of rows(db, 'SELECT srs_id, srs_name, organization, organization_coordsys_id FROM gpkg_spatial_ref_sys')) {
      const id = Number(r.srs_id);
      const org = String(r.organization ?? '').toUpperCase();
      srs.set(id, id <= 0 ? null : org === 'EPSG' ? `EPSG:${r.organization_coordsys_id}` : String(r.srs_name ?? `${org}:${r.organization_coordsys_id}`));
    }
  }
  const layers: GpkgLayer[] = [];
  for (const r of rows(
    db,
    "SELECT c.table_name AS name, g.column_name AS col, g.geometry_type_name AS type, g.srs_id AS srs FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name WHERE c.data_type = 'features' ORDER BY c.rowid",
  )) {
    const name = String(r.name);
    if (!tables.has(name)) continue;
    const count = Number(rows(db, `SELECT count(*) AS n FROM ${quoteId(name)}`)[0]?.n ?? 0);
    const srsId = Number(r.srs);
    layers.push({ name, geometryColumn: String(r.col), geometryType: String(r.type).toUpperCase(), srsId, crsName: srs.get(srsId) ?? null, count });
  }
  return layers;
}

/** The rows of a layer: every column but the primary key and the geometry becomes a property. */
export function readGpkgLayer(db: Database, layer: GpkgLayer): GpkgRow[] {
  const pk = rows(db, `PRAGMA table_info(${quoteId(layer.name)})`)
    .filter((c) => Number(c.pk) > 0)
    .map((c) => String(c.name));
  const st = db.prepare(`SELECT * FROM ${quoteId(layer.name)}`);
  const out: GpkgRow[] = [];
  try {
    const cols = st.getColumnNames();
    while (st.step()) {
      const values = st.get();
      const properties: Record<string, unknown> = {};
      let geometry: Geometry | null = null;
      let error: string | null = null;
      cols.forEach((c, i) => {
        const v = values[i];
        if (c === layer.geometryColumn) {
          if (v instanceof Uint8Array) {
            try {
              geometry = decodeGpkgGeometry(v).geometry;
            } catch (e) {
              error = `la géométrie n’a pas pu être lue (${e instanceof Error ? e.message : String(e)}).`;
            }
          }
        } else if (!pk.includes(c) && !(v instanceof Uint8Array)) properties[c] = v;
      });
      out.push({ properties, geometry, error });
    }
  } finally {
    st.free();
  }
  return out;
}
