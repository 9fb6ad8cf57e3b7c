/**
 * Benchmark of the distances engine: 1k, 10k and 100k fictitious sites, as points and as
 * polygons, against the three networks (RN2 with its gap bound, Aisne waterway, Paris–Laon
 * stations with rail km to CDG).
 *
 *   npm run bench:distances [-- --sources DIR] [--brute 200]
 *
 * Sites: `generateSamplePlots` (src/domain/sample.ts) on the communes of public/data/ when
 * available (10k distinct sites; the 100k run uses them 10 times: the calculator keeps no
 * cache between sites, so a repeat costs the same as a new site); otherwise a seeded
 * generator of small polygons in the territory box (lon 2.95–3.75, lat 49.13–49.50).
 * Brute force (Turf over every segment, src/domain/distances/bruteForce.ts) is timed on a
 * sample and extrapolated linearly: brute(n) = n × (sample time / sample size).
 * Wall time and CPU time of the process are both printed: on a shared machine the wall time
 * includes waiting for a core, the CPU time does not.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Polygon, Position } from 'geojson';
import { createDistanceCalculator, type DetailedDistances } from '../src/domain/distances/index';
import { bruteForceNearest, referenceNetwork } from '../src/domain/distances/bruteForce';
import { defaultSourcesDir, loadNetworksFromSources, resolveTransportDir } from '../src/domain/distances/node';
import type { SiteGeometry } from '../src/domain/types';
import { mulberry32 } from '../src/domain/sample';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const SIZES = [1_000, 10_000, 100_000];
const BRUTE_SAMPLE = Number(opt('brute', '200'));

/** Fallback generator: points, or 5–8-vertex polygons of radius 30–400 m, in the territory box. */
function ownSites(n: number, kind: 'point' | 'polygon', seed: number): SiteGeometry[] {
  const rnd = mulberry32(seed);
  const out: SiteGeometry[] = [];
  for (let i = 0; i < n; i++) {
    const c: Position = [2.95 + rnd() * 0.8, 49.13 + rnd() * 0.37];
    if (kind === 'point') {
      out.push({ type: 'Point', coordinates: c });
      continue;
    }
    const k = 5 + Math.floor(rnd() * 4);
    const r = 30 + rnd() * 370;
    const ring: Position[] = [];
    for (let j = 0; j < k; j++) {
      const a = (2 * Math.PI * j) / k;
      ring.push([c[0] + (r * Math.cos(a)) / 72700, c[1] + (r * Math.sin(a)) / 111200]);
    }
    ring.push(ring[0]);
    out.push({ type: 'Polygon', coordinates: [ring] } as Polygon);
  }
  return out;
}

async function sites(kind: 'point' | 'polygon'): Promise<{ geoms: SiteGeometry[]; how: string }> {
  const communesFile = join(process.cwd(), 'public', 'data', 'communes.geojson');
  const distinct = 10_000;
  try {
    if (!existsSync(communesFile)) throw new Error('public/data/communes.geojson absent');
    const { generateSamplePlots } = await import('../src/domain/sample');
    const communes = JSON.parse(readFileSync(communesFile, 'utf8'));
    const t = performance.now();
    const geoms = generateSamplePlots({ count: distinct, seed: 2024, communes, geometry: kind }).map((s) => s.geometry);
    return { geoms, how: `generateSamplePlots (${distinct} distinct ${kind}s in the 163 communes, ${((performance.now() - t) / 1000).toFixed(1)} s to generate)` };
  } catch (e) {
    return { geoms: ownSites(distinct, kind, 2024), how: `own seeded generator in the territory box (generateSamplePlots unavailable: ${(e as Error).message})` };
  }
}

const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;

function run(calc: ReturnType<typeof createDistanceCalculator>, pool: SiteGeometry[], n: number) {
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    if (m.rss > peakRss) peakRss = m.rss;
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
  };
  sample();
  let check = 0;
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  for (let i = 0; i < n; i++) {
    const d: DetailedDistances = calc.compute(pool[i % pool.length]);
    check += d.rn2 ? d.rn2.distance_m : 0;
    if ((i & 1023) === 0) sample();
  }
  const ms = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  sample();
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, peakRss, peakHeap, check };
}

