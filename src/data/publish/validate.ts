/**
 * Reads and validates one publication package (see ./types.ts) against the official schemas of
 * the CNIG « Sites économiques » standard v1.0.1, and the atlas's publication rules. Pure (no
 * I/O, no DOM): the data build (Node) and the Édition tab (browser) run the same code.
 *
 * Checks, each message naming the file, the feature (id and name), the field and the rule:
 * 1. Files: publication.json (its own JSON Schema below), at most one file per class
 *    (`site_eco`, `terrain_eco`, `etablissement`; .geojson/.json or .csv), no unknown file.
 * 2. The official Table Schema of the class, converted to JSON Schema
 *    (src/domain/cnig/tableSchema.ts) and checked with @cfworker/json-schema: field names
 *    (a field neither in the standard nor `atlas_*` is refused), types, required fields,
 *    enumerations, patterns, dates (a real day). This is what the standard's own CI checks.
 * 3. The official code lists (codelists.json): a coded value outside its list is refused, with
 *    the list's closest value when only the case or accents differ.
 * 4. The primary key is unique in the file (site_id, terr_id, SIRET).
 * 5. Geometry: a valid GeoJSON polygon (site, terrain) or point (établissement), in Lambert-93 or
 *    WGS84, inside the territory (the PETR outline) when given.
 * 6. Privacy: no name of a natural person (see `privacyIssues`).
 *
 * `profile: 'schema'` runs only 1-2 and 4 (what `frictionless validate` checks): the standard's
 * own exemple-valide.csv files pass it. The build and the app use the full profile.
 */
import { Validator, type Schema } from '@cfworker/json-schema';
import Papa from 'papaparse';
import gjv from 'geojson-validation';
import type { Geometry, Position } from 'geojson';
import { CNIG_CLASSES, CNIG_STANDARD, castCell, codeList, fieldJsonSchema, type CnigClass, type CnigField } from '../../domain/cnig';
import { crsMemberName, detectCrs, parseCrsName, reprojectGeometry, samplePositions, type CrsId } from '../../domain/crs';
import { normalizeText } from '../../domain/text';
import { detectSeparator } from '../import/csv';
import { prepareTerritory, territoryStatus } from '../import/territory';
import { translateGjvMessage } from '../validation';
import type { CnigRow, PackageFileInput, PackageInput, PackageIssue, ParsedClass, ParsedPackage, PublicationMeta, ValidateOptions } from './types';

export const PUBLICATION_FILE = 'publication.json';

/** The geometry field of each class (the feature's geometry in GeoJSON, GeoJSON text in CSV). */
export const GEOMETRY_FIELD: Record<CnigClass, string> = {
  site_eco: 'site_geomsurf',
  terrain_eco: 'terr_geomsurf',
  etablissement: 'etab_geompoint',
};

/** The field naming a feature in messages, after its id. */
const NAME_FIELD: Record<CnigClass, string | null> = { site_eco: 'site_nom', terrain_eco: 'atlas_nom', etablissement: 'etab_nom' };

/** JSON Schema of publication.json (the atlas's own file; French keys, as the standard). */
export const PUBLICATION_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['producteur', 'contact', 'date', 'licence', 'crs'],
  properties: {
    format: { type: 'string' },
    producteur: {
      type: 'object',
      required: ['nom', 'siren'],
      properties: { nom: { type: 'string', minLength: 1 }, siren: { type: 'string', pattern: '^\\d{9}$' } },
    },
    contact: {
      type: 'object',
      required: ['nom'],
      properties: {
        nom: { type: 'string', minLength: 1 },
        courriel: { type: ['string', 'null'], format: 'email' },
        telephone: { type: ['string', 'null'], pattern: '^[+0-9 ().-]{6,25}$' },
        page_web: { type: ['string', 'null'], pattern: '^https?://[^\\s]+$' },
      },
      anyOf: [{ required: ['courriel'] }, { required: ['telephone'] }, { required: ['page_web'] }],
    },
    date: { type: 'string', format: 'date' },
    licence: { type: 'string', minLength: 1 },
    crs: { enum: ['EPSG:2154', 'EPSG:4326'] },
    atlas_fictif: { type: 'boolean' },
  },
} as const;

