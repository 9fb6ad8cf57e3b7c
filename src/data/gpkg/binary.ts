/**
 * GeoPackageBinary geometry blobs (OGC GeoPackage 1.3, § 2.1.3): a header — magic « GP »,
 * version, flags (byte order, envelope kind, empty flag), srs_id, optional envelope — then
 * the geometry as standard WKB.
 */
import type { Geometry, Position } from 'geojson';
import { readWkb, WkbError, writeWkb } from './wkb';

const ENVELOPE_BYTES = [0, 32, 48, 48, 64];

export interface GpkgGeometry {
  srsId: number;
  /** null for an empty geometry. */
  geometry: Geometry | null;
}

export function decodeGpkgGeometry(blob: Uint8Array): GpkgGeometry {
  if (blob.byteLength < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) throw new WkbError('la géométrie n’est pas au format GeoPackage (en-tête « GP » absent)');
  const flags = blob[3];
  const le = (flags & 1) === 1;
  const envelope = (flags >> 1) & 7;
  if (envelope >= ENVELOPE_BYTES.length) throw new WkbError('en-tête de géométrie GeoPackage invalide');
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const srsId = view.getInt32(4, le);
  if ((flags >> 4) & 1) return { srsId, geometry: null };
  const { geometry } = readWkb(blob, 8 + ENVELOPE_BYTES[envelope]);
  return { srsId, geometry };
}

/** Bounding box [minX, minY, maxX, maxY] of a geometry's positions. */
export function envelopeOf(g: Geometry): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (p: Position) => {
    if (p[0] < box[0]) box[0] = p[0];
    if (p[1] < box[1]) box[1] = p[1];
    if (p[0] > box[2]) box[2] = p[0];
    if (p[1] > box[3]) box[3] = p[1];
  };
  const walk = (x: Geometry): void => {
    switch (x.type) {
      case 'Point':
        return visit(x.coordinates);
      case 'LineString':
      case 'MultiPoint':
        return x.coordinates.forEach(visit);
      case 'Polygon':
      case 'MultiLineString':
        return x.coordinates.forEach((r) => r.forEach(visit));
      case 'MultiPolygon':
        return x.coordinates.forEach((p) => p.forEach((r) => r.forEach(visit)));
      case 'GeometryCollection':
        return x.geometries.forEach(walk);
    }
  };
  walk(g);
  return box;
}

/** Little-endian header with the XY envelope (points get none, as the standard allows). */
export function encodeGpkgGeometry(g: Geometry, srsId: number): Uint8Array {
  const wkb = writeWkb(g);
  const withEnvelope = g.type !== 'Point';
  const head = 8 + (withEnvelope ? 32 : 0);
  const out = new Uint8Array(head + wkb.byteLength);
  const view = new DataView(out.buffer);
  out[0] = 0x47;
  out[1] = 0x50;
  out[2] = 0; // version 1
  out[3] = 1 | ((withEnvelope ? 1 : 0) << 1);
  view.setInt32(4, srsId, true);
  if (withEnvelope) {
    const [minX, minY, maxX, maxY] = envelopeOf(g);
    view.setFloat64(8, minX, true);
    view.setFloat64(16, maxX, true);
    view.setFloat64(24, minY, true);
    view.setFloat64(32, maxY, true);
  }
  out.set(wkb, head);
  return out;
}
