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
import { StorageError } from '../idb';
import type { ImportWriteRequest } from './protocol';

export function writeNewDrafts(db: IDBDatabase, req: Omit<ImportWriteRequest, 'id' | 'db'>): Promise<{ written: number[]; skipped: number[] }> {
  return new Promise((resolve, reject) => {
    let tx: IDBTransaction;
    try {
      tx = db.transaction(['drafts', 'history'], 'readwrite', { durability: 'strict' });
    } catch (e) {
      reject(new StorageError(e));
      return;
    }
    const written: number[] = [];
    const skipped: number[] = [];
    let failure: unknown = null;
    const drafts = tx.objectStore('drafts');
    const history = tx.objectStore('history');
    const fail = (e: unknown) => {
      failure = e;
      try {
        tx.abort();
      } catch {
        /* finishing */
      }
    };
    const entries: HistoryEntry[] = [];
    let asked = 0;
    let answered = 0;
    let listed = false;
    // Requests answer in order: after the last add's answer, every site is known written or not.
    const answer = () => {
      if (failure || answered < asked || !listed || !entries.length) return;
      try {
        const batch: HistoryBatch = { batch_sites: entries.map((e) => e.site_id), entries };
        history.add(batch);
      } catch (e) {
        fail(e);
      }
    };
    req.sites.forEach((site, i) => {
      if (failure) return;
      let w: ReturnType<typeof buildDraftWrite>;
      try {
        w = buildDraftWrite(null, site, { at: req.at, author: req.author, action: req.action, base: req.bases[i] ?? null, writer: req.writer });
      } catch (e) {
        fail(e);
        return;
      }
      if (!w) {
        skipped.push(i);
        return;
      }
      const entry = w.entry;
      // `add`, not a read then `put`: one request per draft instead of two; a record that
      // exists already fails with ConstraintError, which is caught (no abort) and left to the page.
      let add: IDBRequest;
      try {
        add = drafts.add(w.record);
      } catch (e) {
        fail(e);
        return;
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
    });
    listed = true;
    answer();
    tx.oncomplete = () => resolve({ written, skipped });
    tx.onabort = () => reject(new StorageError(failure ?? tx.error ?? new Error('transaction annulée')));
    tx.onerror = () => {
      /* reported by onabort */
    };
  });
}