const PUBLICATION_FIELD_LABEL: Record<string, string> = {
  '/producteur': 'producteur',
  '/producteur/nom': 'producteur.nom',
  '/producteur/siren': 'producteur.siren (9 chiffres)',
  '/contact': 'contact',
  '/contact/nom': 'contact.nom',
  '/contact/courriel': 'contact.courriel',
  '/contact/telephone': 'contact.telephone',
  '/contact/page_web': 'contact.page_web (adresse http(s))',
  '/date': 'date (AAAA-MM-JJ)',
  '/licence': 'licence',
  '/crs': 'crs (« EPSG:2154 » ou « EPSG:4326 »)',
  '/atlas_fictif': 'atlas_fictif (true ou false)',
};

const RULE_OF_KEYWORD: Record<string, string> = {
  type: 'type',
  enum: 'valeurs permises',
  pattern: 'format (motif du standard)',
  format: 'format',
  required: 'champ obligatoire',
  minLength: 'champ obligatoire',
  anyOf: 'au moins un moyen de contact',
};

const validators = new Map<string, Validator>();
function validatorFor(key: string, schema: object): Validator {
  let v = validators.get(key);
  if (!v) {
    v = new Validator(schema as Schema, '2020-12', false);
    validators.set(key, v);
  }
  return v;
}

/** Class of a package file name: « terrain_eco.csv », « site-eco.geojson »…; null if not a class file. */
export function classOfFile(name: string): { cls: CnigClass; format: 'geojson' | 'csv' } | null {
  const m = /^(site[_-]eco|terrain[_-]eco|etablissement)\.(geojson|json|csv)$/i.exec(name.trim());
  if (!m) return null;
  return { cls: m[1].toLowerCase().replace('-', '_') as CnigClass, format: m[2].toLowerCase() === 'csv' ? 'csv' : 'geojson' };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);

function describeValue(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
}

class IssueSink {
  readonly issues: PackageIssue[] = [];
  add(level: PackageIssue['level'], code: string, file: string, where: string | null, featureIndex: number | null, featureId: string | null, featureName: string | null, field: string | null, rule: string, problem: string) {
    const who = featureId || featureName ? ` (« ${[featureId, featureName].filter(Boolean).join(' — ')} »)` : '';
    const at = where ? `, ${where}${who}` : '';
    const f = field ? ` : champ « ${field} »` : '';
    this.issues.push({
      level,
      code,
      file,
      featureIndex,
      featureLabel: featureId ?? featureName,
      featureId,
      featureName,
      field,
      rule,
      message: `${file}${at}${f} : ${problem} [règle : ${rule}]`,
    });
  }
}

