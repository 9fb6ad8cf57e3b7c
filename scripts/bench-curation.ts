/**
 * Bench of the curation data layer: `npx tsx scripts/bench-curation.ts [--runs N] [--n COUNT]`.
 *
 * Synthetic, seeded plots (rectangles of 8 vertices spread over the PETR, with the usual
 * attributes) — no file is read or written. Prints the median (ms) over N runs of:
 * - parseImportFile on a Lambert-93 GeoJSON, a WGS84 GeoJSON and a `;` CSV with WKT polygons
 *   of COUNT features (with the territory check and commune assignment on a 160-cell grid);
 * - toGeoJSON (WGS84 and Lambert-93), toCSV and toCnigSitesEconomiques of COUNT sites;
 * - diffSites and compareWithExisting of COUNT pairs;
 * - detectCrs on 500 sample coordinates.
 * IndexedDB writes are browser-bound and not measured here (fake-indexeddb is not representative).
 */
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { detectCrs, reprojectPosition, samplePositions } from '../src/domain/crs';
import { compareWithExisting, diffSites } from '../src/domain/diff';
import { mulberry32 } from '../src/domain/sample';
import type { Site } from '../src/domain/types';
import { toCnigSitesEconomiques, toCSV, toGeoJSON } from '../src/data/export';
import { parseImportFile, toSite, type CommunesLayer } from '../src/data/import';
import { intArg, statsMs } from './lib/bench';
import { benchSummary } from './lib/benchSummary';

const RUNS = intArg('--runs', 7);
const N = intArg('--n', 5000);

const summary = benchSummary('curation');
function time(label: string, fn: () => unknown): void {
  const s = statsMs(fn, RUNS);
  summary.add({ name: label, unit: 'ms', median: s.median, p95: s.p95 });
  console.log(`${label.padEnd(58)} ${s.median.toFixed(1).padStart(9)} ms`);
}

const rnd = mulberry32(42);
const BOX = [2.97, 49.15, 3.72, 49.49];
function plot(i: number): Site {
  const lon = BOX[0] + rnd() * (BOX[2] - BOX[0]);
  const lat = BOX[1] + rnd() * (BOX[3] - BOX[1]);
  const w = 0.001 + rnd() * 0.004;
  const h = 0.0007 + rnd() * 0.003;
  const ring = [
    [lon, lat],
    [lon + w / 2, lat - h * 0.05],
    [lon + w, lat],
    [lon + w * 1.02, lat + h / 2],
    [lon + w, lat + h],
    [lon + w / 2, lat + h * 1.05],
    [lon, lat + h],
    [lon - w * 0.02, lat + h / 2],
    [lon, lat],
  ];
  return toSite(
    { id: `B-${i}`, name: `Terrain ${i}`, surface_m2: Math.round(rnd() * 50000), disponibilite: 'disponible', secteurs: 'logistics|agro', prix: 15, 'readiness.planning.status': 'fait' },
    { type: 'Polygon', coordinates: [ring] },
  );
}
const sites = Array.from({ length: N }, (_, i) => plot(i));

// A 16 × 10 grid of "communes" over the box, and the box as territory.
const cells: Feature<Polygon, { insee: string; name: string; epci_siren: string; epci_name: string }>[] = [];
for (let i = 0; i < 16; i++)
  for (let j = 0; j < 10; j++) {
    const a = BOX[0] - 0.05 + ((BOX[2] - BOX[0] + 0.1) * i) / 16;
    const b = BOX[1] - 0.05 + ((BOX[3] - BOX[1] + 0.1) * j) / 10;
    const c = a + (BOX[2] - BOX[0] + 0.1) / 16;
    const d = b + (BOX[3] - BOX[1] + 0.1) / 10;
    cells.push({ type: 'Feature', properties: { insee: `02${String(i * 10 + j).padStart(3, '0')}`, name: `C${i}-${j}`, epci_siren: '240200477', epci_name: 'EPCI' }, geometry: { type: 'Polygon', coordinates: [[[a, b], [c, b], [c, d], [a, d], [a, b]]] } });
  }
const communes: CommunesLayer = { type: 'FeatureCollection', features: cells };
const territory: FeatureCollection<Polygon> = {
  type: 'FeatureCollection',
  features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[2.9, 49.1], [3.8, 49.1], [3.8, 49.55], [2.9, 49.55], [2.9, 49.1]]] } }],
};

const enc = new TextEncoder();
const geojsonL93 = enc.encode(toGeoJSON(sites, { crs: 'EPSG:2154' }));
const geojsonWgs = enc.encode(toGeoJSON(sites));
const csv = enc.encode(toCSV(sites));
const opts = { territory, communes, existingIds: new Set(['B-1']) };

console.log(`Curation bench: ${N} polygon sites, median of ${RUNS} runs (Node ${process.version})`);
console.log(`files: GeoJSON L93 ${(geojsonL93.length / 1e6).toFixed(1)} Mo, GeoJSON WGS84 ${(geojsonWgs.length / 1e6).toFixed(1)} Mo, CSV ${(csv.length / 1e6).toFixed(1)} Mo`);
time(`parseImportFile GeoJSON Lambert-93 (${N})`, () => parseImportFile({ name: 'a.geojson', bytes: geojsonL93 }, opts));
time(`parseImportFile GeoJSON WGS84 (${N})`, () => parseImportFile({ name: 'a.geojson', bytes: geojsonWgs }, opts));
time(`parseImportFile CSV with WKT (${N})`, () => parseImportFile({ name: 'a.csv', bytes: csv }, opts));
time(`toGeoJSON WGS84 (${N})`, () => toGeoJSON(sites));
time(`toGeoJSON Lambert-93 (${N})`, () => toGeoJSON(sites, { crs: 'EPSG:2154' }));
time(`toCSV (${N})`, () => toCSV(sites));
time(`toCnigSitesEconomiques Lambert-93 (${N})`, () => toCnigSitesEconomiques(sites, []));
const edited = sites.map((s, i) => (i % 2 ? { ...s, properties: { ...s.properties, name: `${s.properties.name} bis` } } : s));
time(`diffSites (${N} pairs)`, () => sites.forEach((s, i) => diffSites(s, edited[i])));
const existing = new Map(sites.map((s) => [s.properties.id, s]));
time(`compareWithExisting (${N})`, () => compareWithExisting(edited, existing));
const sample = samplePositions(sites.map((s) => s.geometry), 500).map((p) => reprojectPosition(p, 'EPSG:4326', 'EPSG:3857') as [number, number]);
time('detectCrs (500 Web Mercator coordinates, no crs member)', () => detectCrs({ sampleCoords: sample }));
summary.print();
