/**
 * Coordinate reference systems used by the curation tools: detection of the CRS of an
 * imported file, and reprojection (proj4).
 *
 * Supported systems (official proj4 definitions, as published by the EPSG registry / IGN):
 * - EPSG:4326  WGS 84, lon/lat degrees (GeoJSON default, RFC 7946). RGF93 / ETRS89
 *   geographic coordinates (EPSG:4171, EPSG:4258) are treated as the same system:
 *   the difference is below a metre in France.
 * - EPSG:2154  RGF93 / Lambert-93 (the French national projection).
 * - EPSG:3949  RGF93 / CC49 (conic conformal zone 9, used by some Aisne/Oise SIG).
 * - EPSG:3950  RGF93 / CC50 (zone 10).
 * - EPSG:3857  WGS 84 / Pseudo-Mercator ("Web Mercator", exports of web maps).
 *
 * Pure TypeScript; runs in Node and in the browser.
 */
import proj4 from 'proj4';
import type { Geometry, Position } from 'geojson';

export const CRS_IDS = ['EPSG:4326', 'EPSG:2154', 'EPSG:3949', 'EPSG:3950', 'EPSG:3857'] as const;
export type CrsId = (typeof CRS_IDS)[number];

export const PROJ4_DEFS: Record<CrsId, string> = {
  'EPSG:4326': '+proj=longlat +datum=WGS84 +no_defs',
  'EPSG:2154':
    '+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  'EPSG:3949':
    '+proj=lcc +lat_0=49 +lon_0=3 +lat_1=48.25 +lat_2=49.75 +x_0=1700000 +y_0=8200000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  'EPSG:3950':
    '+proj=lcc +lat_0=50 +lon_0=3 +lat_1=49.25 +lat_2=50.75 +x_0=1700000 +y_0=9200000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  'EPSG:3857':
    '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs',
};

/** French names shown to users (menus, messages). */
export const CRS_LABELS: Record<CrsId, string> = {
  'EPSG:4326': 'WGS 84 – longitude/latitude en degrés (EPSG:4326)',
  'EPSG:2154': 'Lambert-93 (EPSG:2154)',
  'EPSG:3949': 'Conique conforme CC49 (EPSG:3949)',
  'EPSG:3950': 'Conique conforme CC50 (EPSG:3950)',
  'EPSG:3857': 'Web Mercator (EPSG:3857)',
};

/** Short names used inside sentences. */
const SHORT: Record<CrsId, string> = {
  'EPSG:4326': 'WGS 84 (EPSG:4326)',
  'EPSG:2154': 'Lambert-93 (EPSG:2154)',
  'EPSG:3949': 'CC49 (EPSG:3949)',
  'EPSG:3950': 'CC50 (EPSG:3950)',
  'EPSG:3857': 'Web Mercator (EPSG:3857)',
};

for (const id of CRS_IDS) proj4.defs(id, PROJ4_DEFS[id]);

export function isCrsId(v: unknown): v is CrsId {
  return typeof v === 'string' && (CRS_IDS as readonly string[]).includes(v);
}

/** Geographic bounding box [minLon, minLat, maxLon, maxLat]. */
export type LonLatBox = [number, number, number, number];

/**
 * Default area of interest: the PETR du Soissonnais et du Valois bounding box
 * (lon 2.959–3.742, lat 49.134–49.501) widened by about 25 km.
 */
export const DEFAULT_AREA_OF_INTEREST: LonLatBox = [2.6, 48.9, 4.1, 49.75];
/** Metropolitan France, Corsica included, with a margin. */
export const FRANCE_BOX: LonLatBox = [-5.5, 41.0, 10.0, 51.5];

export type CrsDetectionReason = 'crs-member' | 'coordinate-range';
export type CrsConfidence = 'sure' | 'likely' | 'unknown';

export interface CrsDetection {
  /** The CRS to use, or null when it cannot be decided (then the user must pick one). */
  crs: CrsId | null;
  reason: CrsDetectionReason;
  confidence: CrsConfidence;
  /** French, self-contained, rendered as text. */
  message: string;
  /** The name found in the file's `crs` member, verbatim, when there is one. */
  declared?: string | null;
  /**
   * Set when the declared CRS does not fit the coordinates: the CRS the coordinates
   * look like (null if none fits).
   */
  conflict?: { suggested: CrsId | null } | null;
}

