import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Site } from '../../../src/domain/types';
import type { ToWorker } from '../../../src/map/siteTiles/messages';

// The page side of the site tiles (src/map/siteTiles/client.ts) with a stand-in for the worker:
// what a user relies on is that the map's sites keep following the edits even when the tiles
// worker dies in the middle of a cut (before: the next sites waited behind that cut for ever).
vi.mock('maplibre-gl', () => ({ addProtocol: vi.fn(), removeProtocol: vi.fn() }));

class FakeWorker {
  static all: FakeWorker[] = [];
  posted: ToWorker[] = [];
  private listeners = new Map<string, ((e: unknown) => void)[]>();
  constructor() {
    FakeWorker.all.push(this);
  }
  addEventListener(type: string, cb: (e: unknown) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), cb]);
  }
  postMessage(m: ToWorker): void {
    this.posted.push(m);
  }
  emit(type: string, e: unknown): void {
    for (const cb of this.listeners.get(type) ?? []) cb(e);
  }
}

const site = (id: string, props: Partial<Site['properties']> = {}): Site =>
  ({ type: 'Feature', geometry: { type: 'Point', coordinates: [3.3, 49.4] }, properties: { id, name: id, kind: 'friche', friche_status: null, fictitious: false, readiness: {}, ...props } }) as Site;
const point = (id: string): Site[] => [site(id)];
const fids = new Map<string, number>();
const fidOf = (id: string) => fids.get(id) ?? (fids.set(id, fids.size + 1), fids.size);

describe('site tiles client (src/map/siteTiles/client.ts)', () => {
  beforeEach(() => {
    FakeWorker.all = [];
    vi.stubGlobal('Worker', FakeWorker);
    vi.resetModules();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('a worker that dies during a cut: the error is reported in French, and the sites that came meanwhile are cut by a new worker', async () => {
    const { SiteTiles } = await import('../../../src/map/siteTiles/client');
    const errors: string[] = [];
    const tiles = new SiteTiles(() => undefined, (e) => errors.push(e.message));
    tiles.setSites(point('A'), fidOf);
    tiles.setSites(point('B'), fidOf); // during the cut of A: waits for it
    const first = FakeWorker.all[0];
    expect(first.posted.map((m) => m.type)).toEqual(['sites']);

    let firstReady = false;
    void tiles.firstReady.then(() => (firstReady = true));
    first.emit('error', { preventDefault() {} });
    await Promise.resolve();

    expect(errors).toEqual(['Découpage des sites en tuiles : le worker a échoué']);
    expect(firstReady).toBe(true); // tile requests no longer wait for a cut that will never come
    const second = FakeWorker.all[1];
    expect(second).toBeDefined();
    const cut = second.posted.find((m) => m.type === 'sites');
    expect(cut && cut.type === 'sites' ? cut.columns.id : null).toEqual(['B']);
    tiles.destroy();
  });

  it('a cut the worker reports as failed does not hold back the next sites', async () => {
    const { SiteTiles } = await import('../../../src/map/siteTiles/client');
    const errors: string[] = [];
    const tiles = new SiteTiles(() => undefined, (e) => errors.push(e.message));
    tiles.setSites(point('A'), fidOf);
    tiles.setSites(point('B'), fidOf);
    const w = FakeWorker.all[0];
    w.emit('message', { data: { type: 'error', owner: tiles.owner, message: 'géométrie illisible' } });
    expect(errors).toEqual(['Découpage des sites en tuiles : géométrie illisible']);
    const cuts = w.posted.filter((m) => m.type === 'sites');
    expect(cuts.length).toBe(2);
    expect(cuts[1].type === 'sites' ? cuts[1].columns.id : null).toEqual(['B']);
    tiles.destroy();
  });
});
