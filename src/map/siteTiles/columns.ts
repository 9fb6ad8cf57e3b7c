/**
 * Site features ⇄ columns (./messages.ts SiteColumns): `toColumns` on the main thread, before
 * posting them to the tiles worker (the typed arrays are transferred), `fromColumns` in the
 * worker. Pure (no MapLibre, no DOM): the round trip is unit-tested.
 */
import type { Feature, FeatureCollection, GeoJsonProperties, Geometry, Position } from 'geojson';
import type { FlatPolygons, PropValue, SiteColumns } from './messages';

const ID = 'id';
const NAME = 'name';
const FID = '_fid';

/**
 * The properties with few distinct values (SiteColumns['coded']), coded per key against the values
 * met, in the order met (keys too). Scalars only: anything else is left out, as MapLibre would.
 */
export class PropCoder {
  private readonly cols = new Map<string, { key: string; values: PropValue[]; index: Map<PropValue, number>; codes: Uint8Array }>();
  /** `n`: the number of features (the length of each key's codes). */
  constructor(private readonly n: number) {}

  /** Feature `i` has `value` for `key`. */
  set(i: number, key: string, value: unknown): void {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return;
    let col = this.cols.get(key);
    if (!col) this.cols.set(key, (col = { key, values: [], index: new Map(), codes: new Uint8Array(this.n) }));
    let c = col.index.get(value);
    if (c === undefined) {
      // 255 distinct values at most per key: the style's properties have a handful.
      if (col.values.length >= 255) throw new Error(`Trop de valeurs distinctes pour la propriété « ${key} » des sites`);
      col.values.push(value);
      c = col.values.length;
      col.index.set(value, c);
    }
    col.codes[i] = c;
  }

  /** The coded columns, of the first `n` features only when given. */
  columns(n = this.n): SiteColumns['coded'] {
    return [...this.cols.values()].map(({ key, values, codes }) => ({ key, values, codes: n < this.n ? codes.slice(0, n) : codes }));
  }
}

/** A typed array that grows by doubling, for columns whose length is known only at the end. */
class Grow<T extends Int32Array | Float64Array> {
  length = 0;
  constructor(private a: T) {}
  push(v: number): void {
    if (this.length === this.a.length) {
      const b = new (this.a.constructor as { new (n: number): T })(Math.max(16, 2 * this.a.length));
      b.set(this.a);
      this.a = b;
    }
    this.a[this.length++] = v;
  }
  done(): T {
    return this.a.slice(0, this.length) as T;
  }
}

/**
 * The geometries that are not points, as SiteColumns' `polygons` (flat typed arrays) and `shapes`
 * (any other type, kept as objects). Longitude and latitude only: the map draws no altitude.
 */
export class ShapeWriter {
  private readonly feature = new Grow(new Int32Array(16));
  private readonly multi: number[] = [];
  private readonly polyStart = new Grow(new Int32Array(16));
  private readonly ringStart = new Grow(new Int32Array(16));
  private readonly vertexStart = new Grow(new Int32Array(16));
  private readonly coords = new Grow(new Float64Array(64));
  private readonly others: SiteColumns['shapes'] = [];

  /** Feature `i` has geometry `g` (not a point). */
  add(i: number, g: Geometry): void {
    if (g.type === 'Polygon') {
      this.start(i, false);
      this.polygon(g.coordinates);
    } else if (g.type === 'MultiPolygon') {
      this.start(i, true);
      for (const p of g.coordinates) this.polygon(p);
    } else this.others.push({ i, g });
  }

  private start(i: number, multi: boolean): void {
    this.feature.push(i);
    this.multi.push(multi ? 1 : 0);
    this.polyStart.push(this.ringStart.length);
  }

  private polygon(rings: Position[][]): void {
    this.ringStart.push(this.vertexStart.length);
    for (const ring of rings) {
      this.vertexStart.push(this.coords.length / 2);
      for (const v of ring) {
        this.coords.push(v[0]);
        this.coords.push(v[1]);
      }
    }
  }

