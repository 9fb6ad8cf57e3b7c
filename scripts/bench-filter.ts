/**
 * Bench of the sites domain at national scale: `npx tsx scripts/bench-filter.ts [--runs N]`.
 *
 * Loads the ~24,000 Cartofriches points of ${ATLAS_SOURCES ?? '../shared/opendata'}/friches/friches_france.geojson,
 * maps each with fricheToSite, then — so that every filter has work to do — gives 80 % of them
 * SYNTHETIC, seeded plot attributes (kind plot, 1–3 sectors, a random checklist, availability,
 * distances). Names, communes, ids and surfaces stay the real ones. Nothing is written.
 *
 * For each typical filter change, prints the median (ms) over N runs of: filterSites (warm
 * prepared cache), facetCounts, surfaceHistogram, sortSites by name and by surface (of the
 * results), and summarize (of the results). The first prepareSites (cold) is timed apart.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fricheToSite, type CartofrichesFeature } from '../src/domain/cartofriches';
import { facetCounts, surfaceHistogram } from '../src/domain/facets';
import { filterSites, prepareSites } from '../src/domain/filters';
import { mulberry32 } from '../src/domain/sample';
import { sortSites } from '../src/domain/sort';
import { summarize } from '../src/domain/summary';
import { EMPTY_FILTERS, READINESS_ITEM_IDS, SECTOR_IDS, type FilterState, type ItemStatus, type Site } from '../src/domain/types';
import { median } from './lib/bench';
import { benchSummary, percentile } from './lib/benchSummary';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = process.env.ATLAS_SOURCES ?? path.resolve(REPO_ROOT, '../shared/opendata');
const FILE = path.join(SOURCES, 'friches/friches_france.geojson');

function runsArg(): number {
  const i = process.argv.indexOf('--runs');
  const n = i >= 0 ? Number(process.argv[i + 1]) : 21;
  return Number.isInteger(n) && n > 0 ? n : 21;
}

function time<T>(runs: number, fn: () => T): { ms: number; p95: number | null; result: T } {
  let result = fn(); // warm-up (JIT)
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const a = performance.now();
    result = fn();
    t.push(performance.now() - a);
  }
  return { ms: median(t), p95: percentile(t, 95), result };
}

function enrich(sites: Site[]): Site[] {
  const rnd = mulberry32(2024);
  const statuses: ItemStatus[] = ['fait', 'fait', 'fait', 'en_cours', 'a_faire', 'inconnu', 'sans_objet'];
  return sites.map((s) => {
    if (rnd() < 0.2) return s; // stays a real friche, as mapped
    const p = { ...s.properties, readiness: { ...s.properties.readiness } };
    p.kind = 'plot';
    p.occupation = 'inoccupe';
    const n = 1 + Math.floor(rnd() * 3);
    const sec = new Set<(typeof SECTOR_IDS)[number]>();
    while (sec.size < n) sec.add(SECTOR_IDS[Math.floor(rnd() * SECTOR_IDS.length)]);
    p.sectors = [...sec];
    const allDone = rnd() < 0.15;
    for (const id of READINESS_ITEM_IDS) {
      p.readiness[id] = { status: allDone ? 'fait' : statuses[Math.floor(rnd() * statuses.length)], date: null, source: null, note: null };
    }
    p.availability = (['disponible', 'sous_option', 'vendu_occupe', 'inconnu'] as const)[Math.floor(rnd() * 4)];
    p.dist_rn2_m = rnd() < 0.1 ? null : Math.round(rnd() * 60000);
    p.dist_waterway_m = rnd() < 0.1 ? null : Math.round(rnd() * 40000);
    p.dist_station_m = rnd() < 0.1 ? null : Math.round(rnd() * 30000);
    return { ...s, properties: p };
  });
}

const SCENARIOS: [string, Partial<FilterState>][] = [
  ['aucun filtre', {}],
  ['surface 5 000–200 000 m²', { surfaceMin: 5000, surfaceMax: 200000 }],
  ['filières (any) logistique, agro', { sectors: ['logistics', 'agro'] }],
  ['filières (all) logistique + agro', { sectors: ['logistics', 'agro'], sectorMode: 'all' }],
  ['niveaux clé en main, à préparer', { levels: ['cle_en_main', 'a_preparer'] }],
  ['texte « s »', { text: 's' }],
  ['texte « garage »', { text: 'garage' }],
  ['texte « saint quentin »', { text: 'saint quentin' }],
  ['RN2 ≤ 10 km', { maxDistRn2Km: 10 }],
  [
    'combiné',
    { surfaceMin: 5000, surfaceMax: 200000, sectors: ['logistics', 'agro'], levels: ['cle_en_main', 'a_preparer'], availability: ['disponible'], text: 'rue', maxDistRn2Km: 30 },
  ],
];

function main(): void {
  if (!fs.existsSync(FILE)) {
    console.error(`Fichier introuvable : ${FILE} (définissez ATLAS_SOURCES).`);
    process.exit(1);
  }
  const runs = runsArg();
  const t0 = performance.now();
  const fc = JSON.parse(fs.readFileSync(FILE, 'utf8')) as { features: CartofrichesFeature[] };
  const t1 = performance.now();
  const mapped = fc.features.map(fricheToSite);
  const t2 = performance.now();
  const sites = enrich(mapped);
  const t3 = performance.now();
  prepareSites(sites);
  const t4 = performance.now();
  console.log(`${sites.length} sites — lecture JSON ${(t1 - t0).toFixed(0)} ms, fricheToSite ${(t2 - t1).toFixed(0)} ms, ` + `enrichissement synthétique ${(t3 - t2).toFixed(0)} ms, prepareSites (froid) ${(t4 - t3).toFixed(1)} ms`);
  console.log(`médiane de ${runs} exécutions, en ms (Node ${process.version})\n`);
  const cols = ['scénario', 'résultats', 'filtre', 'facettes', 'histogramme', 'tri nom', 'tri surface', 'résumé'];
  const rows: string[][] = [];
  const summary = benchSummary('filter');
  for (const [name, patch] of SCENARIOS) {
    const f: FilterState = { ...EMPTY_FILTERS, ...patch };
    const filt = time(runs, () => filterSites(sites, f));
    const fac = time(runs, () => facetCounts(sites, f));
    const hist = time(runs, () => surfaceHistogram(sites, f));
    const sortName = time(runs, () => sortSites(filt.result, { key: 'name', dir: 'asc' }));
    const sortSurf = time(runs, () => sortSites(filt.result, { key: 'surface', dir: 'desc' }));
    const sum = time(runs, () => summarize(filt.result));
    summary.add({ name: `${name} : filterSites (${sites.length} sites)`, unit: 'ms', median: filt.ms, p95: filt.p95 });
    summary.add({ name: `${name} : facetCounts`, unit: 'ms', median: fac.ms, p95: fac.p95 });
    rows.push([name, String(filt.result.length), ...[filt, fac, hist, sortName, sortSurf, sum].map((x) => x.ms.toFixed(2))]);
  }
  const widths = cols.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i < 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(cols));
  for (const r of rows) console.log(line(r));
  summary.print();
}

main();
