/**
 * Spherical geometry on the same sphere and with the same conventions as Turf 7
 * (`@turf/distance` haversine, `@turf/nearest-point-on-line` great-circle projection),
 * written over flat typed arrays so that no object is allocated per segment.
 *
 * Positions are unit vectors on the sphere: x = cos φ cos λ, y = cos φ sin λ, z = sin φ.
 * A network or site edge is stored in an "edge array" with EDGE_STRIDE numbers per edge:
 *   [ax, ay, az, bx, by, bz, nx, ny, nz, degenerate]
 * where N is the normalised axis A×B of the great circle through A and B
 * (degenerate = 1 when A and B coincide: the edge is then the point B, as in Turf).
 */

/** Turf's mean earth radius (metres), so that results match Turf exactly. */
export const EARTH_RADIUS_M = 6371008.8;
export const DEG = Math.PI / 180;
export const EDGE_STRIDE = 10;

/** Writes the unit vector of (lon, lat) in degrees into out[o..o+2]. */
export function unitVector(lon: number, lat: number, out: Float64Array, o: number): void {
  const phi = lat * DEG;
  const lambda = lon * DEG;
  const c = Math.cos(phi);
  out[o] = c * Math.cos(lambda);
  out[o + 1] = c * Math.sin(lambda);
  out[o + 2] = Math.sin(phi);
}

/** [lon, lat] in degrees of a (not necessarily unit) vector, as Turf's vectorToLngLat. */
export function vectorToLonLat(x: number, y: number, z: number): [number, number] {
  const n = Math.sqrt(x * x + y * y + z * z);
  const zc = Math.min(Math.max(z / n, -1), 1);
  return [Math.atan2(y, x) / DEG, Math.asin(zc) / DEG];
}

/** Fills edge `i` of `edges` from two (lon, lat) positions in degrees. */
export function setEdge(edges: Float64Array, i: number, lonA: number, latA: number, lonB: number, latB: number): void {
  const o = i * EDGE_STRIDE;
  unitVector(lonA, latA, edges, o);
  unitVector(lonB, latB, edges, o + 3);
  const ax = edges[o], ay = edges[o + 1], az = edges[o + 2];
  const bx = edges[o + 3], by = edges[o + 4], bz = edges[o + 5];
  const nx = ay * bz - az * by;
  const ny = az * bx - ax * bz;
  const nz = ax * by - ay * bx;
  const n = Math.sqrt(nx * nx + ny * ny + nz * nz);
  if (n === 0 || (lonA === lonB && latA === latB)) {
    edges[o + 6] = 0;
    edges[o + 7] = 0;
    edges[o + 8] = 0;
    edges[o + 9] = 1;
  } else {
    edges[o + 6] = nx / n;
    edges[o + 7] = ny / n;
    edges[o + 8] = nz / n;
    edges[o + 9] = 0;
  }
}

/**
 * Fills edge `i` from two unit vectors already computed (ax..az, bx..bz); `same` says whether
 * the two lon/lat ends are identical (degenerate edge).
 */
export function setEdgeFromVectors(
  edges: Float64Array, i: number,
  ax: number, ay: number, az: number, bx: number, by: number, bz: number, same: boolean,
): void {
  const o = i * EDGE_STRIDE;
  edges[o] = ax; edges[o + 1] = ay; edges[o + 2] = az;
  edges[o + 3] = bx; edges[o + 4] = by; edges[o + 5] = bz;
  const nx = ay * bz - az * by;
  const ny = az * bx - ax * bz;
  const nz = ax * by - ay * bx;
  const n = Math.sqrt(nx * nx + ny * ny + nz * nz);
  if (n === 0 || same) {
    edges[o + 6] = 0; edges[o + 7] = 0; edges[o + 8] = 0; edges[o + 9] = 1;
  } else {
    edges[o + 6] = nx / n; edges[o + 7] = ny / n; edges[o + 8] = nz / n; edges[o + 9] = 0;
  }
}

