/** Shared helpers of the distances tests (independent formulas and network builders). */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Feature, FeatureCollection, LineString, MultiLineString, Point, Position } from 'geojson';
import geographiclib from 'geographiclib-geodesic';
import type { TransportNetworks } from '../../../src/domain/distances';

export const R = 6371008.8;
const rad = (d: number) => (d * Math.PI) / 180;

/** Haversine distance (m), written out independently of the code under test. */
export function haversine(a: Position, b: Position): number {
  const dLat = rad(b[1] - a[1]);
  const dLon = rad(b[0] - a[0]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

/** Geodesic distance (m) on the WGS84 ellipsoid (Karney, geographiclib), for expected values. */
export function geodesic(a: Position, b: Position): number {
  return geographiclib.Geodesic.WGS84.Inverse(a[1], a[0], b[1], b[0], geographiclib.Geodesic.DISTANCE).s12!;
}

/** Initial bearing (rad) from a to b. */
function bearing(a: Position, b: Position): number {
  const φ1 = rad(a[1]), φ2 = rad(b[1]), Δλ = rad(b[0] - a[0]);
  return Math.atan2(Math.sin(Δλ) * Math.cos(φ2), Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(Δλ));
}

/** Cross-track distance (m) from p to the great circle through a and b (Movable Type formula). */
export function crossTrack(p: Position, a: Position, b: Position): number {
  const δ13 = haversine(a, p) / R;
  return Math.abs(Math.asin(Math.sin(δ13) * Math.sin(bearing(a, p) - bearing(a, b))) * R);
}

/** Along-track distance (m) from a to the foot of p on the great circle a→b. */
export function alongTrack(p: Position, a: Position, b: Position): number {
  const δ13 = haversine(a, p) / R;
  const δxt = crossTrack(p, a, b) / R;
  const sign = Math.cos(bearing(a, p) - bearing(a, b)) >= 0 ? 1 : -1;
  return sign * Math.acos(Math.min(1, Math.cos(δ13) / Math.cos(δxt))) * R;
}

/** Distance (m) from p to the great-circle arc a→b: cross-track if the foot is on the arc, else the nearer end. */
export function arcDistance(p: Position, a: Position, b: Position): number {
  const along = alongTrack(p, a, b);
  if (along >= 0 && along <= haversine(a, b)) return crossTrack(p, a, b);
  return Math.min(haversine(p, a), haversine(p, b));
}

type Lines = FeatureCollection<LineString | MultiLineString>;
const emptyLines: Lines = { type: 'FeatureCollection', features: [] };
const emptyPoints: FeatureCollection<Point> = { type: 'FeatureCollection', features: [] };

export function line(coords: Position[], name: string | null = null): Feature<LineString> {
  return { type: 'Feature', properties: { name }, geometry: { type: 'LineString', coordinates: coords } };
}

/** Networks with only an RN2 (other networks empty). */
export function rn2Only(features: Feature<LineString | MultiLineString>[], gaps: TransportNetworks['rn2Gaps'] = []): TransportNetworks {
  return {
    rn2: { type: 'FeatureCollection', features },
    rn2Gaps: gaps,
    waterway: emptyLines,
    rail: emptyLines,
    stations: emptyPoints,
    lgv: emptyLines,
    roissy: emptyPoints,
    ite: emptyPoints,
  };
}

export const FIXTURES = resolve(__dirname, '../../fixtures/distances');

export function readJson<T = unknown>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

export function fixtureLayers(): Record<string, FeatureCollection> {
  const out: Record<string, FeatureCollection> = {};
  for (const id of ['rn2', 'waterway', 'rail', 'stations', 'lgv', 'roissy', 'ite']) out[id] = readJson(join(FIXTURES, 'networks', `${id}.geojson`));
  return out;
}

/** The real open data (beside the project, or $ATLAS_SOURCES), or null when absent. */
export const REAL_TRANSPORT_DIR: string | null = (() => {
  const root = process.env.ATLAS_SOURCES || resolve(__dirname, '../../../../shared/opendata');
  const dir = join(root, 'transport');
  return existsSync(join(dir, 'rn2.geojson')) ? dir : null;
})();
export const REAL_SKIP_REASON = 'open data absent (../shared/opendata/transport or $ATLAS_SOURCES/transport): real-network tests skipped';

export { mulberry32 } from '../../../src/domain/sample';
