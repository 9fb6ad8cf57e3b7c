import { describe, expect, it } from 'vitest';
import type { GeoJSONVTFeature, GeoJSONVTTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { encodeLayer } from '../../../src/map/siteTiles/encode';

/**
 * src/map/siteTiles/encode.ts writes the bytes @maplibre/vt-pbf writes for the same geojson-vt
 * features: points, lines, polygons (closed rings and not), ids of every kind, and properties of
 * every type (null ones left out, objects as JSON, the same value as a string and as a number
 * kept apart, 0 and -0 alike), and properties common to every feature of the tile after their own.
 */
describe('site tile encoding (src/map/siteTiles/encode.ts)', () => {
  it('writes the same bytes as vt-pbf', () => {
    const features = [
      { type: 1, geometry: [[10, 20]], tags: { id: 'A', name: 'Friche « test »', _fid: 1, fictitious: true, kind: 'friche' } },
      { type: 1, geometry: [[-5, 8200], [30, 40]], tags: { id: '1', n: 1, neg: -3, f: 0.5, z: 0, mz: -0, nan: NaN, big: 2 ** 40, obj: { a: [1, 2] }, gone: null, undef: undefined }, id: 42 },
      { type: 2, geometry: [[[0, 0], [10, 0], [10, 10]]], tags: null, id: '17abc' },
      { type: 3, geometry: [[[0, 0], [100, 0], [100, 100], [0, 0]], [[10, 10], [20, 10], [10, 20], [10, 10]]], tags: { id: 'A', kind: 'plot', fictitious: false, n: '1' }, id: 'x' },
      { type: 3, geometry: [[[0, 0], [100, 0], [100, 100]]], tags: { kind: 'zone', _fid: 1 }, id: NaN },
      { type: 1, geometry: [[8192, 0]], tags: {} },
    ] as unknown as GeoJSONVTFeature[];
    const ours = encodeLayer('sites', features, { version: 2, extent: 8192 });
    const theirs = fromGeojsonVt({ sites: { features } as GeoJSONVTTile }, { version: 2, extent: 8192 });
    expect(Buffer.from(ours).toString('hex')).toBe(Buffer.from(theirs).toString('hex'));

    // Properties common to the tile's features (the draw flags): as if each feature's tags ended with them.
    const common = { _sym: 0, _lbl: 1 };
    const withCommon = encodeLayer('sites', features, { version: 2, extent: 8192, common });
    const tagged = features.map((f) => ({ ...f, tags: { ...(f.tags ?? {}), ...common } }));
    const theirsTagged = fromGeojsonVt({ sites: { features: tagged } as unknown as GeoJSONVTTile }, { version: 2, extent: 8192 });
    expect(Buffer.from(withCommon).toString('hex')).toBe(Buffer.from(theirsTagged).toString('hex'));
  });
});
