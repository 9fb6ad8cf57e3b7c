/**
 * Geodesics on the WGS84 ellipsoid, for the final distance of each site (see ELLIPSOID.md).
 *
 * Point to point: Karney's inverse solution (geographiclib-geodesic, accurate to 15 nm).
 * Point to segment: a network or site edge is the geodesic between its two vertices; the
 * distance from a point P to it is the minimum over s ∈ [0, L] of f(s) = |P X(s)|, where X(s)
 * is the point at distance s along the edge. f is convex on the edge (f'' = κ sin²θ with
 * κ = M21/m12 > 0, the geodesic curvature of the geodesic circle around P, below the
 * conjugate distance, ~20,000 km), with
 *   f'(s)  = cos θ,   θ = azimuth of the edge at X − azimuth at X of the geodesic P→X,
 *   f''(s) = sin²θ · M21 / m12  (≈ sin²θ / f for f ≪ 6,000 km: used as such).
 * So a safeguarded Newton iteration on s (bracketed by the sign of f', seeded by the
 * spherical foot of P) converges to the unique minimum, or to an end when f' does not
 * change sign there. It stops when the predicted improvement f'²/f'' is below 0.1 µm.
 */
import geographiclib from 'geographiclib-geodesic';

const { Geodesic } = geographiclib;
const G = Geodesic.WGS84;
const DEG = Math.PI / 180;

export const WGS84_A = 6378137;
export const WGS84_F = 1 / 298.257223563;
export const WGS84_E2 = WGS84_F * (2 - WGS84_F);

const MASK_DISTANCE = Geodesic.DISTANCE;
const MASK_NEWTON = Geodesic.DISTANCE | Geodesic.AZIMUTH;
const LINE_CAPS = Geodesic.LATITUDE | Geodesic.LONGITUDE | Geodesic.AZIMUTH | Geodesic.DISTANCE_IN;
const POSITION_MASK = Geodesic.LATITUDE | Geodesic.LONGITUDE | Geodesic.AZIMUTH;
/** Newton stops when the predicted decrease of the distance is below this (m). */
const NEWTON_TOLERANCE_M = 1e-7;
const MAX_ITERATIONS = 60;

/** Meridional radius of curvature M(φ) (m). Increases with |φ|. */
export function meridionalRadius(latDeg: number): number {
  const s = Math.sin(latDeg * DEG);
  const w2 = 1 - WGS84_E2 * s * s;
  return (WGS84_A * (1 - WGS84_E2)) / (w2 * Math.sqrt(w2));
}

/** Prime-vertical radius of curvature N(φ) (m); N·cos φ is the radius of the parallel. */
export function primeVerticalRadius(latDeg: number): number {
  const s = Math.sin(latDeg * DEG);
  return WGS84_A / Math.sqrt(1 - WGS84_E2 * s * s);
}

/** Geodesic distance (m) between two lon/lat positions (degrees). */
export function geodesicDistance(lon1: number, lat1: number, lon2: number, lat2: number): number {
  return G.Inverse(lat1, lon1, lat2, lon2, MASK_DISTANCE).s12 ?? NaN;
}

/** A geodesic edge from A to B, ready for point-to-edge queries. */
export interface GeodesicEdge {
  lonA: number;
  latA: number;
  lonB: number;
  latB: number;
  /** Length (m). */
  length: number;
  /** Position along the edge: lat, lon, forward azimuth (deg) at s metres from A. */
  position(s: number): { lat: number; lon: number; azi: number };
}

/**
 * Builds the geodesic edge from (lonA, latA) to (lonB, latB). The inverse problem (length and
 * end azimuths) is solved at once; the line object, five times as costly, only when a point
 * strictly inside the edge is asked for (often the nearest point is an end).
 */
export function geodesicEdge(lonA: number, latA: number, lonB: number, latB: number): GeodesicEdge {
  if (lonA === lonB && latA === latB) {
    return { lonA, latA, lonB, latB, length: 0, position: () => ({ lat: latA, lon: lonA, azi: 0 }) };
  }
  const inv = G.Inverse(latA, lonA, latB, lonB, Geodesic.DISTANCE | Geodesic.AZIMUTH);
  const length = inv.s12!;
  const aziA = inv.azi1!;
  const aziB = inv.azi2!;
  let line: ReturnType<typeof G.InverseLine> | null = null;
  return {
    lonA,
    latA,
    lonB,
    latB,
    length,
    position(s: number) {
      if (s <= 0) return { lat: latA, lon: lonA, azi: aziA };
      if (s >= length) return { lat: latB, lon: lonB, azi: aziB };
      if (!line) line = G.InverseLine(latA, lonA, latB, lonB, LINE_CAPS);
      const p = line.Position(s, POSITION_MASK);
      return { lat: p.lat2!, lon: p.lon2!, azi: p.azi2! };
    },
  };
}

