/**
 * The drafts owner over a real IndexedDB implementation (fake-indexeddb): no loss window (the
 * write starts in the task of the edit), two tabs (two module instances, one database), bad
 * records kept aside, batched imports, storage unavailable or full.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { blankSiteProperties } from '../../../src/domain/site';
import type { Site } from '../../../src/domain/types';
import { deleteDraftsDb } from './helpers';

type Drafts = typeof import('../../../src/state/drafts');
type Store = typeof import('../../../src/state/store');

vi.mock('../../../src/data/distances/client', () => ({
  computeDistances: async () => {
    throw new Error('no worker in tests');
  },
}));

function site(id: string, name: string, x = 3.3): Site {
  return { type: 'Feature', geometry: { type: 'Point', coordinates: [x, 49.38] }, properties: blankSiteProperties({ id, name, source: 'publié' }) };
}

const PUBLISHED = [site('pub-1', 'Publié 1'), site('pub-2', 'Publié 2')];

/** A fresh "tab": new module instances over the same (fake) IndexedDB. */
async function tab(): Promise<{ d: Drafts; s: Store }> {
  vi.resetModules();
  const s = await import('../../../src/state/store');
  const d = await import('../../../src/state/drafts');
  s.useAtlas.setState({ sites: PUBLISHED });
  await d.initDrafts();
  return { d, s };
}

function rawDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open('atlas-curation');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function rawGet(store: string, key: string): Promise<unknown> {
  const db = await rawDb();
  return new Promise((resolve) => {
    const r = db.transaction(store).objectStore(store).get(key);
    r.onsuccess = () => {
      db.close();
      resolve(r.result);
    };
  });
}

async function rawCount(store: string): Promise<number> {
  const db = await rawDb();
  return new Promise((resolve) => {
    const r = db.transaction(store).objectStore(store).count();
    r.onsuccess = () => {
      db.close();
      resolve(r.result);
    };
  });
}