/** publication.json → meta, with issues. */
function readPublication(pkg: PackageInput, sink: IssueSink): PublicationMeta | null {
  const file = `${pkg.name}/${PUBLICATION_FILE}`;
  const input = pkg.files.find((f) => f.name === PUBLICATION_FILE);
  if (!input) {
    sink.add('error', 'missing-file', file, null, null, null, null, null, 'fichier obligatoire', `fichier absent : le paquet doit dire qui publie, avec un contact pour les investisseurs, la date, la licence et le système de coordonnées.`);
    return null;
  }
  const doc = readJson(file, input, 'JSON', sink);
  if (doc === NOT_JSON) return null;
  const res = validatorFor('publication', PUBLICATION_SCHEMA).validate(doc);
  if (!res.valid) {
    const seen = new Set<string>();
    for (const e of res.errors) {
      // Keep the innermost errors (the library also reports each enclosing object).
      if (e.keyword === 'properties' || e.keyword === '$ref' || e.keyword === 'allOf') continue;
      const missing = e.keyword === 'required' ? /"([^"]+)"/.exec(e.error)?.[1] : undefined;
      const loc = missing ? `${e.instanceLocation.replace(/^#/, '')}/${missing}` : e.instanceLocation.replace(/^#/, '');
      const field = PUBLICATION_FIELD_LABEL[loc] ?? (loc.replace(/^\//, '').replace(/\//g, '.') || null);
      const key = `${field}|${e.keyword}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const rule = RULE_OF_KEYWORD[e.keyword] ?? e.keyword;
      const problem =
        e.keyword === 'required'
          ? 'valeur absente.'
          : e.keyword === 'anyOf'
            ? 'donnez au moins un courriel, un téléphone ou une page web pour les investisseurs.'
            : `valeur refusée (${describeValue(pointer(doc, loc))}).`;
      sink.add('error', 'publication', file, null, null, null, null, field, rule, problem);
    }
    return null;
  }
  const d = doc as Record<string, Record<string, unknown> & unknown>;
  const c = d.contact as Record<string, unknown>;
  return {
    producteur: { nom: String((d.producteur as Record<string, unknown>).nom), siren: String((d.producteur as Record<string, unknown>).siren) },
    contact: { nom: String(c.nom), courriel: str(c.courriel), telephone: str(c.telephone), page_web: str(c.page_web) },
    date: String(d.date),
    licence: String(d.licence),
    crs: d.crs as unknown as PublicationMeta['crs'],
    ...((d as Record<string, unknown>).atlas_fictif === true ? { atlas_fictif: true } : {}),
  };
}

function pointer(doc: unknown, loc: string): unknown {
  let cur = doc;
  for (const part of loc.split('/').filter(Boolean)) cur = isObject(cur) ? cur[part] : undefined;
  return cur;
}

interface RawRow {
  index: number;
  where: string;
  props: Record<string, unknown>;
  geometry: unknown;
}

const NOT_JSON = Symbol('not JSON');

/** The parsed file, or NOT_JSON after reporting why (BOM tolerated). */
function readJson(file: string, input: PackageFileInput, rule: string, sink: IssueSink): unknown {
  try {
    return JSON.parse(input.text.replace(/^\uFEFF/, '')) as unknown;
  } catch (e) {
    sink.add('error', 'invalid-json', file, null, null, null, null, null, rule, `ce n'est pas du JSON valide (${e instanceof Error ? e.message : String(e)}).`);
    return NOT_JSON;
  }
}

function readGeoJson(file: string, input: PackageFileInput, sink: IssueSink): { rows: RawRow[]; crsMember: unknown } | null {
  const doc = readJson(file, input, 'GeoJSON', sink);
  if (doc === NOT_JSON) return null;
  if (!isObject(doc) || doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) {
    sink.add('error', 'invalid-geojson', file, null, null, null, null, null, 'GeoJSON', `le fichier doit être une FeatureCollection GeoJSON.`);
    return null;
  }
  return {
    crsMember: doc.crs,
    rows: doc.features.map((f, i) => ({
      index: i,
      where: `entité n° ${i + 1}`,
      props: isObject(f) && isObject(f.properties) ? { ...f.properties } : {},
      geometry: isObject(f) ? f.geometry : null,
    })),
  };
}

function readCsv(file: string, input: PackageFileInput, cls: CnigClass, sink: IssueSink): RawRow[] | null {
  const text = input.text.replace(/^\uFEFF/, '');
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, delimiter: detectSeparator(text), skipEmptyLines: 'greedy' });
  for (const e of parsed.errors.slice(0, 5)) {
    sink.add('error', 'csv-syntax', file, typeof e.row === 'number' ? `ligne ${e.row + 2}` : null, e.row ?? null, null, null, null, 'format CSV', `${e.message}.`);
  }
  if (parsed.errors.length) return null;
  const geomField = GEOMETRY_FIELD[cls];
  return parsed.data.map((r, i) => {
    const { [geomField]: geomText, ...props } = r;
    let geometry: unknown = null;
    if (geomText !== undefined && geomText.trim() !== '') {
      try {
        geometry = JSON.parse(geomText);
      } catch {
        geometry = geomText;
      }
    }
    return { index: i, where: `ligne ${i + 2}`, props, geometry };
  });
}

function allPositions(g: unknown): Position[] {
  return samplePositions([g as Geometry], Number.MAX_SAFE_INTEGER);
}

/** The CRS of a file: its `crs` member, else publication.json, else the coordinates. */
function crsOf(file: string, crsMember: unknown, meta: PublicationMeta | null, geoms: unknown[], sink: IssueSink): CrsId | null {
  const declared = crsMemberName(crsMember);
  const named = declared ? parseCrsName(declared) : (meta?.crs ?? null);
  const coords = samplePositions(geoms.filter(isObject) as unknown as Geometry[], 300);
  const detection = detectCrs({ crsMember: named ?? undefined, sampleCoords: coords });
  if (declared && named !== 'EPSG:2154' && named !== 'EPSG:4326') {
    sink.add('error', 'crs', file, null, null, null, null, null, 'système de coordonnées', `le système « ${declared} » n'est pas accepté : Lambert-93 (EPSG:2154) ou WGS84 (EPSG:4326).`);
    return null;
  }
  if (detection.conflict) {
    sink.add('error', 'crs', file, null, null, null, null, null, 'système de coordonnées', detection.message);
    return null;
  }
  const crs = named ?? detection.crs;
  if (crs !== 'EPSG:2154' && crs !== 'EPSG:4326') {
    sink.add('error', 'crs', file, null, null, null, null, null, 'système de coordonnées', `les coordonnées ne sont ni en Lambert-93 ni en WGS84 ; indiquez « crs » dans ${PUBLICATION_FILE}.`);
    return null;
  }
  return crs;
}

