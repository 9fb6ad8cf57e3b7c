/**
 * Core of the distances CLI (scripts/distances.ts), pure and testable: reads a GeoJSON text
 * in WGS84 or Lambert-93, checks each feature, and adds the distance properties
 * (dist_rn2_m, dist_rn2_error_m, dist_waterway_m, waterway_name, dist_station_m,
 * station_name, rail_km_to_cdg, dist_ite_m, ite_name, ite_line). Every problem gets a French message naming the feature;
 * bad features are kept in the output with null distances, nothing else is lost.
 */
import proj4 from 'proj4';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import type { SiteDistances, SiteGeometry } from '../types';
import { prepareSite, type SiteShape } from './siteShape';
import { toSiteDistances, type DistanceCalculator } from './index';

/** Lambert-93 (RGF93 v1 / Lambert-93), defined here so that nothing depends on a registry. */
export const EPSG_2154 =
  '+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs';
proj4.defs('EPSG:2154', EPSG_2154);

export type InputCrs = 'EPSG:4326' | 'EPSG:2154';

/** Study area: the box to which the networks are clipped (SOURCES.md). */
export const STUDY_AREA = { lonMin: 2.4, lonMax: 4.0, latMin: 48.85, latMax: 49.65 } as const;

export const NULL_DISTANCES: SiteDistances = {
  dist_rn2_m: null,
  dist_rn2_error_m: null,
  dist_waterway_m: null,
  waterway_name: null,
  dist_station_m: null,
  station_name: null,
  rail_km_to_cdg: null,
  dist_ite_m: null,
  ite_name: null,
  ite_line: null,
};

export class InputError extends Error {}

/** Parses the input text: a FeatureCollection or a single Feature. Throws InputError (French). */
export function parseGeojson(text: string, fileLabel: string): FeatureCollection {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new InputError(`Le fichier « ${fileLabel} » n'est pas du JSON valide (${why}).`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError(`Le fichier « ${fileLabel} » n'est pas un GeoJSON : un objet FeatureCollection ou Feature est attendu.`);
  }
  const o = value as Record<string, unknown>;
  if (o.type === 'FeatureCollection') {
    if (!Array.isArray(o.features)) {
      throw new InputError(`Le fichier « ${fileLabel} » n'est pas un GeoJSON valide : le membre « features » (liste) est absent.`);
    }
    return o as unknown as FeatureCollection;
  }
  if (o.type === 'Feature') return { type: 'FeatureCollection', features: [o as unknown as Feature] };
  throw new InputError(
    `Le fichier « ${fileLabel} » n'est pas un GeoJSON exploitable : type « ${String(o.type ?? 'absent')} » (FeatureCollection ou Feature attendu).`,
  );
}

function crsName(fc: FeatureCollection): string | null {
  const crs = (fc as FeatureCollection & { crs?: { properties?: { name?: unknown } } }).crs;
  const name = crs?.properties?.name;
  return typeof name === 'string' ? name : null;
}

/** Calls fn on every [x, y] position of a geometry's coordinates (any nesting), until it returns false. */
function eachPosition(g: Geometry | null | undefined, fn: (x: number, y: number) => boolean): void {
  if (!g || typeof g !== 'object') return;
  const walk = (x: unknown): boolean => {
    if (!Array.isArray(x)) return true;
    if (x.length >= 2 && typeof x[0] === 'number') return fn(x[0], x[1] as number);
    for (const y of x) if (!walk(y)) return false;
    return true;
  };
  walk((g as { coordinates?: unknown }).coordinates);
}

/**
 * The input's CRS: from the legacy `crs` member when present, else from coordinate ranges
 * (lon/lat degrees, or Lambert-93 metres in metropolitan France). Throws InputError otherwise.
 */
