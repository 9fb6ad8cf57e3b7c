/**
 * Distances from points and polygons to lines on the SPHERE (the `model: 'sphere'` option,
 * Turf's conventions, kept for comparisons and benches): exact cases checked against
 * independent formulas (haversine, cross-track), and a planar check in Lambert-93. The
 * default WGS84 model is checked in ellipsoid.test.ts and realBruteForce.test.ts.
 */
import { describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import { along } from '@turf/along';
import { destination } from '@turf/destination';
import { lineString } from '@turf/helpers';
import type { Position } from 'geojson';
import { createDistanceCalculator } from '../../../src/domain/distances';
import { arcDistance, crossTrack, haversine, line, rn2Only } from './helpers';

proj4.defs('EPSG:2154', '+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +units=m +no_defs');

function distTo(coordsList: Position[][], geometry: Parameters<ReturnType<typeof createDistanceCalculator>['compute']>[0]) {
  const calc = createDistanceCalculator(rn2Only(coordsList.map((c) => line(c, 'RN2'))), { model: 'sphere' });
  return calc.compute(geometry).rn2!;
}

describe('point to line', () => {
  const seg: Position[] = [[3.0, 49.1], [3.2, 49.2]];

  it('gives 0 for a point on the line (vertex or interior point of the great circle)', () => {
    expect(distTo([seg], { type: 'Point', coordinates: [3.0, 49.1] }).distance_m).toBeLessThan(1e-6);
    const mid = along(lineString(seg), 5, { units: 'kilometers' }).geometry.coordinates;
    expect(distTo([seg], { type: 'Point', coordinates: mid }).distance_m).toBeLessThan(0.001);
  });

  it('matches the cross-track formula for points at known offsets (geodesic check)', () => {
    const mid = along(lineString(seg), 8, { units: 'kilometers' }).geometry.coordinates;
    for (const offset of [10, 100, 1000, 5000]) {
      for (const side of [90, -90]) {
        // Perpendicular to the segment at the midpoint: bearing of the segment ± 90°.
        const p = destination(mid, offset / 1000, bearingDeg(seg[0], seg[1]) + side, { units: 'kilometers' }).geometry.coordinates;
        const d = distTo([seg], { type: 'Point', coordinates: p });
        const expected = crossTrack(p, seg[0], seg[1]);
        expect(Math.abs(d.distance_m - expected)).toBeLessThan(0.01);
        // The offset itself, within the sphere's own bearing drift along the way.
        expect(Math.abs(d.distance_m - offset)).toBeLessThan(offset * 0.002 + 0.01);
      }
    }
  });

  it('agrees with a planar Lambert-93 distance within 0.5 % (planar check)', () => {
    const [ax, ay] = proj4('EPSG:4326', 'EPSG:2154', seg[0]);
    const [bx, by] = proj4('EPSG:4326', 'EPSG:2154', seg[1]);
    for (const [x, y] of [[ax + 300, ay + 4000], [ax - 2000, ay + 9000], [ax + 8000, ay - 1500]]) {
      const p = proj4('EPSG:2154', 'EPSG:4326', [x, y]);
      const vx = bx - ax, vy = by - ay;
      const t = Math.max(0, Math.min(1, ((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy)));
      const planar = Math.hypot(x - (ax + t * vx), y - (ay + t * vy));
      const d = distTo([seg], { type: 'Point', coordinates: p }).distance_m;
      expect(Math.abs(d - planar) / planar).toBeLessThan(0.005);
    }
  });

  it('gives the distance to the end point for a site beyond the end of a line', () => {
    const p: Position = [2.95, 49.05];
    const d = distTo([seg], { type: 'Point', coordinates: p });
    expect(d.distance_m).toBeCloseTo(haversine(p, seg[0]), 3);
    expect(d.nearest[0]).toBeCloseTo(3.0, 9);
    expect(d.nearest[1]).toBeCloseTo(49.1, 9);
  });

  it('returns the nearest point of the line, on the line', () => {
    const p: Position = [3.1, 49.1];
    const d = distTo([seg], { type: 'Point', coordinates: p });
    // The nearest point is rounded to 1e-7° (about 1 cm).
    expect(Math.abs(haversine(p, d.nearest) - d.distance_m)).toBeLessThan(0.02);
    expect(arcDistance(d.nearest, seg[0], seg[1])).toBeLessThan(0.02);
  });
});

function bearingDeg(a: Position, b: Position): number {
  const r = Math.PI / 180;
  const y = Math.sin((b[0] - a[0]) * r) * Math.cos(b[1] * r);
  const x = Math.cos(a[1] * r) * Math.sin(b[1] * r) - Math.sin(a[1] * r) * Math.cos(b[1] * r) * Math.cos((b[0] - a[0]) * r);
  return (Math.atan2(y, x) * 180) / Math.PI;
}

const square = (lon: number, lat: number, dLon: number, dLat: number) => ({
  type: 'Polygon' as const,
  coordinates: [[[lon, lat], [lon + dLon, lat], [lon + dLon, lat + dLat], [lon, lat + dLat], [lon, lat]]],
});

describe('polygon to line', () => {
  it('gives 0 for a polygon crossed by the line', () => {
    const d = distTo([[[3.0, 49.1], [3.2, 49.1]]], square(3.05, 49.09, 0.02, 0.02));
    expect(d.distance_m).toBe(0);
    expect(d.nearest[1]).toBeCloseTo(49.1, 9);
  });

  it('gives 0 for a polygon containing the whole line', () => {
    expect(distTo([[[3.06, 49.1], [3.07, 49.105]]], square(3.05, 49.09, 0.03, 0.03)).distance_m).toBe(0);
  });

  it('gives 0 for a polygon touching the line at a vertex', () => {
    expect(distTo([[[3.0, 49.0], [3.05, 49.09]]], square(3.05, 49.09, 0.02, 0.02)).distance_m).toBe(0);
  });

  it('gives the distance from its nearest vertex when a corner is nearest', () => {
    const seg: Position[] = [[3.0, 49.2], [3.2, 49.0]];
    const poly = square(3.11, 49.11, 0.02, 0.02); // lower-left corner (3.11, 49.11) faces the line
    const d = distTo([seg], poly);
    const expected = Math.min(...poly.coordinates[0].map((v) => arcDistance(v, seg[0], seg[1])));
    expect(d.distance_m).toBeCloseTo(expected, 2);
    expect(d.distance_m).toBeGreaterThan(0);
  });

  it('gives the distance from a network vertex to a polygon edge when that is nearer than any polygon vertex', () => {
    // A V-shaped line whose apex points at the middle of the polygon's long top edge.
    const v: Position[] = [[3.0, 49.2], [3.05, 49.1005], [3.1, 49.2]];
    const poly = square(3.0, 49.09, 0.1, 0.01); // top edge: lat 49.1 from lon 3.0 to 3.1
    const d = distTo([v], poly);
    const apexToEdge = arcDistance(v[1], [3.0, 49.1], [3.1, 49.1]);
    const vertexToLine = Math.min(...poly.coordinates[0].map((p) => Math.min(arcDistance(p, v[0], v[1]), arcDistance(p, v[1], v[2]))));
    expect(apexToEdge).toBeLessThan(vertexToLine / 10);
    expect(d.distance_m).toBeCloseTo(apexToEdge, 2);
    expect(d.nearest).toEqual(v[1]);
  });

  it('measures a multipolygon from its nearest polygon', () => {
    const seg: Position[] = [[3.0, 49.1], [3.2, 49.1]];
    const near = square(3.1, 49.105, 0.01, 0.01);
    const far = square(3.1, 49.2, 0.01, 0.01);
    const d = distTo([seg], { type: 'MultiPolygon', coordinates: [far.coordinates, near.coordinates] });
    expect(d.distance_m).toBeCloseTo(distTo([seg], near).distance_m, 6);
  });

  it('measures a polygon with a hole that surrounds the line from the hole ring (not 0)', () => {
    const outer = [[3.0, 49.0], [3.2, 49.0], [3.2, 49.2], [3.0, 49.2], [3.0, 49.0]];
    const hole = [[3.05, 49.05], [3.15, 49.05], [3.15, 49.15], [3.05, 49.15], [3.05, 49.05]];
    const seg: Position[] = [[3.09, 49.1], [3.11, 49.1]];
    const d = distTo([seg], { type: 'Polygon', coordinates: [outer, hole] });
    expect(d.distance_m).toBeGreaterThan(2000);
    expect(d.distance_m).toBeCloseTo(arcDistance(seg[0], [3.05, 49.15], [3.05, 49.05]), 1);
  });
});

describe('unmeasurable geometries', () => {
  it('gives nulls (never a made-up value) for non-finite coordinates or a wrong type', () => {
    const calc = createDistanceCalculator(rn2Only([line([[3.0, 49.1], [3.2, 49.1]], 'RN2')]));
    expect(calc.compute({ type: 'Point', coordinates: [NaN, 49.1] }).rn2).toBeNull();
    expect(calc.compute({ type: 'LineString', coordinates: [[3, 49], [3.1, 49]] } as never).rn2).toBeNull();
    expect(calc.compute({ type: 'Polygon', coordinates: [[[3, 49], [3.1, 49]]] }).rn2).toBeNull();
  });
});
