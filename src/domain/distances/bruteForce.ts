/**
 * Reference implementation, for tests and benches only: Turf over every segment of every
 * feature, no index. Slow on purpose; the fast calculator must agree with it within 1 m.
 *
 * Point site: min of turf.pointToLineDistance over all lines (turf.distance for point networks).
 * Polygon site: 0 if turf.booleanIntersects(site, network feature); otherwise the min of
 * (each site vertex → each network line) and (each network vertex → each site ring).
 */
import { booleanIntersects, distance, lineString, pointToLineDistance } from '@turf/turf';
import type { Feature, FeatureCollection, LineString, MultiLineString, Point, Position } from 'geojson';
import type { SiteGeometry } from '../types';

export interface ReferenceHit {
  distance_m: number;
  feature: number;
}

type NetworkFeature = Feature<LineString | MultiLineString | Point>;
/** Per feature: its lines as Turf LineString features (or its single point). */
export type ReferenceNetwork = { feature: NetworkFeature; lines: Feature<LineString>[]; point: Position | null }[];

export function referenceNetwork(network: FeatureCollection<LineString | MultiLineString | Point>): ReferenceNetwork {
  return network.features.map((feature) => {
    const g = feature.geometry;
    if (g.type === 'Point') return { feature, lines: [], point: g.coordinates };
    const parts = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
    return { feature, lines: parts.filter((p) => p.length >= 2).map((p) => lineString(p)), point: null };
  });
}

function siteVertices(site: SiteGeometry): Position[] {
  if (site.type === 'Point') return [site.coordinates];
  const polys = site.type === 'Polygon' ? [site.coordinates] : site.coordinates;
  return polys.flatMap((p) => p.flat());
}

function siteRings(site: SiteGeometry): Feature<LineString>[] {
  if (site.type === 'Point') return [];
  const polys = site.type === 'Polygon' ? [site.coordinates] : site.coordinates;
  return polys.flat().map((r) => lineString(r));
}

function lineDistance(p: Position, line: Feature<LineString>): number {
  return pointToLineDistance(p, line, { units: 'meters' });
}

export function bruteForceNearest(
  site: SiteGeometry,
  network: FeatureCollection<LineString | MultiLineString | Point> | ReferenceNetwork,
): ReferenceHit | null {
  const ref = Array.isArray(network) ? network : referenceNetwork(network);
  let best: ReferenceHit | null = null;
  const vertices = siteVertices(site);
  const rings = siteRings(site);
  const siteFeature: Feature<SiteGeometry> = { type: 'Feature', properties: {}, geometry: site };
  ref.forEach(({ feature: f, lines, point }, feature) => {
    let d = Infinity;
    if (site.type !== 'Point' && booleanIntersects(siteFeature, f)) d = 0;
    else if (point) {
      for (const v of vertices) d = Math.min(d, distance(v, point, { units: 'meters' }));
      for (const ring of rings) d = Math.min(d, lineDistance(point, ring));
    } else {
      for (const line of lines) {
        for (const v of vertices) d = Math.min(d, lineDistance(v, line));
        for (const ring of rings) {
          for (const p of line.geometry.coordinates) d = Math.min(d, lineDistance(p, ring));
        }
      }
    }
    if (!best || d < best.distance_m) best = { distance_m: d, feature };
  });
  return best;
}
