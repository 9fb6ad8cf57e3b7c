/**
 * Validates a GeoJSON FeatureCollection against the structural rules of GeoJSON
 * (geojson-validation) and the atlas's own rules (France bounds, required properties,
 * geometry types, unique ids, expected count, finite coordinates, HTML in text).
 *
 * Pure: no Node or browser API. Used by the data build (scripts/build-data.ts) and by
 * the curation imports. Messages are French, name the file, the feature (ordinal
 * number, 1-based, plus its id/name) and the problem. `featureIndex` is 0-based.
 */
import gjv from 'geojson-validation';
import { boxesFor, inBox, type BoundsOption } from './bounds';
import type { ValidationIssue } from './types';

export type GeometryTypeName =
  | 'Point'
  | 'MultiPoint'
  | 'LineString'
  | 'MultiLineString'
  | 'Polygon'
  | 'MultiPolygon'
  | 'GeometryCollection';

export interface LayerRules {
  /** Accepted geometry types; empty or absent = any. */
  geometryTypes?: GeometryTypeName[];
  /** Properties that must be present and non-empty (not null, not blank). */
  requiredProperties?: string[];
  /** Property holding an identifier that must be unique in the file. */
  idProperty?: string | null;
  /** Properties joined with a space to name a feature in messages (default: id, then name). */
  labelProperties?: string[];
  /** Exact number of features, when fixed. */
  expectedCount?: number | null;
  /** Where coordinates may lie. Default 'metropole'. */
  bounds?: BoundsOption;
  /** Accept features whose geometry is null. Default false. */
  allowNullGeometry?: boolean;
}

export const ISSUE_CODES = [
  'not-json',
  'invalid-geojson',
  'unsupported-crs',
  'wrong-count',
  'missing-geometry',
  'wrong-geometry-type',
  'non-finite-coordinate',
  'outside-france',
  'missing-field',
  'empty-field',
  'duplicate-id',
  'html-in-property',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

const MAX_LABEL = 80;
const HTML_RE = /<\s*\/?\s*[a-zA-Z!][^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);|javascript\s*:/;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** French decimal formatting, deterministic (no locale tables). */
function num(n: number): string {
  return String(n).replace('.', ',');
}

function issue(
  level: ValidationIssue['level'],
  code: IssueCode,
  file: string,
  featureIndex: number | null,
  featureLabel: string | null,
  problem: string,
): ValidationIssue {
  const where =
    featureIndex === null
      ? file
      : `${file}, entité n° ${featureIndex + 1}${featureLabel ? ` (« ${featureLabel} »)` : ''}`;
  return { level, code, featureIndex, featureLabel, message: `${where} : ${problem}` };
}

function textOf(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

/** The feature's id or name, for messages; null when it has none. */
export function featureLabelOf(feature: unknown, labelProperties?: string[]): string | null {
  if (!isObject(feature)) return null;
  const props = isObject(feature.properties) ? feature.properties : {};
  let label: string | null = null;
  if (labelProperties && labelProperties.length > 0) {
    const parts = labelProperties.map((p) => textOf(props[p])).filter((s): s is string => s !== null);
    label = parts.length > 0 ? parts.join(' ') : null;
  }
  label ??= textOf(props.id) ?? textOf(feature.id) ?? textOf(props.name) ?? textOf(props.nom);
  if (label === null) return null;
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
}

const GJV_MESSAGES: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^type must be "(\w+)"$/, (m) => `le membre « type » doit valoir « ${m[1]} »`],
  [/^must have a member with the name "(\w+)"$/, (m) => `le membre obligatoire « ${m[1]} » est absent`],
  [/^must be a JSON Object$/, () => `ce n'est pas un objet JSON`],
  [
    /^The first and last positions must be equivalent$/,
    () => `un anneau de polygone n'est pas fermé : sa première et sa dernière position doivent être identiques`,
  ],
  [/^coordinates must have at least four positions$/, () => `un anneau de polygone doit avoir au moins quatre positions`],
  [/^coordinates must have at least two elements$/, () => `une ligne doit avoir au moins deux positions`],
  [/^Position must be at least two elements$/, () => `une position doit contenir au moins deux nombres (longitude, latitude)`],
  [
    /^Position must only contain numbers\. Item (.*) at index (\d+) is invalid\.$/,
    (m) => `une position contient une valeur non numérique (« ${m[1]} »)`,
  ],
  [/^(?:Position|coordinates) must be an array$/, () => `les coordonnées doivent être un tableau`],
  [/^type must be one of: .*$/, () => `type de géométrie inconnu`],
  [/^"?(\w+)"? must be an array$/, (m) => `le membre « ${m[1]} » doit être un tableau`],
];

