/** Messages between the import page and its parsing Web Worker. */
import type { CrsId } from '../../../domain/crs';
import type { CommunesLayer, ImportItem, ImportResult, ImportFormat, TerritoryInput } from '../index';
import type { ColumnMap } from '../columns';
import type { NameFixes } from '../importFixes';

/** The file to parse and how (what changes with every request). */
export interface ParseFile {
  name: string;
  bytes: ArrayBuffer;
  /** The other files dropped with it (the parts of a Shapefile). */
  extraFiles?: { name: string; bytes: ArrayBuffer }[];
  crs: CrsId | null;
  fixes: NameFixes;
  format: ImportFormat | null;
  existingIds: string[];
  /** GeoPackage layer, Excel sheet or Shapefile of a zip. */
  layer?: string | null;
  /** Column mapping chosen in the report for this file. */
  columnMap?: ColumnMap;
  /** Mappings remembered from earlier files (read from localStorage by the page: a worker has none). */
  rememberedColumns?: ColumnMap;
}

export interface ParseRequest extends ParseFile {
  id: number;
  /** Sent only when it changed since the previous request (the worker keeps it). */
  context?: { communes: CommunesLayer | null; territory: TerritoryInput | null };
}

/**
 * The report comes back in pieces, so that no single message takes long to receive on the
 * page's thread: the items in chunks, then the report without its items.
 */
export type ParseResponse =
  | { id: number; items: ImportItem[] }
  | { id: number; result: ImportResult }
  | { id: number; error: string };
