/**
 * Bench of the curation UI's own work (not the data layer's, see bench-curation.ts):
 * `npx tsx scripts/bench-curation-ui.ts [--runs N] [--n COUNT] [--drafts D]`.
 *
 * Synthetic, seeded plots over the PETR; the real communes layer (public/data) when built,
 * else a 160-cell grid. Prints the median (ms) over N runs of:
 * - allSites with D drafts over COUNT published sites (what the map/lists recompute per batch);
 * - withGeometry (surface + commune + EPCI) for one edited polygon: the live cost per vertex edit;
 * - applyNameFixes on a GeoJSON and a CSV of COUNT features (inline fix before re-validation);
 * - compareImport of COUNT imported sites against COUNT existing ones (the re-import diff screen).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { mulberry32 } from '../src/domain/sample';
import type { Site } from '../src/domain/types';
import { toCSV, toGeoJSON } from '../src/data/export';
import { toSite } from '../src/data/import';
import { allSites } from '../src/state/store';
import { withGeometry } from '../src/data/drafts/geometry';
import { applyNameFixes } from '../src/data/import/importFixes';
import { compareImport } from '../src/state/drafts/importSession';
import { formatMs, intArg, statsMs } from './lib/bench';
import { benchSummary } from './lib/benchSummary';

const RUNS = intArg('--runs', 7);
const N = intArg('--n', 5000);
const D = intArg('--drafts', 500);

const summary = benchSummary('curation-ui');
function time(label: string, fn: () => unknown, inner = 1): void {
  const s = statsMs(fn, RUNS, inner);
  summary.add({ name: label, unit: 'ms', median: s.median, p95: s.p95 });
  console.log(`${label.padEnd(62)} ${formatMs(s.median).padStart(9)} ms`);
}

const rnd = mulberry32(7);
const BOX = [2.97, 49.15, 3.72, 49.49];
function plot(i: number): Site {
  const lon = BOX[0] + rnd() * (BOX[2] - BOX[0]);
  const lat = BOX[1] + rnd() * (BOX[3] - BOX[1]);
  const w = 0.001 + rnd() * 0.004;
  const h = 0.0007 + rnd() * 0.003;
  const ring = [
    [lon, lat],
    [lon + w, lat],
    [lon + w, lat + h],
    [lon + w / 2, lat + h * 1.05],
    [lon, lat + h],
    [lon, lat],
  ];
  return toSite({ id: `B-${i}`, name: i % 7 === 0 ? '' : `Terrain ${i}`, surface_m2: Math.round(rnd() * 50000) }, { type: 'Polygon', coordinates: [ring] });
}
const sites = Array.from({ length: N }, (_, i) => plot(i));

let communes: FeatureCollection;
let communesLabel: string;
if (existsSync('public/data/communes.geojson')) {
  communes = JSON.parse(readFileSync('public/data/communes.geojson', 'utf8')) as FeatureCollection;
  communesLabel = `real communes layer (${communes.features.length})`;
} else {
  const cells: Feature<Polygon>[] = [];
  for (let i = 0; i < 16; i++)
    for (let j = 0; j < 10; j++) {
      const a = BOX[0] + ((BOX[2] - BOX[0]) * i) / 16;
      const b = BOX[1] + ((BOX[3] - BOX[1]) * j) / 10;
      const c = a + (BOX[2] - BOX[0]) / 16;
      const d = b + (BOX[3] - BOX[1]) / 10;
      cells.push({ type: 'Feature', properties: { insee: `02${i}${j}`, name: `C${i}-${j}` }, geometry: { type: 'Polygon', coordinates: [[[a, b], [c, b], [c, d], [a, d], [a, b]]] } });
    }
  communes = { type: 'FeatureCollection', features: cells };
  communesLabel = 'grid of 160 cells (public/data not built)';
}

console.log(`Curation UI bench: ${N} sites, ${D} drafts, median of ${RUNS} runs (Node ${process.version}); ${communesLabel}`);

// allSites: a fresh drafts array each time (as after each flush), so the memo never hits.
const drafts = sites.slice(0, D).map((s) => ({ ...s, properties: { ...s.properties, name: `${s.properties.name} (brouillon)` } }));
const deleted = sites.slice(D, D + 20).map((s) => s.properties.id);
time(`allSites: ${N} published + ${D} drafts + 20 deletions`, () =>
  allSites({ sites, sampleSites: [], draftSites: drafts.slice(), deletedSiteIds: deleted.slice() }),
);

const edited = sites[123];
const moved: Polygon = {
  type: 'Polygon',
  coordinates: [(edited.geometry as Polygon).coordinates[0].map(([x, y]) => [x + 0.0001, y])],
};
time('withGeometry: surface + commune + EPCI of one edited polygon', () => withGeometry(edited, moved, communes), 200);

const geojsonBytes = new TextEncoder().encode(toGeoJSON(sites)).buffer as ArrayBuffer;
const csvBytes = new TextEncoder().encode(toCSV(sites)).buffer as ArrayBuffer;
const fixes = Object.fromEntries(Array.from({ length: 50 }, (_, k) => [k * 7, `Nom corrigé ${k}`]));
time(`applyNameFixes GeoJSON (${(geojsonBytes.byteLength / 1048576).toFixed(1)} Mo, 50 fixes)`, () => applyNameFixes(geojsonBytes, fixes, 'geojson'));
time(`applyNameFixes CSV (${(csvBytes.byteLength / 1048576).toFixed(1)} Mo, 50 fixes)`, () => applyNameFixes(csvBytes, fixes, 'csv'));

const existing = new Map(sites.map((s) => [s.properties.id, s] as const));
const reimported = sites.map((s, i) => (i % 10 === 0 ? { ...s, properties: { ...s.properties, price_eur_m2: 20 } } : s));
time(`compareImport: ${N} re-imported (10 % changed)`, () => compareImport(reimported, existing));
summary.print();
