/**
 * The import writer's transaction (src/data/drafts/importWriter/write.ts, what the worker runs):
 * sites with no record are written as new drafts with their history entry, in one transaction;
 * a site that already has a record (this tab's or another tab's) is left untouched for the page
 * to merge — the worker never writes over a revision.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { openDraftStore, checkDraftRecord } from '../../../src/data/drafts';
import { writeNewDrafts } from '../../../src/data/drafts/importWriter/write';
import { toSite } from '../../../src/data/import';
import type { Site } from '../../../src/domain/types';

const square: Polygon = { type: 'Polygon', coordinates: [[[3.3, 49.34], [3.302, 49.34], [3.302, 49.341], [3.3, 49.341], [3.3, 49.34]]] };
const site = (id: string, name: string): Site => toSite({ id, name, surface_m2: 14000 }, square);

function rawDb(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

describe('import writer transaction', () => {
  it('writes only the sites without a record, each with a history entry, and leaves the others', async () => {
    const name = 'atlas-import-writer-1';
    const store = await openDraftStore(name, { now: () => '2025-01-01T08:00:00.000Z' });
    // Another tab's draft of B, revision 1: the writer must not touch it.
    const theirs = await store.putDraft(site('B', 'Nom de l’autre onglet'));
    const db = await rawDb(name);
    const published = site('C', 'Version publiée');
    const r = await writeNewDrafts(db, {
      at: '2025-01-02T09:00:00.000Z',
      author: 'Marie',
      writer: 'tab-x',
      action: 'import',
      sites: [site('A', 'Importé A'), site('B', 'Importé B'), site('C', 'Importé C')],
      bases: [null, null, published],
    });
    expect(r).toEqual({ written: [0, 2], skipped: [1] });
    const a = await store.getDraft('A');
    expect(checkDraftRecord(a).ok).toBe(true);
    expect(a).toMatchObject({ id: 'A', status: 'new', base: null, rev: 1, writer: 'tab-x', updated_at: '2025-01-02T09:00:00.000Z' });
    expect(a!.site.properties.name).toBe('Importé A');
    expect(await store.getDraft('C')).toMatchObject({ status: 'modified', rev: 1, base: published });
    expect(await store.getDraft('B')).toEqual(theirs.draft);
    const history = await store.listHistory();
    const imported = history.filter((h) => h.action === 'import');
    expect(imported.map((h) => h.site_id).sort()).toEqual(['A', 'C']);
    expect(imported.every((h) => h.author === 'Marie' && h.changes.some((c) => c.field === 'name'))).toBe(true);
    db.close();
  });

  it('writes the history of a transaction as one record, which every reader expands per site, in order', async () => {
    const name = 'atlas-import-writer-2';
    const store = await openDraftStore(name, { now: () => '2025-01-01T08:00:00.000Z' });
    // An entry before the import, one after: the import's entries sit between them.
    await store.putDraft(site('P', 'Avant'), { author: 'Paul' });
    const db = await rawDb(name);
    const r = await writeNewDrafts(db, { at: '2025-01-02T09:00:00.000Z', author: 'Marie', writer: 'tab-x', action: 'import', sites: [site('A', 'Importé A'), site('B', 'Importé B')], bases: [null, null] });
    expect(r).toEqual({ written: [0, 1], skipped: [] });
    // One draft per site, ONE history record for both (instead of one per site).
    const raw = await new Promise<unknown[]>((resolve, reject) => {
      const q = db.transaction('history').objectStore('history').getAll();
      q.onsuccess = () => resolve(q.result);
      q.onerror = () => reject(q.error);
    });
    expect(raw).toHaveLength(2);
    expect(raw[1]).toMatchObject({ batch_sites: ['A', 'B'] });
    db.close();
    await store.putDraft({ ...site('A', 'Renommé A') }, { author: 'Paul' });

    const a = await store.listHistory('A');
    expect(a.map((e) => [e.action, e.author])).toEqual([['import', 'Marie'], ['update', 'Paul']]);
    expect(a[0].changes.find((c) => c.field === 'name')).toEqual({ field: 'name', old: null, new: 'Importé A' });
    expect(a[1].changes.find((c) => c.field === 'name')).toEqual({ field: 'name', old: 'Importé A', new: 'Renommé A' });
    expect((await store.listHistory('B')).map((e) => e.site_id)).toEqual(['B']);
    expect(await store.listHistory('P')).toHaveLength(1);
    const all = await store.listHistory();
    expect(all.map((e) => e.site_id)).toEqual(['P', 'A', 'B', 'A']);
    expect(new Set(all.map((e) => e.id)).size).toBe(4);

    // A backup holds one entry per site, as before; restored elsewhere, nothing is doubled.
    const backup = JSON.parse(await store.exportBackup()) as { history: { site_id: string; action: string }[] };
    expect(backup.history.map((e) => `${e.site_id}:${e.action}`)).toEqual(['P:create', 'A:import', 'B:import', 'A:update']);
    const again = await store.importBackup(JSON.stringify(backup));
    expect(again.historyAdded).toBe(0);
    const other = await openDraftStore('atlas-import-writer-3');
    expect((await other.importBackup(JSON.stringify(backup))).historyAdded).toBe(4);
    expect((await other.listHistory('A')).map((e) => e.action)).toEqual(['import', 'update']);
    other.close();
    store.close();
  });
});