/**
 * Squared chord length between C and the nearest point of arc `i` (same rule as arcAngle).
 * Monotonic in the central angle (chord = 2·sin(θ/2)) and free of trigonometry, so it is
 * what the search compares; chord2ToAngle converts the winner.
 */
export function arcChord2(edges: Float64Array, i: number, cx: number, cy: number, cz: number): number {
  const o = i * EDGE_STRIDE;
  const ax = edges[o], ay = edges[o + 1], az = edges[o + 2];
  const bx = edges[o + 3], by = edges[o + 4], bz = edges[o + 5];
  if (edges[o + 9] === 0) {
    const nx = edges[o + 6], ny = edges[o + 7], nz = edges[o + 8];
    const s = cx * nx + cy * ny + cz * nz;
    const ix = cx - s * nx, iy = cy - s * ny, iz = cz - s * nz;
    const cmpAI = (ay * iz - az * iy) * nx + (az * ix - ax * iz) * ny + (ax * iy - ay * ix) * nz;
    const cmpIB = (iy * bz - iz * by) * nx + (iz * bx - ix * bz) * ny + (ix * by - iy * bx) * nz;
    if (cmpAI >= 0 && cmpIB >= 0 && (ix !== 0 || iy !== 0 || iz !== 0)) {
      // |C − I/|I||² = 2(1 − cos θ) with cos θ = |I| = √(1 − s²); written without cancellation.
      const t = Math.sqrt(ix * ix + iy * iy + iz * iz);
      return (2 * s * s) / (1 + t);
    }
    const dax = cx - ax, day = cy - ay, daz = cz - az;
    const dbx = cx - bx, dby = cy - by, dbz = cz - bz;
    const da = dax * dax + day * day + daz * daz;
    const db = dbx * dbx + dby * dby + dbz * dbz;
    return da < db ? da : db;
  }
  const dbx = cx - bx, dby = cy - by, dbz = cz - bz;
  return dbx * dbx + dby * dby + dbz * dbz;
}

/** Central angle (radians) of a squared chord length. */
export function chord2ToAngle(c2: number): number {
  return 2 * Math.asin(Math.min(1, Math.sqrt(c2) / 2));
}

/** Squared chord length of a central angle (radians). */
export function angleToChord2(a: number): number {
  const c = 2 * Math.sin(Math.min(Math.PI, a) / 2);
  return c * c;
}

/** Central angle (radians) between two unit vectors, numerically stable for small angles. */
export function angleBetween(ax: number, ay: number, az: number, bx: number, by: number, bz: number): number {
  const dx = ax - bx, dy = ay - by, dz = az - bz;
  const chord = Math.sqrt(dx * dx + dy * dy + dz * dz);
  return 2 * Math.asin(Math.min(1, chord / 2));
}

/**
 * Central angle (radians) from unit vector C to the great-circle arc of edge `i`:
 * the projection of C on the arc's great circle if it falls between A and B, else the
 * nearer end (Turf's nearestPointOnSegment rule).
 */
export function arcAngle(edges: Float64Array, i: number, cx: number, cy: number, cz: number): number {
  const o = i * EDGE_STRIDE;
  const ax = edges[o], ay = edges[o + 1], az = edges[o + 2];
  const bx = edges[o + 3], by = edges[o + 4], bz = edges[o + 5];
  if (edges[o + 9] === 0) {
    const nx = edges[o + 6], ny = edges[o + 7], nz = edges[o + 8];
    const s = cx * nx + cy * ny + cz * nz;
    const ix = cx - s * nx, iy = cy - s * ny, iz = cz - s * nz;
    // (A × I)·N >= 0 and (I × B)·N >= 0  <=>  I lies on the arc from A to B.
    const cmpAI = (ay * iz - az * iy) * nx + (az * ix - ax * iz) * ny + (ax * iy - ay * ix) * nz;
    const cmpIB = (iy * bz - iz * by) * nx + (iz * bx - ix * bz) * ny + (ix * by - iy * bx) * nz;
    if (cmpAI >= 0 && cmpIB >= 0 && (ix !== 0 || iy !== 0 || iz !== 0)) {
      const t = Math.sqrt(ix * ix + iy * iy + iz * iz);
      return Math.atan2(Math.abs(s), t);
    }
    const dA = ax * cx + ay * cy + az * cz;
    const dB = bx * cx + by * cy + bz * cz;
    return dA > dB ? angleBetween(cx, cy, cz, ax, ay, az) : angleBetween(cx, cy, cz, bx, by, bz);
  }
  return angleBetween(cx, cy, cz, bx, by, bz);
}

