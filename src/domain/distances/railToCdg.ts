/**
 * Rail distance from each Paris–Laon passenger station to Aéroport Charles-de-Gaulle 2 TGV
 * through the proposed rail « virgule » (raccordement Roissy–GrandSoissons; no public geometry
 * of the link exists):
 *
 *   rail_km_to_cdg = along the Paris–Laon line (229000) from the station to the crossing with
 *                    the LGV Interconnexion Est (roissy point kind computed_line_crossing)
 *                  + ROISSY_LINK_KM (1.5 km, the length given by the PETR's « Territoire d'industrie
 *                    2023-2027 » application; an assumption,
 *                    the link's own geometry is unknown)
 *                  + along the LGV Interconnexion Est (226310) from the crossing to CDG 2 TGV
 *                    (roissy point kind station_reference).
 *
 * "Along" = each point is projected on its line (nearest point, Turf conventions) and the
 * distance is measured along the real SNCF geometry between the two projections, as the sum
 * of the WGS84 geodesic lengths of its segments (the sphere was up to 0.3 % short).
 * Stations on the Paris side of the crossing get null: the link, a branch towards the
 * north-east, does not serve them.
 */
import type { Feature, FeatureCollection, LineString, MultiLineString, Point, Position } from 'geojson';
import { geodesicDistance } from './ellipsoid';
import { EARTH_RADIUS_M, EDGE_STRIDE, arcAngle, arcNearest, haversineM, setEdge, unitVector } from './sphere';

export const ROISSY_LINK_KM = 1.5;
/** A station farther than this from the line is not treated as on the line. */
const MAX_STATION_OFFSET_M = 500;
/** The reference points must lie on (or very near) their lines. */
const MAX_JUNCTION_OFFSET_M = 100;
const MAX_CDG_OFFSET_M = 1000;
const LGV_REF = '226310';

export interface Polyline {
  coords: Position[];
  /** Cumulative haversine length (m) at each vertex. */
  cum: Float64Array;
  edges: Float64Array;
}

function lineParts(f: Feature<LineString | MultiLineString>): Position[][] {
  return f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates;
}

/**
 * Chains line parts end to start into one polyline (parts may come in any order and
 * direction). Starts from the part end that is farthest from every other part's ends.
 */
export function chainParts(parts: Position[][]): Position[] {
  const usable = parts.filter((p) => p.length >= 2);
  if (usable.length === 0) return [];
  if (usable.length === 1) return usable[0].slice();
  // Pick the start: the end point whose nearest other end is farthest (a free end).
  let startPart = 0;
  let startReversed = false;
  let bestFree = -1;
  usable.forEach((p, i) => {
    for (const rev of [false, true]) {
      const end = rev ? p[p.length - 1] : p[0];
      let nearest = Infinity;
      usable.forEach((q, j) => {
        if (j === i) return;
        nearest = Math.min(nearest, haversineM(end, q[0]), haversineM(end, q[q.length - 1]));
      });
      if (nearest > bestFree) {
        bestFree = nearest;
        startPart = i;
        startReversed = rev;
      }
    }
  });
  const used = new Set<number>([startPart]);
  const first = usable[startPart];
  const out: Position[] = startReversed ? first.slice().reverse() : first.slice();
  while (used.size < usable.length) {
    const tail = out[out.length - 1];
    let next = -1;
    let nextRev = false;
    let d = Infinity;
    usable.forEach((q, j) => {
      if (used.has(j)) return;
      const ds = haversineM(tail, q[0]);
      const de = haversineM(tail, q[q.length - 1]);
      if (ds < d) {
        d = ds;
        next = j;
        nextRev = false;
      }
      if (de < d) {
        d = de;
        next = j;
        nextRev = true;
      }
    });
    used.add(next);
    const q = nextRev ? usable[next].slice().reverse() : usable[next];
    const startAt = q[0][0] === tail[0] && q[0][1] === tail[1] ? 1 : 0;
    for (let k = startAt; k < q.length; k++) out.push(q[k]);
  }
  return out;
}

export function polyline(coords: Position[]): Polyline {
  const n = Math.max(0, coords.length - 1);
  const cum = new Float64Array(coords.length);
  const edges = new Float64Array(n * EDGE_STRIDE);
  for (let i = 0; i < n; i++) {
    const a = coords[i];
    const b = coords[i + 1];
    setEdge(edges, i, a[0], a[1], b[0], b[1]);
    cum[i + 1] = cum[i] + geodesicDistance(a[0], a[1], b[0], b[1]);
  }
  return { coords, cum, edges };
}

