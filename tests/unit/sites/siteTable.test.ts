/**
 * The columnar filter engine (src/domain/siteTable.ts) gives exactly what the reference
 * functions give (filterSites, facetCounts, surfaceHistogram, sortSites, summarize): on every golden case
 * of tests/fixtures/sites, and on seeded random sites and filters that exercise every facet,
 * unknown values and values outside the vocabularies.
 */
import { describe, expect, it } from 'vitest';
import { facetCounts, surfaceHistogram } from '../../../src/domain/facets';
import { filterSites } from '../../../src/domain/filters';
import { mulberry32 } from '../../../src/domain/sample';
import { evaluateFilters, fullSurfaceHistogram, siteTable, siteTableInSlices, sortedMatches } from '../../../src/domain/siteTable';
import { sortSites } from '../../../src/domain/sort';
import { summarize, summarizePrepared } from '../../../src/domain/summary';
import { EMPTY_FILTERS, READINESS_ITEM_IDS, SECTOR_IDS, type FilterState, type ItemStatus, type Site, type SortState } from '../../../src/domain/types';
import { baseSites, goldenCases, goldenInput, makeSite } from './helpers';

const SORTS: SortState[] = (['name', 'surface', 'dist_rn2', 'dist_waterway', 'dist_station', 'dist_ite'] as const).flatMap((key) =>
  (['asc', 'desc'] as const).map((dir) => ({ key, dir })),
);

function expectSame(sites: Site[], f: FilterState): void {
  const r = evaluateFilters(siteTable(sites), f);
  const ref = filterSites(sites, f);
  expect(r.filtered).toEqual(ref);
  expect(r.count).toBe(ref.length);
  expect([...r.pass].map((p, i) => (p ? sites[i] : null)).filter(Boolean)).toEqual(ref);
  expect(r.facets).toEqual(facetCounts(sites, f));
  expect(JSON.stringify(Object.keys(r.facets.communes))).toBe(JSON.stringify(Object.keys(facetCounts(sites, f).communes)));
  expect(r.histogram()).toEqual(surfaceHistogram(sites, f));
  expect(r.histogram(5)).toEqual(surfaceHistogram(sites, f, 5));
  expect(summarizePrepared(r.preparedMatches)).toEqual(summarize(ref));
  for (const s of SORTS) expect(sortedMatches(r, s).map((x) => x.properties.id)).toEqual(sortSites(ref, s).map((x) => x.properties.id));
}

describe('siteTable — same results as the reference functions on the golden cases', () => {
  const sites = baseSites();
  for (const op of ['filters', 'facets', 'histogram'] as const) {
    for (const name of goldenCases(op)) {
      it(`${op}/${name}`, () => {
        const { filters } = goldenInput<{ filters: Partial<FilterState> }>(op, name);
        expectSame(sites, { ...EMPTY_FILTERS, ...filters });
      });
    }
  }

  it('the full histogram is the histogram with no filter', () => {
    expect(fullSurfaceHistogram(siteTable(sites))).toEqual(surfaceHistogram(sites, EMPTY_FILTERS));
    expect(fullSurfaceHistogram(siteTable([]))).toEqual({ edges: [], counts: [] });
  });
});

