/// <reference lib="webworker" />
/**
 * Module Web Worker writing the new drafts of a big import (./write.ts), so that the page's
 * main thread does not clone 100,000 records and history entries itself. Created by
 * ./client.ts. Opens the database per message and closes it after (it never holds the
 * database against an upgrade or a deletion).
 */
import { DB_VERSION } from '../index';
import { StorageError } from '../idb';
import type { ImportWriteRequest, ImportWriteResponse } from './protocol';
import { writeNewDrafts } from './write';

function open(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, DB_VERSION);
    // The page opens (and upgrades) the database first: an upgrade here means it is not ours to make.
    req.onupgradeneeded = () => req.transaction?.abort();
    req.onsuccess = () => {
      const db = req.result;
      db.onversionchange = () => db.close();
      resolve(db);
    };
    req.onerror = () => reject(new StorageError(req.error ?? new Error('ouverture impossible')));
    req.onblocked = () => reject(new StorageError(new Error('base bloquée')));
  });
}

self.addEventListener('message', (event: MessageEvent<ImportWriteRequest>) => {
  const { id, db: name, ...rest } = event.data;
  void (async (): Promise<ImportWriteResponse> => {
    let db: IDBDatabase | null = null;
    try {
      db = await open(name);
      return { id, ...(await writeNewDrafts(db, rest)) };
    } catch (e) {
      const cause = e instanceof StorageError ? e.cause : e;
      const errName = cause && typeof cause === 'object' && 'name' in cause ? String((cause as { name: unknown }).name) : 'Error';
      return { id, error: e instanceof Error ? e.message : String(e), name: errName };
    } finally {
      db?.close();
    }
  })().then((r) => self.postMessage(r));
});
