/**
 * Worker thread of the distances CLI (scripts/distances.ts, --jobs): builds its own calculator
 * from the same networks, then annotates batches of raw feature texts and sends back their
 * output texts, in order, with the messages and the count of measured features.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createFeatureAnnotator, type InputCrs } from '../../src/domain/distances/annotate';
import { createDistanceCalculator } from '../../src/domain/distances/index';
import { loadNetworksFromSources } from '../../src/domain/distances/node';

export interface BatchRequest {
  seq: number;
  /** Index (0-based) of the first feature of the batch in the input. */
  first: number;
  raws: string[];
}

export interface BatchResult {
  seq: number;
  /** Output text of each feature (null when its JSON was invalid: it is dropped, with a message). */
  out: (string | null)[];
  messages: string[];
  measured: number;
}

const { sources, crs } = workerData as { sources: string; crs: InputCrs };
const annotate = createFeatureAnnotator(createDistanceCalculator(loadNetworksFromSources(sources)), crs);

parentPort!.on('message', (m: BatchRequest) => {
  const messages: string[] = [];
  const out: (string | null)[] = [];
  let measured = 0;
  for (let k = 0; k < m.raws.length; k++) {
    let value: unknown;
    try {
      value = JSON.parse(m.raws[k]);
    } catch (e) {
      messages.push(`entité n° ${m.first + k + 1} : JSON invalide (${e instanceof Error ? e.message : String(e)}) ; entité ignorée, distances non calculées.`);
      out.push(null);
      continue;
    }
    const r = annotate(value, m.first + k, messages);
    if (r.measured) measured++;
    out.push(JSON.stringify(r.feature));
  }
  const result: BatchResult = { seq: m.seq, out, messages, measured };
  parentPort!.postMessage(result);
});
