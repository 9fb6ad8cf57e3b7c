/**
 * Well-Known Binary (ISO / OGC Simple Features) ⇄ GeoJSON geometry, for GeoPackage files.
 * Reads every geometry type, 2D, Z, M and ZM (ISO codes 1000+, 2000+, 3000+, and the EWKB
 * flag bits some writers use); Z and M values are dropped (the atlas is 2D). Writes 2D
 * Point, LineString, Polygon and their Multi forms, little-endian. Pure; no library: a WKB
 * reader/writer is a page of code, and the GeoPackage libraries on npm drag in Node modules.
 */
import type { Geometry, Position } from 'geojson';

export class WkbError extends Error {}

const TYPES = ['', 'Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon', 'GeometryCollection'] as const;

/** Reads one geometry at `offset`; returns it and the offset after it. */
export function readWkb(bytes: Uint8Array, offset = 0): { geometry: Geometry; end: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let o = offset;
  const need = (n: number) => {
    if (o + n > bytes.byteLength) throw new WkbError('géométrie WKB tronquée');
  };
  function geometry(): Geometry {
    need(5);
    const le = view.getUint8(o) === 1;
    o += 1;
    let code = view.getUint32(o, le);
    o += 4;
    // EWKB flags (PostGIS-style writers): Z, M, SRID.
    let dims = 2;
    if (code & 0x80000000) dims++;
    if (code & 0x40000000) dims++;
    if (code & 0x20000000) {
      need(4);
      o += 4;
    }
    code &= 0x0fffffff;
    const iso = Math.floor(code / 1000);
    if (iso === 1 || iso === 2) dims = 3;
    else if (iso === 3) dims = 4;
    const type = TYPES[code % 1000];
    if (!type) throw new WkbError(`type de géométrie WKB inconnu (${code})`);
    const u32 = () => {
      need(4);
      const v = view.getUint32(o, le);
      o += 4;
      return v;
    };
    const point = (): Position => {
      need(8 * dims);
      const p = [view.getFloat64(o, le), view.getFloat64(o + 8, le)];
      o += 8 * dims;
      return p;
    };
    const points = (): Position[] => {
      const n = u32();
      need(n * 8 * dims);
      const out: Position[] = new Array(n);
      for (let i = 0; i < n; i++) out[i] = point();
      return out;
    };
    const rings = (): Position[][] => {
      const n = u32();
      const out: Position[][] = [];
      for (let i = 0; i < n; i++) out.push(points());
      return out;
    };
    const parts = <G extends Geometry>(t: string): G[] => {
      const n = u32();
      const out: G[] = [];
      for (let i = 0; i < n; i++) {
        const g = geometry();
        if (t && g.type !== t) throw new WkbError(`une ${type} contient un ${g.type}`);
        out.push(g as G);
      }
      return out;
    };
    switch (type) {
      case 'Point': {
        const p = point();
        // An empty point is written as NaN coordinates.
        return { type: 'Point', coordinates: Number.isNaN(p[0]) && Number.isNaN(p[1]) ? [] : p };
      }
      case 'LineString':
        return { type: 'LineString', coordinates: points() };
      case 'Polygon':
        return { type: 'Polygon', coordinates: rings() };
      case 'MultiPoint':
        return { type: 'MultiPoint', coordinates: parts<{ type: 'Point'; coordinates: Position }>('Point').map((g) => g.coordinates) };
      case 'MultiLineString':
        return { type: 'MultiLineString', coordinates: parts<{ type: 'LineString'; coordinates: Position[] }>('LineString').map((g) => g.coordinates) };
      case 'MultiPolygon':
        return { type: 'MultiPolygon', coordinates: parts<{ type: 'Polygon'; coordinates: Position[][] }>('Polygon').map((g) => g.coordinates) };
      default:
        return { type: 'GeometryCollection', geometries: parts<Geometry>('') };
    }
  }
  const g = geometry();
  return { geometry: g, end: o };
}

const CODES: Record<string, number> = { Point: 1, LineString: 2, Polygon: 3, MultiPoint: 4, MultiLineString: 5, MultiPolygon: 6, GeometryCollection: 7 };

/** 2D little-endian WKB of a GeoJSON geometry. */
export function writeWkb(g: Geometry): Uint8Array {
  // Size first, then one pass of writes.
  const size = (x: Geometry): number => {
    switch (x.type) {
      case 'Point':
        return 5 + 16;
      case 'LineString':
        return 9 + 16 * x.coordinates.length;
      case 'Polygon':
        return 9 + x.coordinates.reduce((s, r) => s + 4 + 16 * r.length, 0);
      case 'MultiPoint':
        return 9 + x.coordinates.length * 21;
      case 'MultiLineString':
        return 9 + x.coordinates.reduce((s, l) => s + 9 + 16 * l.length, 0);
      case 'MultiPolygon':
        return 9 + x.coordinates.reduce((s, p) => s + 9 + p.reduce((t, r) => t + 4 + 16 * r.length, 0), 0);
      case 'GeometryCollection':
        return 9 + x.geometries.reduce((s, c) => s + size(c), 0);
    }
  };
  const out = new Uint8Array(size(g));
  const view = new DataView(out.buffer);
  let o = 0;
  const head = (type: string) => {
    view.setUint8(o, 1);
    view.setUint32(o + 1, CODES[type], true);
    o += 5;
  };
  const u32 = (n: number) => {
    view.setUint32(o, n, true);
    o += 4;
  };
  const pos = (p: Position) => {
    view.setFloat64(o, p.length ? p[0] : NaN, true);
    view.setFloat64(o + 8, p.length ? p[1] : NaN, true);
    o += 16;
  };
  const line = (ps: Position[]) => {
    u32(ps.length);
    ps.forEach(pos);
  };
  const poly = (rs: Position[][]) => {
    u32(rs.length);
    rs.forEach(line);
  };
  const write = (x: Geometry): void => {
    head(x.type);
    switch (x.type) {
      case 'Point':
        return pos(x.coordinates);
      case 'LineString':
        return line(x.coordinates);
      case 'Polygon':
        return poly(x.coordinates);
      case 'MultiPoint':
        u32(x.coordinates.length);
        return x.coordinates.forEach((p) => {
          head('Point');
          pos(p);
        });
      case 'MultiLineString':
        u32(x.coordinates.length);
        return x.coordinates.forEach((l) => {
          head('LineString');
          line(l);
        });
      case 'MultiPolygon':
        u32(x.coordinates.length);
        return x.coordinates.forEach((p) => {
          head('Polygon');
          poly(p);
        });
      case 'GeometryCollection':
        u32(x.geometries.length);
        return x.geometries.forEach(write);
    }
  };
  write(g);
  return out;
}