/** Projection of a point on a polyline: distance along it (m) and offset from it (m). */
export function locateAlong(line: Polyline, p: Position): { along_m: number; offset_m: number } | null {
  const n = line.coords.length - 1;
  if (n < 1) return null;
  const c = new Float64Array(3);
  unitVector(p[0], p[1], c, 0);
  let best = Infinity;
  let seg = -1;
  for (let i = 0; i < n; i++) {
    const a = arcAngle(line.edges, i, c[0], c[1], c[2]);
    if (a < best) {
      best = a;
      seg = i;
    }
  }
  const q = arcNearest(line.edges, seg, c[0], c[1], c[2]);
  return { along_m: line.cum[seg] + geodesicDistance(line.coords[seg][0], line.coords[seg][1], q[0], q[1]), offset_m: best * EARTH_RADIUS_M };
}

export interface RoissyModel {
  /** Per station (same order as the stations collection): rail km to CDG 2 TGV, or null. */
  stationKm: (number | null)[];
  /** Why the model is unavailable, if it is (French). */
  problem: string | null;
  /** Parts of the computation, for documentation and tests. */
  junctionAlongRailKm: number | null;
  lgvKm: number | null;
  linkKm: number;
}

/** Precomputes rail_km_to_cdg for each station (it is the same for every site near that station). */
export function roissyModel(
  rail: FeatureCollection<LineString | MultiLineString>,
  lgv: FeatureCollection<LineString | MultiLineString>,
  roissy: FeatureCollection<Point>,
  stations: FeatureCollection<Point>,
  linkKm: number = ROISSY_LINK_KM,
): RoissyModel {
  const fail = (problem: string): RoissyModel => ({
    stationKm: stations.features.map(() => null),
    problem,
    junctionAlongRailKm: null,
    lgvKm: null,
    linkKm,
  });
  const junction = roissy.features.find((f) => f.properties?.kind === 'computed_line_crossing');
  const cdg = roissy.features.find((f) => f.properties?.kind === 'station_reference');
  if (!junction || !cdg) return fail('Points de référence de la virgule ferroviaire vers Roissy absents (jonction ou gare CDG 2 TGV).');
  const railLine = polyline(chainParts(rail.features.flatMap(lineParts)));
  const lgvFeatures = lgv.features.filter((f) => String(f.properties?.ref ?? '') === LGV_REF);
  if (lgvFeatures.length === 0) return fail(`Ligne LGV Interconnexion Est (${LGV_REF}) absente.`);
  const lgvLine = polyline(chainParts(lgvFeatures.flatMap(lineParts)));
  const jRail = locateAlong(railLine, junction.geometry.coordinates);
  const jLgv = locateAlong(lgvLine, junction.geometry.coordinates);
  const cLgv = locateAlong(lgvLine, cdg.geometry.coordinates);
  if (!jRail || !jLgv || !cLgv) return fail('Géométrie ferroviaire vide.');
  if (jRail.offset_m > MAX_JUNCTION_OFFSET_M || jLgv.offset_m > MAX_JUNCTION_OFFSET_M) {
    return fail('Le point de jonction ne se trouve pas sur les deux lignes.');
  }
  if (cLgv.offset_m > MAX_CDG_OFFSET_M) return fail('La gare CDG 2 TGV est trop loin de la LGV.');
  const lgvKm = Math.abs(cLgv.along_m - jLgv.along_m) / 1000;
  // Orientation: the chained rail line may run Laon → Paris; measure away from the Paris end,
  // which is the end nearer to the junction.
  const total = railLine.cum[railLine.cum.length - 1];
  const fromParis = jRail.along_m <= total - jRail.along_m;
  const jAlong = fromParis ? jRail.along_m : total - jRail.along_m;
  const stationKm = stations.features.map((s) => {
    const loc = locateAlong(railLine, s.geometry.coordinates);
    if (!loc || loc.offset_m > MAX_STATION_OFFSET_M) return null;
    const along = fromParis ? loc.along_m : total - loc.along_m;
    if (along < jAlong) return null;
    return (along - jAlong) / 1000 + linkKm + lgvKm;
  });
  return { stationKm, problem: null, junctionAlongRailKm: jAlong / 1000, lgvKm, linkKm };
}
