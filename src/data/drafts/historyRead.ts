/**
 * A history as the history views read it: the stored entries that pass the history schema
 * (./schema.ts, `checkHistoryEntry`), in their order, and the damaged ones apart, each with the
 * key of the record that holds it and its problems in French. A damaged entry (an unreadable
 * date, a change list that is not a list…) used to reach the views as it was and break them.
 *
 * Nothing is rewritten: the damaged records stay stored as they are and backups carry them
 * (where a backup's restore sets them aside, ./quarantine.ts). Pure: no IndexedDB, no React.
 */
import { checkHistoryEntry } from './schema';

export interface DamagedHistoryEntry {
  /**
   * Key of the stored record that holds it (an entry of an import batch is named by its
   * batch's key), null when none could be read.
   */
  record: number | null;
  problems: string[];
}

export interface HistoryRead<T> {
  entries: T[];
  damaged: DamagedHistoryEntry[];
}

/**
 * Splits stored history entries (already expanded from import batches: an entry of batch K has
 * an id in ]K − 1, K]) into the readable ones and the damaged ones.
 */
export function readHistory<T>(records: readonly unknown[], idKey: 'site_id' | 'zone_id'): HistoryRead<T> {
  const entries: T[] = [];
  const damaged: DamagedHistoryEntry[] = [];
  for (const r of records) {
    const c = checkHistoryEntry<T>(r, idKey);
    if (c.ok) {
      entries.push(c.value);
      continue;
    }
    const id = r && typeof r === 'object' ? (r as { id?: unknown }).id : undefined;
    damaged.push({ record: typeof id === 'number' && Number.isFinite(id) ? Math.ceil(id) : null, problems: c.problems });
  }
  return { entries, damaged };
}
