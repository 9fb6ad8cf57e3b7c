import { FRICHE_STATUS_KEYS } from '../../../src/domain/fricheStatus';
import { describe, expect, it } from 'vitest';
import { decodePageHash, decodeUrlState, defaultUrlState, encodePageHash, encodeUrlState, roundView } from '../../../src/domain/urlState';
import { LAYER_IDS, READINESS_LEVELS, SECTOR_IDS, type PageRoute, type SortKey, type UrlState } from '../../../src/domain/types';
import { mulberry32 } from '../../../src/domain/sample';
import { expectGolden, goldenCases, goldenInput } from './helpers';

type StatePatch = Partial<Omit<UrlState, 'filters'>> & { filters?: Partial<UrlState['filters']> };

function state(patch: StatePatch): UrlState {
  const d = defaultUrlState();
  return { ...d, ...patch, filters: { ...d.filters, ...patch.filters } };
}

function split(encoded: string): [string, string] {
  const i = encoded.indexOf('#');
  return i < 0 ? [encoded, ''] : [encoded.slice(0, i), encoded.slice(i)];
}

function roundTrip(s: UrlState): UrlState {
  return decodeUrlState(...split(encodeUrlState(s)));
}

describe('encodeUrlState — golden fixtures (tests/fixtures/sites/url-encode)', () => {
  for (const name of goldenCases('url-encode')) {
    it(name, () => {
      const s = state(goldenInput<StatePatch>('url-encode', name));
      const encoded = encodeUrlState(s);
      expectGolden('url-encode', name, { encoded });
      expect(roundTrip(s)).toEqual(s);
    });
  }
});

describe('decodeUrlState — golden fixtures (tests/fixtures/sites/url-decode)', () => {
  for (const name of goldenCases('url-decode')) {
    it(name, () => {
      const { search, hash } = goldenInput<{ search: string; hash: string }>('url-decode', name);
      expectGolden('url-decode', name, decodeUrlState(search, hash));
    });
  }
});

describe('URL state — behaviour', () => {
  it('the default state encodes to an empty string and decodes back', () => {
    expect(encodeUrlState(defaultUrlState())).toBe('');
    expect(decodeUrlState('', '')).toEqual(defaultUrlState());
    expect(decodeUrlState('?', '#')).toEqual(defaultUrlState());
  });

  it('the query starts with ? and the page route follows as a hash', () => {
    const e = encodeUrlState(state({ locale: 'en', page: { name: 'site', id: '02722_1633' } }));
    expect(e).toBe('?lang=en#/site/02722_1633');
  });

  it('never throws, whatever the input', () => {
    const junk = ['%', '%%%', '?&&&==&', '?sect=%E0', '?v=,,', '?sort=:::', '?ly=,,,', '#', '?q=\u0000', 'sl=%2C%2C'];
    for (const a of junk) for (const b of junk) expect(() => decodeUrlState(a, b)).not.toThrow();
    expect(decodeUrlState(undefined as unknown as string, null as unknown as string)).toEqual(defaultUrlState());
  });

  it('encoding never throws on malformed Unicode (lone surrogate)', () => {
    expect(() => encodeUrlState(state({ filters: { text: 'a\ud800b' } }))).not.toThrow();
  });

  it('ly absent = default layers, ly empty = no layer, ly with only junk = default', () => {
    expect(decodeUrlState('', '').layers).toBeNull();
    expect(decodeUrlState('?ly=', '').layers).toEqual([]);
    expect(decodeUrlState('?ly=zzz', '').layers).toBeNull();
    expect(decodeUrlState('?ly=zzz,rn2', '').layers).toEqual(['rn2']);
  });

  it('page hashes: French routes, English aliases tolerated', () => {
    const pages: PageRoute[] = [{ name: 'atlas' }, { name: 'compare' }, { name: 'accessibility' }, { name: 'legal' }, { name: 'site', id: 'a b/c' }];
    for (const p of pages) expect(decodePageHash(encodePageHash(p))).toEqual(p);
    expect(decodePageHash('#/compare')).toEqual({ name: 'compare' });
    expect(decodePageHash('#/site/')).toEqual({ name: 'atlas' });
  });

  it('roundView keeps the URL short', () => {
    expect(roundView({ lon: 3.3212345678, lat: 49.3812345678, zoom: 11.23456 })).toEqual({ lon: 3.32123, lat: 49.38123, zoom: 11.23 });
  });
});

