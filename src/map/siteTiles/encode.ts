/**
 * A tile's features (geojson-vt's shape) encoded as a Mapbox Vector Tile of one layer: byte for
 * byte what @maplibre/vt-pbf's fromGeojsonVt writes (the unit test compares them), in the same
 * order of fields, keys and values, without its per-feature wrapper and per-vertex Point objects,
 * and with its dictionaries of keys and values as Maps instead of objects (the values' keyed by
 * a new string `typeof value + ':' + value`). In a profile of the 100k load's first view, that dictionary
 * (writeProperties: a new string per property of each feature, an object of some 300,000 keys)
 * was the tiles worker's largest cost: about 0.5 s of CPU for the 4 tiles of France at zoom 5.
 */
import type { GeoJSONVTFeature } from '@maplibre/geojson-vt';
import { PbfWriter } from 'pbf';

interface Context {
  keys: string[];
  values: (string | number | boolean)[];
  keyIndex: Map<string, number>;
  /** As vt-pbf's keys `typeof value + ':' + value`: a Map tells types apart, and takes 0 and -0 alike, NaN as itself. */
  valueIndex: Map<string | number | boolean, number>;
}

/** How a layer is written: the Mapbox Vector Tile version, the extent, and the properties common to its features. */
interface LayerOptions {
  version: number;
  extent: number;
  /** Properties every feature of the tile gets after its own (as if each feature's tags ended with them). */
  common?: Readonly<Record<string, number>>;
}

const command = (cmd: number, length: number) => (length << 3) + (cmd & 7);
const zigzag = (n: number) => (n << 1) ^ (n >> 31);

/** The pbf bytes of a tile of one layer `name` holding `features`. */
export function encodeLayer(name: string, features: readonly GeoJSONVTFeature[], opts: LayerOptions): Uint8Array {
  const pbf = new PbfWriter();
  pbf.writeMessage(3, () => writeLayer(pbf, name, features, opts), null);
  return pbf.finish();
}

function writeLayer(pbf: PbfWriter, name: string, features: readonly GeoJSONVTFeature[], { version, extent, common }: LayerOptions): void {
  pbf.writeVarintField(15, version || 1);
  pbf.writeStringField(1, name || '');
  pbf.writeVarintField(5, extent || 4096);
  const c: Context = { keys: [], values: [], keyIndex: new Map(), valueIndex: new Map() };
  for (const f of features) pbf.writeMessage(2, () => writeFeature(pbf, f, c, common), null);
  for (const key of c.keys) pbf.writeStringField(3, key);
  for (const value of c.values) pbf.writeMessage(4, () => writeValue(pbf, value), null);
}

/** vt-pbf's FeatureWrapper's id: a string parsed as an integer, a number unless NaN. */
function featureId(f: GeoJSONVTFeature): number | undefined {
  if (!('id' in f)) return undefined;
  const id = f.id as unknown;
  if (typeof id === 'string') return parseInt(id, 10);
  return typeof id === 'number' && !isNaN(id) ? id : undefined;
}

function writeFeature(pbf: PbfWriter, f: GeoJSONVTFeature, c: Context, common: LayerOptions['common']): void {
  const id = featureId(f);
  if (id !== undefined) pbf.writeVarintField(1, id);
  pbf.writeMessage(
    2,
    () => {
      writeProperties(pbf, f.tags ?? {}, c);
      if (common) writeProperties(pbf, common, c);
    },
    null,
  );
  pbf.writeVarintField(3, f.type);
  pbf.writeMessage(4, () => writeGeometry(pbf, f), null);
}

function writeProperties(pbf: PbfWriter, properties: Readonly<Record<string, unknown>>, c: Context): void {
  for (const key in properties) {
    let value = properties[key];
    if (value == null) continue;
    let k = c.keyIndex.get(key);
    if (k === undefined) {
      k = c.keys.push(key) - 1;
      c.keyIndex.set(key, k);
    }
    pbf.writeVarint(k);
    if (typeof value !== 'string' && typeof value !== 'boolean' && typeof value !== 'number') value = JSON.stringify(value);
    const v = value as string | number | boolean;
    let i = c.valueIndex.get(v);
    if (i === undefined) {
      i = c.values.push(v) - 1;
      c.valueIndex.set(v, i);
    }
    pbf.writeVarint(i);
  }
}

function writeGeometry(pbf: PbfWriter, f: GeoJSONVTFeature): void {
  const type = f.type;
  const rings = (type === 1 ? [f.geometry] : f.geometry) as [number, number][][];
  let x = 0;
  let y = 0;
  for (const ring of rings) {
    pbf.writeVarint(command(1, type === 1 ? ring.length : 1));
    const last = ring[ring.length - 1];
    const lineCount = type === 3 && ring.length > 1 && last[0] === ring[0][0] && last[1] === ring[0][1] ? ring.length - 1 : ring.length;
    for (let i = 0; i < lineCount; i++) {
      if (i === 1 && type !== 1) pbf.writeVarint(command(2, lineCount - 1));
      const dx = ring[i][0] - x;
      const dy = ring[i][1] - y;
      pbf.writeVarint(zigzag(dx));
      pbf.writeVarint(zigzag(dy));
      x += dx;
      y += dy;
    }
    if (type === 3) pbf.writeVarint(command(7, 1));
  }
}

function writeValue(pbf: PbfWriter, value: string | number | boolean): void {
  if (typeof value === 'string') pbf.writeStringField(1, value);
  else if (typeof value === 'boolean') pbf.writeBooleanField(7, value);
  else if (value % 1 !== 0) pbf.writeDoubleField(3, value);
  else if (value < 0) pbf.writeSVarintField(6, value);
  else pbf.writeVarintField(5, value);
}