async function rawPut(store: string, value: unknown, key?: string): Promise<void> {
  const db = await rawDb();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(store, 'readwrite');
    tx.objectStore(store).put(value, key);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

beforeEach(async () => {
  await deleteDraftsDb();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('no loss window', () => {
  it('the IndexedDB transaction of an edit is created before the edit returns (same task, no timer)', async () => {
    const { d } = await tab();
    d.openSite(PUBLISHED[0], PUBLISHED[0]);
    const spy = vi.spyOn(IDBDatabase.prototype, 'transaction');
    const commit = vi.spyOn(IDBTransaction.prototype, 'commit');
    d.editSite('name', () => ({ name: 'Publié 1 bis' }));
    // Synchronously, within editSite: the journal's write-only transaction, already committed
    // (it reaches the disk without waiting for the page), and the drafts' transaction.
    const writes = spy.mock.calls.filter((c) => c[1] === 'readwrite').map((c) => [c[0]].flat());
    expect(writes).toEqual([['journal'], ['drafts', 'history', 'meta']]);
    expect(commit).toHaveBeenCalledTimes(1);
    await d.flush();
    expect(((await rawGet('drafts', 'pub-1')) as { site: Site }).site.properties.name).toBe('Publié 1 bis');
    // Written: its journal entry is cleared.
    await vi.waitFor(async () => expect(await rawCount('journal')).toBe(0));
  });

  it('a change journaled but never written (the page died first) is written at the next start', async () => {
    const { d } = await tab();
    d.openSite(PUBLISHED[0], PUBLISHED[0]);
    d.editSite('name', () => ({ name: 'Avant' }));
    await d.flush();
    // As the journal holds it after a crash between the two transactions.
    const rec = d.useCuration.getState().records.get('pub-1')!;
    const entry = { seq: 99, kind: 'site', id: 'pub-1', tab: 'tab-dead', at: '2099-01-01T00:00:00.000Z', record: { ...rec, site: { ...rec.site, properties: { ...rec.site.properties, name: 'AvantZ' } } }, knownRev: rec.rev, knownSite: rec.site };
    await rawPut('journal', entry, 'site:pub-1:tab-dead:000000000099');
    // An older entry of the same dead tab is superseded.
    await rawPut('journal', { ...entry, seq: 98, at: '2098-01-01T00:00:00.000Z', record: rec }, 'site:pub-1:tab-dead:000000000098');
    const next = await tab();
    expect(next.d.useCuration.getState().records.get('pub-1')?.site.properties.name).toBe('AvantZ');
    await next.d.flush();
    expect(((await rawGet('drafts', 'pub-1')) as { site: Site }).site.properties.name).toBe('AvantZ');
    await vi.waitFor(async () => expect(await rawCount('journal')).toBe(0));
  });

  it('every keystroke is written; a run of keystrokes in one field stays one history entry', async () => {
    const { d } = await tab();
    d.openSite(PUBLISHED[0], PUBLISHED[0]);
    // Each keystroke in its own task, as typed.
    for (const name of ['P', 'Pa', 'Par', 'Parc']) {
      d.editSite('name', () => ({ name }));
      await d.flush();
    }
    const rec = (await rawGet('drafts', 'pub-1')) as { rev: number; site: Site };
    expect(rec.site.properties.name).toBe('Parc');
    expect(rec.rev).toBe(4);
    const h = (await d.loadHistory('pub-1')).entries;
    expect(h.map((e) => e.changes)).toEqual([[{ field: 'name', old: 'Publié 1', new: 'Parc' }]]);
  });
});

describe('several tabs', () => {
  it('different fields typed in two tabs merge; the stale tab re-reads before writing', async () => {
    const one = await tab();
    const two = await tab(); // loaded before tab 1 writes: stale
    one.d.openSite(PUBLISHED[0], PUBLISHED[0]);
    two.d.openSite(PUBLISHED[0], PUBLISHED[0]);
    one.d.editSite('name', () => ({ name: 'Nom onglet 1' }));
    await one.d.flush();
    two.d.editSite('notes', () => ({ notes: 'Notes onglet 2' }));
    await two.d.flush();
    const rec = (await rawGet('drafts', 'pub-1')) as { site: Site; conflicts?: unknown[]; rev: number };
    expect(rec.site.properties).toMatchObject({ name: 'Nom onglet 1', notes: 'Notes onglet 2' });
    expect(rec.conflicts ?? []).toEqual([]);
    expect(rec.rev).toBe(2);
    // The stale tab shows the merged version at once.
    expect(two.d.useCuration.getState().session?.current.properties.name).toBe('Nom onglet 1');
  });

  it('the same field typed in two tabs keeps both values until the user chooses', async () => {
    const one = await tab();
    const two = await tab();
    one.d.openSite(PUBLISHED[0], PUBLISHED[0]);
    two.d.openSite(PUBLISHED[0], PUBLISHED[0]);
    one.d.editSite('name', () => ({ name: 'Nom A' }));
    await one.d.flush();
    two.d.editSite('name', () => ({ name: 'Nom B' }));
    await two.d.flush();
    const rec = (await rawGet('drafts', 'pub-1')) as { site: Site; conflicts: { field: string; other: unknown }[] };
    expect(rec.site.properties.name).toBe('Nom B');
    expect(rec.conflicts).toMatchObject([{ field: 'name', other: 'Nom A' }]);
    expect(two.d.useCuration.getState().drafts[0].conflicts).toBe(1);
    two.d.resolveConflict('pub-1', 'name', 'other');
    await two.d.flush();
    const after = (await rawGet('drafts', 'pub-1')) as { site: Site; conflicts?: unknown[] };
    expect(after.site.properties.name).toBe('Nom A');
    expect(after.conflicts ?? []).toEqual([]);
  });

  it('a tab is told of another tab’s write (BroadcastChannel) and shows it without reloading', async () => {
    const one = await tab();
    const two = await tab();
    two.d.openSite(PUBLISHED[1], PUBLISHED[1]);
    one.d.openSite(PUBLISHED[1], PUBLISHED[1]);
    one.d.editSite('price', () => ({ price_eur_m2: 42 }));
    await one.d.flush();
    await vi.waitFor(() => expect(two.d.useCuration.getState().session?.current.properties.price_eur_m2).toBe(42), { timeout: 3000 });
    expect(two.s.allSites(two.s.useAtlas.getState()).find((x) => x.properties.id === 'pub-2')?.properties.price_eur_m2).toBe(42);
  });
});

describe('bad records are kept aside, the rest loads', () => {
  it('a corrupted record in the database is listed with its problem, moved aside, never dropped', async () => {
    const first = await tab();
    first.d.openSite(PUBLISHED[0], PUBLISHED[0]);
    first.d.editSite('name', () => ({ name: 'Bon brouillon' }));
    await first.d.flush();
    const bad = { id: 'CORR-1', site: { ...site('CORR-1', 'x'), properties: { ...site('CORR-1', 'x').properties, name: { x: 1 } } }, base: null, status: 'new', updated_at: 'x' };
    await rawPut('drafts', bad);
    const next = await tab();
    const st = next.d.useCuration.getState();
    expect(st.drafts.map((x) => x.id)).toEqual(['pub-1']);
    expect(st.quarantine).toHaveLength(1);
    expect(st.quarantine[0]).toMatchObject({ kind: 'site', id: 'CORR-1', origin: 'indexeddb', record: bad });
    expect(st.quarantine[0].problems[0]).toMatch(/« name »/);
    expect(next.d.useDraftsNotice.getState().quarantined).toBe(1);
    await next.d.flush();
    // Moved out of the drafts store into the kept-aside list (meta), intact.
    await vi.waitFor(async () => expect(await rawGet('drafts', 'CORR-1')).toBeUndefined());
    expect(((await rawGet('meta', 'quarantine')) as { record: unknown }[])[0].record).toEqual(bad);
    // A backup carries it.
    expect(JSON.parse(await next.d.exportBackup()).quarantine).toHaveLength(1);
  });

  it('a backup with bad records imports the good ones and keeps the bad ones aside', async () => {
    const { d } = await tab();
    const good = { id: 'BK-1', site: site('BK-1', 'Sain'), base: null, status: 'new', updated_at: '2025-01-01T00:00:00.000Z' };
    const backup = {
      format: 'atlas-curation-backup',
      version: 1,
      exported_at: 'x',
      author: null,
      drafts: [good, { ...good, id: 'BK-2', site: 'abîmé' }],
      history: [{ site_id: 'BK-1', at: '2025-01-01T00:00:00.000Z', author: null, action: 'create', changes: [] }, { nope: true }],
    };
    const report = await d.importBackup(JSON.stringify(backup), 'sauvegarde.json');
    expect(report.added).toEqual(['BK-1']);
    expect(report.quarantined.map((q) => [q.kind, q.id, q.source])).toEqual([
      ['site', 'BK-2', 'sauvegarde.json'],
      ['history', null, 'sauvegarde.json'],
    ]);
    expect(d.useCuration.getState().drafts.map((x) => x.id)).toEqual(['BK-1']);
    expect(d.useCuration.getState().quarantine).toHaveLength(2);
  });
});

describe('imports', () => {
  // Batches of 2,000 since issue 13 (500 before): in Node there is no Worker, so the page's own
  // write path (the one a browser uses when the import writer cannot run) is what is checked.
  it('2,100 imported sites: one transaction per batch of 2,000, each site written once', async () => {
    const { d } = await tab();
    const sites = Array.from({ length: 2100 }, (_, i) => site(`IMP-${i}`, `Importé ${i}`, 3 + (i % 100) / 200));
    const tx = vi.spyOn(IDBDatabase.prototype, 'transaction');
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    const report = await d.mergeImported(sites, 'gros.geojson');
    await d.flush();
    expect(report.merged).toBe(2100);
    const writes = tx.mock.calls.filter((c) => c[1] === 'readwrite');
    expect(writes).toHaveLength(2);
    const draftPuts = put.mock.contexts.filter((os) => (os as IDBObjectStore).name === 'drafts');
    expect(draftPuts).toHaveLength(2100);
    expect(d.useCuration.getState().drafts).toHaveLength(2100);
    // Memory has the written revision (applied once, at the end of the import).
    expect(d.useCuration.getState().records.get('IMP-2099')?.rev).toBe(1);
    expect((await d.loadHistory('IMP-7')).entries.map((e) => e.action)).toEqual(['import']);
  });

  it('another tab’s message about an imported site, heard before its write, does not drop it', async () => {
    // The import puts the sites in memory, then writes them (a task later, or a window of the
    // import writer later). Another tab that removed one of them meanwhile says so; this tab
    // re-reads it, finds nothing stored yet, and dropped it from memory: then nothing wrote it.
    const { d, s } = await tab();
    const other = new BroadcastChannel('atlas-drafts');
    let told = false;
    const off = d.useCuration.subscribe((st) => {
      if (told || !st.records.has('pub-1')) return;
      told = true;
      other.postMessage({ from: 'autre-onglet', sites: ['pub-1', 'IMP-A'], zones: [], n: 1 });
    });
    try {
      await d.mergeImported([{ ...site('pub-1', 'Publié 1 (fichier)') }, site('IMP-A', 'Importé A')], 'fichier.geojson');
      await d.flush();
    } finally {
      off();
      other.close();
    }
    expect(told).toBe(true);
    expect([...d.useCuration.getState().records.keys()].sort()).toEqual(['IMP-A', 'pub-1']);
    expect(s.allSites(s.useAtlas.getState()).map((x) => x.properties.name)).toEqual(['Publié 1 (fichier)', 'Publié 2', 'Importé A']);
    expect(((await rawGet('drafts', 'pub-1')) as { site: Site } | undefined)?.site.properties.name).toBe('Publié 1 (fichier)');
    expect(((await rawGet('drafts', 'IMP-A')) as { site: Site } | undefined)?.site.properties.name).toBe('Importé A');
  });

  it('an imported site that fails the schema is kept aside, the rest is imported', async () => {
    const { d } = await tab();
    const bad = { ...site('IMP-BAD', 'x'), properties: { ...site('IMP-BAD', 'x').properties, sectors: 'logistics' } } as unknown as Site;
    const report = await d.mergeImported([site('IMP-OK', 'Bon'), bad], 'fichier.geojson');
    expect(report.merged).toBe(1);
    expect(report.quarantined.map((q) => [q.id, q.origin, q.source])).toEqual([['IMP-BAD', 'import', 'fichier.geojson']]);
  });
});

describe('storage unavailable or full', () => {
  it('unavailable: the change stays in memory, counted as not saved, and is in the export', async () => {
    vi.resetModules();
    const s = await import('../../../src/state/store');
    const d = await import('../../../src/state/drafts');
    s.useAtlas.setState({ sites: PUBLISHED });
    vi.spyOn(IDBFactory.prototype, 'open').mockImplementation(() => {
      throw new DOMException('refusé', 'SecurityError');
    });
    await d.initDrafts();
    expect(d.useCuration.getState().storage).toBe('unavailable');
    d.openSite(PUBLISHED[0], PUBLISHED[0]);
    d.editSite('name', () => ({ name: 'Jamais enregistré' }));
    await d.flush();
    expect(d.unsavedCount(d.useCuration.getState())).toBe(1);
    expect(d.useCuration.getState().storageError).toMatch(/IndexedDB/);
    expect(JSON.parse(await d.exportBackup()).drafts.map((r: { site: Site }) => r.site.properties.name)).toEqual(['Jamais enregistré']);
  });

  it('full: says so, and the next change writes everything that was not saved', async () => {
    const { d } = await tab();
    d.openSite(PUBLISHED[0], PUBLISHED[0]);
    const put = IDBObjectStore.prototype.put;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore) {
      throw new DOMException('plein', 'QuotaExceededError');
    });
    d.editSite('name', () => ({ name: 'Tapé disque plein' }));
    await d.flush();
    expect(d.useCuration.getState()).toMatchObject({ unsaved: ['pub-1'], storageProblem: 'quota' });
    expect(d.useCuration.getState().storageError).toMatch(/plein/);
    spy.mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      return put.apply(this, args);
    });
    d.openSite(PUBLISHED[1], PUBLISHED[1]);
    d.editSite('notes', () => ({ notes: 'après' }));
    await d.flush();
    expect(d.useCuration.getState()).toMatchObject({ unsaved: [], storageError: null });
    expect(((await rawGet('drafts', 'pub-1')) as { site: Site }).site.properties.name).toBe('Tapé disque plein');
    expect(((await rawGet('drafts', 'pub-2')) as { site: Site }).site.properties.notes).toBe('après');
  });
});
