/**
 * Attaches sites to activity zones (ZAE) by geometry.
 *
 * - A point site gets the zone whose outline contains the point (boundary included).
 * - A polygon site gets the zone that covers the MAJORITY (> 50 %) of its area; if no zone covers
 *   more than half of it (e.g. a plot straddling two zones), the zone containing its
 *   representative point (turf.pointOnFeature, always inside the polygon) is used when that point
 *   lies in a zone whose overlap is the largest; otherwise no zone is attached.
 * - Zones without geometry (the sourced register: `needs_digitising`) attach nothing.
 * - A site for which no zone is found keeps its current zone_id / zone_name (a value typed by
 *   an editor is never erased). Unchanged sites are returned as the same objects.
 * If several zone outlines contain a point (overlapping zones), the first in input order wins.
 */
import { area } from '@turf/area';
import { bbox as turfBbox } from '@turf/bbox';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { feature, featureCollection } from '@turf/helpers';
import { intersect } from '@turf/intersect';
import { pointOnFeature } from '@turf/point-on-feature';
import type { BBox, MultiPolygon, Polygon, Position } from 'geojson';
import type { Site, ZoneRecord } from './types';

interface IndexedZone {
  zone: ZoneRecord;
  geometry: Polygon | MultiPolygon;
  bbox: BBox;
}

function inBox(p: Position, b: BBox): boolean {
  return p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3];
}

function boxesOverlap(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
}

function zoneOfPoint(p: Position, zones: IndexedZone[]): IndexedZone | null {
  for (const z of zones) if (inBox(p, z.bbox) && booleanPointInPolygon(p, z.geometry)) return z;
  return null;
}

function overlapArea(site: Polygon | MultiPolygon, zone: Polygon | MultiPolygon): number {
  try {
    const inter = intersect(featureCollection([feature(site), feature(zone)]));
    return inter ? area(inter) : 0;
  } catch {
    return 0; // invalid geometry: treated as no overlap
  }
}

function zoneOfPolygon(g: Polygon | MultiPolygon, zones: IndexedZone[]): IndexedZone | null {
  const box = turfBbox(g) as BBox;
  const candidates = zones.filter((z) => boxesOverlap(box, z.bbox));
  if (!candidates.length) return null;
  const total = area(g);
  let best: IndexedZone | null = null;
  let bestArea = 0;
  for (const z of candidates) {
    const a = overlapArea(g, z.geometry);
    if (a > bestArea) {
      bestArea = a;
      best = z;
    }
  }
  if (best && total > 0 && bestArea > total / 2) return best;
  // No majority: fall back on the representative point, but only for the zone overlapping most.
  const rep = pointOnFeature(g).geometry.coordinates;
  const atPoint = zoneOfPoint(rep, candidates);
  return atPoint && (atPoint === best || total === 0) ? atPoint : null;
}

export function attachToZones(sites: readonly Site[], zones: readonly ZoneRecord[]): Site[] {
  const indexed: IndexedZone[] = [];
  for (const zone of zones) {
    const g = zone.geometry;
    if (g && (g.type === 'Polygon' || g.type === 'MultiPolygon') && g.coordinates.length) {
      indexed.push({ zone, geometry: g, bbox: turfBbox(g) as BBox });
    }
  }
  if (!indexed.length) return [...sites];
  return sites.map((site) => {
    const g = site.geometry;
    let z: IndexedZone | null = null;
    if (!g) return site;
    if (g.type === 'Point') z = zoneOfPoint(g.coordinates, indexed);
    else if (g.type === 'Polygon' || g.type === 'MultiPolygon') z = zoneOfPolygon(g, indexed);
    if (!z) return site;
    const p = site.properties;
    if (p.zone_id === z.zone.zone_id && p.zone_name === z.zone.name) return site;
    return { ...site, properties: { ...p, zone_id: z.zone.zone_id, zone_name: z.zone.name } };
  });
}