  polygons(): FlatPolygons {
    // Each start column ends with the total, so that item k ends where k + 1 starts.
    const end = (g: Grow<Int32Array>, total: number) => {
      const a = new Int32Array(g.length + 1);
      a.set(g.done());
      a[g.length] = total;
      return a;
    };
    return {
      feature: this.feature.done(),
      multi: Uint8Array.from(this.multi),
      polyStart: end(this.polyStart, this.ringStart.length),
      ringStart: end(this.ringStart, this.vertexStart.length),
      vertexStart: end(this.vertexStart, this.coords.length / 2),
      coords: this.coords.done(),
    };
  }

  shapes(): SiteColumns['shapes'] {
    return this.others;
  }
}

/** Shape k of flat polygons, as a GeoJSON geometry. */
function polygonAt(p: FlatPolygons, k: number): Geometry {
  const polygons: Position[][][] = [];
  for (let q = p.polyStart[k]; q < p.polyStart[k + 1]; q++) {
    const rings: Position[][] = [];
    for (let r = p.ringStart[q]; r < p.ringStart[q + 1]; r++) {
      const ring: Position[] = [];
      for (let v = p.vertexStart[r]; v < p.vertexStart[r + 1]; v++) ring.push([p.coords[2 * v], p.coords[2 * v + 1]]);
      rings.push(ring);
    }
    polygons.push(rings);
  }
  return p.multi[k] ? { type: 'MultiPolygon', coordinates: polygons } : { type: 'Polygon', coordinates: polygons[0] ?? [] };
}

/** The buffers of columns to transfer to the worker. */
export function transferOf(c: SiteColumns): ArrayBuffer[] {
  const p = c.polygons;
  return [c.fid.buffer, c.xy.buffer, ...c.coded.map((k) => k.codes.buffer), p.feature.buffer, p.multi.buffer, p.polyStart.buffer, p.ringStart.buffer, p.vertexStart.buffer, p.coords.buffer] as ArrayBuffer[];
}

/** The columns of site features (../sources.ts siteFeatures, with `_fid`), and the buffers to transfer. */
export function toColumns(fc: FeatureCollection): { columns: SiteColumns; transfer: ArrayBuffer[] } {
  const features = fc.features;
  const n = features.length;
  const fid = new Int32Array(n);
  const xy = new Float64Array(2 * n);
  const shapes = new ShapeWriter();
  const id: string[] = new Array<string>(n);
  const name: (string | null)[] = new Array<string | null>(n);
  const coder = new PropCoder(n);
  for (let i = 0; i < n; i++) {
    const f = features[i];
    const g = f.geometry;
    if (g && g.type === 'Point') {
      xy[2 * i] = g.coordinates[0];
      xy[2 * i + 1] = g.coordinates[1];
    } else {
      xy[2 * i] = NaN;
      xy[2 * i + 1] = NaN;
      if (g) shapes.add(i, g);
    }
    const p = f.properties ?? {};
    for (const key in p) {
      const v = p[key] as unknown;
      if (key === ID) id[i] = String(v);
      else if (key === NAME) name[i] = typeof v === 'string' ? v : null;
      else if (key === FID) fid[i] = Number(v);
      else coder.set(i, key, v);
    }
    if (name[i] === undefined) name[i] = null;
  }
  const columns: SiteColumns = { n, fid, xy, polygons: shapes.polygons(), shapes: shapes.shapes(), id, name, coded: coder.columns() };
  return { columns, transfer: transferOf(columns) };
}

/** The site features back from their columns (same geometry and properties as given to toColumns). */
export function fromColumns(c: SiteColumns): Feature[] {
  const features: Feature[] = [];
  const shapeAt = new Map<number, Geometry>(c.shapes.map((s) => [s.i, s.g]));
  for (let k = 0; k < c.polygons.feature.length; k++) shapeAt.set(c.polygons.feature[k], polygonAt(c.polygons, k));
  for (let i = 0; i < c.n; i++) {
    const x = c.xy[2 * i];
    const geometry: Geometry | undefined = Number.isNaN(x) ? shapeAt.get(i) : { type: 'Point', coordinates: [x, c.xy[2 * i + 1]] };
    if (!geometry) continue;
    const properties: NonNullable<GeoJsonProperties> = { [ID]: c.id[i] };
    if (c.name[i] !== null) properties[NAME] = c.name[i];
    for (const col of c.coded) {
      const k = col.codes[i];
      if (k) properties[col.key] = col.values[k - 1];
    }
    properties[FID] = c.fid[i];
    features.push({ type: 'Feature', geometry, properties });
  }
  return features;
}