export interface DetectCrsInput {
  /** The legacy GeoJSON `crs` member (or a CRS name string from a CSV/sidecar), if any. */
  crsMember?: unknown;
  /** A sample of coordinates in file order (a few hundred are plenty). */
  sampleCoords: [number, number][];
  /** Where the data is expected to be; defaults to the PETR area. */
  areaOfInterest?: LonLatBox;
}

// ---------------------------------------------------------------------------------------------
// Names found in `crs` members

const EPSG_ALIASES: Record<string, CrsId> = {
  '4326': 'EPSG:4326',
  '4171': 'EPSG:4326', // RGF93 geographic
  '4258': 'EPSG:4326', // ETRS89 geographic
  '2154': 'EPSG:2154',
  '3949': 'EPSG:3949',
  '3950': 'EPSG:3950',
  '3857': 'EPSG:3857',
  '900913': 'EPSG:3857',
  '3785': 'EPSG:3857',
  '102100': 'EPSG:3857', // ESRI
  '102113': 'EPSG:3857',
  '102110': 'EPSG:2154', // ESRI code for RGF93 Lambert-93
};

/** Extracts the CRS name from a legacy `crs` member or a plain string. */
export function crsMemberName(member: unknown): string | null {
  if (member == null) return null;
  if (typeof member === 'string') return member.trim() || null;
  if (typeof member === 'number') return `EPSG:${member}`;
  if (typeof member === 'object') {
    const m = member as { type?: unknown; properties?: Record<string, unknown> };
    const p = m.properties;
    if (p && typeof p === 'object') {
      if (typeof p.name === 'string') return p.name.trim() || null;
      if (typeof p.code === 'number' || typeof p.code === 'string') {
        const t = typeof m.type === 'string' ? m.type.toUpperCase() : 'EPSG';
        return `${t}:${p.code}`;
      }
      if (typeof p.href === 'string') return p.href;
    }
  }
  return null;
}

/** Maps a CRS name (URN, "EPSG:2154", "CRS84", "RGF93 / Lambert-93"…) to a supported CRS. */
export function parseCrsName(name: string): CrsId | null {
  const s = name.trim();
  const upper = s.toUpperCase();
  if (/CRS:?84$/.test(upper) || upper === 'WGS84' || upper === 'WGS 84') return 'EPSG:4326';
  // urn:ogc:def:crs:EPSG::2154, urn:ogc:def:crs:EPSG:6.6:2154, EPSG:2154, http://www.opengis.net/def/crs/EPSG/0/2154
  const m =
    /EPSG(?::[\d.]*)?:+(\d+)$/.exec(upper) ??
    /\/EPSG\/\d+\/(\d+)$/.exec(upper) ??
    /^(?:ESRI|IGNF)?:?(\d{4,6})$/.exec(upper);
  if (m) return EPSG_ALIASES[m[1]] ?? null;
  const plain = upper.replace(/[^A-Z0-9]/g, '');
  if (plain.includes('LAMBERT93') || plain === 'RGF93LAMBERT93' || plain === 'RGF93V1LAMBERT93') return 'EPSG:2154';
  if (/CC49$/.test(plain)) return 'EPSG:3949';
  if (/CC50$/.test(plain)) return 'EPSG:3950';
  if (plain.includes('PSEUDOMERCATOR') || plain.includes('WEBMERCATOR')) return 'EPSG:3857';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Coordinate ranges

interface Range {
  x: [number, number];
  y: [number, number];
}

/**
 * Coarse validity ranges of each projected CRS over metropolitan France (Web Mercator over
 * France only). Lambert-93 and Web Mercator overlap over southern France; the area of
 * interest decides (see detectCrs).
 */
const PROJECTED_RANGES: Record<Exclude<CrsId, 'EPSG:4326'>, Range> = {
  'EPSG:2154': { x: [100_000, 1_250_000], y: [6_000_000, 7_200_000] },
  'EPSG:3949': { x: [1_000_000, 2_400_000], y: [8_050_000, 8_350_000] },
  'EPSG:3950': { x: [1_000_000, 2_400_000], y: [9_050_000, 9_350_000] },
  'EPSG:3857': { x: [-650_000, 1_120_000], y: [5_000_000, 6_720_000] },
};

const PROJECTED_ORDER: Exclude<CrsId, 'EPSG:4326'>[] = ['EPSG:2154', 'EPSG:3949', 'EPSG:3950', 'EPSG:3857'];

function inBox(p: [number, number], b: LonLatBox): boolean {
  return p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3];
}

function allFinite(coords: [number, number][]): boolean {
  return coords.every((c) => Number.isFinite(c[0]) && Number.isFinite(c[1]));
}

