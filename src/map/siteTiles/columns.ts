/**
 * Site features ⇄ columns (./messages.ts SiteColumns): `toColumns` on the main thread, before
 * posting them to the tiles worker (the typed arrays are transferred), `fromColumns` in the
 * worker. Pure (no MapLibre, no DOM): the round trip is unit-tested.
 */
import type { Feature, FeatureCollection, GeoJsonProperties, Geometry } from 'geojson';
import type { PropValue, SiteColumns } from './messages';

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

/** The buffers of columns to transfer to the worker. */
export function transferOf(c: SiteColumns): ArrayBuffer[] {
  return [c.fid.buffer, c.xy.buffer, ...c.coded.map((k) => k.codes.buffer)] as ArrayBuffer[];
}

/** The columns of site features (../sources.ts siteFeatures, with `_fid`), and the buffers to transfer. */
export function toColumns(fc: FeatureCollection): { columns: SiteColumns; transfer: ArrayBuffer[] } {
  const features = fc.features;
  const n = features.length;
  const fid = new Int32Array(n);
  const xy = new Float64Array(2 * n);
  const shapes: SiteColumns['shapes'] = [];
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
      if (g) shapes.push({ i, g });
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
  const columns: SiteColumns = { n, fid, xy, shapes, id, name, coded: coder.columns() };
  return { columns, transfer: transferOf(columns) };
}

/** The site features back from their columns (same geometry and properties as given to toColumns). */
export function fromColumns(c: SiteColumns): Feature[] {
  const features: Feature[] = [];
  const shapeAt = new Map(c.shapes.map((s) => [s.i, s.g]));
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
