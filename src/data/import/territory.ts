/**
 * Is an imported site inside the territory (the PETR outline)? Point: point-in-polygon.
 * Polygon: outside when none of its vertices nor its representative point is inside;
 * partly outside when some vertices are outside (the outline is generalised, so this is
 * only a warning).
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { preparePolygon, type PreparedPolygon } from '../../domain/pointInPolygon';
import type { SiteGeometry } from '../../domain/types';
import { representativePoint } from './assignCommune';

export type TerritoryInput =
  | Polygon
  | MultiPolygon
  | Feature<Polygon | MultiPolygon>
  | FeatureCollection<Polygon | MultiPolygon>;

export interface Territory {
  parts: PreparedPolygon[];
}

export function prepareTerritory(t: TerritoryInput): Territory {
  const geoms: (Polygon | MultiPolygon)[] =
    t.type === 'FeatureCollection' ? t.features.map((f) => f.geometry).filter(Boolean) : t.type === 'Feature' ? [t.geometry] : [t];
  return { parts: geoms.map((geometry) => preparePolygon(geometry)) };
}

export function pointInTerritory(p: Position, t: Territory): boolean {
  return t.parts.some((part) => part.contains(p[0], p[1]));
}

export type TerritoryStatus = 'inside' | 'partly-outside' | 'outside';

export function territoryStatus(g: SiteGeometry, t: Territory): TerritoryStatus {
  if (g.type === 'Point') return pointInTerritory(g.coordinates, t) ? 'inside' : 'outside';
  const vertices: Position[] = g.type === 'Polygon' ? g.coordinates[0] : g.coordinates.flatMap((p) => p[0]);
  let inside = 0;
  for (const v of vertices) if (pointInTerritory(v, t)) inside++;
  if (inside === vertices.length) return 'inside';
  if (inside > 0 || pointInTerritory(representativePoint(g), t)) return 'partly-outside';
  return 'outside';
}
