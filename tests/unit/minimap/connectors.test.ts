import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { buildConnectors, minimapBounds, siteAnchor } from '../../../src/map/minimap/connectors';
import type { NetworkDistance } from '../../../src/domain/types';

const square: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [3.0, 49.0],
      [3.01, 49.0],
      [3.01, 49.01],
      [3.0, 49.01],
      [3.0, 49.0],
    ],
  ],
};

const nd = (lon: number, lat: number, name: string | null = null): NetworkDistance => ({ distance_m: 1000, nearest: [lon, lat], name, error_m: null });

describe('minimap connectors', () => {
  it('starts from the point itself for a point site', () => {
    expect(siteAnchor({ type: 'Point', coordinates: [3.3, 49.4] }, [3.4, 49.5])).toEqual([3.3, 49.4]);
  });
  it('starts from the nearest point of a polygon outline', () => {
    const a = siteAnchor(square, [3.05, 49.005]);
    expect(a[0]).toBeCloseTo(3.01, 6);
    expect(a[1]).toBeCloseTo(49.005, 3);
  });
  it('starts from the network point itself when it lies inside the site', () => {
    expect(siteAnchor(square, [3.005, 49.005])).toEqual([3.005, 49.005]);
  });
  it('builds one connector per known network, in the order RN2, waterway, station', () => {
    const c = buildConnectors(square, { station: nd(3.0, 49.1, 'Soissons'), rn2: nd(3.1, 49.0), waterway: null });
    expect(c.map((x) => x.kind)).toEqual(['rn2', 'station']);
    expect(c[1].name).toBe('Soissons');
    expect(c[1].to).toEqual([3.0, 49.1]);
  });
  it('frames the site and the connector ends', () => {
    const c = buildConnectors(square, { rn2: nd(3.1, 48.9) });
    expect(minimapBounds(square, c)).toEqual([3.0, 48.9, 3.1, 49.01]);
  });
});
