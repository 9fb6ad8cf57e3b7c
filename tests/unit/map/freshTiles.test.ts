/**
 * src/map/freshTiles.ts with a stand-in map: a source's tiles are fetched again only after the
 * next frame (pending layer changes applied) and once none of its tiles loads; once per wait,
 * whatever the number of new data; never for a source gone, nor after destroy.
 */
import { describe, expect, it } from 'vitest';
import { tileRefresher, type RefreshableMap } from '../../../src/map/freshTiles';

/** A map whose frames are run by hand (`frame()`), with sources loaded or loading. */
function standIn(sources: Record<string, boolean>) {
  let onRender: (() => void)[] = [];
  const refreshed: string[] = [];
  const log: string[] = [];
  const given: [string, unknown][] = [];
  const map = {
    once(event: string, cb: () => void) {
      expect(event).toBe('render');
      onRender.push(cb);
      return map;
    },
    triggerRepaint() {
      log.push('repaint');
    },
    getSource: (id: string) =>
      id in sources
        ? {
            setData(d: unknown) {
              given.push([id, d]);
            },
          }
        : undefined,
    isSourceLoaded: (id: string) => sources[id] === true,
    refreshTiles(id: string) {
      refreshed.push(id);
    },
  } as unknown as RefreshableMap;
  return {
    map,
    refreshed,
    log,
    given,
    sources,
    /** One frame drawn: MapLibre fires 'render' at its end. */
    frame() {
      const cbs = onRender;
      onRender = [];
      for (const cb of cbs) cb();
    },
  };
}

describe('tileRefresher', () => {
  it('fetches the tiles again only after the next frame, when none of them loads', () => {
    const m = standIn({ sites: true });
    const r = tileRefresher(m.map);
    r.fresh('sites');
    // Not at once: a layer change asked in the same task pauses the source until the frame.
    expect(m.refreshed).toEqual([]);
    expect(m.log).toEqual(['repaint']);
    m.frame();
    expect(m.refreshed).toEqual(['sites']);
    expect(r.pending()).toEqual([]);
  });

  it('waits while a tile of the source loads, frame after frame, then fetches them once', () => {
    const m = standIn({ sites: false, zones: true });
    const r = tileRefresher(m.map);
    r.fresh('sites');
    r.fresh('sites');
    r.fresh('zones');
    m.frame();
    // Zones are loaded: fetched again. Sites still load: they wait.
    expect(m.refreshed).toEqual(['zones']);
    expect(r.pending()).toEqual(['sites']);
    m.frame();
    expect(m.refreshed).toEqual(['zones']);
    m.sources.sites = true;
    m.frame();
    expect(m.refreshed).toEqual(['zones', 'sites']);
    expect(r.pending()).toEqual([]);
    // Nothing more waits: no frame is asked for.
    m.frame();
    expect(m.refreshed).toEqual(['zones', 'sites']);
  });

  it('forgets a source that is gone, and does nothing after destroy', () => {
    const m = standIn({ sites: false });
    const r = tileRefresher(m.map);
    r.fresh('gone');
    r.fresh('sites');
    m.frame();
    expect(r.pending()).toEqual(['sites']);
    r.destroy();
    m.sources.sites = true;
    m.frame();
    expect(m.refreshed).toEqual([]);
    r.fresh('sites');
    m.frame();
    expect(m.refreshed).toEqual([]);
  });

  it('gives a GeoJSON source its data, and fetches its tiles again only if some were loading then', () => {
    const m = standIn({ zones: true, selection: false });
    const r = tileRefresher(m.map);
    const data = { type: 'FeatureCollection' as const, features: [] };
    r.setData('zones', data);
    r.setData('selection', data);
    r.setData('gone', data);
    expect(m.given).toEqual([
      ['zones', data],
      ['selection', data],
    ]);
    // The loaded source's reload (MapLibre's own, for the new data) fetches its tiles: nothing more.
    expect(r.pending()).toEqual(['selection']);
    m.sources.selection = true;
    m.frame();
    expect(m.refreshed).toEqual(['selection']);
  });
});