/** Turns one geojson-validation trace line ("at 0: at 3: msg") into French. */
export function translateGjvMessage(raw: string): string {
  const path: string[] = [];
  let rest = raw;
  for (let m = /^at (\d+): /.exec(rest); m; m = /^at (\d+): /.exec(rest)) {
    path.push(m[1]);
    rest = rest.slice(m[0].length);
  }
  let text = `erreur de structure GeoJSON (« ${rest} »)`;
  for (const [re, fr] of GJV_MESSAGES) {
    const m = rest.match(re);
    if (m) {
      text = fr(m);
      break;
    }
  }
  return path.length > 0 ? `${text} (coordonnées [${path.join('][')}])` : text;
}

/** Visits every position of a geometry, whatever its nesting. Stops when `visit` returns false. */
function eachPosition(geometry: Json, visit: (pos: unknown[]) => boolean): void {
  const walk = (c: unknown, depth: number): boolean => {
    if (!Array.isArray(c) || depth > 4) return true;
    if (c.length > 0 && !Array.isArray(c[0])) return visit(c);
    for (const child of c) if (!walk(child, depth + 1)) return false;
    return true;
  };
  if (geometry.type === 'GeometryCollection' && Array.isArray(geometry.geometries)) {
    for (const g of geometry.geometries) if (isObject(g)) eachPosition(g, visit);
    return;
  }
  walk(geometry.coordinates, 0);
}

function checkCoordinates(geometry: Json, bounds: BoundsOption): { problem: string; code: IssueCode } | null {
  const boxes = boxesFor(bounds);
  let found: { problem: string; code: IssueCode } | null = null;
  eachPosition(geometry, (pos) => {
    const [lon, lat] = pos as number[];
    const bad = pos.find((v) => typeof v !== 'number' || !Number.isFinite(v));
    if (bad !== undefined) {
      found = { code: 'non-finite-coordinate', problem: `une coordonnée n'est pas un nombre fini (« ${String(bad)} »).` };
      return false;
    }
    if (boxes.length > 0 && !boxes.some((b) => inBox(lon, lat, b))) {
      const area = boxes.length === 1 ? 'hors de France métropolitaine' : 'hors de France (métropole et DOM)';
      let hint = '';
      if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
        hint = ` Les coordonnées semblent projetées (Lambert-93 ?) : le GeoJSON doit être en longitude/latitude WGS84 (EPSG:4326).`;
      } else if (boxes.some((b) => inBox(lat, lon, b))) {
        hint = ` Longitude et latitude semblent inversées.`;
      }
      found = {
        code: 'outside-france',
        problem: `le point (longitude ${num(lon)}, latitude ${num(lat)}) est ${area}.${hint}`,
      };
      return false;
    }
    return true;
  });
  return found;
}

const WGS84_CRS = /CRS84|EPSG:*4326|EPSG::4326|WGS ?84/i;

