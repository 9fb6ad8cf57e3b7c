import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { openDraftStore, parseBackup, type DraftStore } from '../../../src/data/drafts';
import { toSite } from '../../../src/data/import';
import { versionAfter } from '../../../src/domain/history';
import { diffSites } from '../../../src/domain/diff';
import type { Site } from '../../../src/domain/types';

const square: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [3.3, 49.34],
      [3.302, 49.34],
      [3.302, 49.341],
      [3.3, 49.341],
      [3.3, 49.34],
    ],
  ],
};
const site = (over: Record<string, unknown> = {}): Site => toSite({ id: 'S1', name: 'Lot A', surface_m2: 14000, ...over }, square);
const rename = (s: Site, name: string): Site => ({ ...s, properties: { ...s.properties, name } });

let n = 0;
/** A fresh database per test, with a clock ticking one second per call. */
async function fresh(): Promise<{ store: DraftStore; name: string; clock: () => string }> {
  let t = Date.UTC(2025, 0, 1, 8, 0, 0);
  const clock = () => new Date((t += 1000)).toISOString();
  const name = `atlas-curation-test-${++n}`;
  return { store: await openDraftStore(name, { now: clock }), name, clock };
}

describe('drafts store', () => {
  it('creates a new draft with created_at/updated_at and a « create » history entry', async () => {
    const { store } = await fresh();
    const { draft, entry } = await store.putDraft(site(), { author: 'Marie' });
    expect(draft).toMatchObject({ id: 'S1', status: 'new', base: null, updated_at: '2025-01-01T08:00:01.000Z' });
    expect(draft.site.properties.created_at).toBe('2025-01-01T08:00:01.000Z');
    expect(draft.site.properties.updated_at).toBe('2025-01-01T08:00:01.000Z');
    expect(entry).toMatchObject({ site_id: 'S1', action: 'create', author: 'Marie' });
    expect(entry!.changes.map((c) => c.field)).toContain('name');
    expect(await store.countUnpublished()).toBe(1);
  });

  it('is durable: a write is readable from another connection as soon as it resolves', async () => {
    const { store, name } = await fresh();
    await store.putDraft(site());
    const other = await openDraftStore(name);
    expect((await other.getDraft('S1'))?.site.properties.name).toBe('Lot A');
    other.close();
    store.close();
    const reopened = await openDraftStore(name);
    expect(await reopened.countUnpublished()).toBe(1);
  });

  it('records each edit as old → new, skips no-op writes, keeps the base of a published site', async () => {
    const { store } = await fresh();
    const published = site();
    const r1 = await store.putDraft(rename(published, 'Lot A bis'), { base: published, author: 'Paul' });
    expect(r1.draft.status).toBe('modified');
    expect(r1.entry!.changes).toEqual([{ field: 'name', old: 'Lot A', new: 'Lot A bis' }]);
    // Same content again: nothing written.
    const r2 = await store.putDraft(rename(published, 'Lot A bis'));
    expect(r2.entry).toBeNull();
    const r3 = await store.putDraft(rename(published, 'Lot A ter'), { action: 'edit' });
    expect(r3.entry).toMatchObject({ action: 'update', changes: [{ field: 'name', old: 'Lot A bis', new: 'Lot A ter' }] });
    expect((await store.getDraft('S1'))!.base!.properties.name).toBe('Lot A');
    expect((await store.listHistory('S1')).map((e) => e.action)).toEqual(['update', 'update']);
  });

  it('uses the stored author name when none is given', async () => {
    const { store } = await fresh();
    await store.setMeta('author', 'Équipe CCRV');
    expect(await store.getMeta('author')).toBe('Équipe CCRV');
    const { entry } = await store.putDraft(site());
    expect(entry!.author).toBe('Équipe CCRV');
    const { entry: e2 } = await store.putDraft(rename(site(), 'X'), { author: null });
    expect(e2!.author).toBeNull();
  });

  it('deleting keeps the last version: published → « deleted » draft, new → gone but in the history', async () => {
    const { store } = await fresh();
    const published = site({ id: 'P1' });
    const rec = await store.deleteDraft('P1', 'Marie', published);
    expect(rec).toMatchObject({ id: 'P1', status: 'deleted' });
    expect(await store.countUnpublished()).toBe(1);

    await store.putDraft(site({ id: 'N1', name: 'Nouveau' }));
    expect(await store.deleteDraft('N1')).toBeNull();
    expect(await store.getDraft('N1')).toBeNull();
    const h = await store.listHistory('N1');
    expect(h.map((e) => e.action)).toEqual(['create', 'delete']);
    expect(h[1].snapshot!.properties.name).toBe('Nouveau');
    // Restoring from the snapshot brings it back as a draft.
    const back = await store.putDraft(h[1].snapshot!, { action: 'restore' });
    expect(back.draft.status).toBe('new');
    expect(back.entry!.action).toBe('restore');
  });

  it('discarding a draft returns to the published version; the draft stays in the history', async () => {
    const { store } = await fresh();
    const published = site();
    await store.putDraft(rename(published, 'Brouillon'), { base: published });
    await store.discardDraft('S1', 'Marie');
    expect(await store.getDraft('S1')).toBeNull();
    const last = (await store.listHistory('S1')).at(-1)!;
    expect(last).toMatchObject({ action: 'restore', author: 'Marie', changes: [{ field: 'name', old: 'Brouillon', new: 'Lot A' }] });
    expect(last.snapshot!.properties.name).toBe('Brouillon');
  });

  it('history lets any earlier version be rebuilt', async () => {
    const { store } = await fresh();
    const v1 = site();
    await store.putDraft(v1);
    await store.putDraft(rename(v1, 'v2'));
    const v3 = structuredClone(rename(v1, 'v3'));
    v3.properties.readiness.planning.status = 'fait';
    await store.putDraft(v3);
    const entries = await store.listHistory('S1');
    const current = (await store.getDraft('S1'))!.site;
    expect(versionAfter(current, entries, 1).properties.name).toBe('v2');
    expect(versionAfter(current, entries, 1).properties.readiness.planning.status).toBe('inconnu');
    expect(diffSites(versionAfter(current, entries, 0), v1)).toEqual([]);
  });

  it('clearPublished removes the drafts but not their history', async () => {
    const { store } = await fresh();
    await store.putDraft(site({ id: 'A' }));
    await store.putDraft(site({ id: 'B' }));
    expect(await store.clearPublished(['A', 'Z'])).toBe(1);
    expect((await store.listDrafts()).map((d) => d.id)).toEqual(['B']);
    expect((await store.listHistory('A')).length).toBe(1);
  });

  it('backup: export, then import into an empty store; conflicts are never overwritten silently', async () => {
    const { store } = await fresh();
    await store.setMeta('author', 'Marie');
    await store.putDraft(site({ id: 'A' }));
    await store.putDraft(site({ id: 'B', name: 'B origine' }));
    const text = await store.exportBackup();
    const backup = parseBackup(text);
    expect(backup.drafts).toHaveLength(2);
    expect(backup.history).toHaveLength(2);

    const { store: other } = await fresh();
    await other.putDraft(site({ id: 'B', name: 'B modifié ailleurs' }));
    const report = await other.importBackup(text);
    expect(report.added).toEqual(['A']);
    expect(report.conflicts.map((c) => c.id)).toEqual(['B']);
    expect((await other.getDraft('B'))!.site.properties.name).toBe('B modifié ailleurs');
    expect(report.historyAdded).toBe(2);
    // Importing the same backup again adds nothing.
    const again = await other.importBackup(text);
    expect(again).toMatchObject({ added: [], identical: ['A'], historyAdded: 0 });
    // The user chooses the backup's version: replaced, the local one kept in the history.
    const chosen = await other.importBackup(text, { overwrite: ['B'] });
    expect(chosen.replaced).toEqual(['B']);
    expect((await other.getDraft('B'))!.site.properties.name).toBe('B origine');
    const last = (await other.listHistory('B')).at(-1)!;
    expect(last.action).toBe('restore');
    expect(last.snapshot!.properties.name).toBe('B modifié ailleurs');
  });

  it('refuses a file that is not a backup, with a French message', async () => {
    const { store } = await fresh();
    await expect(store.importBackup('{"type":"FeatureCollection"}')).rejects.toThrow(/pas une sauvegarde/);
    await expect(store.importBackup('nope')).rejects.toThrow(/pas du JSON valide/);
  });

  it('keeps hostile text verbatim', async () => {
    const { store } = await fresh();
    await store.putDraft(site({ name: '<img src=x onerror=alert(1)>' }));
    expect((await store.getDraft('S1'))!.site.properties.name).toBe('<img src=x onerror=alert(1)>');
  });
});
