/**
 * Zone outlines in the atlas: the merged zones (register + drafts), the sites attached to a
 * drafted outline (golden in/out), and the store actions over a real IndexedDB
 * implementation (fake-indexeddb): saved at once, rounded, restored on a new page, removed.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Polygon } from 'geojson';
import type { Site, ZoneRecord } from '../../../src/domain/types';
import { applyZoneDrafts, isDigitisableZone, type ZoneDraft } from '../../../src/domain/zoneDrafts';
import { attachToZones } from '../../../src/domain/zones';
import { attachSites, expectGolden, outlineZT1, register } from './helpers';
import { deleteDraftsDb } from '../drafts/helpers';

vi.mock('../../../src/data/distances/client', () => ({
  computeDistances: async () => {
    throw new Error('no worker in tests');
  },
}));

const draft = (zone_id: string, geometry: Polygon | null): ZoneDraft => ({ zone_id, geometry, updated_at: '2025-06-01T09:00:00.000Z' });
const summary = (sites: Site[]) => sites.map((s) => ({ id: s.properties.id, zone_id: s.properties.zone_id, zone_name: s.properties.zone_name }));

describe('applyZoneDrafts (merged zones)', () => {
  it('applies drafts to digitisable zones of the register only (golden)', () => {
    const published = register();
    const merged = applyZoneDrafts(published, [draft('ZT1', outlineZT1()), draft('T_TEST', outlineZT1()), draft('UNKNOWN', outlineZT1())]);
    expectGolden('merged.golden.json', merged);
    // Facts are never touched; zones without draft are the same objects; the input is not mutated.
    expect(merged[0].facts).toEqual(published[0].facts);
    expect(merged[1]).toBe(published[1]);
    expect(merged[2]).toBe(published[2]);
    expect(published[0].geometry).toBeNull();
  });

  it('returns the published array itself when there is no draft, and a null draft removes an outline', () => {
    const published = register();
    expect(applyZoneDrafts(published, [])).toBe(published);
    const withOutline: ZoneRecord[] = [{ ...published[0], geometry: outlineZT1(), needs_digitising: false }];
    expect(applyZoneDrafts(withOutline, [draft('ZT1', null)])[0]).toMatchObject({ geometry: null, needs_digitising: true });
  });

  it('territory-level groupings cannot be digitised', () => {
    expect(register().map(isDigitisableZone)).toEqual([true, true, false]);
  });
});

describe('sites attach to a drafted outline', () => {
  it('golden in/out: inside → the zone; outside → unchanged (a typed zone is kept)', () => {
    const zones = applyZoneDrafts(register(), [draft('ZT1', outlineZT1())]);
    const out = attachSites();
    expectGolden('attach.golden.json', summary(attachToZones(out, zones)));
  });
});

type Store = typeof import('../../../src/state/store');
type Selectors = typeof import('../../../src/state/selectors');
type Curation = typeof import('../../../src/state/curation');
type ZoneDrafts = typeof import('../../../src/state/zoneDrafts');

/** A fresh "page": new module instances over the same (fake) IndexedDB, with the register loaded. */
async function page(): Promise<{ s: Store; sel: Selectors; c: Curation; z: ZoneDrafts }> {
  vi.resetModules();
  const s = await import('../../../src/state/store');
  const sel = await import('../../../src/state/selectors');
  const c = await import('../../../src/state/curation');
  const z = await import('../../../src/state/zoneDrafts');
  s.useAtlas.getState().setData({ manifest: { generated_at: '2025-06-01', layers: {} }, layers: {}, zones: register(), sites: attachSites() });
  await c.initCuration();
  return { s, sel, c, z };
}

beforeEach(async () => {
  await deleteDraftsDb();
});

