/**
 * A few promise helpers over the raw IndexedDB API (no dependency). Every write resolves
 * only once its transaction has completed (durability 'strict' where supported), so a
 * resolved write is on disk.
 */

export function promisify<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** French text for storage errors (quota, unavailable…). */
export function storageErrorMessage(e: unknown): string {
  const name = e && typeof e === 'object' && 'name' in e ? String((e as { name: unknown }).name) : '';
  const detail = e instanceof Error || (e && typeof e === 'object' && 'message' in e) ? String((e as { message: unknown }).message) : String(e);
  if (name === 'QuotaExceededError') {
    return 'Le stockage du navigateur est plein : la dernière modification n’a pas pu être enregistrée. Exportez une sauvegarde, puis libérez de la place.';
  }
  if (name === 'InvalidStateError' || name === 'SecurityError') {
    return `Le stockage local du navigateur (IndexedDB) n’est pas disponible (${detail}). En navigation privée, les brouillons ne peuvent pas être conservés.`;
  }
  return `Erreur du stockage local du navigateur : ${detail}`;
}

export class StorageError extends Error {
  readonly cause: unknown;
  constructor(cause: unknown) {
    super(storageErrorMessage(cause));
    this.name = 'StorageError';
    this.cause = cause;
  }
}

/**
 * The lifecycle of one transaction, shared by `run`, the write path of the drafts (./sync.ts)
 * and the import writer (./importWriter/write.ts). The transaction is created now (readwrite:
 * durability 'strict'); `start(tx, fail, failed)` makes its requests and returns how to read
 * the result. `fail(e)` aborts it, keeping the first failure; `failed()` tells whether it was
 * called (requests still answering then have nothing to do). Resolves with the result after
 * `complete` (then it is on disk); rejects with the first failure, or else the transaction's
 * own error, as a StorageError (one that already is one is not wrapped again).
 */
export function transaction<T>(
  db: IDBDatabase,
  stores: string[],
  mode: IDBTransactionMode,
  start: (tx: IDBTransaction, fail: (e: unknown) => void, failed: () => boolean) => () => T,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let tx: IDBTransaction;
    try {
      tx = mode === 'readwrite' ? db.transaction(stores, mode, { durability: 'strict' }) : db.transaction(stores, mode);
    } catch (e) {
      reject(new StorageError(e));
      return;
    }
    let failure: unknown = null;
    let hasFailed = false;
    const rejectWith = (cause: unknown) => reject(cause instanceof StorageError ? cause : new StorageError(cause));
    const fail = (e: unknown) => {
      hasFailed = true;
      failure ??= e;
      try {
        tx.abort();
      } catch {
        /* already finishing: `complete` reports the failure */
      }
    };
    let result: () => T;
    tx.oncomplete = () => (failure ? rejectWith(failure) : resolve(result()));
    tx.onabort = () => rejectWith(failure ?? tx.error ?? new Error('transaction annulée'));
    tx.onerror = () => {
      /* reported by onabort */
    };
    try {
      result = start(tx, fail, () => hasFailed);
    } catch (e) {
      fail(e);
    }
  });
}

/**
 * Runs `body` in one transaction and resolves with its result after `complete`.
 * `body` may await requests of this transaction (use `promisify`), but nothing else.
 */
export function run<T>(db: IDBDatabase, stores: string[], mode: IDBTransactionMode, body: (tx: IDBTransaction) => Promise<T>): Promise<T> {
  return transaction(db, stores, mode, (tx, fail) => {
    let result: T;
    body(tx).then((r) => {
      result = r;
    }, fail);
    return () => result;
  });
}

/** The kind of a storage failure: no storage at all, storage full, or another error. */
export function storageProblemOf(e: unknown): 'unavailable' | 'quota' | 'error' {
  const cause = e instanceof StorageError ? e.cause : e;
  const name = cause && typeof cause === 'object' && 'name' in cause ? String((cause as { name: unknown }).name) : '';
  if (name === 'QuotaExceededError') return 'quota';
  if (name === 'InvalidStateError' || name === 'SecurityError' || name === 'UnknownError') return 'unavailable';
  return 'error';
}