function fitsRange(coords: [number, number][], r: Range): boolean {
  return coords.every((c) => c[0] >= r.x[0] && c[0] <= r.x[1] && c[1] >= r.y[0] && c[1] <= r.y[1]);
}

function looksLikeDegrees(coords: [number, number][]): boolean {
  return coords.every((c) => Math.abs(c[0]) <= 180 && Math.abs(c[1]) <= 90);
}

/** Share of the sample that falls inside the box once converted to WGS84. */
function shareInBox(coords: [number, number][], crs: CrsId, box: LonLatBox): number {
  if (coords.length === 0) return 0;
  let n = 0;
  for (const c of coords) {
    const ll = crs === 'EPSG:4326' ? c : (proj4Converter(crs, 'EPSG:4326').forward(c) as [number, number]);
    if (inBox(ll, box)) n++;
  }
  return n / coords.length;
}

/** Which CRSs the coordinates look like, best first (empty when none). */
function candidatesFor(coords: [number, number][], aoi: LonLatBox): { crs: CrsId; inArea: number; inFrance: number }[] {
  const out: { crs: CrsId; inArea: number; inFrance: number }[] = [];
  if (looksLikeDegrees(coords)) {
    out.push({ crs: 'EPSG:4326', inArea: shareInBox(coords, 'EPSG:4326', aoi), inFrance: shareInBox(coords, 'EPSG:4326', FRANCE_BOX) });
    return out;
  }
  for (const id of PROJECTED_ORDER) {
    if (!fitsRange(coords, PROJECTED_RANGES[id])) continue;
    out.push({ crs: id, inArea: shareInBox(coords, id, aoi), inFrance: shareInBox(coords, id, FRANCE_BOX) });
  }
  // Most points in the area of interest first; ties keep PROJECTED_ORDER.
  return out.sort((a, b) => b.inArea - a.inArea || b.inFrance - a.inFrance);
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(Math.abs(n) < 1000 ? 5 : 1);
}

const PICK = 'Choisissez le système de coordonnées du fichier dans la liste.';

/**
 * Decides the CRS of imported coordinates.
 *
 * 1. A `crs` member naming a supported system wins (`sure`), unless the coordinates clearly
 *    do not fit it: then the declared CRS is still returned, with confidence `likely`, a
 *    `conflict` and a message that says what the coordinates look like.
 *    A `crs` member naming an unsupported system gives `crs: null` and a message naming it.
 * 2. Otherwise, coordinate ranges: degrees → WGS 84 (`sure` when the points are in France,
 *    the GeoJSON default; `likely` otherwise); metres → the projected systems whose range fits,
 *    the one that puts the points in the area of interest first (`likely`). Lambert-93 and Web
 *    Mercator overlap over southern France: the northing decides where the data is, so the one
 *    putting the points near the PETR wins. When nothing decides, `crs: null`.
 */