const OFFICIAL_FIELDS = new Map(CNIG_CLASSES.map((c) => [c, new Map(CNIG_STANDARD.classes[c].fields.map((f) => [f.name, f]))]));

function closest(list: readonly string[], value: string): string | null {
  const n = normalizeText(value);
  return list.find((x) => normalizeText(x) === n) ?? null;
}

/** Checks one row's fields against the Table Schema and the code lists; returns the cast values. */
function checkFields(cls: CnigClass, file: string, raw: RawRow, id: string | null, name: string | null, profile: 'schema' | 'full', sink: IssueSink): Record<string, unknown> {
  const schema = CNIG_STANDARD.classes[cls];
  const fields = OFFICIAL_FIELDS.get(cls)!;
  const geomField = GEOMETRY_FIELD[cls];
  const values: Record<string, unknown> = {};
  const add = (field: string | null, rule: string, problem: string, code = 'schema') => sink.add('error', code, file, raw.where, raw.index, id, name, field, rule, problem);

  for (const key of Object.keys(raw.props)) {
    if (fields.has(key) || key === geomField) continue;
    if (key.startsWith('atlas_')) {
      values[key] = raw.props[key];
      continue;
    }
    add(key, 'champ du standard', `ce champ n'existe pas dans la classe ${cls.toUpperCase().replace('_', '-')} du standard ; les champs propres à l'atlas commencent par « atlas_ ».`, 'unknown-field');
  }
  for (const f of schema.fields) {
    if (f.name === geomField) continue;
    const v = castCell(f, raw.props[f.name], schema.missingValues);
    values[f.name] = v;
    if (v === null) {
      if (f.required) {
        const list = profile === 'full' ? codeList(cls, f.name) : null;
        add(f.name, 'champ obligatoire', list?.includes('inconnu') ? 'valeur absente ; si elle n’est pas connue, écrivez « inconnu ».' : 'valeur absente.', 'missing-field');
      }
      continue;
    }
    checkValue(f, v, add);
    if (profile === 'full' && typeof v === 'string') {
      const list = CNIG_STANDARD.classes[cls].codelists[f.name];
      if (list && !list.includes(v)) {
        const near = closest(list, v);
        add(
          f.name,
          'liste officielle',
          `« ${describeValue(v)} » n'est pas dans la liste officielle${near ? ` ; vouliez-vous dire « ${near} » ?` : ` (valeurs : ${list.map((x) => `« ${x} »`).join(', ')}).`}`,
          'codelist',
        );
      }
    }
  }
  return values;
}

function checkValue(f: CnigField, v: unknown, add: (field: string, rule: string, problem: string, code?: string) => void) {
  const res = validatorFor(`field:${f.name}:${f.type}:${f.format ?? ''}:${f.pattern ?? ''}:${(f.enum ?? []).join('|')}`, fieldJsonSchema(f)).validate(v);
  if (res.valid) return;
  const kw = res.errors.find((e) => e.keyword !== 'properties')?.keyword ?? res.errors[0]?.keyword ?? 'type';
  const shown = describeValue(v);
  if (f.type === 'date') {
    add(f.name, 'date', `« ${shown} » n'est pas une date valide (attendu : ${f.format === '%Y' ? 'une année AAAA' : 'AAAA-MM-JJ, un jour qui existe'}).`, 'invalid-date');
  } else if (f.type === 'number') {
    add(f.name, 'type nombre', `« ${shown} » n'est pas un nombre (point décimal, sans unité).`, 'invalid-type');
  } else if (f.type === 'geojson') {
    add(f.name, 'type GeoJSON', `« ${shown} » n'est pas une géométrie GeoJSON.`, 'invalid-type');
  } else if (kw === 'enum') {
    add(f.name, 'valeurs permises', `« ${shown} » n'est pas permis (valeurs : ${(f.enum ?? []).map((x) => `« ${x} »`).join(', ')}).`, 'enum');
  } else if (kw === 'pattern') {
    add(f.name, 'format (motif du standard)', `« ${shown} » n'a pas le format attendu par le standard.`, 'pattern');
  } else if (kw === 'format') {
    add(f.name, 'format', `« ${shown} » n'est pas ${f.format === 'email' ? 'une adresse électronique' : 'au format attendu'}.`, 'format');
  } else {
    add(f.name, RULE_OF_KEYWORD[kw] ?? kw, `« ${shown} » a un type inattendu (texte attendu).`, 'invalid-type');
  }
}

