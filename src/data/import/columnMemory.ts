/**
 * Remembers, in this browser (localStorage), which atlas field the user chose for a column
 * the atlas did not know, so the next file with that column is mapped the same way.
 * Keys are normalised column names (« Surface (m²) » and « SURFACE (M²) » are one column).
 * Never throws: without localStorage (private mode, quota) nothing is remembered.
 */
import { columnKey, isColumnTarget, type ColumnMap, type ColumnProposal } from './columns';

export const COLUMN_MEMORY_KEY = 'atlas.import.columns.v1';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The remembered mappings (normalised column → field or null = not imported). */
export function loadColumnMemory(): ColumnMap {
  const s = storage();
  if (!s) return {};
  try {
    const raw = JSON.parse(s.getItem(COLUMN_MEMORY_KEY) ?? '{}') as unknown;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
    const out: ColumnMap = {};
    for (const [k, v] of Object.entries(raw)) if (v === null || isColumnTarget(v)) out[k] = v;
    return out;
  } catch {
    return {};
  }
}

/** Adds the user's choices (column as written → field) to the memory; returns the new memory. */
export function rememberColumns(choices: ColumnMap): ColumnMap {
  const memory = { ...loadColumnMemory() };
  for (const [column, target] of Object.entries(choices)) memory[columnKey(column)] = target;
  try {
    storage()?.setItem(COLUMN_MEMORY_KEY, JSON.stringify(memory));
  } catch {
    /* full or unavailable: not remembered */
  }
  return memory;
}

/** The choices shown in a report, as a map to send back with the next parse. */
export function columnChoices(proposals: readonly ColumnProposal[]): ColumnMap {
  const out: ColumnMap = {};
  for (const p of proposals) if (p.applied) out[p.column] = p.target;
  return out;
}