async function main() {
  const dir = [opt('sources', ''), defaultSourcesDir(), join(process.cwd(), 'public', 'data')].find((d) => d && resolveTransportDir(d));
  if (!dir) {
    console.error('Données de transport introuvables (--sources DOSSIER, $ATLAS_SOURCES, ../shared/opendata ou public/data).');
    process.exit(2);
  }
  const t0 = performance.now();
  const networks = loadNetworksFromSources(dir);
  const tLoad = performance.now() - t0;
  const t1 = performance.now();
  const calc = createDistanceCalculator(networks);
  const tBuild = performance.now() - t1;
  const segs = (fc: typeof networks.rn2) =>
    fc.features.reduce((s, f) => s + (f.geometry.type === 'LineString' ? f.geometry.coordinates.length - 1 : f.geometry.coordinates.reduce((a, l) => a + l.length - 1, 0)), 0);
  console.log(`Networks from ${resolveTransportDir(dir)!.dir}: RN2 ${segs(networks.rn2)} segments (${networks.rn2Gaps.length} gaps), waterway ${segs(networks.waterway)} segments, ${networks.stations.features.length} stations`);
  console.log(`Load ${tLoad.toFixed(0)} ms, build indexes ${tBuild.toFixed(1)} ms. Node ${process.version}, ${process.platform}/${process.arch}.`);

  const refs = { rn2: referenceNetwork(networks.rn2), waterway: referenceNetwork(networks.waterway), stations: referenceNetwork(networks.stations) };
  for (const kind of ['point', 'polygon'] as const) {
    const { geoms, how } = await sites(kind);
    console.log(`\n== ${kind}s — sites: ${how}`);
    // Brute force on a sample, then linear extrapolation.
    const sampleSites = geoms.slice(0, BRUTE_SAMPLE);
    const tb = performance.now();
    const cb = process.cpuUsage();
    let maxDiff = 0;
    for (const g of sampleSites) {
      const r = bruteForceNearest(g, refs.rn2)!;
      bruteForceNearest(g, refs.waterway);
      bruteForceNearest(g, refs.stations);
      maxDiff = Math.max(maxDiff, Math.abs(calc.compute(g).rn2!.distance_m - r.distance_m));
    }
    const bruteMsPerSite = (performance.now() - tb) / sampleSites.length;
    const bruteCpu = process.cpuUsage(cb);
    const bruteCpuMsPerSite = (bruteCpu.user + bruteCpu.system) / 1000 / sampleSites.length;
    console.log(
      `brute-force Turf: ${bruteMsPerSite.toFixed(2)} ms/site measured on ${sampleSites.length} sites; extrapolated as n × ${bruteMsPerSite.toFixed(2)} ms ` +
        `(CPU ${bruteCpuMsPerSite.toFixed(2)} ms/site; the sample includes one fast compute per site for the check; max |fast − brute|, RN2: ${maxDiff.toExponential(1)} m)`,
    );
    run(calc, geoms, Math.min(2000, geoms.length)); // warm-up (JIT)
    console.log('size     | total ms (CPU ms) | sites/s    | µs/site | peak RSS | peak heap | brute (extrap.) | speed-up');
    for (const n of SIZES) {
      const r = run(calc, geoms, n);
      const brute = n * bruteMsPerSite;
      console.log(
        `${String(n).padEnd(8)} | ${r.ms.toFixed(0).padStart(8)} (${r.cpuMs.toFixed(0).padStart(6)}) | ${Math.round((n / r.ms) * 1000).toLocaleString('en').padStart(10)} | ${((r.ms * 1000) / n).toFixed(1).padStart(7)} | ` +
          `${mb(r.peakRss).padStart(8)} | ${mb(r.peakHeap).padStart(9)} | ${(brute / 1000).toFixed(1).padStart(13)} s | ${Math.round(brute / r.ms)}× (CPU ${Math.round((n * bruteCpuMsPerSite) / r.cpuMs)}×)`,
      );
    }
  }
}

void main();