export interface EdgeFoot {
  /** Minimum geodesic distance (m) from the point to the edge. */
  distance: number;
  /** The nearest point of the edge. */
  lon: number;
  lat: number;
  /** Its distance from A along the edge (m). */
  s: number;
  /** Number of inverse problems solved (for benches and tests). */
  evaluations: number;
}

/**
 * Minimum geodesic distance from P to the edge, by safeguarded Newton on the arc length
 * (see the header). `seed` ∈ [0, 1] is the fraction of the edge where to start (the
 * spherical foot of P); any value converges, a good one saves iterations.
 */
export function pointToEdge(lonP: number, latP: number, edge: GeodesicEdge, seed = 0.5): EdgeFoot {
  const L = edge.length;
  if (!(L > 0)) {
    return { distance: geodesicDistance(lonP, latP, edge.lonA, edge.latA), lon: edge.lonA, lat: edge.latA, s: 0, evaluations: 1 };
  }
  let lo = 0; // f'(lo) < 0 known, or lo = 0 (unknown)
  let hi = L; // f'(hi) > 0 known, or hi = L (unknown)
  let loKnown = false;
  let hiKnown = false;
  let s = Math.min(L, Math.max(0, (Number.isFinite(seed) ? seed : 0.5) * L));
  let best: EdgeFoot = { distance: Infinity, lon: NaN, lat: NaN, s: NaN, evaluations: 0 };
  let evaluations = 0;
  for (let iter = 0; iter < MAX_ITERATIONS; iter++) {
    const X = edge.position(s);
    const r = G.Inverse(latP, lonP, X.lat, X.lon, MASK_NEWTON);
    evaluations++;
    const d = r.s12!;
    if (d < best.distance) best = { distance: d, lon: X.lon, lat: X.lat, s, evaluations };
    if (d === 0) break;
    const theta = (X.azi - r.azi2!) * DEG;
    const c = Math.cos(theta); // f'(s)
    const sn = Math.sin(theta);
    // Curvature of the geodesic circle around P: M21 / m12 = (1 / d)(1 + O(d²/ρ²)); 1/d is
    // used (one inverse problem less: reduced length and geodesic scale cost ~20 %); it only
    // scales the Newton step and the stopping test, by less than 1e-5 below 100 km.
    const curvature = 1 / d;
    const f2 = sn * sn * curvature; // f''(s) ≥ 0
    // Minimum at an end: f' ≥ 0 at A or f' ≤ 0 at B (f is convex).
    if ((s === 0 && c >= 0) || (s === L && c <= 0)) break;
    if (c > 0) {
      hi = s;
      hiKnown = true;
    } else if (c < 0) {
      lo = s;
      loKnown = true;
    } else break;
    if (f2 > 0 && (c * c) / f2 < NEWTON_TOLERANCE_M) break;
    let next = f2 > 0 ? s - c / f2 : NaN;
    if (!(next > lo && next < hi)) {
      // Outside the bracket: try the unexplored end first (the minimum may be there), else bisect.
      if (next <= lo && !loKnown && s !== 0) next = 0;
      else if (next >= hi && !hiKnown && s !== L) next = L;
      else next = (lo + hi) / 2;
    }
    if (Math.abs(next - s) < 1e-9 * Math.max(1, L)) break;
    s = next;
  }
  best.evaluations = evaluations;
  return best;
}

/**
 * Lower bound (ratio) of ellipsoidal over spherical (radius R, same lon/lat) path length for
 * paths whose latitudes stay in [latLo, latHi]: ds_ell² = M²dφ² + N²cos²φ dλ² ≥ M²(dφ² + cos²φ dλ²)
 * since M ≤ N, so ds_ell ≥ (M_min / R) ds_sph, and M is smallest at the latitude nearest the equator.
 */
export function ellipsoidOverSphere(latLo: number, latHi: number, R: number): number {
  const nearestEquator = latLo <= 0 && latHi >= 0 ? 0 : Math.min(Math.abs(latLo), Math.abs(latHi));
  return meridionalRadius(nearestEquator) / R;
}

/**
 * Lower bound (ratio) of ellipsoidal path length over the length in the planar frame
 * x = R·cos φ0·λ, y = R·φ, for paths with latitudes in [latLo, latHi]:
 * ds_ell² = M²dφ² + (N cos φ)² dλ² ≥ min(M/R, N cos φ / (R cos φ0))² · ds_plane².
 * M is smallest nearest the equator, N cos φ (radius of the parallel) farthest from it.
 */
