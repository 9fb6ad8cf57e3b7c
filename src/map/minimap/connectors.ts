/**
 * Connectors drawn on the site sheet's minimap: one straight segment from the site to the
 * nearest point of each network (RN2, waterway, station). Pure geometry (Turf), no MapLibre.
 */
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { nearestPointOnLine } from '@turf/nearest-point-on-line';
import { point } from '@turf/helpers';
import { polygonToLine } from '@turf/polygon-to-line';
import type { Feature, LineString, MultiLineString, Position } from 'geojson';
import type { NetworkDistance, SiteGeometry } from '../../domain/types';

export type ConnectorKind = 'rn2' | 'waterway' | 'station';
export const CONNECTOR_KINDS: readonly ConnectorKind[] = ['rn2', 'waterway', 'station'];

export interface Connector {
  kind: ConnectorKind;
  /** Point of the site closest to the network point (the site itself for a point site). */
  from: Position;
  /** Nearest point of the network. */
  to: Position;
  name: string | null;
  distance_m: number;
  error_m: number | null;
}

/** The point of the site geometry nearest to `target` (the target itself when it lies inside the site). */
export function siteAnchor(geometry: SiteGeometry, target: Position): Position {
  if (geometry.type === 'Point') return geometry.coordinates;
  const pt = point(target);
  if (booleanPointInPolygon(pt, geometry)) return target;
  const outline = polygonToLine(geometry) as Feature<LineString | MultiLineString> | { features: Feature<LineString | MultiLineString>[] };
  const lines = 'features' in outline ? outline.features : [outline];
  let best: Position = target;
  let bestDist = Infinity;
  for (const line of lines) {
    const near = nearestPointOnLine(line, pt);
    const d = near.properties.dist ?? Infinity;
    if (d < bestDist) {
      bestDist = d;
      best = near.geometry.coordinates;
    }
  }
  return best;
}

/** Builds the connectors for the networks that have a nearest point (missing ones are skipped). */
export function buildConnectors(
  geometry: SiteGeometry,
  nearest: Partial<Record<ConnectorKind, NetworkDistance | null>>,
): Connector[] {
  const out: Connector[] = [];
  for (const kind of CONNECTOR_KINDS) {
    const n = nearest[kind];
    if (!n) continue;
    out.push({
      kind,
      from: siteAnchor(geometry, n.nearest),
      to: n.nearest,
      name: n.name,
      distance_m: n.distance_m,
      error_m: n.error_m,
    });
  }
  return out;
}

/** Bounding box [west, south, east, north] of the site and the connectors' ends. */
export function minimapBounds(geometry: SiteGeometry, connectors: Connector[]): [number, number, number, number] {
  const pts: Position[] = [];
  if (geometry.type === 'Point') pts.push(geometry.coordinates);
  else if (geometry.type === 'Polygon') pts.push(...geometry.coordinates.flat());
  else pts.push(...geometry.coordinates.flat(2));
  for (const c of connectors) pts.push(c.from, c.to);
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const [x, y] of pts) {
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > n) n = y;
  }
  return [w, s, e, n];
}
