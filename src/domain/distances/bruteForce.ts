/**
 * Reference implementation, for tests and benches only: Turf over every segment of every
 * feature, no index. Slow on purpose; the fast calculator must agree with it within 1 m.
 *
 * Point site: min of turf.pointToLineDistance over all lines (turf.distance for points).
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

function linesOf(f: Feature<LineString | MultiLineString | Point>): Position[][] {
  const g = f.geometry;
  if (g.type === 'Point') return [[g.coordinates]];
  return g.type === 'LineString' ? [g.coordinates] : g.coordinates;
}

function siteVertices(site: SiteGeometry): Position[] {
  if (site.type === 'Point') return [site.coordinates];
  const polys = site.type === 'Polygon' ? [site.coordinates] : site.coordinates;
  return polys.flatMap((p) => p.flat());
}

function siteRings(site: SiteGeometry): Position[][] {
  if (site.type === 'Point') return [];
  const polys = site.type === 'Polygon' ? [site.coordinates] : site.coordinates;
  return polys.flat();
}

export function bruteForceNearest(
  site: SiteGeometry,
  network: FeatureCollection<LineString | MultiLineString | Point>,
): ReferenceHit | null {
  let best: ReferenceHit | null = null;
  const vertices = siteVertices(site);
  const rings = siteRings(site);
  network.features.forEach((f, feature) => {
    let d = Infinity;
    if (site.type !== 'Point' && booleanIntersects({ type: 'Feature', properties: {}, geometry: site }, f)) d = 0;
    else {
      for (const line of linesOf(f)) {
        for (const v of vertices) {
          const dv =
            line.length === 1 ? distance(v, line[0], { units: 'meters' }) : pointToLineDistance(v, lineString(line), { units: 'meters' });
          if (dv < d) d = dv;
        }
        for (const ring of rings) {
          for (const p of line) {
            const dp = pointToLineDistance(p, lineString(ring), { units: 'meters' });
            if (dp < d) d = dp;
          }
        }
      }
    }
    if (!best || d < best.distance_m) best = { distance_m: d, feature };
  });
  return best;
}
