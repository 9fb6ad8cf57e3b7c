/**
 * Zone outline drafts in the curation database (fake-indexeddb): written durably with a
 * history, found again by a new connection (a reload), removed without losing the outline
 * (history), carried by backups, and the version-2 upgrade keeps the site drafts of version 1.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { DB_VERSION, openDraftStore, parseBackup, type DraftStore } from '../../../src/data/drafts';
import { outlineZT1, register } from './helpers';

let n = 0;
async function fresh(): Promise<{ store: DraftStore; name: string }> {
  let t = Date.UTC(2025, 5, 1, 9, 0, 0);
  const clock = () => new Date((t += 1000)).toISOString();
  const name = `atlas-zones-test-${++n}`;
  return { store: await openDraftStore(name, { now: clock }), name };
}

const zt1 = () => register()[0];
const moved = (p: Polygon, dx: number): Polygon => ({ type: 'Polygon', coordinates: p.coordinates.map((r) => r.map(([x, y]) => [x + dx, y])) });

describe('zone outline drafts (IndexedDB)', () => {
  it('saves an outline with a « create » history entry, and a new connection (reload) finds it', async () => {
    const { store, name } = await fresh();
    const { draft, entry } = await store.putZoneOutline(zt1(), outlineZT1(), { author: 'Équipe GrandSoissons' });
    expect(draft).toMatchObject({ zone_id: 'ZT1', zone_name: 'Zone test des Essais', status: 'new', base: null, updated_at: '2025-06-01T09:00:01.000Z' });
    expect(draft.geometry).toEqual(outlineZT1());
    expect(entry).toMatchObject({ zone_id: 'ZT1', action: 'create', author: 'Équipe GrandSoissons' });
    expect(entry!.changes).toEqual([{ field: 'geometry', old: null, new: outlineZT1() }]);
    store.close();

    const reopened = await openDraftStore(name);
    expect(await reopened.listZoneDrafts()).toEqual([draft]);
    expect((await reopened.getZoneDraft('ZT1'))?.geometry).toEqual(outlineZT1());
    expect(await reopened.getZoneDraft('ZT2')).toBeNull();
    reopened.close();
  });

  it('records each edit old → new, skips a no-op, and keeps every outline in the history after removal', async () => {
    const { store } = await fresh();
    const first = outlineZT1();
    const second = moved(first, 0.001);
    await store.putZoneOutline(zt1(), first);
    const same = await store.putZoneOutline(zt1(), first);
    expect(same.entry).toBeNull();
    const edit = await store.putZoneOutline(zt1(), second, { author: 'Paul' });
    expect(edit.entry).toMatchObject({ action: 'update', changes: [{ field: 'geometry', old: first, new: second }] });

    // No published outline: removing drops the draft, the history keeps the removed outline.
    expect(await store.removeZoneOutline(zt1())).toBeNull();
    expect(await store.listZoneDrafts()).toEqual([]);
    const history = await store.listZoneHistory('ZT1');
    expect(history.map((e) => e.action)).toEqual(['create', 'update', 'delete']);
    expect(history[2].changes).toEqual([{ field: 'geometry', old: second, new: null }]);
    // Zone history never mixes with the sites' history.
    expect(await store.listHistory()).toEqual([]);
    expect(await store.countUnpublished()).toBe(0);
  });

  it('uses the stored author name when none is given', async () => {
    const { store } = await fresh();
    await store.setMeta('author', 'Équipe CCRV');
    const { entry } = await store.putZoneOutline(zt1(), outlineZT1());
    expect(entry!.author).toBe('Équipe CCRV');
  });

  it('removing a PUBLISHED outline keeps a « deleted » draft that hides it; drawing again restores', async () => {
    const { store } = await fresh();
    const published = { ...zt1(), geometry: outlineZT1() };
    const rec = await store.removeZoneOutline(published);
    expect(rec).toMatchObject({ zone_id: 'ZT1', status: 'deleted', geometry: null, base: outlineZT1() });
    const redrawn = moved(outlineZT1(), -0.002);
    const { draft, entry } = await store.putZoneOutline(published, redrawn);
    expect(draft).toMatchObject({ status: 'modified', base: outlineZT1(), geometry: redrawn });
    expect(entry!.action).toBe('restore');
  });

  it('a backup carries the zone drafts and their history; importing it elsewhere adds them, never overwrites', async () => {
    const { store } = await fresh();
    await store.putZoneOutline(zt1(), outlineZT1());
    const text = await store.exportBackup();
    const backup = parseBackup(text);
    expect(backup.zone_drafts?.map((d) => d.zone_id)).toEqual(['ZT1']);
    expect(backup.zone_history?.map((e) => e.action)).toEqual(['create']);

    const { store: other } = await fresh();
    await other.putZoneOutline(register()[1], moved(outlineZT1(), 0.05));
    const report = await other.importBackup(text);
    expect(report.zonesAdded).toEqual(['ZT1']);
    expect(report.zoneConflicts).toEqual([]);
    expect((await other.getZoneDraft('ZT1'))?.geometry).toEqual(outlineZT1());
    expect((await other.listZoneHistory()).length).toBe(2);

    // A different local outline of the same zone is kept and reported.
    const { store: third } = await fresh();
    await third.putZoneOutline(zt1(), moved(outlineZT1(), 0.01));
    const r3 = await third.importBackup(text);
    expect(r3.zoneConflicts).toEqual(['ZT1']);
    expect((await third.getZoneDraft('ZT1'))?.geometry).toEqual(moved(outlineZT1(), 0.01));
    // An old backup (no zone members) still imports.
    const legacy = JSON.stringify({ ...backup, zone_drafts: undefined, zone_history: undefined });
    expect((await third.importBackup(legacy)).zonesAdded).toBeUndefined();
  });
});

describe('database upgrade (version 1 → 2)', () => {
  it('keeps the site drafts, history and author of a version-1 database, and adds the zone stores', async () => {
    const name = `atlas-zones-upgrade-${++n}`;
    // A database as version 1 of the atlas left it.
    const v1 = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name, 1);
      req.onupgradeneeded = () => {
        const db = req.result;
        db.createObjectStore('drafts', { keyPath: 'id' });
        const h = db.createObjectStore('history', { keyPath: 'id', autoIncrement: true });
        h.createIndex('site_id', 'site_id', { unique: false });
        db.createObjectStore('meta');
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const site = {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [3.31, 49.36] },
      properties: { id: 'local-1', name: 'Lot saisi en v1', kind: 'plot', zone_id: null, zone_name: null },
    };
    await new Promise<void>((resolve, reject) => {
      const tx = v1.transaction(['drafts', 'history', 'meta'], 'readwrite');
      tx.objectStore('drafts').put({ id: 'local-1', site, base: null, status: 'new', updated_at: '2025-01-01T00:00:00.000Z' });
      tx.objectStore('history').add({ site_id: 'local-1', at: '2025-01-01T00:00:00.000Z', author: 'Marie', action: 'create', changes: [] });
      tx.objectStore('meta').put('Marie', 'author');
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    v1.close();

    const store = await openDraftStore(name);
    // Versions 3 (the drafts journal) and 4 (the history's import-batch index) came after: the upgrade from 1 goes through all.
    expect(DB_VERSION).toBe(4);
    expect((await store.getDraft('local-1'))?.site.properties.name).toBe('Lot saisi en v1');
    expect((await store.listHistory('local-1')).map((e) => e.author)).toEqual(['Marie']);
    expect(await store.getMeta('author')).toBe('Marie');
    expect(await store.listZoneDrafts()).toEqual([]);
    await store.putZoneOutline(zt1(), outlineZT1());
    expect((await store.listZoneDrafts()).map((d) => d.zone_id)).toEqual(['ZT1']);
    expect(await store.countUnpublished()).toBe(1); // the site draft, untouched
    store.close();

    const version = await new Promise<number>((resolve) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => {
        resolve(req.result.version);
        req.result.close();
      };
    });
    expect(version).toBe(DB_VERSION);
  });
});
