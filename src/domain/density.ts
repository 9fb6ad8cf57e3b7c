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
 * The count includes that buffer: a margin, since MapLibre lays out a point's symbol only in the
 * tile that holds it (measured: 40,000 points, 33,975 in one tile proper, overflow; the buffered
 * count of that tile is higher). The map's site tiles keep only 32 px (src/map/siteTiles/tiler.ts):
 * the count with 128 stays an upper bound.
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
export function mercator(lon: number, lat: number): [number, number] {
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

/** Dense tile sums up to this many tiles (the points' bounding box at that zoom); sparse sums beyond. */
const DENSE_TILES = 1 << 22;

/**
 * Sums by key (whole numbers from 0 to 2^53) for the tiles that hold points, when their box spans
 * too many tiles for dense sums: an open-addressing hash table on typed arrays (linear probing,
 * grown at half full). A Map here, at the high zooms of a national extent, made about one entry
 * per point and took half of the draw zooms' time.
 */
class SparseSums {
  /** Key + 1 per slot (0: empty), and its sum. */
  private keys: Float64Array;
  private sums: Float64Array;
  private bits: number;
  private size = 0;

  /** Room for `expected` keys without growing. */
  constructor(expected: number) {
    this.bits = Math.max(4, Math.ceil(Math.log2(2 * expected + 1)));
    this.keys = new Float64Array(1 << this.bits);
    this.sums = new Float64Array(1 << this.bits);
  }

  private slot(k: number): number {
    // Fibonacci hashing of the key's low and high 32 bits: the top `bits` bits of the product.
    const h = Math.imul((k >>> 0) ^ Math.imul((k / 4294967296) | 0, 0x27d4eb2d), 0x9e3779b1);
    return h >>> (32 - this.bits);
  }

  /** Adds `v` to key `k`'s sum; returns the new sum. */
  add(k: number, v: number): number {
    const mask = (1 << this.bits) - 1;
    for (let i = this.slot(k); ; i = (i + 1) & mask) {
      const q = this.keys[i];
      if (q === k + 1) return (this.sums[i] += v);
      if (q === 0) {
        this.keys[i] = k + 1;
        this.sums[i] = v;
        if (++this.size * 2 > mask + 1) this.grow();
        return v;
      }
    }
  }

  private grow(): void {
    const { keys, sums } = this;
    this.bits++;
    this.keys = new Float64Array(1 << this.bits);
    this.sums = new Float64Array(1 << this.bits);
    const mask = (1 << this.bits) - 1;
    for (let j = 0; j < keys.length; j++) {
      if (!keys[j]) continue;
      let i = this.slot(keys[j] - 1);
      while (this.keys[i]) i = (i + 1) & mask;
      this.keys[i] = keys[j];
      this.sums[i] = sums[j];
    }
  }
}

/**
 * The largest total weight of one tile at `zoom`, its 128-px buffer included. Each point counts
 * in its own tile and, when it lies in the outer quarter-tile (a cell of zoom + 2 at the edge),
 * in the neighbour(s) whose buffer holds it: at most four tiles per point.
 */
export function maxTileLoad(p: DensityPoints, zoom: number, denseLimit = DENSE_TILES): number {
  const n = p.x.length;
  if (!n) return 0;
  const cells = 2 ** (zoom + 2);
  const side = 2 ** zoom;
  const cell = (v: number) => Math.min(cells - 1, Math.max(0, Math.floor(v * cells)));
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    if (p.x[i] < minX) minX = p.x[i];
    if (p.x[i] > maxX) maxX = p.x[i];
    if (p.y[i] < minY) minY = p.y[i];
    if (p.y[i] > maxY) maxY = p.y[i];
  }
  // Tiles that may hold a point: the bounding box's, one more on each side.
  const tx0 = Math.max(0, (cell(minX) >> 2) - 1);
  const ty0 = Math.max(0, (cell(minY) >> 2) - 1);
  const w = Math.min(side - 1, (cell(maxX) >> 2) + 1) - tx0 + 1;
  const h = Math.min(side - 1, (cell(maxY) >> 2) + 1) - ty0 + 1;
  const dense = w * h <= denseLimit ? new Float64Array(w * h) : null;
  // About 2.25 tiles per point where they are sparse (each edge cell adds its neighbours): grown once.
  const sparse = dense ? null : new SparseSums(Math.min(w * h, n));
  let max = 0;
  const add = (tx: number, ty: number, v: number) => {
    if (tx < 0 || ty < 0 || tx >= side || ty >= side) return;
    const k = (tx - tx0) * h + (ty - ty0);
    const sum = dense ? (dense[k] += v) : sparse!.add(k, v);
    if (sum > max) max = sum;
  };
  for (let i = 0; i < n; i++) {
    const cx = cell(p.x[i]);
    const cy = cell(p.y[i]);
    const v = p.w[i];
    const tx = cx >> 2;
    const ty = cy >> 2;
    // The neighbour tile whose buffer holds this cell, if the cell is on an edge (else the tile itself).
    const nx = (cx & 3) === 0 ? tx - 1 : (cx & 3) === 3 ? tx + 1 : tx;
    const ny = (cy & 3) === 0 ? ty - 1 : (cy & 3) === 3 ? ty + 1 : ty;
    add(tx, ty, v);
    if (nx !== tx) add(nx, ty, v);
    if (ny !== ty) add(tx, ny, v);
    if (nx !== tx && ny !== ty) add(nx, ny, v);
  }
  return max;
}

/**
 * The lowest whole zoom (0 … MAX_TILE_ZOOM) from which every tile holds at most `budget`; when
 * even the last tile zoom holds more (points piled on one spot), MAX_TILE_ZOOM + 1: never.
 * A binary search (the load never grows with the zoom): about five counts.
 */
export function densityMinZoom(p: DensityPoints, budget: number): number {
  let lo = -1; // too dense (virtual)
  let hi = MAX_TILE_ZOOM + 1; // fits (virtual: never)
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (maxTileLoad(p, mid) <= budget) hi = mid;
    else lo = mid;
  }
  return hi;
}