export function detectInputCrs(fc: FeatureCollection): { crs: InputCrs; reason: string } {
  const name = crsName(fc);
  if (name !== null) {
    // "EPSG:2154", "urn:ogc:def:crs:EPSG::2154", "urn:ogc:def:crs:EPSG:6.3:2154", "urn:ogc:def:crs:OGC:1.3:CRS84"
    const code = /CRS:?84$/i.test(name) ? '4326' : (/EPSG:(?:[\d.]*:)?:?(\d+)$/i.exec(name)?.[1] ?? null);
    if (code === '2154') return { crs: 'EPSG:2154', reason: `membre « crs » : ${name}` };
    if (code === '4326') return { crs: 'EPSG:4326', reason: `membre « crs » : ${name}` };
    throw new InputError(
      `Système de coordonnées « ${name} » non pris en charge : fournissez le fichier en WGS84 (EPSG:4326) ou en Lambert-93 (EPSG:2154).`,
    );
  }
  let n = 0;
  let degrees = 0;
  let lambert = 0;
  for (const f of fc.features) {
    eachPosition(f?.geometry, (x, y) => {
      if (!Number.isFinite(x) || !Number.isFinite(y)) return true;
      n++;
      if (Math.abs(x) <= 180 && Math.abs(y) <= 90) degrees++;
      else if (x >= 50_000 && x <= 1_300_000 && y >= 6_000_000 && y <= 7_200_000) lambert++;
      return n < 2000;
    });
    if (n >= 2000) break;
  }
  if (n === 0) return { crs: 'EPSG:4326', reason: 'aucune coordonnée lisible' };
  if (degrees === n) return { crs: 'EPSG:4326', reason: 'coordonnées en degrés (longitude, latitude)' };
  if (lambert === n) return { crs: 'EPSG:2154', reason: 'coordonnées en mètres dans l\'étendue du Lambert-93' };
  throw new InputError(
    'Système de coordonnées non reconnu : les coordonnées ne sont ni des degrés WGS84 ni des mètres Lambert-93 ' +
      '(ajoutez un membre « crs » ou convertissez le fichier en WGS84).',
  );
}

