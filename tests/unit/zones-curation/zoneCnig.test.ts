/**
 * The CNIG « Sites économiques » values typed for a zone (issue 12 §3) live in the zone's draft,
 * through the drafts owner: merged over the published values in `zones`, kept on a new page,
 * in the zone's history, merged field by field with another tab's write, compared with the
 * public data before the draft is cleared, and moved ONCE out of the former localStorage
 * stopgap (`atlas-zone-cnig`). Real IndexedDB implementation (fake-indexeddb).
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ZoneRecord } from '../../../src/domain/types';
import { applyZoneDrafts, mergeZoneCnig, pendingExport, sameZoneCnig } from '../../../src/domain/zoneDrafts';
import { isPublishedZoneCnig } from '../../../src/domain/publication';
import { attachSites, outlineZT1, register } from './helpers';
import { deleteDraftsDb } from '../drafts/helpers';

vi.mock('../../../src/data/distances/client', () => ({
  computeDistances: async () => {
    throw new Error('no worker in tests');
  },
}));

const KEY = 'atlas-zone-cnig';

describe('zone CNIG values (pure)', () => {
  it('applyZoneDrafts puts the typed values over the published ones, and leaves zones without values alone', () => {
    const published: ZoneRecord[] = register().map((z) => ({ ...z, cnig: { site_type: 'inconnu', site_etat: 'existant' } }));
    const merged = applyZoneDrafts(published, [
      { zone_id: 'ZT1', geometry: outlineZT1(), updated_at: 'x', cnig: { site_type: "zone d'activité économique" } },
      { zone_id: 'ZT2', geometry: outlineZT1(), updated_at: 'x' },
    ]);
    expect(merged[0].cnig).toEqual({ site_type: "zone d'activité économique", site_etat: 'existant' });
    expect(merged[1].cnig).toBe(published[1].cnig);
  });

  it('mergeZoneCnig: different fields merge, the same field changed in both tabs keeps this tab’s value and says so', () => {
    const known = { site_type: 'a', site_etat: 'e' };
    expect(mergeZoneCnig(known, { site_type: 'b', site_etat: 'e' }, { site_type: 'a', site_etat: 'f' })).toEqual({ cnig: { site_type: 'b', site_etat: 'f' }, clashes: [] });
    expect(mergeZoneCnig(known, { site_type: 'b', site_etat: 'e' }, { site_type: 'c', site_etat: 'e' })).toEqual({ cnig: { site_type: 'b', site_etat: 'e' }, clashes: ['site_type'] });
    // A field this tab cleared is cleared; a field only the other tab added is kept.
    expect(mergeZoneCnig(known, { site_etat: 'e' }, { ...known, reseau_fluvial: 'oui' })).toEqual({ cnig: { site_etat: 'e', reseau_fluvial: 'oui' }, clashes: [] });
    expect(sameZoneCnig(null, {})).toBe(true);
    expect(sameZoneCnig({ a: 1 }, { a: '1' })).toBe(false);
  });

  it('pendingExport: the package while the draft is unchanged since the export, null otherwise', () => {
    const exported = { at: '2026-01-01T00:00:00Z', package: 'pkg', rev: 3 };
    expect(pendingExport({ rev: 3, exported })).toBe('pkg');
    expect(pendingExport({ rev: 4, exported })).toBeNull();
    expect(pendingExport({ rev: 3, exported: null })).toBeNull();
    expect(pendingExport(undefined)).toBeNull();
  });

  it('isPublishedZoneCnig: every typed value must be the published one (numbers as numbers)', () => {
    expect(isPublishedZoneCnig({ site_type: 'a', site_surf_utile: 3 }, { site_type: 'a', site_surf_utile: '3', site_etat: 'x' })).toBe(true);
    expect(isPublishedZoneCnig({ site_type: 'a' }, { site_type: 'b' })).toBe(false);
    expect(isPublishedZoneCnig({ site_type: 'a' }, null)).toBe(false);
    expect(isPublishedZoneCnig(null, null)).toBe(true);
  });
});

type Store = typeof import('../../../src/state/store');
type Drafts = typeof import('../../../src/state/drafts');

/** A fresh "page" over the same (fake) IndexedDB, with the register (optionally other published zones) loaded. */
async function page(zones: ZoneRecord[] = register()): Promise<{ s: Store; d: Drafts }> {
  vi.resetModules();
  const s = await import('../../../src/state/store');
  const d = await import('../../../src/state/drafts');
  s.useAtlas.getState().setData({ manifest: { generated_at: '2025-06-01', layers: {} }, layers: {}, zones, sites: attachSites() });
  await d.initDrafts();
  return { s, d };
}

