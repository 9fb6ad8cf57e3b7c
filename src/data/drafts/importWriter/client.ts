/**
 * Page-side client of the import writer worker (./worker.ts). `writeNewDraftsInWorker` resolves
 * with what was written and what was left for the page; it rejects when the worker cannot run
 * (no Worker, no IndexedDB in workers, a crash) or the transaction failed — the caller then
 * writes those sites itself.
 */
import { workerClient, type WorkerLike } from '../../workerClient';
import type { ImportWriteRequest, ImportWriteResponse } from './protocol';

const client = workerClient<ImportWriteRequest, ImportWriteResponse>({
  create: () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike<ImportWriteRequest, ImportWriteResponse>,
  cannotStart: () => new Error('L’écriture des brouillons importés ne peut pas démarrer : ce navigateur ne prend pas en charge les Web Workers.'),
  crashed: () => new Error('L’écriture des brouillons importés a échoué (erreur dans le Web Worker).'),
});

/** Can this page write drafts from a worker? (Browsers: yes; Node tests: no Worker.) */
export function importWriterAvailable(): boolean {
  return typeof Worker !== 'undefined' && typeof indexedDB !== 'undefined';
}

export async function writeNewDraftsInWorker(req: Omit<ImportWriteRequest, 'id'>): Promise<{ written: number[]; skipped: number[] }> {
  const r = await client.request(req);
  if ('error' in r) throw Object.assign(new Error(r.error), { name: r.name });
  return { written: r.written, skipped: r.skipped };
}
