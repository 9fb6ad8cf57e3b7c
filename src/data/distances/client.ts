/**
 * UI-thread client of the distances Web Worker. Never computes on the UI thread.
 *
 *   computeDistances(sites)   → the sites with their SiteDistances properties set (new objects)
 *   computeDetailed(geometry) → DetailedDistances, with the nearest points (for connectors)
 *
 * The worker is created lazily on first use and kept; if it crashes, pending calls are
 * rejected (French message) and the next call starts a new one.
 */
import type { DetailedDistances } from '../../domain/distances';
import type { Site, SiteDistances, SiteGeometry } from '../../domain/types';
import type { DistanceRequest, DistanceResponse } from './protocol';
import { mapInSlices, yieldToMain } from '../yieldToMain';
import { workerClient, type WorkerLike as WorkerLikeOf } from '../workerClient';

export class DistanceWorkerError extends Error {}

/** The part of the Worker interface the client uses (lets tests inject a fake). */
export type WorkerLike = WorkerLikeOf<DistanceRequest, DistanceResponse>;

/** Number of geometries per message, so that a huge import does not hold one giant message. */
const CHUNK = 5000;

const client = workerClient<DistanceRequest, DistanceResponse>({
  create: () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike,
  cannotStart: () => new DistanceWorkerError('Le calcul des distances ne peut pas démarrer : ce navigateur ne prend pas en charge les Web Workers.'),
  crashed: () => new DistanceWorkerError('Le calcul des distances a échoué (erreur dans le Web Worker).'),
});

/** For tests: replace how the worker is created (and drop the current one). */
export function setDistanceWorkerFactory(f: () => WorkerLike): void {
  client.setFactory(f);
}

function dataBase(): string {
  const baseUri = typeof document !== 'undefined' ? document.baseURI : typeof location !== 'undefined' ? location.href : '';
  try {
    return new URL('./data/', baseUri).href;
  } catch {
    return './data/';
  }
}

function request(geometries: (SiteGeometry | null)[], detailed: boolean): Promise<DistanceResponse> {
  return client.request({ geometries, detailed, base: dataBase() });
}

async function distancesFor(geometries: (SiteGeometry | null)[]): Promise<SiteDistances[]> {
  const r = await request(geometries, false);
  if ('error' in r) throw new DistanceWorkerError(r.error);
  if (!('distances' in r)) throw new DistanceWorkerError('Réponse inattendue du calcul des distances.');
  return r.distances;
}

/** The sites with dist_rn2_m, dist_rn2_error_m, dist_waterway_m, … set (input not modified). */
export async function computeDistances(sites: Site[]): Promise<Site[]> {
  const chunks: Promise<SiteDistances[]>[] = [];
  for (let i = 0; i < sites.length; i += CHUNK) {
    // Each message's geometries are cloned on this thread: one chunk per task.
    if (i > 0) await yieldToMain();
    const chunk = distancesFor(sites.slice(i, i + CHUNK).map((s) => s.geometry ?? null));
    // Handled by Promise.all below; until then, a failure during a yield is not « unhandled ».
    chunk.catch(() => undefined);
    chunks.push(chunk);
  }
  const results = (await Promise.all(chunks)).flat();
  return mapInSlices(sites, (s, i) => ({ ...s, properties: { ...s.properties, ...results[i] } }));
}

/** Distances with the nearest point of each network, for one geometry. */
export async function computeDetailed(geometry: SiteGeometry): Promise<DetailedDistances> {
  const r = await request([geometry], true);
  if ('error' in r) throw new DistanceWorkerError(r.error);
  if (!('detailed' in r) || !r.detailed[0]) throw new DistanceWorkerError('Réponse inattendue du calcul des distances.');
  return r.detailed[0];
}
