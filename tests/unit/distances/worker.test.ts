/**
 * The distances Web Worker's handler (protocol.ts) and the UI-thread client (client.ts),
 * run in Node: the handler with a loader reading the fixture networks, the client with a
 * fake worker that forwards messages to that handler asynchronously.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { createDistanceHandler, type DistanceRequest, type DistanceResponse } from '../../../src/data/distances/protocol';
import { computeDetailed, computeDistances, DistanceWorkerError, setDistanceWorkerFactory, type WorkerLike } from '../../../src/data/distances/client';
import type { Site } from '../../../src/domain/types';
import { FIXTURES, readJson } from './helpers';

const NETWORKS = join(FIXTURES, 'networks');
const expected = readJson<{ id: string; rn2: { distance_m: number }; station: { name: string } }[]>(join(FIXTURES, 'sites.out.json'));

function fixtureLoader(calls: string[] = []) {
  return async (file: string, base: string): Promise<FeatureCollection> => {
    calls.push(base + file);
    return readJson<FeatureCollection>(join(NETWORKS, file));
  };
}

describe('worker handler', () => {
  it('loads the seven layers once and answers SiteDistances for each geometry (null geometry → nulls)', async () => {
    const calls: string[] = [];
    const handle = createDistanceHandler(fixtureLoader(calls));
    const r1 = await handle({ id: 1, base: 'http://x/data/', geometries: [{ type: 'Point', coordinates: [3.05, 49.1] }, null] });
    const r2 = await handle({ id: 2, base: 'http://x/data/', geometries: [{ type: 'Point', coordinates: [3.2, 49.15] }] });
    expect(calls.sort()).toEqual(['ite', 'lgv', 'rail', 'rn2', 'roissy', 'stations', 'waterway'].map((id) => `http://x/data/${id}.geojson`));
    expect(r1.id).toBe(1);
    if (!('distances' in r1) || !('distances' in r2)) throw new Error('distances expected');
    expect(r1.distances[0].dist_rn2_m).toBe(0);
    expect(r1.distances[0].station_name).toBe('Gare Centre');
    expect(r1.distances[1]).toEqual({
      dist_rn2_m: null, dist_rn2_error_m: null, dist_waterway_m: null, waterway_name: null, dist_station_m: null, station_name: null, rail_km_to_cdg: null,
      dist_ite_m: null, ite_name: null, ite_line: null,
    });
    expect(r1.distances[0].ite_name).toBe('Embranchement Sud');
    expect(r1.distances[0].ite_line).toBe('229000');
    expect(r2.distances[0].dist_rn2_m).toBe(Math.round(expected.find((e) => e.id === 'point-between')!.rn2.distance_m));
  });

  it('answers DetailedDistances (with nearest points) when asked', async () => {
    const handle = createDistanceHandler(fixtureLoader());
    const r = await handle({ id: 7, detailed: true, geometries: [{ type: 'Point', coordinates: [3.2, 49.15] }] });
    if (!('detailed' in r)) throw new Error('detailed expected');
    expect(r.detailed[0].rn2!.nearest[1]).toBeCloseTo(49.1002, 3);
  });

  it('reports a load failure in French, then retries on the next request', async () => {
    let fail = true;
    const handle = createDistanceHandler(async (file, base) => {
      if (fail) throw new Error(`Impossible de charger « ${file} » (HTTP 404).`);
      return fixtureLoader()(file, base);
    });
    const bad = await handle({ id: 1, geometries: [{ type: 'Point', coordinates: [3.05, 49.1] }] });
    expect('error' in bad && bad.error).toMatch(/^Calcul des distances impossible : Impossible de charger/);
    fail = false;
    const good = await handle({ id: 2, geometries: [{ type: 'Point', coordinates: [3.05, 49.1] }] });
    expect('distances' in good).toBe(true);
  });
});

/** A fake Worker: messages go to the real handler on a later tick, like a real worker. */
class FakeWorker implements WorkerLike {
  listeners: { message: ((e: MessageEvent<DistanceResponse>) => void)[]; error: ((e: Event) => void)[] } = { message: [], error: [] };
  requests: DistanceRequest[] = [];
  terminated = false;
  constructor(private readonly handle: (r: DistanceRequest) => Promise<DistanceResponse>) {}
  postMessage(message: DistanceRequest): void {
    this.requests.push(message);
    const copy = structuredClone(message);
    setTimeout(() => void this.handle(copy).then((data) => this.listeners.message.forEach((l) => l({ data } as MessageEvent<DistanceResponse>))), 0);
  }
  addEventListener(type: 'message' | 'error', listener: never): void {
    (this.listeners[type] as unknown[]).push(listener);
  }
  terminate(): void {
    this.terminated = true;
  }
  crash(): void {
    this.listeners.error.forEach((l) => l(new Event('error')));
  }
}

const site = (id: string, coordinates: [number, number]): Site =>
  ({ type: 'Feature', geometry: { type: 'Point', coordinates }, properties: { id, name: id } }) as unknown as Site;

describe('client', () => {
  let worker: FakeWorker;
  beforeEach(() => {
    worker = new FakeWorker(createDistanceHandler(fixtureLoader()));
    setDistanceWorkerFactory(() => worker);
  });

  it('computeDistances returns the sites with their distances set, without modifying the input', async () => {
    const input = [site('A', [3.05, 49.1]), site('B', [3.39, 49.29])];
    const out = await computeDistances(input);
    expect(out.map((s) => s.properties.station_name)).toEqual(['Gare Centre', 'Gare Nord']);
    expect(out[0].properties.dist_rn2_m).toBe(0);
    expect(out[0].properties.name).toBe('A');
    expect(input[0].properties.dist_rn2_m).toBeUndefined();
    expect(worker.requests[0].base).toBeTruthy();
  });

  it('computeDetailed gives the nearest points for connectors', async () => {
    const d = await computeDetailed({ type: 'Point', coordinates: [3.2, 49.15] });
    expect(d.rn2!.distance_m).toBeGreaterThan(5000);
    expect(d.station!.name).toBe('Gare Nord');
  });

  it('rejects with a French DistanceWorkerError when the worker fails to load the data', async () => {
    worker = new FakeWorker(createDistanceHandler(async () => {
      throw new Error('Le fichier « rn2.geojson » n’est pas du JSON valide.');
    }));
    setDistanceWorkerFactory(() => worker);
    await expect(computeDetailed({ type: 'Point', coordinates: [3.2, 49.15] })).rejects.toThrow(DistanceWorkerError);
  });

  it('rejects pending calls when the worker crashes, and starts a new worker next time', async () => {
    const first = worker;
    const never = new FakeWorker(() => new Promise(() => {}));
    setDistanceWorkerFactory(() => never);
    const pending = computeDetailed({ type: 'Point', coordinates: [3.2, 49.15] });
    never.crash();
    await expect(pending).rejects.toThrow(/Web Worker/);
    expect(never.terminated).toBe(true);
    setDistanceWorkerFactory(() => first);
    await expect(computeDetailed({ type: 'Point', coordinates: [3.2, 49.15] })).resolves.toBeTruthy();
  });
});
