/**
 * The import writer's transaction (run in ./worker.ts; plain IndexedDB, testable without a
 * worker): for each site, adds the new draft (as `buildDraftWrite` makes it for a first write)
 * and, once added, its history entry; when a record exists already, the add fails and the site
 * is left for the page, which merges it (revisions, another tab's changes, a bad stored value).
 * Resolves after `complete` (durability 'strict'): then it is on disk.
 */
import { buildDraftWrite } from '../index';
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
      const add = drafts.add(w.record);
      add.onsuccess = () => {
        if (failure) return;
        try {
          history.add(entry);
          written.push(i);
        } catch (e) {
          fail(e);
        }
      };
      add.onerror = (event) => {
        if (add.error?.name !== 'ConstraintError') return; // aborts the transaction: reported by onabort
        event.preventDefault();
        event.stopPropagation();
        skipped.push(i);
      };
    });
    tx.oncomplete = () => resolve({ written, skipped });
    tx.onabort = () => reject(new StorageError(failure ?? tx.error ?? new Error('transaction annulée')));
    tx.onerror = () => {
      /* reported by onabort */
    };
  });
}
