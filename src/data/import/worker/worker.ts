/// <reference lib="webworker" />
/** Web Worker: parses and validates import files off the UI thread (a 50 Mo file takes seconds). */
import type { CommunesLayer, TerritoryInput } from '../index';
import type { ParseRequest, ParseResponse } from './protocol';
import { runParse } from './run';

/** Items per message: each one is received on the page’s thread in a few tens of milliseconds, even under load. */
const CHUNK = 250;

let context: { communes: CommunesLayer | null; territory: TerritoryInput | null } = { communes: null, territory: null };
const post = (m: ParseResponse) => (self as unknown as { postMessage(m: ParseResponse): void }).postMessage(m);

self.onmessage = async (e: MessageEvent<ParseRequest>) => {
  const { id, context: ctx, ...req } = e.data;
  if (ctx) context = ctx;
  try {
    const result = await runParse(req, context);
    for (let i = 0; i < result.items.length; i += CHUNK) post({ id, items: result.items.slice(i, i + CHUNK) });
    post({ id, result: { ...result, items: [] } });
  } catch (err) {
    post({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