/** Validates a parsed GeoJSON document. Returns every issue found (errors and warnings). */
export function validateFeatureCollection(input: unknown, file: string, rules: LayerRules = {}): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const bounds = rules.bounds ?? 'metropole';

  if (!isObject(input) || input.type !== 'FeatureCollection') {
    const found = isObject(input) ? `type « ${String(input.type)} »` : Array.isArray(input) ? 'un tableau' : typeof input;
    issues.push(
      issue('error', 'invalid-geojson', file, null, null, `le contenu n'est pas une FeatureCollection GeoJSON (trouvé : ${found}).`),
    );
    return issues;
  }
  if (!Array.isArray(input.features)) {
    issues.push(issue('error', 'invalid-geojson', file, null, null, `le membre « features » est absent ou n'est pas un tableau.`));
    return issues;
  }
  if (isObject(input.crs)) {
    const props = isObject(input.crs.properties) ? input.crs.properties : {};
    const name = String(props.name ?? props.code ?? '');
    if (!WGS84_CRS.test(name)) {
      issues.push(
        issue(
          'error',
          'unsupported-crs',
          file,
          null,
          null,
          `le système de coordonnées déclaré (« ${name || 'inconnu'} ») n'est pas accepté : le fichier doit être en longitude/latitude WGS84 (EPSG:4326).`,
        ),
      );
    }
  }

  const features = input.features as unknown[];
  if (rules.expectedCount != null && features.length !== rules.expectedCount) {
    issues.push(
      issue(
        'error',
        'wrong-count',
        file,
        null,
        null,
        `${features.length} entité(s) trouvée(s), ${rules.expectedCount} attendue(s).`,
      ),
    );
  }

  const seenIds = new Map<string, number>();
  const allowed = rules.geometryTypes ?? [];

  features.forEach((feature, i) => {
    const label = featureLabelOf(feature, rules.labelProperties);
    const add = (level: ValidationIssue['level'], code: IssueCode, problem: string) =>
      issues.push(issue(level, code, file, i, label, problem));

    const trace = gjv.isFeature(feature, true);
    const structural = Array.isArray(trace) ? trace : trace ? [] : ['type must be "Feature"'];
    if (structural.length > 0) {
      add('error', 'invalid-geojson', `GeoJSON invalide : ${structural.map(translateGjvMessage).join(' ; ')}.`);
    }
    if (!isObject(feature)) return;

    // Geometry rules (only when the structure is sound, to avoid walking garbage).
    const geometry = feature.geometry;
    if (structural.length === 0) {
      if (!isObject(geometry)) {
        if (!rules.allowNullGeometry) add('error', 'missing-geometry', `la géométrie est absente (null).`);
      } else {
        const type = String(geometry.type);
        if (allowed.length > 0 && !allowed.includes(type as GeometryTypeName)) {
          add(
            'error',
            'wrong-geometry-type',
            `la géométrie est de type « ${type} » ; attendu : ${allowed.map((t) => `« ${t} »`).join(' ou ')}.`,
          );
        }
        const coord = checkCoordinates(geometry, bounds);
        if (coord) add('error', coord.code, coord.problem);
      }
    }

    // Property rules.
    const props = isObject(feature.properties) ? feature.properties : null;
    for (const name of rules.requiredProperties ?? []) {
      if (!props || !(name in props) || props[name] === undefined) {
        add('error', 'missing-field', `la propriété obligatoire « ${name} » est absente.`);
      } else {
        const v = props[name];
        if (v === null || (typeof v === 'string' && v.trim() === '')) {
          add('error', 'empty-field', `la propriété obligatoire « ${name} » est vide.`);
        }
      }
    }
    if (rules.idProperty && props) {
      const id = textOf(props[rules.idProperty]);
      if (id !== null) {
        const first = seenIds.get(id);
        if (first !== undefined) {
          add(
            'error',
            'duplicate-id',
            `l'identifiant « ${id} » (propriété « ${rules.idProperty} ») est déjà celui de l'entité n° ${first + 1}.`,
          );
        } else {
          seenIds.set(id, i);
        }
      }
    }
    if (props) {
      for (const [key, value] of Object.entries(props)) {
        if (typeof value === 'string' && HTML_RE.test(value)) {
          add(
            'warning',
            'html-in-property',
            `la propriété « ${key} » contient du balisage HTML ; elle est conservée et sera affichée telle quelle, comme du texte.`,
          );
        }
      }
    }
  });

  return issues;
}

/** Parses JSON text; a syntax error becomes a 'not-json' issue naming the file. */
export function parseJsonText(text: string, file: string): { value: unknown; issues: ValidationIssue[] } {
  try {
    return { value: JSON.parse(text) as unknown, issues: [] };
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return {
      value: undefined,
      issues: [issue('error', 'not-json', file, null, null, `le fichier n'est pas du JSON valide (${detail}).`)],
    };
  }
}

export function hasErrors(issues: readonly ValidationIssue[]): boolean {
  return issues.some((i) => i.level === 'error');
}