/** The point of arc `i` nearest to C, as [lon, lat] (same rule as arcAngle). */
export function arcNearest(edges: Float64Array, i: number, cx: number, cy: number, cz: number): [number, number] {
  const o = i * EDGE_STRIDE;
  const ax = edges[o], ay = edges[o + 1], az = edges[o + 2];
  const bx = edges[o + 3], by = edges[o + 4], bz = edges[o + 5];
  if (edges[o + 9] === 0) {
    const nx = edges[o + 6], ny = edges[o + 7], nz = edges[o + 8];
    const s = cx * nx + cy * ny + cz * nz;
    const ix = cx - s * nx, iy = cy - s * ny, iz = cz - s * nz;
    const cmpAI = (ay * iz - az * iy) * nx + (az * ix - ax * iz) * ny + (ax * iy - ay * ix) * nz;
    const cmpIB = (iy * bz - iz * by) * nx + (iz * bx - ix * bz) * ny + (ix * by - iy * bx) * nz;
    if (cmpAI >= 0 && cmpIB >= 0 && (ix !== 0 || iy !== 0 || iz !== 0)) return vectorToLonLat(ix, iy, iz);
    const dA = ax * cx + ay * cy + az * cz;
    const dB = bx * cx + by * cy + bz * cz;
    return dA > dB ? vectorToLonLat(ax, ay, az) : vectorToLonLat(bx, by, bz);
  }
  return vectorToLonLat(bx, by, bz);
}

/** Haversine distance in metres between two [lon, lat] positions (Turf's `distance`). */
export function haversineM(a: readonly number[], b: readonly number[]): number {
  const dLat = (b[1] - a[1]) * DEG;
  const dLon = (b[0] - a[0]) * DEG;
  const h = Math.sin(dLat / 2) ** 2 + Math.sin(dLon / 2) ** 2 * Math.cos(a[1] * DEG) * Math.cos(b[1] * DEG);
  return 2 * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h)) * EARTH_RADIUS_M;
}

/**
 * Fraction t ∈ [0, 1] along arc `i` (from A to B, by angle) of the point nearest to C (same
 * rule as arcAngle): the seed of the ellipsoidal point-to-edge search.
 */
export function arcFraction(edges: Float64Array, i: number, cx: number, cy: number, cz: number): number {
  const o = i * EDGE_STRIDE;
  if (edges[o + 9] !== 0) return 0;
  const ax = edges[o], ay = edges[o + 1], az = edges[o + 2];
  const bx = edges[o + 3], by = edges[o + 4], bz = edges[o + 5];
  const nx = edges[o + 6], ny = edges[o + 7], nz = edges[o + 8];
  const s = cx * nx + cy * ny + cz * nz;
  const ix = cx - s * nx, iy = cy - s * ny, iz = cz - s * nz;
  const cmpAI = (ay * iz - az * iy) * nx + (az * ix - ax * iz) * ny + (ax * iy - ay * ix) * nz;
  const cmpIB = (iy * bz - iz * by) * nx + (iz * bx - ix * bz) * ny + (ix * by - iy * bx) * nz;
  if (cmpAI >= 0 && cmpIB >= 0 && (ix !== 0 || iy !== 0 || iz !== 0)) {
    const n = Math.sqrt(ix * ix + iy * iy + iz * iz);
    const total = angleBetween(ax, ay, az, bx, by, bz);
    return total > 0 ? Math.min(1, angleBetween(ax, ay, az, ix / n, iy / n, iz / n) / total) : 0;
  }
  return ax * cx + ay * cy + az * cz > bx * cx + by * cy + bz * cz ? 0 : 1;
}
