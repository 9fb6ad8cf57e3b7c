/**
 * Test sites for comparing the distance engine with the brute-force references (the unit
 * test tests/unit/distances/realBruteForce.test.ts and the bench scripts/bench-brute-force.ts).
 *
 * - coverageSites: a small deterministic sample that reaches every part of the real networks:
 *   each RN2 part of each carriageway (D, G, I; on the road, near it and far from it), the
 *   middle of each RN2 gap, each waterway part, each passenger station and each siding point,
 *   as points and as small polygons (some crossing the network).
 * - randomSites: seeded random points and polygons over the territory (the heavy bench).
 */
import type { Polygon, Position } from 'geojson';
import type { TransportNetworks } from '../../src/domain/distances/types';
import type { SiteGeometry } from '../../src/domain/types';
import { mulberry32 } from '../../src/domain/sample';

export interface TestSite {
  /** What the site covers, e.g. "rn2 D part 3 at 700 m". */
  label: string;
  geometry: SiteGeometry;
}

const M_PER_DEG_LAT = 111_200;
const mPerDegLon = (lat: number) => 111_320 * Math.cos((lat * Math.PI) / 180);

/** The point at `m` metres from c towards bearing `a` (radians; flat approximation, placement only). */
function offset(c: Position, m: number, a: number): Position {
  return [c[0] + (m * Math.sin(a)) / mPerDegLon(c[1]), c[1] + (m * Math.cos(a)) / M_PER_DEG_LAT];
}

/** A small irregular polygon (5–8 vertices, radius 30–600 m) around a centre. */
export function smallPolygon(rnd: () => number, c: Position, radius = 30 + rnd() * 570): Polygon {
  const n = 5 + Math.floor(rnd() * 4);
  const ring: Position[] = [];
  for (let i = 0; i < n; i++) ring.push(offset(c, radius * (0.5 + rnd() * 0.5), (2 * Math.PI * i) / n + rnd() * 0.5));
  ring.push(ring[0]);
  return { type: 'Polygon', coordinates: [ring] };
}

function lineParts(g: { type: string; coordinates: unknown }): Position[][] {
  return g.type === 'LineString' ? [g.coordinates as Position[]] : (g.coordinates as Position[][]);
}

export function coverageSites(nets: TransportNetworks, seed = 20240611): TestSite[] {
  const rnd = mulberry32(seed);
  const out: TestSite[] = [];
  const distances = [0, 40, 700, 4000];
  // RN2: every part of every carriageway.
  let k = 0;
  for (const f of nets.rn2.features) {
    const cw = String(f.properties?.carriageway ?? '?');
    lineParts(f.geometry).forEach((part, pi) => {
      const c = part[Math.floor(part.length / 2)];
      const d = distances[k++ % distances.length];
      out.push({ label: `rn2 ${cw} part ${pi} at ${d} m`, geometry: { type: 'Point', coordinates: d === 0 ? c : offset(c, d, rnd() * 2 * Math.PI) } });
      if (pi % 2 === 0) out.push({ label: `rn2 ${cw} part ${pi} polygon`, geometry: smallPolygon(rnd, offset(c, pi % 4 === 0 ? 0 : 350, rnd() * 2 * Math.PI)) });
    });
  }
  // RN2 gaps: the middle of each straight bridge, 150 m off it.
  nets.rn2Gaps.forEach((g, i) => {
    const mid: Position = [(g.from_lonlat[0] + g.to_lonlat[0]) / 2, (g.from_lonlat[1] + g.to_lonlat[1]) / 2];
    out.push({ label: `rn2 gap ${i + 1}`, geometry: { type: 'Point', coordinates: offset(mid, 150, rnd() * 2 * Math.PI) } });
  });
  // Waterway: three features of each part (the first, the middle and the last).
  const byPart = new Map<string, typeof nets.waterway.features>();
  for (const f of nets.waterway.features) {
    const name = String(f.properties?.name);
    byPart.set(name, [...(byPart.get(name) ?? []), f]);
  }
  for (const [name, feats] of byPart) {
    for (const f of [feats[0], feats[Math.floor(feats.length / 2)], feats[feats.length - 1]]) {
      const part = lineParts(f.geometry)[0];
      const c = part[Math.floor(part.length / 2)];
      const d = distances[k++ % distances.length];
      out.push({ label: `waterway ${name} at ${d} m`, geometry: { type: 'Point', coordinates: d === 0 ? c : offset(c, d, rnd() * 2 * Math.PI) } });
      out.push({ label: `waterway ${name} polygon`, geometry: smallPolygon(rnd, offset(c, 200 + rnd() * 800, rnd() * 2 * Math.PI)) });
    }
  }
  // Each station and each siding point: a point 0.3–3 km away, and every third a polygon.
  for (const [kind, fc] of [['station', nets.stations], ['ite', nets.ite]] as const) {
    fc.features.forEach((f, i) => {
      const c = f.geometry.coordinates;
      const at = offset(c, 300 + rnd() * 2700, rnd() * 2 * Math.PI);
      out.push({ label: `${kind} ${String(f.properties?.name)}`, geometry: i % 3 === 2 ? smallPolygon(rnd, at) : { type: 'Point', coordinates: at } });
    });
  }
  return out;
}

/** Seeded random sites in the territory box: two thirds points, one third small polygons (some on the RN2). */
export function randomSites(n: number, seed: number, nets: TransportNetworks): TestSite[] {
  const rnd = mulberry32(seed);
  const box = { lonMin: 2.95, lonMax: 3.75, latMin: 49.13, latMax: 49.5 };
  const rn2Vertices = nets.rn2.features.flatMap((f) => lineParts(f.geometry).flat());
  const out: TestSite[] = [];
  for (let i = 0; i < n; i++) {
    const c: Position = [box.lonMin + rnd() * (box.lonMax - box.lonMin), box.latMin + rnd() * (box.latMax - box.latMin)];
    if (i % 3 !== 2) out.push({ label: `random point ${i}`, geometry: { type: 'Point', coordinates: c } });
    else if (i % 51 === 2) out.push({ label: `random polygon ${i} on the RN2`, geometry: smallPolygon(rnd, rn2Vertices[Math.floor(rnd() * rn2Vertices.length)]) });
    else out.push({ label: `random polygon ${i}`, geometry: smallPolygon(rnd, c) });
  }
  return out;
}