export function ellipsoidOverPlane(latLo: number, latHi: number, R: number, cosLat0: number): number {
  const nearestEquator = latLo <= 0 && latHi >= 0 ? 0 : Math.min(Math.abs(latLo), Math.abs(latHi));
  const farthest = Math.max(Math.abs(latLo), Math.abs(latHi));
  const parallel = primeVerticalRadius(farthest) * Math.cos(farthest * DEG);
  return Math.min(meridionalRadius(nearestEquator) / R, parallel / (R * cosLat0));
}

/**
 * Largest distance (m, on the sphere of radius R) between a geodesic edge of the ellipsoid and
 * the great-circle arc through the same two ends, for an arc of spherical length `arcM` (m).
 * The image of an ellipsoidal geodesic on the sphere has a geodesic curvature below
 * 0.0060 / R at every latitude (ELLIPSOID.md), so it stays within κ L² / 8 of the arc; the
 * bound takes twice that (curvature of the sphere, rounding).
 */
export function edgeDeviationM(arcM: number, R: number): number {
  return (0.0015 * arcM * arcM) / R + 1e-6;
}

/** Smallest radius of normal curvature of the ellipsoid: M at the equator, a(1 − e²). */
export const MIN_CURVATURE_RADIUS = WGS84_A * (1 - WGS84_E2);
/** Largest ratio N / R (prime-vertical radius over Turf's sphere), at the poles; bounds ellipsoidal over spherical lengths. */
const MAX_N_OVER_R = WGS84_A / Math.sqrt(1 - WGS84_E2) / 6371008.8;

/** Writes the Earth-centred (ECEF) coordinates (m) of a point of the ellipsoid, from its lon/lat unit-vector components. */
export function ecefFromUnit(ux: number, uy: number, uz: number, out: Float64Array, o: number): void {
  // ux = cos φ cos λ, uy = cos φ sin λ, uz = sin φ.
  const n = WGS84_A / Math.sqrt(1 - WGS84_E2 * uz * uz);
  out[o] = n * ux;
  out[o + 1] = n * uy;
  out[o + 2] = n * (1 - WGS84_E2) * uz;
}

/**
 * Bound (m) on the distance from any point of a geodesic edge to the straight 3D chord
 * between its ends, for an edge whose spherical arc length is `sphereArcM` (ELLIPSOID.md):
 * the edge is a space curve of curvature ≤ 1 / MIN_CURVATURE_RADIUS and of length
 * L ≤ MAX_N_OVER_R × sphereArcM, so (Schur) it lies within L² / (4√3 · ρ_min) of its chord.
 */
export function chordSagittaM(sphereArcM: number): number {
  const L = sphereArcM * MAX_N_OVER_R * (1 + 1e-9);
  return (L * L) / (4 * Math.sqrt(3) * MIN_CURVATURE_RADIUS) + 1e-6;
}

/** Euclidean distance from point P to the 3D segment [A, B] (all ECEF, metres). */
export function pointSegment3d(
  px: number, py: number, pz: number,
  ax: number, ay: number, az: number,
  bx: number, by: number, bz: number,
): number {
  const ux = bx - ax, uy = by - ay, uz = bz - az;
  const wx = px - ax, wy = py - ay, wz = pz - az;
  const uu = ux * ux + uy * uy + uz * uz;
  let t = uu > 0 ? (wx * ux + wy * uy + wz * uz) / uu : 0;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const dx = wx - t * ux, dy = wy - t * uy, dz = wz - t * uz;
  return Math.sqrt(dx * dx + dy * dy + dz * dz);
}

/**
 * True when, seen from end E of an edge E→O, the point P lies more than 90° (plus a margin)
 * away from the edge: then the geodesic edge's nearest point to P is E itself (ELLIPSOID.md,
 * "Ends"). The margin covers the angle between each geodesic's tangent and its 3D chord
 * (≤ κL/2 for a curve of length L and curvature ≤ κ = 1/MIN_CURVATURE_RADIUS).
 */
export function nearestAtEnd3d(
  px: number, py: number, pz: number,
  ex: number, ey: number, ez: number,
  ox: number, oy: number, oz: number,
): boolean {
  const ux = ox - ex, uy = oy - ey, uz = oz - ez;
  const wx = px - ex, wy = py - ey, wz = pz - ez;
  const lu = Math.sqrt(ux * ux + uy * uy + uz * uz);
  const lw = Math.sqrt(wx * wx + wy * wy + wz * wz);
  if (lu === 0 || lw === 0) return false;
  // Chord → length: L ≤ c (1 + (c/ρ)²) for c ≪ ρ (L − c ≤ κ²L³/24).
  const rho = MIN_CURVATURE_RADIUS;
  const margin = ((lu * (1 + (lu / rho) ** 2) + lw * (1 + (lw / rho) ** 2)) / (2 * rho)) * 1.0001 + 1e-9;
  return ux * wx + uy * wy + uz * wz < -Math.sin(margin) * lu * lw;
}
