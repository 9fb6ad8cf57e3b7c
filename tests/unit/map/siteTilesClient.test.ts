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

  it('a worker that dies while serving tiles: the pending tiles fail, and the last sites are cut again by a new worker, as a new version the map moves to', async () => {
    const { SiteTiles } = await import('../../../src/map/siteTiles/client');
    const errors: string[] = [];
    const ready: number[] = [];
    const tiles = new SiteTiles((version) => ready.push(version), (e) => errors.push(e.message));
    tiles.setSites([site('A'), site('B')], fidOf);
    const first = FakeWorker.all[0];
    first.emit('message', { data: { type: 'ready', owner: tiles.owner, version: 1, drawZooms: { symbols: 0, labels: 12 }, ms: 1 } });
    expect(ready).toEqual([1]);

    first.emit('error', { preventDefault() {} });
    expect(errors).toEqual(['Découpage des sites en tuiles : le worker a échoué']);
    // Without the new cut, the next worker answered every tile of this map empty: no site drawn.
    const second = FakeWorker.all[1];
    expect(second).toBeDefined();
    const cut = second.posted.find((m) => m.type === 'sites');
    if (!cut || cut.type !== 'sites') throw new Error('no new cut');
    expect(cut.columns.id).toEqual(['A', 'B']);
    expect(cut.version).toBe(2);
    second.emit('message', { data: { type: 'ready', owner: tiles.owner, version: 2, drawZooms: { symbols: 0, labels: 12 }, ms: 1 } });
    // A version other than 1: the map sets the new tiles URL and asks its tiles again.
    expect(ready).toEqual([1, 2]);

    // The sites of the new cut made the new worker crash too: not cut again (no loop).
    tiles.setSites([site('A'), site('C')], fidOf);
    second.emit('error', { preventDefault() {} });
    expect(FakeWorker.all.length).toBe(2);
    tiles.destroy();
  });

  it('many sites (an import): the columns are built in slices, then posted once, the same as for a few', async () => {
    const { SiteTiles } = await import('../../../src/map/siteTiles/client');
    const many = Array.from({ length: 20_000 }, (_, i) => site(`M${i}`, { name: `Terrain ${i}` }));
    const tiles = new SiteTiles(() => undefined, () => undefined);
    const fidByIndex = tiles.setSites(many, fidOf);
    // The worker is made at the first post, after the last slice.
    const cuts = () => FakeWorker.all[0]?.posted.filter((m) => m.type === 'sites') ?? [];
    await vi.waitFor(() => expect(cuts().length).toBe(1));
    const w = FakeWorker.all[0];
    const cut = cuts()[0];
    if (cut.type !== 'sites') throw new Error('not a cut');
    expect(cut.columns.n).toBe(20_000);
    expect(cut.columns.id[19_999]).toBe('M19999');
    expect([...cut.columns.fid]).toEqual([...fidByIndex]);
    // Sites given while the columns are built wait for that cut, as during a cut in the worker.
    tiles.setSites(point('B'), fidOf);
    expect(cuts().length).toBe(1);
    w.emit('message', { data: { type: 'ready', owner: tiles.owner, version: cut.version, drawZooms: { symbols: 0, labels: 12 }, ms: 1 } });
    expect(cuts().length).toBe(2);
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

  // What the map draws of a site: its id, name, kind, status or readiness level, fictitious flag
  // and geometry. An edit of anything else (surface, description, price…) keeps the tiles: no cut,
  // no new tiles URL (the map would reload its visible tiles), the same feature ids.
  it('an edit of a field the map does not draw posts no cut; an edit of the name, the status or the geometry does', async () => {
    const { SiteTiles } = await import('../../../src/map/siteTiles/client');
    const readies: number[] = [];
    const tiles = new SiteTiles((version) => void readies.push(version), () => undefined);
    const w = () => FakeWorker.all[0];
    const cuts = () => w().posted.filter((m) => m.type === 'sites');
    const ready = () => {
      const last = cuts().at(-1)!;
      if (last.type === 'sites') w().emit('message', { data: { type: 'ready', owner: tiles.owner, version: last.version, drawZooms: { symbols: 0, labels: 12 }, ms: 1 } });
    };
    const polygon = { type: 'Polygon', coordinates: [[[3.3, 49.4], [3.31, 49.4], [3.31, 49.41], [3.3, 49.4]]] } as Site['geometry'];
    const v0 = [site('A', { declared_surface_m2: 1000 }), { ...site('B', { kind: 'plot' }), geometry: polygon }, site('C')];
    const f0 = tiles.setSites(v0, fidOf);
    expect(cuts().length).toBe(1);
    ready();
    expect(readies).toEqual([1]);

    // Surface, notes and price of A; B's outline copied (equal, another object, as a draft read back).
    const v1 = [site('A', { declared_surface_m2: 2500, notes: 'desservi', price_eur_m2: 40 }), { ...v0[1], properties: { ...v0[1].properties, contact: 'x' }, geometry: structuredClone(polygon) }, v0[2]];
    expect(tiles.setSites(v1, fidOf)).toBe(f0);
    expect(cuts().length).toBe(1);
    expect(readies).toEqual([1]);

    // The name: cut again, with the new name.
    const v2 = [site('A', { declared_surface_m2: 2500, name: 'Ancienne sucrerie' }), v1[1], v1[2]];
    const f2 = tiles.setSites(v2, fidOf);
    expect(cuts().length).toBe(2);
    const cut = cuts()[1];
    expect(cut.type === 'sites' ? cut.columns.name : null).toEqual(['Ancienne sucrerie', 'B', 'C']);
    expect([...f2]).toEqual([...f0]);
    ready();
    expect(readies).toEqual([1, 2]);

    // Each of the other things the map draws: a friche's status, a plot's readiness level, fictitious, the geometry, the order.
    const edits: Site[][] = [
      [site('A', { name: 'Ancienne sucrerie', friche_status: 'friche avec projet' }), v2[1], v2[2]],
      [v2[0], { ...v2[1], properties: { ...v2[1].properties, readiness_label: 'site_industriel_cle_en_main' as never } }, v2[2]],
      [v2[0], v2[1], site('C', { fictitious: true })],
      [v2[0], v2[1], { ...v2[2], geometry: { type: 'Point', coordinates: [3.3, 49.5] } }],
      [v2[0], v2[2], v2[1]],
    ];
    for (const [k, sites] of edits.entries()) {
      tiles.setSites(sites, fidOf);
      expect(cuts().length, `edit ${k}`).toBe(3 + 2 * k);
      ready();
      tiles.setSites(v2, fidOf);
      expect(cuts().length, `edit ${k}, undone`).toBe(4 + 2 * k);
      ready();
    }
    tiles.destroy();
  });

  it('edits that the map does not draw, during a cut, leave the waiting sites as they are; after a failed cut, the same sites are cut again', async () => {
    const { SiteTiles } = await import('../../../src/map/siteTiles/client');
    const tiles = new SiteTiles(() => undefined, () => undefined);
    const w = () => FakeWorker.all[0];
    const cuts = () => w().posted.filter((m) => m.type === 'sites');
    tiles.setSites([site('A')], fidOf);
    tiles.setSites([site('A', { name: 'A2' })], fidOf); // waits for the cut of A
    tiles.setSites([site('A', { name: 'A2', notes: 'vu' })], fidOf); // the same on the map: nothing more waits
    w().emit('message', { data: { type: 'ready', owner: tiles.owner, version: 1, drawZooms: { symbols: 0, labels: 12 }, ms: 1 } });
    expect(cuts().map((m) => (m.type === 'sites' ? m.columns.name : null))).toEqual([['A'], ['A2']]);

    // The cut of A2 fails: the map keeps A's tiles, so the same sites given again are cut again.
    w().emit('message', { data: { type: 'error', owner: tiles.owner, message: 'géométrie illisible' } });
    tiles.setSites([site('A', { name: 'A2', notes: 'revu' })], fidOf);
    expect(cuts().map((m) => (m.type === 'sites' ? m.columns.name : null))).toEqual([['A'], ['A2'], ['A2']]);
    tiles.destroy();
  });
});