/** A minimal localStorage (the tests run in Node). */
function fakeStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, String(v)),
  };
}

let storage: Storage;

beforeEach(async () => {
  await deleteDraftsDb();
  storage = fakeStorage();
  vi.stubGlobal('window', { localStorage: storage, addEventListener: () => undefined });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('zone CNIG values in the zone drafts', () => {
  it('are shown at once in `zones`, kept on a new page with their history, and cleared field by field', async () => {
    const { s, d } = await page();
    await d.saveZoneOutline('ZT1', outlineZT1());
    const saved = d.saveZoneCnig('ZT1', { site_type: "zone d'activité économique", reseau_fluvial: 'oui' });
    expect(s.useAtlas.getState().zones[0].cnig).toEqual({ site_type: "zone d'activité économique", reseau_fluvial: 'oui' });
    await saved;

    const next = await page();
    expect(next.s.useAtlas.getState().zones[0].cnig).toEqual({ site_type: "zone d'activité économique", reseau_fluvial: 'oui' });
    const history = (await next.d.loadZoneHistory('ZT1')).entries;
    expect(history.map((e) => [e.action, e.changes.map((c) => c.field)])).toEqual([
      ['create', ['geometry']],
      ['update', ['cnig.site_type', 'cnig.reseau_fluvial']],
    ]);
    await next.d.saveZoneCnig('ZT1', { reseau_fluvial: null });
    expect((await page()).s.useAtlas.getState().zones[0].cnig).toEqual({ site_type: "zone d'activité économique" });
  });

  it('a zone without outline refuses them with a French message naming the zone', async () => {
    const { d } = await page();
    await expect(d.saveZoneCnig('ZT2', { site_type: 'x' })).rejects.toThrow('Valeurs CNIG de « Zone test du Moulin » refusées : la zone n’a pas de périmètre');
  });

  it('a published outline can get values alone: the draft keeps the published outline', async () => {
    const published = register().map((z) => (z.zone_id === 'ZT1' ? { ...z, geometry: outlineZT1(), needs_digitising: false } : z));
    const { s, d } = await page(published);
    const r = await d.saveZoneCnig('ZT1', { site_vocadomi: 'industrielle' });
    expect(r).toMatchObject({ status: 'modified', geometry: outlineZT1(), base: outlineZT1(), cnig: { site_vocadomi: 'industrielle' } });
    expect(s.useAtlas.getState().zones[0]).toMatchObject({ geometry: outlineZT1(), cnig: { site_vocadomi: 'industrielle' } });
  });

  it('the draft is cleared only when the public register holds its outline AND its values', async () => {
    const first = await page();
    await first.d.saveZoneOutline('ZT1', outlineZT1(), { cnig: { site_type: "zone d'activité économique" } });
    const outlined = (cnig: Record<string, string>) => register().map((z) => (z.zone_id === 'ZT1' ? { ...z, geometry: outlineZT1(), needs_digitising: false, cnig } : z));
    // Published outline, other value: the draft stays.
    const a = await page(outlined({ site_type: 'inconnu' }));
    expect((await a.d.reconcileWithPublished()).zones).toEqual([]);
    expect(Object.keys(a.d.useCuration.getState().zoneRecords)).toEqual(['ZT1']);
    // Same outline and value: cleared, with a « publication » entry in its history.
    const b = await page(outlined({ site_type: "zone d'activité économique", site_etat: 'existant' }));
    expect((await b.d.reconcileWithPublished()).zones).toEqual(['ZT1']);
    expect(b.d.useCuration.getState().zoneRecords).toEqual({});
    expect((await b.d.loadZoneHistory('ZT1')).entries.map((e) => e.action)).toEqual(['create', 'publish']);
  });

  it('another tab’s values on other fields are kept when this tab writes (field-by-field merge)', async () => {
    const tab1 = await page();
    await tab1.d.saveZoneOutline('ZT1', outlineZT1(), { cnig: { site_type: 'a' } });
    const tab1d = tab1.d;
    // A second tab (new module instances, same database) changes another field.
    const tab2 = await page();
    await tab2.d.saveZoneCnig('ZT1', { site_etat: 'existant' });
    // Tab 1, which has not heard of it, changes its field.
    await tab1d.saveZoneCnig('ZT1', { site_type: 'b' });
    const reload = await page();
    expect(reload.d.useCuration.getState().zoneRecords.ZT1.cnig).toEqual({ site_type: 'b', site_etat: 'existant' });
  });
});

describe('one-time move of the localStorage stopgap (atlas-zone-cnig)', () => {
  it('moves the values of zones with an outline into their drafts, keeps the others in the key, and runs once', async () => {
    const first = await page();
    await first.d.saveZoneOutline('ZT1', outlineZT1(), { cnig: { site_etat: 'existant' } });
    storage.setItem(
      KEY,
      JSON.stringify({
        ZT1: { site_type: "zone d'activité économique", site_etat: 'en projet', reseau_fluvial: 'oui' },
        ZT2: { site_type: 'x' }, // no outline: cannot be moved yet
        NOPE: { site_type: 'y' }, // not in the register
      }),
    );
    // A new page moves it at start-up (after the register is loaded).
    const { s, d } = await page();
    await vi.waitFor(() => expect(JSON.parse(storage.getItem(KEY) ?? '{}')).not.toHaveProperty('ZT1'));
    // The value already typed in the draft (site_etat) wins over the stopgap's.
    expect(d.useCuration.getState().zoneRecords.ZT1.cnig).toEqual({ site_etat: 'existant', site_type: "zone d'activité économique", reseau_fluvial: 'oui' });
    expect(s.useAtlas.getState().zones[0].cnig).toMatchObject({ site_type: "zone d'activité économique" });
    expect(JSON.parse(storage.getItem(KEY)!)).toEqual({ ZT2: { site_type: 'x' }, NOPE: { site_type: 'y' } });
    const history = (await d.loadZoneHistory('ZT1')).entries;
    expect(history).toHaveLength(2);
    // Once ZT2 has an outline, the next start moves it, and the key goes away... but NOPE stays.
    await d.saveZoneOutline('ZT2', outlineZT1());
    expect(await d.migrateZoneCnigStopgap()).toEqual(['ZT2']);
    expect(d.useCuration.getState().zoneRecords.ZT2.cnig).toEqual({ site_type: 'x' });
    expect(JSON.parse(storage.getItem(KEY)!)).toEqual({ NOPE: { site_type: 'y' } });
    // Running again writes nothing more.
    expect(await d.migrateZoneCnigStopgap()).toEqual([]);
    expect((await d.loadZoneHistory('ZT1')).entries).toHaveLength(2);
  });

  it('removes the key when everything moved, and leaves an unreadable key as it is', async () => {
    const first = await page();
    await first.d.saveZoneOutline('ZT1', outlineZT1());
    storage.setItem(KEY, JSON.stringify({ ZT1: { site_type: 'a' } }));
    const { d } = await page();
    await vi.waitFor(() => expect(storage.getItem(KEY)).toBeNull());
    expect(d.useCuration.getState().zoneRecords.ZT1.cnig).toEqual({ site_type: 'a' });
    storage.setItem(KEY, '{not json');
    expect(await d.migrateZoneCnigStopgap()).toEqual([]);
    expect(storage.getItem(KEY)).toBe('{not json');
  });

  it('startDrafts loads the drafts code for it, even without a drafts database or « Mode édition »', async () => {
    // The key alone starts the drafts code: the database check is not even needed.
    const first = await page();
    await first.d.saveZoneOutline('ZT1', outlineZT1());
    storage.setItem(KEY, JSON.stringify({ ZT1: { site_type: 'a' } }));
    vi.resetModules();
    const s = await import('../../../src/state/store');
    const boot = await import('../../../src/state/drafts/boot');
    // As if this browser had no drafts database: only the key can start the drafts code.
    const databases = vi.spyOn(indexedDB, 'databases').mockResolvedValue([]);
    s.useAtlas.getState().setData({ manifest: { generated_at: '2025-06-01', layers: {} }, layers: {}, zones: register(), sites: attachSites() });
    expect(s.useAtlas.getState().editMode).toBe(false);
    boot.startDrafts();
    await vi.waitFor(() => expect(storage.getItem(KEY)).toBeNull());
    expect(databases).not.toHaveBeenCalled();
    databases.mockRestore();
    const d = await import('../../../src/state/drafts');
    expect(d.useCuration.getState().zoneRecords.ZT1.cnig).toEqual({ site_type: 'a' });
  });
});
