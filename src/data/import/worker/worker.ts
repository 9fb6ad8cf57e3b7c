/// <reference lib="webworker" />
/** Web Worker: parses and validates import files off the UI thread (a 50 Mo file takes seconds). */
import type { CommunesLayer, TerritoryInput } from '../index';
import type { ParseRequest, ParseResponse } from './protocol';
import { runParse } from './run';

let context: { communes: CommunesLayer | null; territory: TerritoryInput | null } = { communes: null, territory: null };

self.onmessage = (e: MessageEvent<ParseRequest>) => {
  const { id, context: ctx, ...req } = e.data;
  if (ctx) context = ctx;
  let msg: ParseResponse;
  try {
    msg = { id, result: runParse(req, context) };
  } catch (err) {
    msg = { id, error: err instanceof Error ? err.message : String(err) };
  }
  (self as unknown as { postMessage(m: ParseResponse): void }).postMessage(msg);
};
