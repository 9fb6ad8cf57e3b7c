/** Messages between the import page and its parsing Web Worker. */
import type { CrsId } from '../../../domain/crs';
import type { CommunesLayer, ImportResult, ImportFormat, TerritoryInput } from '../../../data/import';
import type { NameFixes } from '../importFixes';

export interface ParseRequest {
  id: number;
  name: string;
  bytes: ArrayBuffer;
  crs: CrsId | null;
  fixes: NameFixes;
  format: ImportFormat | null;
  existingIds: string[];
  /** Sent only when it changed since the previous request (the worker keeps it). */
  context?: { communes: CommunesLayer | null; territory: TerritoryInput | null };
}

export type ParseResponse = { id: number; result: ImportResult } | { id: number; error: string };
