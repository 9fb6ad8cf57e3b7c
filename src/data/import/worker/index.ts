/**
 * Parses an import file in a Web Worker, so the page stays responsive while a large file is
 * read and validated. Falls back to the UI thread when workers are unavailable.
 *
 * One parse at a time: a new request, or `cancelImportParse()` (« Annuler l’import »),
 * terminates a worker still busy with an earlier file and starts a fresh one, so a stuck or
 * huge file never delays the next. The cancelled request's promise rejects with
 * `ImportCancelledError`. Callers compare request tokens and ignore superseded answers.
 */
import type { CommunesLayer, ImportItem, ImportResult, TerritoryInput } from '../index';
import type { ParseFile, ParseRequest, ParseResponse } from './protocol';
import { runParse } from './run';

export interface ParseInput extends ParseFile {
  communes: CommunesLayer | null;
  territory: TerritoryInput | null;
}

export class ImportCancelledError extends Error {
  constructor() {
    super('import annulé');
    this.name = 'ImportCancelledError';
  }
}

interface Pending {
  resolve: (r: ImportResult) => void;
  reject: (e: Error) => void;
  items: ImportItem[];
}

let worker: Worker | null = null;
let broken = false;
let nextId = 1;
let sentContext: { communes: unknown; territory: unknown } | null = null;
const pending = new Map<number, Pending>();

function stopWorker(reason: Error): void {
  worker?.terminate();
  worker = null;
  sentContext = null;
  for (const p of pending.values()) p.reject(reason);
  pending.clear();
}

function getWorker(): Worker | null {
  if (broken || typeof Worker === 'undefined') return null;
  if (worker) return worker;
  try {
    worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  } catch {
    broken = true;
    return null;
  }
  const w = worker;
  w.addEventListener('message', (e: MessageEvent<ParseResponse>) => {
    const p = pending.get(e.data.id);
    if (!p || w !== worker) return;
    const m = e.data;
    if ('items' in m) {
      for (const it of m.items) p.items.push(it);
      return;
    }
    pending.delete(m.id);
    if ('error' in m) p.reject(new Error(m.error));
    else p.resolve({ ...m.result, items: p.items });
  });
  w.addEventListener('error', (ev) => {
    ev.preventDefault?.();
    if (w === worker) stopWorker(new Error('la lecture du fichier a échoué (Web Worker)'));
  });
  return w;
}

/** Is a file being parsed? */
export function importParseBusy(): boolean {
  return pending.size > 0;
}

/** « Annuler l’import »: stops the parse in progress (the worker is terminated and restarted on the next file). */
export function cancelImportParse(): void {
  if (pending.size > 0) stopWorker(new ImportCancelledError());
}

export function parseImport(input: ParseInput): Promise<ImportResult> {
  const { communes, territory, ...req } = input;
  // One parse at a time: an earlier one still running is abandoned, with its worker.
  if (pending.size > 0) stopWorker(new ImportCancelledError());
  const w = getWorker();
  if (!w) return Promise.resolve().then(() => runParse(req, { communes, territory }));
  const id = nextId++;
  const extraFiles = req.extraFiles?.map((f) => ({ name: f.name, bytes: f.bytes.slice(0) }));
  const msg: ParseRequest = { id, ...req, bytes: req.bytes.slice(0), extraFiles };
  if (!sentContext || sentContext.communes !== communes || sentContext.territory !== territory) {
    msg.context = { communes, territory };
    sentContext = { communes, territory };
  }
  return new Promise<ImportResult>((resolve, reject) => {
    pending.set(id, { resolve, reject, items: [] });
    w.postMessage(msg, [msg.bytes, ...(extraFiles ?? []).map((f) => f.bytes)]);
  });
}
