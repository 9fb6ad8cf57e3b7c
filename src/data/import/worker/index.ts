/**
 * Parses an import file in a Web Worker (created on first use, kept), so the page stays
 * responsive while a large file is read and validated. Falls back to the UI thread when
 * workers are unavailable. Only the latest request of a caller matters: callers compare
 * the returned request id with their own.
 */
import type { CommunesLayer, ImportResult, TerritoryInput } from '../index';
import type { ParseFile, ParseRequest, ParseResponse } from './protocol';
import { runParse } from './run';

export interface ParseInput extends ParseFile {
  communes: CommunesLayer | null;
  territory: TerritoryInput | null;
}

let worker: Worker | null = null;
let broken = false;
let nextId = 1;
let sentContext: { communes: unknown; territory: unknown } | null = null;
const pending = new Map<number, { resolve: (r: ImportResult) => void; reject: (e: Error) => void }>();

function getWorker(): Worker | null {
  if (broken || typeof Worker === 'undefined') return null;
  if (worker) return worker;
  try {
    worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  } catch {
    broken = true;
    return null;
  }
  worker.addEventListener('message', (e: MessageEvent<ParseResponse>) => {
    const p = pending.get(e.data.id);
    if (!p) return;
    pending.delete(e.data.id);
    if ('error' in e.data) p.reject(new Error(e.data.error));
    else p.resolve(e.data.result);
  });
  worker.addEventListener('error', () => {
    for (const p of pending.values()) p.reject(new Error('la lecture du fichier a échoué (Web Worker)'));
    pending.clear();
    worker?.terminate();
    worker = null;
    sentContext = null;
  });
  return worker;
}

export function parseImport(input: ParseInput): Promise<ImportResult> {
  const { communes, territory, ...req } = input;
  const w = getWorker();
  if (!w) return Promise.resolve().then(() => runParse(req, { communes, territory }));
  const id = nextId++;
  const msg: ParseRequest = { id, ...req, bytes: req.bytes.slice(0) };
  if (!sentContext || sentContext.communes !== communes || sentContext.territory !== territory) {
    msg.context = { communes, territory };
    sentContext = { communes, territory };
  }
  return new Promise<ImportResult>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage(msg, [msg.bytes]);
  });
}
