/**
 * The curation store with a real IndexedDB implementation (fake-indexeddb): edits become
 * drafts, undo/redo walk the versions, a new page (fresh modules, same database) restores
 * the drafts into the atlas, deletions hide sites, an export marks drafts and only the public
 * data holding them clears them.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { blankSiteProperties } from '../../../src/domain/site';
import type { Site } from '../../../src/domain/types';
import { deleteDraftsDb } from '../drafts/helpers';

type Curation = typeof import('../../../src/state/curation');
type Store = typeof import('../../../src/state/store');

// Distances come from a Web Worker in the browser; here they are unknown.
vi.mock('../../../src/data/distances/client', () => ({
  computeDistances: async () => {
    throw new Error('no worker in tests');
  },
}));

function site(id: string, name: string): Site {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [3.3, 49.38] },
    properties: blankSiteProperties({ id, name, source: 'publié' }),
  };
}

/** A fresh "page": new module instances over the same (fake) IndexedDB. */
async function page(): Promise<{ c: Curation; s: Store }> {
  vi.resetModules();
  const s = await import('../../../src/state/store');
  const c = await import('../../../src/state/curation');
  s.useAtlas.setState({ sites: [site('pub-1', 'Publié 1'), site('pub-2', 'Publié 2')] });
  await c.initCuration();
  return { c, s };
}

