import { describe, expect, it } from 'vitest';
import type { FeatureCollection, Polygon } from 'geojson';
import {
  CRS_IDS,
  crsMemberName,
  detectCrs,
  parseCrsName,
  reprojectFeatureCollection,
  reprojectGeometry,
  reprojectPosition,
  samplePositions,
  toWgs84,
  type CrsId,
} from '../../../src/domain/crs';

/**
 * Independent implementation of the Lambert conformal conic projection on an ellipsoid
 * (Snyder, "Map Projections – A Working Manual", USGS PP 1395, 1987, eq. 15-1 to 15-11),
 * written here from the formulas so that proj4 is not checked against itself.
 */
const GRS80 = { a: 6378137, f: 1 / 298.257222101 };
const e2 = 2 * GRS80.f - GRS80.f * GRS80.f;
const e = Math.sqrt(e2);
const rad = (d: number) => (d * Math.PI) / 180;
const deg = (r: number) => (r * 180) / Math.PI;
const mOf = (phi: number) => Math.cos(phi) / Math.sqrt(1 - e2 * Math.sin(phi) ** 2);
const tOf = (phi: number) => Math.tan(Math.PI / 4 - phi / 2) / ((1 - e * Math.sin(phi)) / (1 + e * Math.sin(phi))) ** (e / 2);

interface Lcc {
  lat0: number;
  lon0: number;
  lat1: number;
  lat2: number;
  x0: number;
  y0: number;
}
function lccConstants(p: Lcc) {
  const m1 = mOf(rad(p.lat1));
  const m2 = mOf(rad(p.lat2));
  const t1 = tOf(rad(p.lat1));
  const t2 = tOf(rad(p.lat2));
  const n = (Math.log(m1) - Math.log(m2)) / (Math.log(t1) - Math.log(t2));
  const F = m1 / (n * t1 ** n);
  const rho0 = GRS80.a * F * tOf(rad(p.lat0)) ** n;
  return { n, F, rho0 };
}
function lccForward(p: Lcc, lon: number, lat: number): [number, number] {
  const { n, F, rho0 } = lccConstants(p);
  const rho = GRS80.a * F * tOf(rad(lat)) ** n;
  const theta = n * rad(lon - p.lon0);
  return [p.x0 + rho * Math.sin(theta), p.y0 + rho0 - rho * Math.cos(theta)];
}
function lccInverse(p: Lcc, x: number, y: number): [number, number] {
  const { n, F, rho0 } = lccConstants(p);
  const dx = x - p.x0;
  const dy = rho0 - (y - p.y0);
  const rho = Math.sign(n) * Math.hypot(dx, dy);
  const t = (rho / (GRS80.a * F)) ** (1 / n);
  const theta = Math.atan2(dx, dy);
  let phi = Math.PI / 2 - 2 * Math.atan(t);
  for (let i = 0; i < 20; i++) {
    phi = Math.PI / 2 - 2 * Math.atan(t * ((1 - e * Math.sin(phi)) / (1 + e * Math.sin(phi))) ** (e / 2));
  }
  return [deg(theta / n) + p.lon0, deg(phi)];
}

const L93: Lcc = { lat0: 46.5, lon0: 3, lat1: 49, lat2: 44, x0: 700000, y0: 6600000 };
const CC49: Lcc = { lat0: 49, lon0: 3, lat1: 48.25, lat2: 49.75, x0: 1700000, y0: 8200000 };
const CC50: Lcc = { lat0: 50, lon0: 3, lat1: 49.25, lat2: 50.75, x0: 1700000, y0: 9200000 };

/** Soissons, Cathédrale Saint-Gervais-et-Saint-Protais. */
const CATHEDRAL: [number, number] = [3.32667, 49.38119];
/** Metres per degree at this latitude, to turn an angular error into metres. */
const M_PER_DEG_LAT = 111_200;
const M_PER_DEG_LON = 111_320 * Math.cos(rad(49.38));

