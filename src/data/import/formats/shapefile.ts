/**
 * Shapefile → records. The geometries are read by shpjs (maintained, the Shapefile reader of
 * the web-mapping field: every shape type, rings assembled into polygons with their holes),
 * WITHOUT reprojection: the .prj is read here and handed to the atlas's own CRS detection, so
 * the report says which system was found and the user can change it. Attributes: ./dbf.ts.
 */
import { parseShp } from 'shpjs';
import type { ValidationIssue } from '../../validation/types';
import { crsNameFromPrj } from '../prj';
import type { Extracted, RawRecord } from '../types';
import { readDbf } from './dbf';
import { fileIssue } from '../issues';

export interface ShapefileParts {
  /** Base name, e.g. « terrains_l93 ». */
  base: string;
  shp: Uint8Array;
  dbf: Uint8Array;
  prj?: string | null;
  cpg?: string | null;
}

export function readShapefile(parts: ShapefileParts, fileName: string): Extracted {
  const issues: ValidationIssue[] = [];
  let geometries: ReturnType<typeof parseShp>;
  try {
    geometries = parseShp(parts.shp);
  } catch (e) {
    return { records: [], crsMember: undefined, issues: [fileIssue('error', 'invalid-shapefile', `Le fichier « ${parts.base}.shp » (${fileName}) n’est pas un Shapefile lisible (${e instanceof Error ? e.message : String(e)}).`)] };
  }
  let table: ReturnType<typeof readDbf>;
  try {
    table = readDbf(parts.dbf, parts.cpg);
  } catch (e) {
    return { records: [], crsMember: undefined, issues: [fileIssue('error', 'invalid-shapefile', `Le fichier « ${parts.base}.dbf » (${fileName}) : ${e instanceof Error ? e.message : String(e)}.`)] };
  }
  if (table.records.length !== geometries.length) {
    issues.push(
      fileIssue(
        'warning',
        'shapefile-count-mismatch',
        `Le Shapefile « ${parts.base} » a ${geometries.length} géométrie(s) dans le .shp et ${table.records.length} ligne(s) dans le .dbf : les entités sont appariées dans l’ordre ; vérifiez le fichier dans votre SIG.`,
      ),
    );
  }
  const n = Math.max(geometries.length, table.records.length);
  const records: RawRecord[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const g = geometries[i] ?? null;
    records[i] = {
      properties: { ...(table.records[i] ?? {}) },
      geometry: g,
      readErrors: g ? [] : [{ code: 'missing-geometry', problem: 'la géométrie est vide (forme nulle dans le .shp).' }],
    };
  }
  const declared = parts.prj ? crsNameFromPrj(parts.prj) : null;
  if (!parts.prj) {
    issues.push(
      fileIssue('warning', 'missing-prj', `Le Shapefile « ${parts.base} » n’a pas de fichier .prj : le système de coordonnées est déduit de l’étendue des coordonnées ; vérifiez-le ci-dessous.`),
    );
  }
  return { records, crsMember: declared ?? undefined, issues, crsSource: declared ? 'prj' : undefined, encoding: table.encoding };
}
