/** The parse itself (shared by the worker and the main-thread fallback): fixes, then the data layer's parser. */
import type { CommunesLayer, ImportResult, TerritoryInput } from '../index';
import { applyNameFixes } from '../importFixes';
import { parseImportFiles } from '../parseImportFiles';
import type { ParseRequest } from './protocol';

/** Browser sql.js (its .wasm is a bundled asset), loaded the first time a GeoPackage is read. */
const sqlJs = () => import('../../gpkg/sqljsBrowser').then((m) => m.loadSqlJsBrowser());

export function runParse(
  req: Omit<ParseRequest, 'id' | 'context'>,
  context: { communes: CommunesLayer | null; territory: TerritoryInput | null },
): Promise<ImportResult> {
  // GeoJSON and CSV: the typed names are written into the text; other formats: into the records.
  const text = req.format === 'geojson' || req.format === 'csv';
  const main = { name: req.name, bytes: text ? applyNameFixes(req.bytes, req.fixes, req.format as 'geojson' | 'csv') : req.bytes };
  return parseImportFiles([main, ...(req.extraFiles ?? [])], {
    crs: req.crs ?? undefined,
    existingIds: new Set(req.existingIds),
    communes: context.communes,
    territory: context.territory,
    layer: req.layer ?? null,
    columnMap: req.columnMap,
    rememberedColumns: req.rememberedColumns,
    nameFixes: text ? undefined : req.fixes,
    sqlJs,
  });
}