describe('Lambert-93 and CC49/CC50 (checked against an independent LCC implementation)', () => {
  it('the defined origin of each projection maps to its false easting/northing', () => {
    // These values are the definitions published by IGN (no computation involved).
    expect(reprojectPosition([3, 46.5], 'EPSG:4326', 'EPSG:2154')).toEqual([expect.closeTo(700000, 3), expect.closeTo(6600000, 3)]);
    expect(reprojectPosition([3, 49], 'EPSG:4326', 'EPSG:3949')).toEqual([expect.closeTo(1700000, 3), expect.closeTo(8200000, 3)]);
    expect(reprojectPosition([3, 50], 'EPSG:4326', 'EPSG:3950')).toEqual([expect.closeTo(1700000, 3), expect.closeTo(9200000, 3)]);
  });

  for (const [id, params] of [
    ['EPSG:2154', L93],
    ['EPSG:3949', CC49],
    ['EPSG:3950', CC50],
  ] as [CrsId, Lcc][]) {
    it(`${id}: Soissons cathedral, forward and inverse within 1 m`, () => {
      const ref = lccForward(params, ...CATHEDRAL);
      const got = reprojectPosition(CATHEDRAL, 'EPSG:4326', id);
      expect(Math.abs(got[0] - ref[0])).toBeLessThan(1);
      expect(Math.abs(got[1] - ref[1])).toBeLessThan(1);
      // Inverse: from the independent projected value back to degrees.
      const back = reprojectPosition(ref, id, 'EPSG:4326');
      const refBack = lccInverse(params, ...ref);
      expect(Math.abs(back[0] - CATHEDRAL[0]) * M_PER_DEG_LON).toBeLessThan(1);
      expect(Math.abs(back[1] - CATHEDRAL[1]) * M_PER_DEG_LAT).toBeLessThan(1);
      expect(Math.abs(refBack[0] - CATHEDRAL[0]) * M_PER_DEG_LON).toBeLessThan(0.01);
      expect(Math.abs(refBack[1] - CATHEDRAL[1]) * M_PER_DEG_LAT).toBeLessThan(0.01);
    });
  }

  it('Lambert-93 of the cathedral is in the expected place (Soissons is ~724 km E, ~6 920 km N)', () => {
    const [x, y] = reprojectPosition(CATHEDRAL, 'EPSG:4326', 'EPSG:2154');
    expect(x).toBeGreaterThan(723_000);
    expect(x).toBeLessThan(724_500);
    expect(y).toBeGreaterThan(6_919_500);
    expect(y).toBeLessThan(6_921_000);
  });

  it('agrees with the independent implementation over a grid covering the PETR, within 1 m', () => {
    for (let lon = 2.9; lon <= 3.8; lon += 0.15) {
      for (let lat = 49.1; lat <= 49.55; lat += 0.09) {
        for (const [id, params] of [
          ['EPSG:2154', L93],
          ['EPSG:3949', CC49],
        ] as [CrsId, Lcc][]) {
          const ref = lccForward(params, lon, lat);
          const got = reprojectPosition([lon, lat], 'EPSG:4326', id);
          expect(Math.hypot(got[0] - ref[0], got[1] - ref[1])).toBeLessThan(1);
        }
      }
    }
  });

  it('Web Mercator matches the spherical formulas', () => {
    const R = 6378137;
    const [x, y] = reprojectPosition(CATHEDRAL, 'EPSG:4326', 'EPSG:3857');
    expect(x).toBeCloseTo(R * rad(CATHEDRAL[0]), 3);
    expect(y).toBeCloseTo(R * Math.log(Math.tan(Math.PI / 4 + rad(CATHEDRAL[1]) / 2)), 3);
  });
});

describe('reprojection helpers', () => {
  const square: Polygon = {
    type: 'Polygon',
    coordinates: [
      [
        [3.32, 49.38],
        [3.33, 49.38],
        [3.33, 49.39],
        [3.32, 49.39],
        [3.32, 49.38],
      ],
    ],
  };

  it('round-trips a polygon through every CRS to better than 1e-9 degree', () => {
    for (const id of CRS_IDS) {
      const there = reprojectGeometry(square, 'EPSG:4326', id);
      const back = toWgs84(there, id);
      back.coordinates[0].forEach((p, i) => {
        expect(p[0]).toBeCloseTo(square.coordinates[0][i][0], 9);
        expect(p[1]).toBeCloseTo(square.coordinates[0][i][1], 9);
      });
    }
  });

  it('does not mutate its input and keeps extra dimensions', () => {
    const copy = JSON.parse(JSON.stringify(square));
    reprojectGeometry(square, 'EPSG:4326', 'EPSG:2154');
    expect(square).toEqual(copy);
    const p = reprojectPosition([3.3, 49.4, 57], 'EPSG:4326', 'EPSG:2154');
    expect(p[2]).toBe(57);
  });

  it('sets the legacy crs member for projected output and removes it for WGS84', () => {
    const fc: FeatureCollection = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { a: 1 }, geometry: square }] };
    const l93 = reprojectFeatureCollection(fc, 'EPSG:4326', 'EPSG:2154') as FeatureCollection & { crs?: unknown };
    expect(l93.crs).toEqual({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::2154' } });
    expect(l93.features[0].properties).toEqual({ a: 1 });
    const back = toWgs84(l93, 'EPSG:2154') as FeatureCollection & { crs?: unknown };
    expect(back.crs).toBeUndefined();
    // and the re-import detection reads it
    expect(detectCrs({ crsMember: l93.crs, sampleCoords: samplePositions([l93.features[0].geometry]) }).crs).toBe('EPSG:2154');
  });
});