const PERSON_NAME_RE = /(^|_)(nom|acquereur|proprietaire|prenom)(_|$)/i;

/**
 * Privacy (rule of the CNIG « Friches » standard, applied to every publication, the public
 * atlas being open data): no name of a natural person.
 * - TERRAIN-ECO whose `terr_maitrise_fonc` is « personne physique »: `terr_acquereur` and every
 *   field naming a person (`*_nom`, `*acquereur*`, `*proprietaire*`, `*prenom*`, atlas_* too) must
 *   be empty. The owner type stays; the name goes.
 * - ETABLISSEMENT of an individual entrepreneur (`etab_nat_juridique` 1xxx, INSEE legal category
 *   « entrepreneur individuel »): `etab_nom` and `etab_raison_sociale` are a person's name.
 */
function privacyIssues(cls: CnigClass, file: string, raw: RawRow, values: Record<string, unknown>, id: string | null, name: string | null, sink: IssueSink) {
  const add = (field: string, why: string) =>
    sink.add('error', 'natural-person', file, raw.where, raw.index, id, name, field, 'pas de nom de personne physique', `${why} : le nom d'une personne physique n'est jamais publié (données ouvertes). Videz ce champ ; le type de propriétaire suffit.`);
  if (cls === 'terrain_eco' && values.terr_maitrise_fonc === 'personne physique') {
    for (const [k, v] of Object.entries(values)) {
      if (v === null || v === undefined || v === '') continue;
      if (k === 'terr_acquereur' || (PERSON_NAME_RE.test(k) && k !== 'atlas_nom' && k !== 'atlas_zone_nom')) add(k, 'la maîtrise foncière est « personne physique »');
    }
  }
  if (cls === 'etablissement' && /^1\d{3}$/.test(String(values.etab_nat_juridique ?? ''))) {
    for (const k of ['etab_nom', 'etab_raison_sociale']) {
      if (values[k]) add(k, `l'établissement est une entreprise individuelle (catégorie juridique ${String(values.etab_nat_juridique)})`);
    }
  }
}

function checkGeometry(cls: CnigClass, file: string, raw: RawRow, crs: CrsId | null, territory: ReturnType<typeof prepareTerritory> | null, id: string | null, name: string | null, profile: 'schema' | 'full', sink: IssueSink): Geometry | null {
  const field = GEOMETRY_FIELD[cls];
  const add = (level: 'error' | 'warning', code: string, rule: string, problem: string) => sink.add(level, code, file, raw.where, raw.index, id, name, field, rule, problem);
  const g = raw.geometry;
  if (g === null || g === undefined) {
    add('error', 'missing-geometry', 'champ obligatoire', 'géométrie absente.');
    return null;
  }
  if (!isObject(g)) {
    add('error', 'invalid-geometry', 'type GeoJSON', `« ${describeValue(g)} » n'est pas une géométrie GeoJSON.`);
    return null;
  }
  if (profile === 'schema') {
    // What Frictionless checks for a `geojson` field: a GeoJSON object (not ring closure).
    const f = OFFICIAL_FIELDS.get(cls)!.get(field);
    if (f) checkValue(f, g, (fld, rule, problem, code) => sink.add('error', code ?? 'schema', file, raw.where, raw.index, id, name, fld, rule, problem));
    return g as unknown as Geometry;
  }
  const trace = gjv.isGeometryObject(g, true);
  if (Array.isArray(trace) && trace.length) {
    add('error', 'invalid-geometry', 'géométrie GeoJSON valide', `${trace.slice(0, 3).map(translateGjvMessage).join(' ; ')}.`);
    return null;
  }
  const expected = cls === 'etablissement' ? ['Point', 'MultiPoint'] : ['Polygon', 'MultiPolygon'];
  if (!expected.includes(String(g.type))) {
    add('error', 'geometry-type', 'type de géométrie', `géométrie « ${String(g.type)} » : ${cls === 'etablissement' ? 'un point' : 'un polygone (contour)'} est attendu.`);
    return null;
  }
  if (!crs) return null;
  let wgs: Geometry;
  try {
    wgs = reprojectGeometry(g as unknown as Geometry, crs, 'EPSG:4326');
  } catch {
    add('error', 'invalid-geometry', 'géométrie GeoJSON valide', 'coordonnées impossibles à convertir.');
    return null;
  }
  const pts = allPositions(wgs);
  if (!pts.every((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]))) {
    add('error', 'invalid-geometry', 'géométrie GeoJSON valide', 'coordonnées non numériques.');
    return null;
  }
  if (territory && wgs.type !== 'MultiPoint') {
    const status = territoryStatus(wgs as never, territory);
    if (status === 'outside') {
      add('error', 'outside-territory', 'dans le territoire', `la géométrie est en dehors du territoire du PETR du Soissonnais et du Valois (vérifiez le système de coordonnées : ${crs === 'EPSG:2154' ? 'Lambert-93' : 'WGS84'}).`);
      return null;
    }
    if (status === 'partly-outside') add('warning', 'partly-outside-territory', 'dans le territoire', 'le contour déborde en partie du territoire du PETR (limite généralisée : vérifiez).');
  }
  return wgs;
}

