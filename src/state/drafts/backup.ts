/**
 * Backups of the drafts (a JSON file the user keeps): exported from MEMORY, so that what was
 * typed while the storage was unavailable or full is in it too, with the history and the
 * records kept aside; imported through the data layer (each record checked against the draft
 * schema: a bad one is kept aside, the rest is merged, never overwriting a different draft).
 */
import { backupText, type BackupImportReport, type HistoryEntry, type ZoneHistoryEntry } from '../../data/drafts';
import { draftDb, flush, initDrafts, reloadAll, reloadQuarantine } from './persistence';
import { getState, nowIso } from './store';

/** Everything this browser holds (drafts, zone outlines, history, kept-aside records) as a JSON text. */
export async function exportBackup(): Promise<string> {
  await flush();
  const s = getState();
  const db = draftDb();
  let history: HistoryEntry[] = [];
  let zoneHistory: ZoneHistoryEntry[] = [];
  if (db) {
    try {
      [history, zoneHistory] = await Promise.all([db.listHistory(), db.listZoneHistory()]);
    } catch {
      /* the drafts themselves are what matters */
    }
  }
  return backupText({
    exported_at: nowIso(),
    author: s.author.trim() || null,
    drafts: [...s.records.values()],
    history,
    zone_drafts: Object.values(s.zoneRecords),
    zone_history: zoneHistory,
    quarantine: s.quarantine,
  });
}

/** Merges a backup file: adds what is missing, never overwrites a different draft; bad records are kept aside. */
export async function importBackup(text: string, source: string | null = null): Promise<BackupImportReport> {
  await initDrafts();
  await flush();
  const db = draftDb();
  if (!db) throw new Error('stockage indisponible');
  const report = await db.importBackup(text, { author: getState().author.trim() || null, source });
  await reloadAll();
  await reloadQuarantine();
  return report;
}

/** One kept-aside record as a JSON text (to download it before dropping it from the list). */
export function quarantinedText(key: string): string | null {
  const e = getState().quarantine.find((x) => x.key === key);
  return e ? `${JSON.stringify(e, null, 1)}\n` : null;
}