/** How a feature is named in messages: "entité n° 3 (id « T3 », « Terrain … »)". */
export function featureLabel(f: unknown, index: number): string {
  const parts: string[] = [];
  if (f && typeof f === 'object') {
    const o = f as { id?: unknown; properties?: Record<string, unknown> | null };
    const props = o.properties && typeof o.properties === 'object' ? o.properties : {};
    const id = o.id ?? props.id ?? props.identifiant;
    const name = props.name ?? props.nom ?? props.libelle;
    if (typeof id === 'string' || typeof id === 'number') parts.push(`id « ${String(id)} »`);
    if (typeof name === 'string' && name.trim() !== '') parts.push(`« ${name.trim().slice(0, 80)} »`);
  }
  return `entité n° ${index + 1}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

function allFinite(g: Geometry): boolean {
  const walk = (x: unknown, depth: number): boolean => {
    if (!Array.isArray(x)) return false;
    if (depth === 0) return x.length >= 2 && x.every((v, i) => (i < 2 ? typeof v === 'number' && Number.isFinite(v) : true));
    return x.length > 0 && x.every((y) => walk(y, depth - 1));
  };
  const depth = g.type === 'Point' ? 0 : g.type === 'Polygon' ? 2 : 3;
  return walk((g as { coordinates?: unknown }).coordinates, depth);
}

function reproject(g: SiteGeometry, from: InputCrs): SiteGeometry {
  if (from === 'EPSG:4326') return g;
  const t = (p: Position): Position => proj4('EPSG:2154', 'EPSG:4326', [p[0], p[1]]);
  if (g.type === 'Point') return { type: 'Point', coordinates: t(g.coordinates) };
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(t)) };
  return { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map((r) => r.map(t))) };
}

/** Approximate distance (km) from the site's box to the edge of the study box (where the networks are cut). */
function kmToStudyEdge(shape: SiteShape): number {
  const kx = (lat: number) => 111.32 * Math.cos((lat * Math.PI) / 180);
  const k = Math.min(kx(shape.latMin), kx(shape.latMax));
  return Math.min(
    (shape.lonMin - STUDY_AREA.lonMin) * k,
    (STUDY_AREA.lonMax - shape.lonMax) * k,
    (shape.latMin - STUDY_AREA.latMin) * 110.57,
    (STUDY_AREA.latMax - shape.latMax) * 110.57,
  );
}

/** The first position outside the study box, or null. */
function outsideStudyArea(g: SiteGeometry): [number, number] | null {
  let out: [number, number] | null = null;
  eachPosition(g, (lon, lat) => {
    if (lon >= STUDY_AREA.lonMin && lon <= STUDY_AREA.lonMax && lat >= STUDY_AREA.latMin && lat <= STUDY_AREA.latMax) return true;
    out = [lon, lat];
    return false;
  });
  return out;
}

export interface AnnotateResult {
  output: FeatureCollection;
  crs: InputCrs;
  crsReason: string;
  read: number;
  measured: number;
  rejected: number;
  /** French messages (problems and warnings), one per line. */
  messages: string[];
}

/** The outcome for one feature: the feature to write (distances added, or nulls) and its messages. */
export interface AnnotatedFeature {
  feature: Feature;
  measured: boolean;
}

/**
 * A per-feature annotator for input in `crs` (the streaming CLI and annotateCollection):
 * checks the feature, prepares its geometry once, computes its distances and returns the
 * feature to write. The input feature object is reused (its properties get the distance
 * fields; the geometry stays as it was, in the input CRS). Labels for messages are built only
 * when there is something to say.
 */
export function createFeatureAnnotator(
  calc: DistanceCalculator,
  crs: InputCrs,
): (f: unknown, index: number, messages: string[]) => AnnotatedFeature {
  let scratch: SiteShape | undefined;
  return (f, index, messages) => {
    const reject = (problem: string): AnnotatedFeature => {
      messages.push(`${featureLabel(f, index)} : ${problem} ; distances non calculées.`);
      if (!f || typeof f !== 'object') return { feature: { type: 'Feature', properties: { ...NULL_DISTANCES }, geometry: null as unknown as Geometry }, measured: false };
      const feat = f as Feature;
      return { feature: { ...feat, properties: { ...(feat.properties && typeof feat.properties === 'object' ? feat.properties : {}), ...NULL_DISTANCES } }, measured: false };
    };
    if (!f || typeof f !== 'object' || (f as { type?: unknown }).type !== 'Feature') return reject("ce n'est pas une Feature GeoJSON");
    const feat = f as Feature;
    const g = feat.geometry;
    if (!g) return reject('pas de géométrie');
    if (g.type !== 'Point' && g.type !== 'Polygon' && g.type !== 'MultiPolygon') {
      return reject(`géométrie de type « ${String((g as { type?: unknown }).type)} » non prise en charge (Point, Polygon ou MultiPolygon attendu)`);
    }
    if (!allFinite(g)) return reject('coordonnées invalides (absentes, non numériques ou infinies)');
    const wgs = reproject(g, crs);
    const outside = outsideStudyArea(wgs);
    if (outside) {
      return reject(
        `hors de la zone d'étude (point lon ${outside[0].toFixed(5)}, lat ${outside[1].toFixed(5)} ; zone : lon ${STUDY_AREA.lonMin}–${STUDY_AREA.lonMax}, lat ${STUDY_AREA.latMin}–${STUDY_AREA.latMax})`,
      );
    }
    const shape = prepareSite(wgs, scratch);
    if (!shape) return reject('géométrie invalide (anneau de moins de 3 points distincts)');
    scratch = shape;
    const d = calc.computeShape(shape);
    const props = toSiteDistances(d);
    const edgeKm = kmToStudyEdge(shape);
    const beyond: string[] = [];
    if (d.rn2 && d.rn2.distance_m / 1000 > edgeKm) beyond.push('la RN2');
    if (d.waterway && d.waterway.distance_m / 1000 > edgeKm) beyond.push("la voie d'eau");
    if (d.station && d.station.distance_m / 1000 > edgeKm) beyond.push('la gare');
    if (d.ite && d.ite.distance_m / 1000 > edgeKm) beyond.push("l'embranchement ferroviaire");
    if (beyond.length) {
      messages.push(
        `${featureLabel(f, index)} : avertissement, à ${edgeKm.toFixed(1)} km du bord de la zone d'étude où les réseaux sont coupés ; ` +
          `la distance à ${beyond.join(', ')} peut être surestimée.`,
      );
    }
    const base = feat.properties && typeof feat.properties === 'object' ? feat.properties : {};
    feat.properties = Object.assign(base, props);
    return { feature: feat, measured: true };
  };
}

/**
 * Adds the distance properties to every feature of `fc` (a new collection is returned;
 * geometries, other properties and the `crs` member are kept as they are).
 */
export function annotateCollection(fc: FeatureCollection, calc: DistanceCalculator): AnnotateResult {
  const { crs, reason } = detectInputCrs(fc);
  const messages: string[] = [];
  const annotate = createFeatureAnnotator(calc, crs);
  let measured = 0;
  const features = fc.features.map((f: unknown, i): Feature => {
    const copy = f && typeof f === 'object' && (f as Feature).type === 'Feature' ? { ...(f as Feature), properties: { ...((f as Feature).properties ?? {}) } } : f;
    const r = annotate(copy, i, messages);
    if (r.measured) measured++;
    return r.feature;
  });
  return {
    output: { ...fc, features },
    crs,
    crsReason: reason,
    read: fc.features.length,
    measured,
    rejected: fc.features.length - measured,
    messages,
  };
}