/** Reads and validates one package. Never throws on bad input: everything is in `issues`. */
export function validatePackage(pkg: PackageInput, opts: ValidateOptions & { profile?: 'schema' | 'full' } = {}): ParsedPackage {
  const profile = opts.profile ?? 'full';
  const sink = new IssueSink();
  const meta = profile === 'full' ? readPublication(pkg, sink) : null;
  const territory = opts.territory ? prepareTerritory(opts.territory) : null;
  const out: ParsedPackage = { name: pkg.name, meta, classes: {}, issues: sink.issues };

  const byClass = new Map<CnigClass, PackageFileInput[]>();
  for (const f of pkg.files) {
    if (f.name === PUBLICATION_FILE) continue;
    const c = classOfFile(f.name);
    if (!c) {
      if (!/^readme(\.(md|txt))?$/i.test(f.name)) {
        sink.add('warning', 'unknown-file', `${pkg.name}/${f.name}`, null, null, null, null, null, 'fichiers du paquet', `fichier ignoré : un paquet contient publication.json, site_eco, terrain_eco et etablissement (.geojson ou .csv).`);
      }
      continue;
    }
    byClass.set(c.cls, [...(byClass.get(c.cls) ?? []), f]);
  }
  if (profile === 'full' && !byClass.has('site_eco') && !byClass.has('terrain_eco')) {
    sink.add('error', 'empty-package', `${pkg.name}/`, null, null, null, null, null, 'fichiers du paquet', 'aucun fichier site_eco ni terrain_eco : rien à publier.');
  }

  for (const cls of CNIG_CLASSES) {
    const files = byClass.get(cls);
    if (!files) continue;
    if (files.length > 1) {
      sink.add('error', 'duplicate-file', `${pkg.name}/${files[1].name}`, null, null, null, null, null, 'un fichier par classe', `la classe ${cls} est déjà donnée par « ${files[0].name} » : gardez un seul des deux fichiers.`);
      continue;
    }
    const input = files[0];
    const file = `${pkg.name}/${input.name}`;
    const format = classOfFile(input.name)!.format;
    let rows: RawRow[] | null;
    let crsMember: unknown;
    if (format === 'geojson') {
      const r = readGeoJson(file, input, sink);
      rows = r?.rows ?? null;
      crsMember = r?.crsMember;
    } else rows = readCsv(file, input, cls, sink);
    if (!rows) continue;
    const crs = profile === 'full' ? crsOf(file, crsMember, meta, rows.map((r) => r.geometry), sink) : null;
    const pk = CNIG_STANDARD.classes[cls].primaryKey;
    const seen = new Map<string, string>();
    const parsed: ParsedClass = { file, format, rows: [] };
    for (const raw of rows) {
      const id = str(raw.props[pk]);
      const nameField = NAME_FIELD[cls];
      const name = nameField ? str(raw.props[nameField]) : null;
      const values = checkFields(cls, file, raw, id, name, profile, sink);
      if (id !== null) {
        const first = seen.get(id);
        if (first) sink.add('error', 'duplicate-id', file, raw.where, raw.index, id, name, pk, 'identifiant unique', `l'identifiant « ${id} » est déjà celui de ${first} du même fichier.`);
        else seen.set(id, raw.where);
      }
      if (profile === 'full') privacyIssues(cls, file, raw, values, id, name, sink);
      const geometry = checkGeometry(cls, file, raw, crs, territory, id, name, profile, sink);
      const row: CnigRow = { index: raw.index, where: raw.where, values, geometry };
      parsed.rows.push(row);
    }
    out.classes[cls] = parsed;
  }
  return out;
}

export function packageHasErrors(p: { issues: readonly PackageIssue[] }): boolean {
  return p.issues.some((i) => i.level === 'error');
}
