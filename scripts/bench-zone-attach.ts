/**
 * Bench of attaching the atlas's sites to digitised zone outlines:
 * `npx tsx scripts/bench-zone-attach.ts [--runs N] [--n COUNT] [--zones Z]`.
 *
 * Synthetic, seeded sites over the PETR (half points, half small polygons) and Z zone
 * outlines (irregular 24-vertex polygons of 20–150 ha). Prints the median (ms) over N runs of:
 * - attachToZones over every site (what happens when an outline is saved or loaded);
 * - allSites with zones after one draft site changed (the per-keystroke cost while a zone
 *   has an outline: only the changed site is attached again);
 * - applyZoneDrafts (merging the drafts into the register).
 */
import type { Polygon, Position } from 'geojson';
import { mulberry32 } from '../src/domain/sample';
import type { Site, ZoneRecord } from '../src/domain/types';
import { applyZoneDrafts } from '../src/domain/zoneDrafts';
import { attachToZones } from '../src/domain/zones';
import { blankSiteProperties } from '../src/domain/site';
import { allSites, loadZoneAttach } from '../src/state/store';
import { formatMs, intArg, statsMs } from './lib/bench';
import { benchSummary } from './lib/benchSummary';

const RUNS = intArg('--runs', 7);
const N = intArg('--n', 24000);
const Z = intArg('--zones', 20);

const summary = benchSummary('zone-attach');
function time(label: string, fn: () => unknown): void {
  const s = statsMs(fn, RUNS);
  summary.add({ name: label, unit: 'ms', median: s.median, p95: s.p95 });
  console.log(`${label.padEnd(66)} ${formatMs(s.median).padStart(9)} ms`);
}

const rnd = mulberry32(11);
const BOX = [2.97, 49.15, 3.72, 49.49];
const at = () => [BOX[0] + rnd() * (BOX[2] - BOX[0]), BOX[1] + rnd() * (BOX[3] - BOX[1])];

function site(i: number): Site {
  const [lon, lat] = at();
  const w = 0.001 + rnd() * 0.004;
  const h = 0.0007 + rnd() * 0.003;
  const geometry: Site['geometry'] =
    i % 2
      ? { type: 'Point', coordinates: [lon, lat] }
      : { type: 'Polygon', coordinates: [[[lon, lat], [lon + w, lat], [lon + w, lat + h], [lon, lat + h], [lon, lat]]] };
  return {
    type: 'Feature',
    geometry,
    properties: blankSiteProperties({ id: `S${i}`, name: `Site ${i}`, source: 'bench', fictitious: true }),
  };
}

function outline(): Polygon {
  const [lon, lat] = at();
  const ha = 20 + rnd() * 130;
  const r = Math.sqrt((ha * 10000) / Math.PI) / 111000; // degrees, roughly
  const ring: Position[] = [];
  for (let k = 0; k < 24; k++) {
    const a = (k / 24) * 2 * Math.PI;
    const f = 0.7 + rnd() * 0.6;
    ring.push([lon + (Math.cos(a) * r * f) / Math.cos((lat * Math.PI) / 180), lat + Math.sin(a) * r * f]);
  }
  ring.push(ring[0]);
  return { type: 'Polygon', coordinates: [ring] };
}

const sites = Array.from({ length: N }, (_, i) => site(i));
const register: ZoneRecord[] = Array.from({ length: Z }, (_, i) => ({
  zone_id: `Z${i}`, name: `Zone ${i}`, kind: 'zone', communes: [], insee: [], epci_siren: [], facts: [], needs_digitising: true, geometry: null,
}));
const drafts = register.map((z) => ({ zone_id: z.zone_id, geometry: outline(), updated_at: '2025-06-01T00:00:00.000Z' }));
const zones = applyZoneDrafts(register, drafts);

await loadZoneAttach();
console.log(`${N} sites (half points, half polygons), ${Z} zone outlines; median of ${RUNS} runs`);
const attachedCount = attachToZones(sites, zones).filter((s) => s.properties.zone_id).length;
console.log(`  (${attachedCount} sites fall in a zone)`);
time('attachToZones, every site', () => attachToZones(sites, zones));
time('applyZoneDrafts (merge drafts into the register)', () => applyZoneDrafts(register, drafts));

// allSites: the first call attaches every site; then one draft changes per call.
const base = { sites, sampleSites: [] as Site[], deletedSiteIds: [] as string[], zones };
allSites({ ...base, draftSites: [] });
let k = 0;
time('allSites with zones, one draft site changed (per keystroke)', () => {
  const d = sites[k++ % N];
  return allSites({ ...base, draftSites: [{ ...d, properties: { ...d.properties, name: `edit ${k}` } }] });
});
time('allSites with zones, zones changed (outline saved: all sites again)', () =>
  allSites({ ...base, zones: [...zones], draftSites: [] }),
);
time('allSites WITHOUT zones, one draft site changed (reference)', () => {
  const d = sites[k++ % N];
  return allSites({ ...base, zones: undefined, draftSites: [{ ...d, properties: { ...d.properties, name: `edit ${k}` } }] });
});
summary.print();