describe('siteTable — same results on random sites and filters', () => {
  const rnd = mulberry32(13);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const maybe = <T,>(p: number, v: () => T): T | null => (rnd() < p ? v() : null);
  const statuses: ItemStatus[] = ['fait', 'en_cours', 'a_faire', 'a_verifier', 'inconnu', 'sans_objet'];
  const names = ['Usine', 'usine de la gare', 'Zone n° 12', 'Zone n° 2', 'Écoparc', 'ecoparc', 'Friche SNCF', '', '  ', 'Atelier-Œuvre', 'Z'];
  const sites: Site[] = [];
  for (let i = 0; i < 400; i++) {
    const readiness: Partial<Record<(typeof READINESS_ITEM_IDS)[number], ItemStatus>> = {};
    for (const id of READINESS_ITEM_IDS) if (rnd() < 0.6) readiness[id] = pick(statuses);
    sites.push(
      makeSite({
        id: `S${i}`,
        name: `${pick(names)}${rnd() < 0.3 ? ` ${i % 7}` : ''}`,
        kind: pick(['plot', 'friche', 'zone', 'plot', 'friche'] as const),
        commune: pick(['Soissons', 'Villers-Cotterêts', 'Crouy', null]),
        insee: pick(['02722', '02810', '02243', null]),
        epci_siren: pick(['200071991', '240200477', null]),
        availability: pick(['disponible', 'sous_option', 'vendu_occupe', 'inconnu', 'autre' as never]),
        sectors: SECTOR_IDS.filter(() => rnd() < 0.25),
        declared_surface_m2: maybe(0.5, () => Math.round(rnd() * 300000)),
        computed_surface_m2: maybe(0.5, () => (rnd() < 0.05 ? 0 : Math.round(rnd() * 300000))),
        dist_rn2_m: maybe(0.8, () => Math.round(rnd() * 40000)),
        dist_waterway_m: maybe(0.8, () => Math.round(rnd() * 40000)),
        dist_station_m: maybe(0.8, () => Math.round(rnd() * 40000)),
        dist_ite_m: maybe(0.8, () => Math.round(rnd() * 40000)),
        friche_status: pick(['friche potentielle', 'friche sans projet', 'Friche avec projet', 'friche reconvertie', 'autre', null]),
        fictitious: rnd() < 0.3,
        readiness,
      }),
    );
  }
  it('400 sites × 100 random filters', () => {
    for (let k = 0; k < 100; k++) {
      const f: FilterState = {
        ...EMPTY_FILTERS,
        surfaceMin: maybe(0.3, () => Math.round(rnd() * 100000)),
        surfaceMax: maybe(0.3, () => Math.round(rnd() * 300000)),
        sectors: rnd() < 0.3 ? SECTOR_IDS.filter(() => rnd() < 0.3) : [],
        sectorMode: rnd() < 0.5 ? 'any' : 'all',
        levels: rnd() < 0.3 ? (['cle_en_main', 'a_preparer', 'a_rehabiliter', 'inconnu'] as const).filter(() => rnd() < 0.5) : [],
        availability: rnd() < 0.3 ? (['disponible', 'sous_option', 'vendu_occupe', 'inconnu', 'autre'] as never[]).filter(() => rnd() < 0.5) : [],
        kinds: rnd() < 0.3 ? (['plot', 'friche', 'zone'] as const).filter(() => rnd() < 0.5) : [],
        epci: rnd() < 0.2 ? ['200071991'] : [],
        communes: rnd() < 0.2 ? ['02722', '99999'] : [],
        text: rnd() < 0.3 ? pick(['usine', 'zone 1', 'ECOPARC', 'oeuvre', 'soissons', 's12', '  ']) : '',
        maxDistRn2Km: maybe(0.15, () => rnd() * 30),
        maxDistWaterwayKm: maybe(0.15, () => rnd() * 30),
        maxDistStationKm: maybe(0.15, () => rnd() * 30),
        maxDistIteKm: maybe(0.15, () => rnd() * 30),
        fricheStatuses: rnd() < 0.3 ? ['potentielle', 'sans_projet', 'avec_projet', 'reconvertie'].filter(() => rnd() < 0.5) : [],
      };
      expectSame(sites, f);
    }
  });

  it('built in slices (siteTableInSlices): the same columns, yielding where the clock says, then memoised', async () => {
    const copy = [...sites];
    let yields = 0;
    const sliced = await siteTableInSlices(copy, { due: (i) => i > 0 && i % 50 === 0, yield: async () => void yields++ });
    expect(yields).toBe(7);
    expect(siteTable(copy)).toBe(sliced);
    expect(await siteTableInSlices(copy, { due: () => true, yield: async () => void yields++ })).toBe(sliced);
    expect(yields).toBe(7);
    const whole = siteTable(sites);
    const { text: slicedText, ...slicedColumns } = sliced;
    const { text: wholeText, ...wholeColumns } = whole;
    expect({ ...slicedColumns, sites: null }).toEqual({ ...wholeColumns, sites: null });
    expect(slicedText).toEqual(wholeText);
    for (const f of [EMPTY_FILTERS, { ...EMPTY_FILTERS, kinds: ['friche' as const], surfaceMin: 50000 }]) {
      expect(evaluateFilters(sliced, f).filtered).toEqual(evaluateFilters(whole, f).filtered);
    }
  });
});