// ---------- property-style round trip ----------

const CHARS = ['a', 'Z', '0', ' ', ',', '&', '=', '?', '#', '%', '+', '/', ':', '@', ';', "'", '"', '<', '>', 'é', 'Œ', '’', '–', '€', '日', '😀', '\t', '\n', '~', '*', '(', ')'];

function randomState(rnd: () => number): UrlState {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)];
  const maybe = (p = 0.5) => rnd() < p;
  const subset = <T>(a: readonly T[]): T[] => a.filter(() => rnd() < 0.3);
  const str = (min: number, max: number) => {
    const n = min + Math.floor(rnd() * (max - min + 1));
    let s = '';
    for (let i = 0; i < n; i++) s += pick(CHARS);
    return s;
  };
  const id = () => str(1, 12);
  const ids = () => {
    const out: string[] = [];
    const n = Math.floor(rnd() * 4);
    while (out.length < n) {
      const x = id();
      if (!out.includes(x)) out.push(x);
    }
    return out;
  };
  const num = (): number | null => (maybe() ? null : pick([0, 1, 2.5, 1234.5678, 5000, 1e-7, 123456789, rnd() * 1e6, Math.round(rnd() * 100) / 10]));
  const pages: (() => PageRoute)[] = [() => ({ name: 'atlas' }), () => ({ name: 'compare' }), () => ({ name: 'accessibility' }), () => ({ name: 'legal' }), () => ({ name: 'site', id: id() })];
  return {
    page: pick(pages)(),
    filters: {
      surfaceMin: num(),
      surfaceMax: num(),
      sectors: subset(SECTOR_IDS),
      sectorMode: maybe() ? 'any' : 'all',
      levels: subset(READINESS_LEVELS),
      availability: subset(['disponible', 'sous_option', 'vendu_occupe', 'inconnu'] as const),
      kinds: subset(['plot', 'friche'] as const),
      epci: ids(),
      communes: ids(),
      text: maybe() ? '' : str(0, 20),
      maxDistRn2Km: num(),
      maxDistWaterwayKm: num(),
      maxDistStationKm: num(),
      fricheStatuses: subset(FRICHE_STATUS_KEYS),
      maxDistIteKm: num(),
    },
    sort: { key: pick<SortKey>(['name', 'surface', 'dist_rn2', 'dist_waterway', 'dist_station', 'dist_ite']), dir: maybe() ? 'asc' : 'desc' },
    selectedId: maybe() ? null : id(),
    view: maybe() ? null : { lon: (rnd() - 0.5) * 360, lat: (rnd() - 0.5) * 180, zoom: rnd() * 24 },
    layers: maybe() ? null : subset(LAYER_IDS),
    shortlist: ids(),
    sample: maybe(),
    locale: maybe() ? 'fr' : 'en',
  };
}

describe('URL state — seeded random round trip', () => {
  it('decode(encode(s)) deep-equals s for 3,000 random valid states', () => {
    const rnd = mulberry32(20240310);
    for (let i = 0; i < 3000; i++) {
      const s = randomState(rnd);
      const e = encodeUrlState(s);
      expect(e === '' || e.startsWith('?') || e.startsWith('#/')).toBe(true);
      expect(e.split('#').length, `one hash at most in ${e}`).toBeLessThanOrEqual(2);
      expect(roundTrip(s), e).toEqual(s);
    }
  });
});
