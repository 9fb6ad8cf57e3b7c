/** Messages between the import page and its parsing Web Worker. */
import type { CrsId } from '../../../domain/crs';
import type { CommunesLayer, ImportResult, ImportFormat, TerritoryInput } from '../index';
import type { NameFixes } from '../importFixes';

/** The file to parse and how (what changes with every request). */
export interface ParseFile {
  name: string;
  bytes: ArrayBuffer;
  crs: CrsId | null;
  fixes: NameFixes;
  format: ImportFormat | null;
  existingIds: string[];
}

export interface ParseRequest extends ParseFile {
  id: number;
  /** Sent only when it changed since the previous request (the worker keeps it). */
  context?: { communes: CommunesLayer | null; territory: TerritoryInput | null };
}

export type ParseResponse = { id: number; result: ImportResult } | { id: number; error: string };