describe('CRS names', () => {
  it.each([
    ['urn:ogc:def:crs:EPSG::2154', 'EPSG:2154'],
    ['urn:ogc:def:crs:EPSG:6.6:2154', 'EPSG:2154'],
    ['EPSG:2154', 'EPSG:2154'],
    ['epsg:3949', 'EPSG:3949'],
    ['http://www.opengis.net/def/crs/EPSG/0/3950', 'EPSG:3950'],
    ['urn:ogc:def:crs:OGC:1.3:CRS84', 'EPSG:4326'],
    ['urn:ogc:def:crs:EPSG::4326', 'EPSG:4326'],
    ['EPSG:4171', 'EPSG:4326'],
    ['EPSG:900913', 'EPSG:3857'],
    ['ESRI:102100', 'EPSG:3857'],
    ['RGF93 / Lambert-93', 'EPSG:2154'],
    ['RGF93 / CC49', 'EPSG:3949'],
    ['EPSG:27572', null],
    ['n’importe quoi', null],
  ])('%s → %s', (name, id) => {
    expect(parseCrsName(name)).toBe(id);
  });

  it('reads the name of the different crs member shapes', () => {
    expect(crsMemberName({ type: 'name', properties: { name: 'EPSG:2154' } })).toBe('EPSG:2154');
    expect(crsMemberName({ type: 'EPSG', properties: { code: 3949 } })).toBe('EPSG:3949');
    expect(crsMemberName('EPSG:3950')).toBe('EPSG:3950');
    expect(crsMemberName(null)).toBeNull();
    expect(crsMemberName({})).toBeNull();
  });
});

describe('detectCrs', () => {
  const inAll = (id: CrsId) => [CATHEDRAL, [3.0884, 49.2526] /* Villers-Cotterêts */, [3.5, 49.45]].map((p) => reprojectPosition(p, 'EPSG:4326', id) as [number, number]);

  it('trusts a supported crs member that fits the coordinates', () => {
    const d = detectCrs({ crsMember: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::2154' } }, sampleCoords: inAll('EPSG:2154') });
    expect(d).toMatchObject({ crs: 'EPSG:2154', reason: 'crs-member', confidence: 'sure' });
    expect(d.message).toContain('Lambert-93');
  });

  it('refuses an unknown declared CRS and names it', () => {
    const d = detectCrs({ crsMember: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::27572' } }, sampleCoords: [[650000, 2480000]] });
    expect(d.crs).toBeNull();
    expect(d.reason).toBe('crs-member');
    expect(d.confidence).toBe('unknown');
    expect(d.message).toContain('« urn:ogc:def:crs:EPSG::27572 »');
  });

  it('flags a declared CRS that contradicts the coordinates', () => {
    const d = detectCrs({ crsMember: 'EPSG:2154', sampleCoords: [CATHEDRAL] });
    expect(d.crs).toBe('EPSG:2154');
    expect(d.confidence).toBe('likely');
    expect(d.conflict).toEqual({ suggested: 'EPSG:4326' });
    expect(d.message).toMatch(/ressemblent à du WGS 84/);
  });

  it.each(CRS_IDS.map((id) => [id]))('recognises %s from the coordinate ranges alone', (id) => {
    const d = detectCrs({ sampleCoords: inAll(id) });
    expect(d.crs).toBe(id);
    expect(d.reason).toBe('coordinate-range');
    expect(d.confidence).toBe(id === 'EPSG:4326' ? 'sure' : 'likely');
  });

  it('tells Web Mercator from Lambert-93 although their eastings overlap', () => {
    // x = 370 000 is a valid easting in both; the northing (6.34 M) says Web Mercator near Soissons,
    // while in Lambert-93 it would be in the Landes.
    const wm = inAll('EPSG:3857');
    expect(wm[0][0]).toBeGreaterThan(100_000);
    expect(detectCrs({ sampleCoords: wm }).crs).toBe('EPSG:3857');
    // Lambert-93 of the PETR: northing 6.9 M, outside the Web Mercator range for France.
    expect(detectCrs({ sampleCoords: inAll('EPSG:2154') }).crs).toBe('EPSG:2154');
  });

  it('returns null with a message when the coordinates fit nothing or are mixed', () => {
    expect(detectCrs({ sampleCoords: [[5_000_000, 5_000_000]] })).toMatchObject({ crs: null, confidence: 'unknown' });
    const mixed = detectCrs({ sampleCoords: [CATHEDRAL, inAll('EPSG:2154')[0]] });
    expect(mixed.crs).toBeNull();
    expect(mixed.message).toContain('mélange');
    expect(detectCrs({ sampleCoords: [] }).crs).toBeNull();
  });

  it('hints at swapped latitude/longitude', () => {
    const d = detectCrs({ sampleCoords: [[CATHEDRAL[1], CATHEDRAL[0]]] });
    expect(d.crs).toBe('EPSG:4326');
    expect(d.confidence).toBe('likely');
    expect(d.message).toContain('inversées');
  });
});
