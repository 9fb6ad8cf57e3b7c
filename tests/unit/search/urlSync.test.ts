/**
 * URL sync (src/state/urlSync.ts) against a fake browser history: what becomes a history entry
 * (push), what only rewrites the current one (replace), and that Back restores the store
 * without writing history again. Timers are faked, so the debounce and the typing coalescing
 * are checked deterministically.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

class FakeHistory {
  entries: string[];
  index = 0;
  pushes = 0;
  replaces = 0;
  listeners: Array<() => void> = [];
  constructor(start: string) {
    this.entries = [start];
  }
  get length() {
    return this.entries.length;
  }
  get current(): URL {
    return new URL(this.entries[this.index], 'http://atlas.test');
  }
  pushState(_s: unknown, _t: string, url: string) {
    this.entries = this.entries.slice(0, this.index + 1);
    this.entries.push(url);
    this.index++;
    this.pushes++;
  }
  replaceState(_s: unknown, _t: string, url: string) {
    this.entries[this.index] = url;
    this.replaces++;
  }
  back() {
    this.index--;
    for (const l of this.listeners) l();
  }
  forward() {
    this.index++;
    for (const l of this.listeners) l();
  }
}

let h: FakeHistory;

async function setup(start = '/') {
  vi.resetModules();
  h = new FakeHistory(start);
  const win = {
    history: h,
    get location() {
      const u = h.current;
      return { pathname: u.pathname, search: u.search, hash: u.hash };
    },
    addEventListener: (type: string, l: () => void) => {
      if (type === 'popstate') h.listeners.push(l);
    },
    removeEventListener: (type: string, l: () => void) => {
      if (type === 'popstate') h.listeners = h.listeners.filter((x) => x !== l);
    },
  };
  vi.stubGlobal('window', win);
  const { useAtlas } = await import('../../../src/state/store');
  const sync = await import('../../../src/state/urlSync');
  const stop = sync.startUrlSync();
  return { useAtlas, sync, stop };
}

const url = () => h.entries[h.index];

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-01-01T10:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('urlSync', () => {
  it('decodes the start URL into the store and writes nothing', async () => {
    const { useAtlas, stop } = await setup('/?smin=5000&kind=friche&sel=S1&v=3.3,49.4,11&lang=en#/comparer');
    const s = useAtlas.getState();
    expect(s.filters.kinds).toEqual(['friche']);
    expect(s.filters.surfaceMin).toBe(5000);
    expect(s.selectedId).toBe('S1');
    expect(s.view).toEqual({ lon: 3.3, lat: 49.4, zoom: 11 });
    expect(s.locale).toBe('en');
    expect(s.page).toEqual({ name: 'compare' });
    vi.advanceTimersByTime(1000);
    expect(h.pushes + h.replaces).toBe(0);
    stop();
  });

  it('rewrites a hand-written URL in canonical order without adding an entry', async () => {
    const { stop } = await setup('/?lang=en&kind=friche&junk=1');
    expect(h.pushes).toBe(0);
    expect(h.length).toBe(1);
    expect(url()).toBe('/?kind=friche&lang=en');
    stop();
  });

  it('a filter change adds a history entry (after the debounce); a map move only replaces it', async () => {
    const { useAtlas, sync, stop } = await setup('/');
    useAtlas.getState().setFilters({ kinds: ['friche'] });
    expect(h.pushes).toBe(0);
    vi.advanceTimersByTime(sync.URL_DEBOUNCE_MS);
    expect(h.pushes).toBe(1);
    expect(url()).toBe('/?kind=friche');
    useAtlas.getState().setView({ lon: 3.31234567, lat: 49.38, zoom: 11.123 });
    vi.advanceTimersByTime(sync.URL_DEBOUNCE_MS);
    expect(h.pushes).toBe(1);
    expect(h.length).toBe(2);
    expect(url()).toBe('/?kind=friche&v=3.31235,49.38,11.12');
    stop();
  });

  it('typing a word, even slowly, is one entry; a pause longer than the coalescing window starts a new one', async () => {
    const { useAtlas, sync, stop } = await setup('/');
    for (const q of ['S', 'So', 'Soi', 'Sois']) {
      useAtlas.getState().setFilters({ text: q });
      vi.advanceTimersByTime(400); // slower than the debounce: each letter is flushed
    }
    expect(h.pushes).toBe(1);
    expect(url()).toBe('/?q=Sois');
    vi.advanceTimersByTime(sync.COALESCE_MS + 100);
    useAtlas.getState().setFilters({ text: 'Soissons' });
    vi.advanceTimersByTime(sync.URL_DEBOUNCE_MS);
    expect(h.pushes).toBe(2);
    // Another kind of change after typing is its own entry, even right away.
    useAtlas.getState().setFilters({ levels: ['cle_en_main'] });
    vi.advanceTimersByTime(sync.URL_DEBOUNCE_MS);
    expect(h.pushes).toBe(3);
    stop();
  });

  it('Back and Forward restore the store without writing history', async () => {
    const { useAtlas, sync, stop } = await setup('/');
    useAtlas.getState().setFilters({ kinds: ['friche'] });
    vi.advanceTimersByTime(sync.URL_DEBOUNCE_MS);
    useAtlas.getState().select('S9');
    vi.advanceTimersByTime(sync.URL_DEBOUNCE_MS);
    expect(h.length).toBe(3);
    h.back();
    expect(useAtlas.getState().selectedId).toBeNull();
    expect(useAtlas.getState().filters.kinds).toEqual(['friche']);
    h.back();
    expect(useAtlas.getState().filters.kinds).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(h.pushes).toBe(2);
    expect(h.replaces).toBe(0);
    h.forward();
    h.forward();
    expect(useAtlas.getState().selectedId).toBe('S9');
    vi.advanceTimersByTime(1000);
    expect(h.length).toBe(3);
    stop();
  });

  it('page, layers, shortlist and locale are in the URL too', async () => {
    const { useAtlas, sync, stop } = await setup('/');
    const s = useAtlas.getState();
    s.toggleLayer('communes', false);
    s.toggleShortlist('A');
    s.setLocale('en');
    s.setPage({ name: 'site', id: 'A' });
    vi.advanceTimersByTime(sync.URL_DEBOUNCE_MS);
    const u = new URL(url(), 'http://atlas.test');
    expect(u.searchParams.get('ly')?.split(',')).not.toContain('communes');
    expect(u.searchParams.get('sl')).toBe('A');
    expect(u.searchParams.get('lang')).toBe('en');
    expect(u.hash).toBe('#/site/A');
    stop();
  });
});
