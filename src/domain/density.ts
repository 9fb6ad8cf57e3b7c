/**
 * How dense the sites are on MapLibre's tiles, to choose from which zoom the site symbols and
 * names may be drawn (pure: no MapLibre).
 *
 * MapLibre lays out a symbol layer per tile, and a tile's symbol bucket holds at most 32,768
 * icons or glyphs: beyond that it throws (« bucket.icon.opacityVertexArray.length (= 32768) !==
 * … ») and the map draws nothing. A GeoJSON tile holds every feature of its area plus a buffer
 * of 128 px on each side of its 512 px (a quarter of the tile; MapLibre's default). So below
 * some zoom, tens of thousands of sites in one tile are too many for symbols — and long before
 * that they make each frame's symbol placement slow. Circles have no such limit (their buckets
 * are split into segments) and need no placement.
 *
 * `densityMinZoom` gives the lowest whole zoom from which no tile (buffer included) holds more
 * than `budget` (icons, or glyphs when weighted by name length). A tile's buffered area lies
 * within its parent's, so the count never grows with the zoom: a binary search over the zooms
 * finds it. Counts are exact on the tile grid: the buffered area of a tile at zoom z is the
 * 6 × 6 cells of zoom z + 2 around its 4 × 4.
 */

/** MapLibre's limit: icons (or glyph quads) in one tile's symbol bucket. */
export const SYMBOL_BUCKET_LIMIT = 32768;

/** Site symbols are drawn from the zoom where no tile holds more than this many (placement cost; half the limit at most). */
export const SITE_SYMBOL_BUDGET = 4000;

/** Site names are drawn from the zoom where no tile holds more than this many glyphs. */
export const SITE_LABEL_GLYPH_BUDGET = 8000;

/** The zooms MapLibre makes GeoJSON tiles for (above, tiles are overscaled from the last one). */
export const MAX_TILE_ZOOM = 18;

/** Web Mercator x, y in [0, 1] of a lon/lat. */
function mercator(lon: number, lat: number): [number, number] {
  const x = (lon + 180) / 360;
  const s = Math.sin((Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180);
  const y = 0.5 - (0.25 * Math.log((1 + s) / (1 - s))) / Math.PI;
  return [x, y];
}

export interface DensityPoints {
  /** Mercator x, y of each point. */
  x: Float64Array;
  y: Float64Array;
  /** Weight of each point (1 per icon, or its number of glyphs). */
  w: Float64Array;
}

/** Projects points (lon/lat) with their weights once, for several `maxTileLoad` calls. */
export function densityPoints(lonLat: ArrayLike<number>, weights?: ArrayLike<number>): DensityPoints {
  const n = lonLat.length >> 1;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const [mx, my] = mercator(lonLat[2 * i], lonLat[2 * i + 1]);
    x[i] = mx;
    y[i] = my;
    w[i] = weights ? weights[i] : 1;
  }
  return { x, y, w };
}

/** The largest total weight of one tile at `zoom`, its 128-px buffer included. */
export function maxTileLoad(p: DensityPoints, zoom: number): number {
  const level = zoom + 2;
  const cells = 2 ** level;
  const count = new Map<number, number>();
  for (let i = 0; i < p.x.length; i++) {
    const cx = Math.min(cells - 1, Math.max(0, Math.floor(p.x[i] * cells)));
    const cy = Math.min(cells - 1, Math.max(0, Math.floor(p.y[i] * cells)));
    const k = cx * cells + cy;
    count.set(k, (count.get(k) ?? 0) + p.w[i]);
  }
  // Tiles that hold at least one cell: the buffered block of each (its 4 × 4 cells and one around).
  const tiles = new Set<number>();
  const side = 2 ** zoom;
  for (const k of count.keys()) {
    const cx = Math.floor(k / cells);
    const cy = k - cx * cells;
    // A cell lies in the buffered block of its own tile and of the neighbours it borders.
    for (const tx of new Set([(cx - 1) >> 2, cx >> 2, (cx + 1) >> 2])) {
      for (const ty of new Set([(cy - 1) >> 2, cy >> 2, (cy + 1) >> 2])) {
        if (tx >= 0 && ty >= 0 && tx < side && ty < side) tiles.add(tx * side + ty);
      }
    }
  }
  let max = 0;
  for (const t of tiles) {
    const tx = Math.floor(t / side);
    const ty = t - tx * side;
    let sum = 0;
    for (let cx = 4 * tx - 1; cx <= 4 * tx + 4; cx++) {
      if (cx < 0 || cx >= cells) continue;
      for (let cy = 4 * ty - 1; cy <= 4 * ty + 4; cy++) {
        if (cy < 0 || cy >= cells) continue;
        sum += count.get(cx * cells + cy) ?? 0;
      }
    }
    if (sum > max) max = sum;
  }
  return max;
}

/**
 * The lowest whole zoom (0 … MAX_TILE_ZOOM) from which every tile holds at most `budget`; when
 * even the last tile zoom holds more (points piled on one spot), MAX_TILE_ZOOM + 1: never.
 */
export function densityMinZoom(p: DensityPoints, budget: number): number {
  if (maxTileLoad(p, 0) <= budget) return 0;
  let lo = 0; // too dense
  let hi = MAX_TILE_ZOOM + 1; // fits (or never)
  if (maxTileLoad(p, MAX_TILE_ZOOM) > budget) return MAX_TILE_ZOOM + 1;
  hi = MAX_TILE_ZOOM;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (maxTileLoad(p, mid) <= budget) hi = mid;
    else lo = mid;
  }
  return hi;
}
