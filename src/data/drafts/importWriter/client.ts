/**
 * Page-side client of the import writer worker (./worker.ts). `writeNewDraftsInWorker` resolves
 * with what was written and what was left for the page; it rejects when the worker cannot run
 * (no Worker, no IndexedDB in workers, a crash) or the transaction failed — the caller then
 * writes those sites itself.
 */
import type { ImportWriteRequest, ImportWriteResponse } from './protocol';

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (r: { written: number[]; skipped: number[] }) => void; reject: (e: Error) => void }>();

function failAll(message: string): void {
  for (const p of pending.values()) p.reject(new Error(message));
  pending.clear();
}

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  w.addEventListener('message', (e: MessageEvent<ImportWriteResponse>) => {
    const r = e.data;
    const p = pending.get(r.id);
    if (!p) return;
    pending.delete(r.id);
    if ('error' in r) p.reject(Object.assign(new Error(r.error), { name: r.name }));
    else p.resolve({ written: r.written, skipped: r.skipped });
  });
  w.addEventListener('error', () => {
    failAll('L’écriture des brouillons importés a échoué (erreur dans le Web Worker).');
    w.terminate();
    if (worker === w) worker = null;
  });
  worker = w;
  return w;
}

/** Can this page write drafts from a worker? (Browsers: yes; Node tests: no Worker.) */
export function importWriterAvailable(): boolean {
  return typeof Worker !== 'undefined' && typeof indexedDB !== 'undefined';
}

export function writeNewDraftsInWorker(req: Omit<ImportWriteRequest, 'id'>): Promise<{ written: number[]; skipped: number[] }> {
  return new Promise((resolve, reject) => {
    let w: Worker;
    try {
      w = getWorker();
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    const id = nextId++;
    pending.set(id, { resolve, reject });
    try {
      w.postMessage({ ...req, id } satisfies ImportWriteRequest);
    } catch (e) {
      pending.delete(id);
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
