/**
 * The drafts owner: everything about unpublished work kept in this browser — site drafts and
 * zone outline drafts — goes through here (bulletproof-react style: one folder, one public API).
 *
 *   ./store.ts        the zustand store: THE in-memory drafts, and what is derived from them
 *   ./persistence.ts  IndexedDB (same-task writes, revisions, other tabs, quarantine, retries)
 *   ./session.ts      the edit session: the open site, undo/redo, drawing, delete, conflicts
 *   ./importSession.ts the import session and the batched merge of imported sites
 *   ./distances.ts    distances of drafted sites (distance worker)
 *   ./zones.ts        zone outline drafts
 *   ./publication.ts  markExported, and clearing drafts the public data now holds
 *   ./backup.ts       backup files
 *   ./boot.ts         `startDrafts`, the one start-up call of the app shell (light)
 *
 * Nothing runs at import: the app shell calls `startDrafts()` (./boot.ts) once.
 */
import { readHistory, type HistoryEntry, type HistoryRead } from '../../data/drafts';
import { draftDb, flush, initDrafts as initPersistence } from './persistence';
import { reconcileWithPublished, whenAtlasReady } from './publication';
import { migrateZoneCnigStopgap } from './zones';

export * from './store';
export { TAB_ID, draftDb, dropQuarantined, flush, setAuthor, setNoticeHandler } from './persistence';
export {
  breakUndoGroup,
  canRedo,
  canUndo,
  closeSite,
  createSite,
  deleteSite,
  discardDraft,
  editSite,
  openSite,
  redo,
  resolveConflict,
  setGeometry,
  undo,
  type DeriveGeometry,
} from './session';
export { compareImport, IMPORT_BATCH, mergeImported, patchImportSession, setImportSession, type MergeReport } from './importSession';
export { refreshDistances } from './distances';
export { loadZoneHistory, migrateZoneCnigStopgap, outlineProblem, removeZoneOutline, saveZoneCnig, saveZoneOutline, useZoneDraftStatus, type ZoneDraftStatus } from './zones';
export { markExported, reconcileWithPublished, type ExportMark, type Reconciliation } from './publication';
export { exportBackup, importBackup, quarantinedText } from './backup';
export { useDraftsNotice } from './notice';

let reconciled = false;

/**
 * Opens the drafts database, loads the drafts (checked against the schema), then — once the
 * public data is loaded — moves the zones' CNIG values out of the localStorage stopgap and
 * clears the drafts the public data now holds. Idempotent.
 */
export async function initDrafts(): Promise<void> {
  await initPersistence();
  if (!reconciled) {
    reconciled = true;
    // The zones' CNIG values of the former localStorage stopgap join their drafts first (once the
    // register is loaded), so the comparison with the public data sees them.
    void whenAtlasReady()
      .then((ready) => (ready ? migrateZoneCnigStopgap() : []))
      .catch(() => [])
      .then(() => reconcileWithPublished())
      .then(
      (r) => r.sites.length + r.zones.length > 0 && noticeHandler?.(r.sites.length + r.zones.length),
      () => undefined,
    );
  }
}

let noticeHandler: ((cleared: number) => void) | null = null;
/** Told how many drafts the start-up found published (and cleared). */
export function onPublishedCleared(fn: ((cleared: number) => void) | null): void {
  noticeHandler = fn;
}

/** Former name of `initDrafts`. */
export const initCuration = initDrafts;

/**
 * Loads a site's change history, oldest first (empty when storage is unavailable). Entries the
 * history schema refuses come apart in `damaged`, with their problems in French; they stay
 * stored as they are.
 */
export async function loadHistory(siteId: string): Promise<HistoryRead<HistoryEntry>> {
  await flush();
  const db = draftDb();
  return readHistory<HistoryEntry>(db ? await db.listHistory(siteId) : [], 'site_id');
}
