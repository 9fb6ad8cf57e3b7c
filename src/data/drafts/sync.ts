/**
 * The write path of the drafts store: one IndexedDB transaction, created in the caller's task
 * (no timer, no debounce), that re-reads each record and lets the caller decide — inside the
 * transaction, from the stored value — what to write. That is how a tab never writes over a
 * newer revision without seeing it: the decision is made against what is on disk at that
 * moment, and nothing else can write between that read and the write.
 *
 * Many records go in ONE transaction (an import batch), not one per record. The returned
 * promise resolves after `complete` (durability 'strict' where supported): then it is on disk.
 */
import { transaction } from './idb';
import { appendQuarantine, type QuarantineEntry } from './quarantine';

export interface SyncHistory<H> {
  entry: H;
  /** Put the entry over this key (a run of keystrokes in one field stays one entry). */
  replaceKey?: number;
}

export interface SyncDecision<R, H> {
  /** The record to store; null removes it; undefined leaves it as it is. */
  record?: R | null;
  history?: SyncHistory<H>;
  /** The stored value failed the schema: kept aside (it is then replaced or removed). */
  quarantine?: QuarantineEntry;
}

export interface SyncOutcome {
  id: string;
  /** The key of the history entry written, null when none. */
  historyKey: number | null;
}

/**
 * Reads `ids` in `recordStore` and writes what `decide` returns, in one readwrite transaction.
 * `decide` runs inside the transaction's callbacks (synchronously: it must not await).
 */
export function syncRecords<R, H extends { id?: number }>(
  db: IDBDatabase,
  recordStore: string,
  historyStore: string,
  ids: readonly string[],
  decide: (id: string, stored: unknown) => SyncDecision<R, H>,
  now: () => string,
): Promise<SyncOutcome[]> {
  if (!ids.length) return Promise.resolve([]);
  return transaction(db, [recordStore, historyStore, 'meta'], 'readwrite', (tx, fail, failed) => {
    const outcomes: SyncOutcome[] = [];
    const quarantined: QuarantineEntry[] = [];
    let left = ids.length;
    const records = tx.objectStore(recordStore);
    for (const id of ids) {
      let get: IDBRequest;
      try {
        get = records.get(id);
      } catch (e) {
        fail(e);
        break;
      }
      get.onsuccess = () => {
        if (failed()) return;
        try {
          const d = decide(id, get.result);
          const out: SyncOutcome = { id, historyKey: null };
          outcomes.push(out);
          if (d.quarantine) quarantined.push(d.quarantine);
          if (d.record === null) records.delete(id);
          else if (d.record !== undefined) records.put(d.record);
          if (d.history) {
            const h = tx.objectStore(historyStore);
            const { id: _key, ...rest } = d.history.entry;
            const req = d.history.replaceKey !== undefined ? h.put({ ...rest, id: d.history.replaceKey }) : h.add(rest);
            req.onsuccess = () => {
              out.historyKey = req.result as number;
            };
          }
          if (--left === 0) appendQuarantine(tx, quarantined, now());
        } catch (e) {
          fail(e);
        }
      };
    }
    return () => outcomes;
  });
}
