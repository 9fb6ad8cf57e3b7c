/**
 * The import writer's transaction (run in ./worker.ts; plain IndexedDB, testable without a
 * worker): for each site, reads its record; when there is none, writes the new draft and its
 * history entry (as `buildDraftWrite` makes them for a first write); when there is one, leaves it
 * for the page, which merges it (revisions, another tab's changes, a bad stored value).
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
    req.sites.forEach((site, i) => {
      if (failure) return;
      const get = drafts.getKey(site.properties.id);
      get.onsuccess = () => {
        if (failure) return;
        if (get.result !== undefined) {
          skipped.push(i);
          return;
        }
        try {
          const w = buildDraftWrite(null, site, { at: req.at, author: req.author, action: req.action, base: req.bases[i] ?? null, writer: req.writer });
          if (!w) {
            skipped.push(i);
            return;
          }
          drafts.put(w.record);
          history.add(w.entry);
          written.push(i);
        } catch (e) {
          failure = e;
          try {
            tx.abort();
          } catch {
            /* finishing */
          }
        }
      };
    });
    tx.oncomplete = () => resolve({ written, skipped });
    tx.onabort = () => reject(new StorageError(failure ?? tx.error ?? new Error('transaction annulée')));
    tx.onerror = () => {
      /* reported by onabort */
    };
  });
}
