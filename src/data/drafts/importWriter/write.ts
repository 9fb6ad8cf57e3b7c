/**
 * The import writer's transaction (run in ./worker.ts; plain IndexedDB, testable without a
 * worker): for each site, adds the new draft (as `buildDraftWrite` makes it for a first write);
 * when a record exists already, the add fails and the site is left for the page, which merges
 * it (revisions, another tab's changes, a bad stored value). Once every add has answered, the
 * history entries of the sites added go in ONE record (`HistoryBatch`, in the same transaction):
 * one request per site instead of two. Resolves after `complete` (durability 'strict'): then
 * drafts and history are on disk together.
 */
import type { HistoryEntry } from '../../../domain/history';
import { buildDraftWrite, type HistoryBatch } from '../index';
import { transaction } from '../idb';
import type { ImportWriteRequest } from './protocol';

export function writeNewDrafts(db: IDBDatabase, req: Omit<ImportWriteRequest, 'id' | 'db'>): Promise<{ written: number[]; skipped: number[] }> {
  return transaction(db, ['drafts', 'history'], 'readwrite', (tx, fail, failed) => {
    const written: number[] = [];
    const skipped: number[] = [];
    const drafts = tx.objectStore('drafts');
    const history = tx.objectStore('history');
    const entries: HistoryEntry[] = [];
    let asked = 0;
    let answered = 0;
    let listed = false;
    // Requests answer in order: after the last add's answer, every site is known written or not.
    const answer = () => {
      if (failed() || answered < asked || !listed || !entries.length) return;
      try {
        const batch: HistoryBatch = { batch_sites: entries.map((e) => e.site_id), entries };
        history.add(batch);
      } catch (e) {
        fail(e);
      }
    };
    for (let i = 0; i < req.sites.length && !failed(); i++) {
      let w: ReturnType<typeof buildDraftWrite>;
      try {
        w = buildDraftWrite(null, req.sites[i], { at: req.at, author: req.author, action: req.action, base: req.bases[i] ?? null, writer: req.writer });
      } catch (e) {
        fail(e);
        break;
      }
      if (!w) {
        skipped.push(i);
        continue;
      }
      const entry = w.entry;
      // `add`, not a read then `put`: one request per draft instead of two; a record that
      // exists already fails with ConstraintError, which is caught (no abort) and left to the page.
      let add: IDBRequest;
      try {
        add = drafts.add(w.record);
      } catch (e) {
        fail(e);
        break;
      }
      asked++;
      add.onsuccess = () => {
        answered++;
        written.push(i);
        entries.push(entry);
        answer();
      };
      add.onerror = (event) => {
        if (add.error?.name !== 'ConstraintError') return; // aborts the transaction: reported by onabort
        event.preventDefault();
        event.stopPropagation();
        answered++;
        skipped.push(i);
        answer();
      };
    }
    listed = true;
    answer();
    return () => ({ written, skipped });
  });
}