beforeEach(async () => {
  await deleteDraftsDb();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('curation store', () => {
  it('turns edits into a draft shown by the atlas, with undo/redo, and restores it on a new page', async () => {
    const { c, s } = await page();
    expect(c.useCuration.getState().storage).toBe('ready');
    const pub = s.useAtlas.getState().sites[0];
    c.openSite(pub, pub);
    c.editSite('name', () => ({ name: 'Publié 1 bis' }));
    c.editSite('name', () => ({ name: 'Publié 1 ter' })); // same field, quick: one undo step
    c.breakUndoGroup();
    c.editSite('price', () => ({ price_eur_m2: 12.5 }));
    // Shown by the atlas as soon as the batch is flushed, before the write completes.
    void c.flush();
    expect(s.allSites(s.useAtlas.getState()).find((x) => x.properties.id === 'pub-1')?.properties.name).toBe('Publié 1 ter');

    expect(c.undo()).toBe(true);
    expect(c.useCuration.getState().session?.current.properties.price_eur_m2).toBeNull();
    expect(c.undo()).toBe(true);
    expect(c.useCuration.getState().session?.current.properties.name).toBe('Publié 1');
    expect(c.undo()).toBe(false);
    expect(c.redo()).toBe(true);
    expect(c.redo()).toBe(true);
    expect(c.useCuration.getState().session?.current.properties).toMatchObject({ name: 'Publié 1 ter', price_eur_m2: 12.5 });

    await c.flush();
    expect(c.unpublishedCount(c.useCuration.getState())).toBe(1);
    const history = (await c.loadHistory('pub-1')).entries;
    expect(history.length).toBeGreaterThan(0);

    // New page: the draft is back in the atlas, the published version is replaced.
    const next = await page();
    expect(next.c.unpublishedCount(next.c.useCuration.getState())).toBe(1);
    const shown = next.s.allSites(next.s.useAtlas.getState());
    expect(shown.map((x) => x.properties.name)).toEqual(['Publié 1 ter', 'Publié 2']);
    expect(shown[0].properties.price_eur_m2).toBe(12.5);
  });

  it('saves without an explicit flush (no debounce: the write starts with the edit)', async () => {
    const { c } = await page();
    c.openSite(site('pub-2', 'Publié 2'), site('pub-2', 'Publié 2'));
    c.editSite('notes', () => ({ notes: 'à vérifier' }));
    // No flush: the debounced write lands by itself.
    await vi.waitFor(() => expect(c.useCuration.getState().drafts.map((d) => d.id)).toEqual(['pub-2']), { timeout: 3000 });
    const next = await page();
    expect(next.s.allSites(next.s.useAtlas.getState()).find((x) => x.properties.id === 'pub-2')?.properties.notes).toBe('à vérifier');
  });

  it('creates a site from a drawn geometry, deletes a published one, and publishes', async () => {
    const { c, s } = await page();
    const created = c.createSite({ type: 'Point', coordinates: [3.31, 49.37] }, 'Nouveau site', null, (x) => x);
    expect(created.properties.id).toMatch(/^local-\d{8}-[0-9a-f]{8}$/);
    expect(created.properties.created_at).toBeTruthy();
    await c.deleteSite('pub-2');
    await c.flush();
    const ids = s.allSites(s.useAtlas.getState()).map((x) => x.properties.id);
    expect(ids).toEqual(['pub-1', created.properties.id]);
    expect(c.useCuration.getState().drafts.map((d) => d.kind).sort()).toEqual(['deleted', 'new']);

    // A new page still hides the deleted site.
    const next = await page();
    expect(next.s.allSites(next.s.useAtlas.getState()).map((x) => x.properties.id)).toEqual(['pub-1', created.properties.id]);

    // Exporting marks the drafts « exporté, en attente de publication »: nothing is cleared
    // (issue 12 §3: no button deletes unpublished work; « Marquer comme publié » is gone).
    expect(await next.c.markExported([created.properties.id, 'pub-2'], { packageName: 'paquet.zip' })).toBe(2);
    await next.c.flush();
    expect(next.c.unpublishedCount(next.c.useCuration.getState())).toBe(2);
    expect(next.c.useCuration.getState().drafts.every((d) => d.exported)).toBe(true);

    // Published: the public data now holds the new site (identical) and no longer pub-2. The
    // drafts are cleared only now, at the next start, and stay in the history.
    const published = next.s.allSites(next.s.useAtlas.getState()).find((x) => x.properties.id === created.properties.id)!;
    vi.resetModules();
    const s3 = await import('../../../src/state/store');
    const c3 = await import('../../../src/state/curation');
    s3.useAtlas.setState({ status: 'ready', sites: [site('pub-1', 'Publié 1'), { ...published, properties: { ...published.properties, dist_rn2_m: 1234 } }] });
    await c3.initCuration();
    const cleared = await c3.reconcileWithPublished();
    expect(cleared.sites.sort()).toEqual([created.properties.id, 'pub-2'].sort());
    await c3.flush();
    expect(c3.unpublishedCount(c3.useCuration.getState())).toBe(0);
    expect(s3.useAtlas.getState().draftSites).toEqual([]);
    expect((await c3.loadHistory(created.properties.id)).entries.map((e) => e.action).at(-1)).toBe('publish');
  });

  it('merges imported sites as drafts, keeping created_at of the site they replace', async () => {
    const { c, s } = await page();
    const replaced = { ...site('pub-1', 'Publié 1 (fichier)') };
    replaced.properties = { ...replaced.properties, created_at: null };
    s.useAtlas.setState({ sites: [{ ...site('pub-1', 'Publié 1'), properties: { ...site('pub-1', 'Publié 1').properties, created_at: '2020-01-01' } }] });
    await c.mergeImported([replaced, site('imp-1', 'Importé')]);
    const shown = s.allSites(s.useAtlas.getState());
    expect(shown.map((x) => x.properties.name)).toEqual(['Publié 1 (fichier)', 'Importé']);
    expect(shown[0].properties.created_at).toBe('2020-01-01');
    const h = (await c.loadHistory('imp-1')).entries;
    expect(h.map((e) => e.action)).toEqual(['import']);
  });

  it('lists an import of many sites with the earlier drafts, each draft once, newest first', async () => {
    const { c } = await page();
    await c.mergeImported([site('early-1', 'Plus ancien')]);
    await c.flush();
    // More than 50 at once: the drafts list is merged, not rebuilt.
    const many = Array.from({ length: 60 }, (_, i) => site(`imp-${i}`, `Importé ${i}`));
    await c.mergeImported([...many, site('early-1', 'Plus ancien, réimporté')]);
    const drafts = c.useCuration.getState().drafts;
    expect(drafts.map((x) => x.id).sort()).toEqual(['early-1', ...many.map((x) => x.properties.id)].sort());
    const times = drafts.map((x) => x.updatedAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(drafts.find((x) => x.id === 'early-1')?.name).toBe('Plus ancien, réimporté');
  });

  it('shows imported sites in the atlas once they are written, not while the import writes them', async () => {
    const { c, s } = await page();
    const inAtlas = () => s.allSites(s.useAtlas.getState()).some((x) => x.properties.id === 'imp-2');
    // The revision of the draft in memory when the atlas first shows it (0: not written yet).
    let revWhenShown: number | null = null;
    const stop = s.useAtlas.subscribe(() => {
      if (revWhenShown === null && inAtlas()) revWhenShown = c.useCuration.getState().records.get('imp-2')?.rev ?? -1;
    });
    await c.mergeImported([site('imp-2', 'Importé 2')]);
    stop();
    expect(revWhenShown).toBe(1);
    expect(inAtlas()).toBe(true);
    expect((await c.loadHistory('imp-2')).entries.map((e) => e.action)).toEqual(['import']);
  });
});
