/**
 * From which zooms the site symbols and names may be drawn, given the site features the map
 * shows (see src/domain/density.ts for the count per tile, and style/layers.ts for the layers).
 */
import type { Feature } from 'geojson';
import { densityMinZoom, densityPoints, MAX_TILE_ZOOM, SITE_LABEL_GLYPH_BUDGET, SITE_SYMBOL_BUDGET } from '../domain/density';

export interface SiteDrawZooms {
  /** Friche and plot symbols from this zoom (dots for point sites below). */
  symbols: number;
  /** Site names from this zoom. */
  labels: number;
}

/**
 * Site names show from this zoom (later when the sites are too dense for their glyphs). Here,
 * not in style/layers.ts (which re-exports it): the site tiles worker computes the draw zooms, and
 * must not pull in the style (its fonts and MapLibre).
 */
export const SITE_LABEL_MIN_ZOOM = 13;

/**
 * What each site tile tells its features about its zoom (1 yes, 0 no), so that the style's site
 * layers need no zoom range of their own (style/layers.ts filters on them): `_sym`, the tile's
 * zoom draws the friche and plot symbols (dots below); `_lbl`, it draws the site names. A new cut
 * whose density moves these zooms then changes only the tiles, never the style: MapLibre lays
 * each tile out once, with the new sites (a zoom range change lays out the old tiles again first).
 */
export const DRAW_FLAGS = { symbols: '_sym', labels: '_lbl' } as const;

/** The DRAW_FLAGS of the features of a tile of zoom `tileZoom`, given the draw zooms of the cut. */
export function drawFlags(z: SiteDrawZooms, tileZoom: number): Record<string, 0 | 1> {
  return { [DRAW_FLAGS.symbols]: tileZoom >= z.symbols ? 1 : 0, [DRAW_FLAGS.labels]: tileZoom >= z.labels ? 1 : 0 };
}

/** Beyond the map's zooms: never drawn (sites piled on one spot). */
const NEVER = 24;

/** A point of the feature (a point's own, a polygon's first vertex: enough to tell its tile). */
function anchor(f: Feature): [number, number] | null {
  const g = f.geometry;
  if (!g) return null;
  if (g.type === 'Point') return [g.coordinates[0], g.coordinates[1]];
  if (g.type === 'Polygon') return (g.coordinates[0]?.[0] as [number, number]) ?? null;
  if (g.type === 'MultiPolygon') return (g.coordinates[0]?.[0]?.[0] as [number, number]) ?? null;
  return null;
}

export function siteDrawZooms(features: readonly Feature[]): SiteDrawZooms {
  const symbolCoords: number[] = [];
  const labelCoords: number[] = [];
  const glyphs: number[] = [];
  for (const f of features) {
    const a = anchor(f);
    if (!a) continue;
    const p = f.properties ?? {};
    // Friches and plots have a symbol each (zones are circles: no limit).
    if (p.kind === 'friche' || p.kind === 'plot') symbolCoords.push(a[0], a[1]);
    const name = typeof p.name === 'string' ? p.name : '';
    if (name) {
      labelCoords.push(a[0], a[1]);
      glyphs.push(name.length);
    }
  }
  const symbols = densityMinZoom(densityPoints(symbolCoords), SITE_SYMBOL_BUDGET);
  const labels = densityMinZoom(densityPoints(labelCoords, glyphs), SITE_LABEL_GLYPH_BUDGET);
  return {
    symbols: symbols > MAX_TILE_ZOOM ? NEVER : symbols,
    labels: labels > MAX_TILE_ZOOM ? NEVER : Math.max(SITE_LABEL_MIN_ZOOM, labels),
  };
}