describe('zone drafts in the store', () => {
  it('saves a drawn outline at once (rounded to 7 decimals), shows it in `zones`, and a new page restores it', async () => {
    const { s, sel, z } = await page();
    const before = sel.selectAllSites(s.useAtlas.getState());
    expect(summary(before).find((x) => x.id === 'point-inside')?.zone_id).toBeNull();

    const saved = z.saveZoneOutline('ZT1', outlineZT1());
    // Shown before the write completes.
    expect(s.useAtlas.getState().zones[0].geometry).not.toBeNull();
    const rec = await saved;
    const ring = (rec.geometry as Polygon).coordinates[0];
    expect(ring[0]).toEqual([3.3, 49.3500001]);
    expect(ring[2]).toEqual([3.32, 49.37]);

    const st = s.useAtlas.getState();
    expect(sel.selectZones(st)[0]).toMatchObject({ zone_id: 'ZT1', needs_digitising: false, geometry: rec.geometry });
    expect(sel.selectOutlinedZones(st).map((x) => x.zone_id)).toEqual(['ZT1']);
    // The published register is kept apart, facts included.
    expect(st.publishedZones[0].geometry).toBeNull();
    expect(st.zones[0].facts[0]).toMatchObject({ attribute: 'surface_totale', value: '300', unit: 'ha' });
    // The atlas's sites are attached to the outline (memoised: same array for the same state).
    const after = sel.selectAllSites(st);
    // The zones themselves are search results too (kind `zone`, appended after the sites): the
    // golden file is about the sites attached to the outline.
    expectGolden('attach.golden.json', summary(after.filter((x) => x.properties.kind !== 'zone')));
    expect(after.filter((x) => x.properties.kind === 'zone').map((x) => [x.properties.id, x.properties.location_precision])).toEqual([['zone:ZT1', 'exact']]);
    expect(sel.selectAllSites(s.useAtlas.getState())).toBe(after);
    expect(z.useZoneDraftStatus.getState().error).toBeNull();

    // Reload: a new page finds the outline and the history.
    const next = await page();
    expect(next.s.useAtlas.getState().zones[0].geometry).toEqual(rec.geometry);
    expect(next.s.useAtlas.getState().zoneDrafts.map((d) => d.zone_id)).toEqual(['ZT1']);
    // The attachment code is loaded on demand (a zone has an outline); once there, `zones` is
    // set again and the sites are attached.
    const zonesBefore = next.s.useAtlas.getState().zones;
    await next.s.loadZoneAttach();
    expect(next.s.useAtlas.getState().zones).not.toBe(zonesBefore);
    expect(summary(next.sel.selectAllSites(next.s.useAtlas.getState())).find((x) => x.id === 'point-inside')?.zone_name).toBe('Zone test des Essais');
    expect((await next.z.loadZoneHistory('ZT1')).entries.map((e) => e.action)).toEqual(['create']);
  });

  it('editing one site recomputes its zone; the other sites keep their objects', async () => {
    const { s, sel, z } = await page();
    await z.saveZoneOutline('ZT1', outlineZT1());
    const first = sel.selectAllSites(s.useAtlas.getState());
    const outside = first.find((x) => x.properties.id === 'point-outside')!;
    // The editor moves the outside point into the zone (a draft).
    s.useAtlas.getState().upsertDraftSite({ ...outside, geometry: { type: 'Point', coordinates: [3.315, 49.365] } });
    const second = sel.selectAllSites(s.useAtlas.getState());
    expect(second.find((x) => x.properties.id === 'point-outside')?.properties.zone_id).toBe('ZT1');
    const inside = first.find((x) => x.properties.id === 'point-inside')!;
    expect(second.find((x) => x.properties.id === 'point-inside')).toBe(inside);
  });

  it('removing the outline hides it, restores the typed zones, and survives a reload', async () => {
    const { s, sel, z } = await page();
    await z.saveZoneOutline('ZT1', outlineZT1());
    await z.removeZoneOutline('ZT1');
    expect(s.useAtlas.getState().zones[0]).toMatchObject({ geometry: null, needs_digitising: true });
    const sites = summary(sel.selectAllSites(s.useAtlas.getState()));
    expect(sites.find((x) => x.id === 'point-inside-typed-other')?.zone_id).toBe('ZT2');
    expect(sites.find((x) => x.id === 'point-inside')?.zone_id).toBeNull();
    const next = await page();
    expect(next.s.useAtlas.getState().zones[0].geometry).toBeNull();
    expect((await next.z.loadZoneHistory('ZT1')).entries.map((e) => e.action)).toEqual(['create', 'delete']);
  });

  it('refuses territory-level groupings, unknown zones and broken outlines with a French message', async () => {
    const { s, z } = await page();
    await expect(z.saveZoneOutline('T_TEST', outlineZT1())).rejects.toThrow(/regroupement territorial/);
    await expect(z.saveZoneOutline('NOPE', outlineZT1())).rejects.toThrow(/Zone inconnue du registre/);
    const broken: Polygon = { type: 'Polygon', coordinates: [[[3.3, 49.35], [3.31, 49.35], [3.3, 49.35]]] };
    await expect(z.saveZoneOutline('ZT1', broken)).rejects.toThrow(/Zone test des Essais.*au moins trois sommets/);
    expect(s.useAtlas.getState().zoneDrafts).toEqual([]);
  });
});
