/**
 * GeoPackage → records: every vector layer is listed, the chosen one (default: the first) is
 * read with its declared CRS. sql.js is loaded on demand through the loader passed in.
 */
import { listGpkgLayers, readGpkgLayer } from '../../gpkg/read';
import type { SqlJsLoader } from '../../gpkg/sqljs';
import type { Extracted, ImportLayer, RawRecord } from '../types';
import { fileError } from '../issues';

/** « POLYGON » → « Polygon » (as the report names GeoJSON types). */
const GEOMETRY_NAMES: Record<string, string> = {
  POINT: 'Point',
  LINESTRING: 'LineString',
  POLYGON: 'Polygon',
  MULTIPOINT: 'MultiPoint',
  MULTILINESTRING: 'MultiLineString',
  MULTIPOLYGON: 'MultiPolygon',
  GEOMETRYCOLLECTION: 'GeometryCollection',
};

export async function readGeoPackage(bytes: Uint8Array, fileName: string, layer: string | null | undefined, loadSqlJs: SqlJsLoader): Promise<Extracted> {
  const SQL = await loadSqlJs();
  let db: InstanceType<typeof SQL.Database>;
  try {
    db = new SQL.Database(bytes);
  } catch (e) {
    return { records: [], crsMember: undefined, issues: [fileError('invalid-geopackage', `Le fichier « ${fileName} » n’est pas un GeoPackage lisible (${e instanceof Error ? e.message : String(e)}).`)] };
  }
  try {
    let all;
    try {
      all = listGpkgLayers(db);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      const sqlite = /not a database|malformed|encrypted/i.test(why);
      return {
        records: [],
        crsMember: undefined,
        issues: [fileError('invalid-geopackage', `Le fichier « ${fileName} » n’est pas un GeoPackage lisible (${sqlite ? 'ce n’est pas une base SQLite, ou elle est endommagée' : why}).`)],
      };
    }
    const layers: ImportLayer[] = all.map((l) => ({ name: l.name, count: l.count, geometryType: GEOMETRY_NAMES[l.geometryType] ?? l.geometryType }));
    if (all.length === 0) {
      return {
        records: [],
        crsMember: undefined,
        layers,
        issues: [fileError('no-features', `Le GeoPackage « ${fileName} » ne contient aucune couche vectorielle (seulement des tuiles ou des tables sans géométrie).`)],
      };
    }
    const chosen = (layer ? all.find((l) => l.name === layer) : undefined) ?? all.find((l) => l.count > 0) ?? all[0];
    const records: RawRecord[] = readGpkgLayer(db, chosen).map((r) => ({
      properties: r.properties,
      geometry: r.geometry,
      readErrors: r.error ? [{ code: 'invalid-geometry', problem: r.error }] : r.geometry ? [] : [{ code: 'missing-geometry', problem: 'la géométrie est vide.' }],
    }));
    return { records, crsMember: chosen.crsName ?? undefined, crsSource: chosen.crsName ? 'geopackage' : undefined, issues: [], layers, layer: chosen.name };
  } finally {
    db.close();
  }
}
