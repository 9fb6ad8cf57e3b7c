/**
 * Writes a GeoPackage (OGC 12-128r18, version 1.2) with sql.js: the required tables
 * (gpkg_spatial_ref_sys with the three mandatory rows and the layers' systems, gpkg_contents,
 * gpkg_geometry_columns), one feature table per layer, geometries as GeoPackageBinary
 * (little-endian, with envelope). No spatial index (optional in the standard; QGIS and GDAL
 * build one on demand). `application_id` « GPKG » and `user_version` 10200 identify the file.
 */
import type { Geometry } from 'geojson';
import { encodeGpkgGeometry, envelopeOf } from './binary';
import type { SqlJsStatic } from 'sql.js';
import { quoteId } from './sqljs';
import { SRS_WKT } from './srs';

export type GpkgColumnType = 'TEXT' | 'REAL' | 'INTEGER' | 'BOOLEAN' | 'DATE' | 'DATETIME';

export interface GpkgLayerInput {
  name: string;
  /** « POINT », « POLYGON », « MULTIPOLYGON »… */
  geometryType: string;
  crs: keyof typeof SRS_WKT;
  columns: { name: string; type: GpkgColumnType }[];
  features: { geometry: Geometry; values: unknown[] }[];
  description?: string;
}

const UNDEFINED_SRS: [string, number, string, number, string][] = [
  ['Undefined Cartesian SRS', -1, 'NONE', -1, 'undefined'],
  ['Undefined geographic SRS', 0, 'NONE', 0, 'undefined'],
];

function sqlValue(v: unknown, type: GpkgColumnType): string | number | null {
  if (v === null || v === undefined) return null;
  if (type === 'BOOLEAN') return v === true ? 1 : v === false ? 0 : null;
  if (type === 'REAL' || type === 'INTEGER') return typeof v === 'number' && Number.isFinite(v) ? v : null;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export function writeGeoPackage(SQL: SqlJsStatic, layers: GpkgLayerInput[]): Uint8Array {
  const db = new SQL.Database();
  try {
    db.run('PRAGMA application_id = 1196444487'); // « GPKG »
    db.run('PRAGMA user_version = 10200');
    db.run(`CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT)`);
    db.run(
      `CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))`,
    );
    db.run(
      `CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), CONSTRAINT uk_gc_table_name UNIQUE (table_name), CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name), CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))`,
    );
    const srs = db.prepare('INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)');
    for (const row of UNDEFINED_SRS) srs.run([...row, null]);
    const used = new Set(['EPSG:4326', ...layers.map((l) => l.crs)] as (keyof typeof SRS_WKT)[]);
    for (const crs of used) {
      const d = SRS_WKT[crs];
      srs.run([d.name, d.id, 'EPSG', d.id, d.wkt, null]);
    }
    srs.free();

    db.run('BEGIN');
    for (const layer of layers) {
      const srsId = SRS_WKT[layer.crs].id;
      const cols = layer.columns.map((c) => `${quoteId(c.name)} ${c.type}`).join(', ');
      db.run(`CREATE TABLE ${quoteId(layer.name)} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom ${layer.geometryType}${cols ? `, ${cols}` : ''})`);
      const insert = db.prepare(
        `INSERT INTO ${quoteId(layer.name)} (geom${layer.columns.map((c) => `, ${quoteId(c.name)}`).join('')}) VALUES (?${', ?'.repeat(layer.columns.length)})`,
      );
      const box = [Infinity, Infinity, -Infinity, -Infinity];
      for (const f of layer.features) {
        const [a, b, c, d] = envelopeOf(f.geometry);
        box[0] = Math.min(box[0], a);
        box[1] = Math.min(box[1], b);
        box[2] = Math.max(box[2], c);
        box[3] = Math.max(box[3], d);
        insert.run([encodeGpkgGeometry(f.geometry, srsId), ...layer.columns.map((col, k) => sqlValue(f.values[k], col.type))]);
      }
      insert.free();
      const extent = layer.features.length ? box : [null, null, null, null];
      db.run('INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
        layer.name,
        'features',
        layer.name,
        layer.description ?? '',
        ...extent,
        srsId,
      ]);
      db.run('INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)', [layer.name, 'geom', layer.geometryType, srsId]);
    }
    db.run('COMMIT');
    return db.export();
  } finally {
    db.close();
  }
}
