/**
 * The code that attaches sites to zone outlines (src/domain/zones, a chunk loaded once a zone has
 * an outline) failing to download: the atlas store says so (`zoneAttachFailed`, shown by the
 * zones panel), tries again only when the zones change (not at every store update: the selectors
 * ask for it at each), and attaches the sites once a download succeeds.
 */
import { describe, expect, it, vi } from 'vitest';
import { attachSites, outlineZT1, register } from './helpers';

const state = vi.hoisted(() => ({ attempts: 0, fail: true }));

vi.mock('../../../src/domain/zones', async (importOriginal) => {
  state.attempts++;
  if (state.fail) throw new TypeError('Failed to fetch dynamically imported module: http://x/assets/zones-abc.js');
  return importOriginal();
});

describe('the zones’ attachment code fails to download', () => {
  it('is said, tried again only for other zones, and attaches the sites once it loads', async () => {
    const s = await import('../../../src/state/store');
    const zones = register().map((z) => (z.zone_id === 'ZT1' ? { ...z, geometry: outlineZT1(), needs_digitising: false } : z));
    s.useAtlas.getState().setData({ manifest: { generated_at: '2025-06-01', layers: {} }, layers: {}, zones, sites: attachSites() });
    await vi.waitFor(() => expect(s.useAtlas.getState().zoneAttachFailed).toBe(true));
    expect(state.attempts).toBe(1);

    // Store updates that do not change the zones (a filter typed, a site selected…): no new download.
    for (let i = 0; i < 5; i++) {
      s.useAtlas.setState({ selectedId: `x-${i}` });
      s.allSites(s.useAtlas.getState());
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(state.attempts).toBe(1);
    const inZone = (sites: ReturnType<typeof s.allSites>) => sites.filter((x) => x.properties.zone_id === 'ZT1').map((x) => x.properties.id);
    const before = inZone(s.allSites(s.useAtlas.getState()));

    // The network is back and the zones change (an outline saved): tried again, and the sites inside are attached.
    state.fail = false;
    s.useAtlas.getState().setZoneDrafts([{ zone_id: 'ZT1', geometry: outlineZT1(), updated_at: '2025-06-01T09:00:00.000Z' }]);
    await vi.waitFor(() => expect(s.useAtlas.getState().zoneAttachFailed).toBe(false));
    expect(state.attempts).toBe(2);
    expect(inZone(s.allSites(s.useAtlas.getState())).length).toBeGreaterThan(before.length);
  });
});
