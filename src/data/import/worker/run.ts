/** The parse itself (shared by the worker and the main-thread fallback): fixes, then the data layer's parser. */
import { parseImportFile, type CommunesLayer, type ImportResult, type TerritoryInput } from '../index';
import { applyNameFixes } from '../importFixes';
import type { ParseRequest } from './protocol';

export function runParse(
  req: Omit<ParseRequest, 'id' | 'context'>,
  context: { communes: CommunesLayer | null; territory: TerritoryInput | null },
): ImportResult {
  return parseImportFile(
    { name: req.name, bytes: applyNameFixes(req.bytes, req.fixes, req.format) },
    {
      crs: req.crs ?? undefined,
      existingIds: new Set(req.existingIds),
      communes: context.communes,
      territory: context.territory,
    },
  );
}
