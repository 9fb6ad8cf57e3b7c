/// <reference lib="webworker" />
/**
 * Module Web Worker computing distances off the UI thread. Created by client.ts with
 * new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }).
 * Fetches the six network layers of public/data/ once, then answers DistanceRequest messages.
 */
import { fetchJson } from '../loadAtlas';
import { createDistanceHandler, type DistanceRequest } from './protocol';

const handle = createDistanceHandler((file, base) => fetchJson(file, base), new URL('../data/', self.location.href).href);

self.addEventListener('message', (event: MessageEvent<DistanceRequest>) => {
  void handle(event.data).then((response) => self.postMessage(response));
});