export function detectCrs(input: DetectCrsInput): CrsDetection {
  const aoi = input.areaOfInterest ?? DEFAULT_AREA_OF_INTEREST;
  const coords = input.sampleCoords.filter((c) => Array.isArray(c) && c.length >= 2);
  const declared = crsMemberName(input.crsMember);

  if (declared != null) {
    const id = parseCrsName(declared);
    if (!id) {
      return {
        crs: null,
        reason: 'crs-member',
        confidence: 'unknown',
        declared,
        message: `Le fichier déclare le système de coordonnées « ${declared} », que l’atlas ne sait pas convertir. ${PICK} Systèmes acceptés : WGS 84, Lambert-93, CC49, CC50, Web Mercator.`,
      };
    }
    // Check the declaration against the coordinates.
    if (coords.length > 0 && allFinite(coords)) {
      const cands = candidatesFor(coords, aoi);
      const fits = cands.some((c) => c.crs === id && c.inFrance > 0);
      if (!fits) {
        const best = cands.find((c) => c.inFrance > 0) ?? null;
        const looks = best ? ` Elles ressemblent à du ${SHORT[best.crs]}.` : '';
        return {
          crs: id,
          reason: 'crs-member',
          confidence: 'likely',
          declared,
          conflict: { suggested: best ? best.crs : null },
          message: `Le fichier déclare ${SHORT[id]}, mais ses coordonnées (par exemple ${fmt(coords[0][0])} ; ${fmt(coords[0][1])}) ne tombent pas en France dans ce système.${looks} Vérifiez le système de coordonnées.`,
        };
      }
    }
    return {
      crs: id,
      reason: 'crs-member',
      confidence: 'sure',
      declared,
      message: `Système de coordonnées déclaré par le fichier : ${CRS_LABELS[id]}.`,
    };
  }

  if (coords.length === 0) {
    return {
      crs: null,
      reason: 'coordinate-range',
      confidence: 'unknown',
      message: `Le fichier ne contient aucune coordonnée : impossible de reconnaître le système de coordonnées.`,
    };
  }
  if (!allFinite(coords)) {
    return {
      crs: null,
      reason: 'coordinate-range',
      confidence: 'unknown',
      message: `Certaines coordonnées ne sont pas des nombres : impossible de reconnaître le système de coordonnées. ${PICK}`,
    };
  }

  const cands = candidatesFor(coords, aoi);
  const sample = `${fmt(coords[0][0])} ; ${fmt(coords[0][1])}`;
  if (cands.length === 0) {
    const degrees = coords.filter((c) => Math.abs(c[0]) <= 180 && Math.abs(c[1]) <= 90).length;
    const mixed = degrees > 0 && degrees < coords.length;
    return {
      crs: null,
      reason: 'coordinate-range',
      confidence: 'unknown',
      message: mixed
        ? `Le fichier mélange des coordonnées en degrés et en mètres : impossible de reconnaître le système de coordonnées. ${PICK}`
        : `Les coordonnées (par exemple ${sample}) ne correspondent à aucun système connu (WGS 84, Lambert-93, CC49, CC50, Web Mercator). ${PICK}`,
    };
  }

  const [best, second] = cands;
  if (best.crs === 'EPSG:4326') {
    if (best.inFrance === 1) {
      return {
        crs: 'EPSG:4326',
        reason: 'coordinate-range',
        confidence: 'sure',
        message: `Coordonnées en degrés (longitude, latitude) : ${CRS_LABELS['EPSG:4326']}.`,
      };
    }
    // Maybe latitude and longitude are swapped.
    const swapped = coords.map((c) => [c[1], c[0]] as [number, number]);
    const swappedInFrance = shareInBox(swapped, 'EPSG:4326', FRANCE_BOX);
    const hint =
      swappedInFrance > best.inFrance
        ? ' Elles semblent inversées (latitude avant longitude) : l’ordre attendu est longitude, latitude.'
        : ' Elles ne tombent pas en France.';
    return {
      crs: 'EPSG:4326',
      reason: 'coordinate-range',
      confidence: 'likely',
      message: `Coordonnées en degrés (par exemple ${sample}), lues comme ${SHORT['EPSG:4326']}.${hint}`,
    };
  }

  if (best.inArea > 0 && (!second || second.inArea < best.inArea)) {
    return {
      crs: best.crs,
      reason: 'coordinate-range',
      confidence: 'likely',
      message: `Aucun système déclaré ; d’après l’étendue des coordonnées (par exemple ${sample}), le fichier est probablement en ${CRS_LABELS[best.crs]}. Si ce n’est pas le cas, choisissez le bon système.`,
    };
  }
  if (!second && best.inFrance > 0) {
    return {
      crs: best.crs,
      reason: 'coordinate-range',
      confidence: 'likely',
      message: `Aucun système déclaré ; d’après l’étendue des coordonnées (par exemple ${sample}), le fichier est probablement en ${CRS_LABELS[best.crs]}, mais les points sont loin du territoire. Vérifiez le système de coordonnées.`,
    };
  }
  const names = cands.map((c) => SHORT[c.crs]).join(' ou ');
  return {
    crs: null,
    reason: 'coordinate-range',
    confidence: 'unknown',
    message: `Les coordonnées (par exemple ${sample}) peuvent être en ${names} : impossible de trancher. ${PICK}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Reprojection

const CONVERTERS = new Map<string, proj4.Converter>();
/** proj4 converters are costly to build (definitions parsed each time): keep one per pair. */
function proj4Converter(from: CrsId, to: CrsId): proj4.Converter {
  const key = `${from}>${to}`;
  let c = CONVERTERS.get(key);
  if (!c) {
    c = proj4(from, to);
    CONVERTERS.set(key, c);
  }
  return c;
}

function converter(from: CrsId, to: CrsId): (p: Position) => Position {
  if (from === to) return (p) => p.slice();
  const conv = proj4Converter(from, to);
  return (p) => {
    const [x, y] = conv.forward([p[0], p[1]]) as [number, number];
    return p.length > 2 ? [x, y, ...p.slice(2)] : [x, y];
  };
}

function mapCoords<G extends Geometry>(g: G, f: (p: Position) => Position): G {
  switch (g.type) {
    case 'Point':
      return { ...g, coordinates: f(g.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { ...g, coordinates: g.coordinates.map(f) };
    case 'MultiLineString':
    case 'Polygon':
      return { ...g, coordinates: g.coordinates.map((r) => r.map(f)) };
    case 'MultiPolygon':
      return { ...g, coordinates: g.coordinates.map((p) => p.map((r) => r.map(f))) };
    case 'GeometryCollection':
      return { ...g, geometries: g.geometries.map((x) => mapCoords(x, f)) };
    default:
      return g;
  }
}

/** Reprojects a geometry (returns a new object; bbox members are dropped). */
export function reprojectGeometry<G extends Geometry>(g: G, from: CrsId, to: CrsId): G {
  const out = mapCoords(g, converter(from, to));
  if ('bbox' in out) delete (out as { bbox?: unknown }).bbox;
  return out;
}

interface AnyFeature {
  type: 'Feature';
  geometry: Geometry | null;
}
interface AnyCollection {
  type: 'FeatureCollection';
  features: AnyFeature[];
}

/**
 * Reprojects every feature of a collection. The legacy `crs` member is removed for WGS84
 * output and set (as an OGC URN) for projected output, so a re-import detects it.
 */
export function reprojectFeatureCollection<C extends AnyCollection>(fc: C, from: CrsId, to: CrsId): C {
  const f = converter(from, to);
  const features = fc.features.map((feat) => {
    const geometry = feat.geometry ? mapCoords(feat.geometry, f) : null;
    if (geometry && 'bbox' in geometry) delete (geometry as { bbox?: unknown }).bbox;
    const { bbox: _b, ...rest } = feat as AnyFeature & { bbox?: unknown };
    return { ...rest, geometry };
  });
  const { crs: _crs, bbox: _bbox, ...rest } = fc as AnyCollection & { crs?: unknown; bbox?: unknown };
  const out = { ...rest, features } as unknown as C & { crs?: unknown };
  if (to !== 'EPSG:4326') out.crs = crsMember(to);
  return out;
}

/** The legacy GeoJSON 2008 `crs` member for a CRS. */
export function crsMember(id: CrsId): { type: 'name'; properties: { name: string } } {
  const code = id.split(':')[1];
  return { type: 'name', properties: { name: `urn:ogc:def:crs:EPSG::${code}` } };
}

/** Converts one position. */
export function reprojectPosition(p: Position, from: CrsId, to: CrsId): Position {
  return converter(from, to)(p);
}

/** Reprojects a geometry, or a FeatureCollection, to WGS84. */
export function toWgs84<G extends Geometry>(g: G, from: CrsId): G;
export function toWgs84<C extends AnyCollection>(fc: C, from: CrsId): C;
export function toWgs84(x: Geometry | AnyCollection, from: CrsId): Geometry | AnyCollection {
  if (x.type === 'FeatureCollection') return reprojectFeatureCollection(x as AnyCollection, from, 'EPSG:4326');
  return reprojectGeometry(x as Geometry, from, 'EPSG:4326');
}

/** Collects up to `max` positions of a geometry, spread over its vertices, for detectCrs. */
export function samplePositions(geoms: (Geometry | null | undefined)[], max = 200): [number, number][] {
  const all: [number, number][] = [];
  const visit = (g: Geometry) => {
    const push = (p: Position) => {
      if (Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number') all.push([p[0], p[1]]);
    };
    switch (g.type) {
      case 'Point':
        push(g.coordinates);
        break;
      case 'MultiPoint':
      case 'LineString':
        g.coordinates?.forEach(push);
        break;
      case 'MultiLineString':
      case 'Polygon':
        g.coordinates?.forEach((r) => r?.forEach(push));
        break;
      case 'MultiPolygon':
        g.coordinates?.forEach((p) => p?.forEach((r) => r?.forEach(push)));
        break;
      case 'GeometryCollection':
        g.geometries?.forEach(visit);
        break;
    }
  };
  for (const g of geoms) if (g && typeof g === 'object' && typeof g.type === 'string') {
    try {
      visit(g);
    } catch {
      /* malformed geometry: ignored for sampling, reported by validation */
    }
  }
  if (all.length <= max) return all;
  const step = all.length / max;
  const out: [number, number][] = [];
  for (let i = 0; i < max; i++) out.push(all[Math.floor(i * step)]);
  return out;
}
