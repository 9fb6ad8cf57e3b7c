/**
 * The heavy exactness check, moved out of the unit tests (it took 229 s there): the fast
 * calculator against the brute-force WGS84 reference (src/domain/distances/ellipsoidReference.ts)
 * on the REAL networks, for N seeded random sites (default 1,000: two thirds points, one third
 * small polygons, some on the RN2) plus the covering sample of the unit test. Prints, per
 * network, the largest difference and how many sites exceed 1 cm (expected: 0), the time of
 * both, and exits 1 when a difference exceeds 1 cm.
 *
 *   npm run bench:brute-force [-- --sites 1000] [--sources DIR]
 */
import { join } from 'node:path';
import { createDistanceCalculator } from '../src/domain/distances/index';
import { ellipsoidReferenceNearest } from '../src/domain/distances/ellipsoidReference';
import { defaultSourcesDir, loadNetworksFromSources, resolveTransportDir } from '../src/domain/distances/node';
import { coverageSites, randomSites } from './lib/distanceSites';
import { intArg } from './lib/bench';
import { loadavg } from 'node:os';

const TOLERANCE_M = 0.01;

function main(): void {
  const i = process.argv.indexOf('--sources');
  const dir = [i >= 0 ? process.argv[i + 1] : '', defaultSourcesDir(), join(process.cwd(), 'public', 'data')].find((d) => d && resolveTransportDir(d));
  if (!dir) {
    console.error('Données de transport introuvables (--sources DOSSIER, $ATLAS_SOURCES, ../shared/opendata ou public/data).');
    process.exit(2);
  }
  const nets = loadNetworksFromSources(dir);
  const calc = createDistanceCalculator(nets);
  const n = intArg('--sites', 1000);
  const sites = [...randomSites(n, 20240611, nets), ...coverageSites(nets)];
  console.log(`Brute force on the WGS84 ellipsoid: ${n} random sites + ${sites.length - n} covering sites; load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const layers = { rn2: nets.rn2, waterway: nets.waterway, station: nets.stations, ite: nets.ite } as const;
  let tFast = 0;
  let tRef = 0;
  let failures = 0;
  const stats = Object.fromEntries(Object.keys(layers).map((k) => [k, { max: 0, over: 0, zeros: 0 }])) as Record<keyof typeof layers, { max: number; over: number; zeros: number }>;
  for (const site of sites) {
    let t = performance.now();
    const d = calc.compute(site.geometry);
    tFast += performance.now() - t;
    for (const key of Object.keys(layers) as (keyof typeof layers)[]) {
      t = performance.now();
      const ref = ellipsoidReferenceNearest(site.geometry, layers[key])!;
      tRef += performance.now() - t;
      const diff = Math.abs(d[key]!.distance_m - ref.distance_m);
      const s = stats[key];
      s.max = Math.max(s.max, diff);
      if (ref.distance_m === 0) s.zeros++;
      if (diff > TOLERANCE_M) {
        s.over++;
        failures++;
        console.log(`  ${key} ${site.label}: fast ${d[key]!.distance_m.toFixed(4)} m, reference ${ref.distance_m.toFixed(4)} m`);
      }
    }
  }
  console.log('network  | max |fast − reference| | sites > 1 cm | reference 0 (touching)');
  for (const [k, s] of Object.entries(stats)) console.log(`${k.padEnd(8)} | ${(s.max * 1000).toFixed(4).padStart(16)} mm | ${String(s.over).padStart(12)} | ${s.zeros}`);
  console.log(`time: fast ${(tFast / sites.length).toFixed(3)} ms/site, brute force ${(tRef / sites.length).toFixed(1)} ms/site (×${Math.round(tRef / tFast)})`);
  if (failures) process.exit(1);
}

main();
