/**
 * Reads a file chosen by an EPCI team (GeoJSON or CSV), detects its CRS, converts it to
 * WGS84, maps its properties onto the Site model and builds a validation report, item by
 * item, BEFORE anything is merged. Pure (no DOM): can run in a Web Worker.
 */
import gjv from 'geojson-validation';
import type { Geometry } from 'geojson';
import { crsMemberName, detectCrs, reprojectGeometry, samplePositions, type CrsDetection, type CrsId } from '../../domain/crs';
import { findSelfIntersection } from '../../domain/selfIntersection';
import type { SiteGeometry, SiteProperties } from '../../domain/types';
import { parseJsonText, translateGjvMessage, validateFeatureCollection } from '../validation';
import type { ValidationIssue } from '../validation/types';
import { assignCommune } from './assignCommune';
import { fileIssue } from './issues';
import { applyColumnMap, proposeColumns } from './columns';
import { parseCsvText } from './csv';
import { decodeText, toUint8Array } from './decode';
import { prepareTerritory, territoryStatus, type Territory } from './territory';
import { toSiteDetailed } from './toSite';
import { detectCnigClass, readSiteEco } from './cnigFile';
import { MAX_IMPORT_BYTES, type Extracted, type ImportFormat, type ImportOptions, type ImportResult, type RawRecord } from './types';
import { isBlank, readText } from './values';

const SITE_GEOMETRY_TYPES = ['Point', 'Polygon', 'MultiPolygon'] as const;
const MAX_LABEL = 80;

/** "73,4 Mo" (1 Mo = 1 048 576 octets, as file managers show). */
export function formatMegabytes(bytes: number): string {
  const mo = bytes / (1024 * 1024);
  const s = mo >= 10 || Number.isInteger(mo) ? mo.toFixed(mo % 1 === 0 ? 0 : 1) : mo.toFixed(1);
  return `${s.replace('.', ',')} Mo`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'];

function extractGeoJson(text: string, fileName: string): Extracted {
  const parsed = parseJsonText(text, fileName);
  if (parsed.issues.length > 0) {
    return { records: [], crsMember: undefined, issues: parsed.issues };
  }
  const doc = parsed.value;
  if (!isObject(doc)) {
    return { records: [], crsMember: undefined, issues: [fileIssue('error', 'invalid-geojson', `Le fichier « ${fileName} » n’est pas un objet GeoJSON.`)] };
  }
  const record = (f: unknown): RawRecord => {
    const o = isObject(f) ? f : {};
    const featureId = typeof o.id === 'string' || typeof o.id === 'number' ? o.id : undefined;
    return { properties: isObject(o.properties) ? { ...o.properties } : {}, geometry: o.geometry ?? null, feature: f, featureId, readErrors: [] };
  };
  if (doc.type === 'FeatureCollection') {
    if (!Array.isArray(doc.features)) {
      return { records: [], crsMember: doc.crs, issues: [fileIssue('error', 'invalid-geojson', `Le fichier « ${fileName} » : le membre « features » est absent ou n’est pas un tableau.`)] };
    }
    return { records: doc.features.map(record), crsMember: doc.crs, issues: [], fileFictitious: doc.fictitious === true };
  }
  if (doc.type === 'Feature') return { records: [record(doc)], crsMember: doc.crs, issues: [] };
  if (typeof doc.type === 'string' && GEOMETRY_TYPES.includes(doc.type)) {
    const { crs, ...geometry } = doc;
    return { records: [record({ type: 'Feature', properties: {}, geometry })], crsMember: crs, issues: [] };
  }
  return {
    records: [],
    crsMember: undefined,
    issues: [
      fileIssue(
        'error',
        'invalid-geojson',
        `Le fichier « ${fileName} » n’est ni une FeatureCollection, ni une Feature, ni une géométrie GeoJSON (type trouvé : « ${String(doc.type)} »).`,
      ),
    ],
  };
}

/** Formats the atlas does not read at all. */
export const UNSUPPORTED_EXT: Record<string, string> = {
  dxf: 'DXF',
  xls: 'Excel 97-2003 (.xls)',
  ods: 'OpenDocument',
  gpx: 'GPX',
  tab: 'MapInfo TAB',
  mif: 'MapInfo MIF',
  dwg: 'DWG',
};

/** Formats read by the full import (parseImportFiles), not by the text-only parseImportFile. */
export const BINARY_EXT: Record<string, string> = {
  shp: 'Shapefile',
  dbf: 'Shapefile',
  shx: 'Shapefile',
  prj: 'Shapefile',
  cpg: 'Shapefile',
  zip: 'archive ZIP',
  kml: 'KML',
  kmz: 'KMZ',
  gpkg: 'GeoPackage',
  xlsx: 'Excel',
};

/** The refusal of a format the atlas does not read, with what to do instead. */
export function unsupportedIssue(fileName: string, label: string): ValidationIssue {
  return fileIssue(
    'error',
    'unsupported-format',
    `Le format ${label} (« ${fileName} ») n’est pas pris en charge : exportez la couche en GeoJSON, CSV, Shapefile, GeoPackage ou KML depuis votre logiciel (dans QGIS : clic droit sur la couche, Exporter, Sauvegarder les entités sous…)${label.startsWith('Excel') || label === 'OpenDocument' ? ', ou enregistrez le tableau en .xlsx ou en CSV' : ''}.`,
  );
}

/** An empty report for a file (nothing read yet). */
export function emptyResult(fileName: string, bytes: number): ImportResult {
  return {
    fileName,
    bytes,
    format: null,
    encoding: null,
    crs: null,
    crsUsed: null,
    issues: [],
    items: [],
    summary: { total: 0, importable: 0, withWarnings: 0, blocked: 0 },
  };
}

export function tooLargeIssue(fileName: string, bytes: number, maxBytes: number): ValidationIssue {
  return fileIssue('error', 'file-too-large', `Le fichier « ${fileName} » fait ${formatMegabytes(bytes)} : la taille maximale est de ${formatMegabytes(maxBytes)}.`);
}

function detectFormat(name: string, text: string): ImportFormat {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  if (ext === 'geojson' || ext === 'json') return 'geojson';
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') return 'csv';
  const first = text.trimStart()[0];
  return first === '{' || first === '[' ? 'geojson' : 'csv';
}

function labelText(props: SiteProperties | null, raw: RawRecord, generatedId = false): string | null {
  const name = props?.name ?? readText(raw.properties.name ?? raw.properties.nom);
  const id = props && !generatedId ? props.id : readText(raw.properties.id ?? raw.featureId);
  let label = !isBlank(name) ? name : !isBlank(id) ? id : null;
  if (label === null || label === undefined) return null;
  label = String(label);
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
}

/** Structural GeoJSON check of one feature (geojson-validation), French messages. */
function structuralErrors(raw: RawRecord): string[] {
  if (raw.feature === undefined) return [];
  const f = isObject(raw.feature) && !('properties' in raw.feature) ? { ...raw.feature, properties: null } : raw.feature;
  const trace = gjv.isFeature(f, true);
  const list = Array.isArray(trace) ? trace : trace ? [] : ['type must be "Feature"'];
  return list.map(translateGjvMessage);
}

/** Every position of the geometry has finite x and y (walked in place: no copy). */
function allFinite(g: Geometry): boolean {
  const ok = (c: unknown): boolean => {
    if (!Array.isArray(c)) return true;
    if (typeof c[0] === 'number') return Number.isFinite(c[0]) && Number.isFinite(c[1]);
    for (const x of c) if (!ok(x)) return false;
    return true;
  };
  return g.type === 'GeometryCollection' ? g.geometries.every(allFinite) : ok(g.coordinates);
}

function pct(x: number): string {
  return `${Math.round(x * 100)} %`;
}
function ha(m2: number): string {
  return `${(m2 / 10000).toFixed(2).replace('.', ',')} ha`;
}

/**
 * Parses an import file and reports, per item, what would be imported and what is wrong.
 * Nothing is merged here: the caller shows the report, lets the user pick a CRS if needed
 * (re-run with `options.crs`), then merges the items that are not blocked.
 */
export function parseImportFile(file: { name: string; bytes: ArrayBuffer | Uint8Array }, options: ImportOptions = {}): ImportResult {
  const bytes = toUint8Array(file.bytes);
  const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
  const result = emptyResult(file.name, bytes.byteLength);
  if (bytes.byteLength > maxBytes) {
    result.issues.push(tooLargeIssue(file.name, bytes.byteLength, maxBytes));
    return result;
  }
  const ext = file.name.toLowerCase().split('.').pop() ?? '';
  if (UNSUPPORTED_EXT[ext]) {
    result.issues.push(unsupportedIssue(file.name, UNSUPPORTED_EXT[ext]));
    return result;
  }
  if (BINARY_EXT[ext]) {
    // Text formats only here: the app reads these with parseImportFiles (worker).
    result.issues.push(fileIssue('error', 'unsupported-format', `Le format ${BINARY_EXT[ext]} (« ${file.name} ») se lit avec l’import de l’atlas (parseImportFiles), pas comme un texte.`));
    return result;
  }
  if (bytes.byteLength === 0) {
    result.issues.push(fileIssue('error', 'empty-file', `Le fichier « ${file.name} » est vide.`));
    return result;
  }

  const decoded = decodeText(bytes);
  result.encoding = decoded.encoding;
  const format = detectFormat(file.name, decoded.text);
  result.format = format;
  const extracted: Extracted = format === 'geojson' ? extractGeoJson(decoded.text, file.name) : parseCsvText(decoded.text, file.name);
  return buildReport(result, extracted, options);
}

/**
 * The report of records read from a file (any format): columns mapped, CRS detected (or as
 * chosen), geometries converted to WGS 84, then every check, item by item. `result` carries
 * what the reader already knows (file name, size, format, encoding).
 */
export function buildReport(result: ImportResult, extracted: Extracted, options: ImportOptions = {}): ImportResult {
  const file = { name: result.fileName };
  const format = result.format;
  if (extracted.encoding) result.encoding = extracted.encoding;
  if (extracted.layers) result.layers = extracted.layers;
  if (extracted.layer !== undefined) result.layer = extracted.layer;
  result.issues.push(...extracted.issues);
  if (extracted.issues.some((i) => i.level === 'error')) return finish(result);
  if (extracted.records.length === 0) {
    result.issues.push(fileIssue('error', 'no-features', `Le fichier « ${file.name} » ne contient aucune entité à importer.`));
    return finish(result);
  }

  // CNIG « Sites économiques »: a site_eco file holds zones, not plots (see cnigFile.ts).
  const cnigClass = detectCnigClass(file.name, extracted.records);
  if (cnigClass) result.cnigClass = cnigClass;
  if (cnigClass === 'site_eco') {
    const z = readSiteEco(file.name, extracted, options.crs);
    Object.assign(result, { zones: z.zones, crs: z.crs, crsUsed: z.crsUsed });
    return finish(result);
  }

  const records = extracted.records;
  const rows = format === 'csv' || extracted.rows === true;
  const where = (i: number, label: string | null) =>
    `${rows ? `Ligne ${i + 2}` : `Entité n° ${i + 1}`}${label ? ` (« ${label} »)` : ''}`;

  // 0. Names typed in the report, then the column-mapping step (unknown columns).
  for (const [k, name] of Object.entries(options.nameFixes ?? {})) {
    const r = records[Number(k)];
    if (r) r.properties = { ...r.properties, name };
  }
  const columns = proposeColumns(records, options.columnMap, options.rememberedColumns);
  applyColumnMap(records, columns);
  if (columns.length > 0) result.columns = columns;

  // 1. Structure, then CRS detection on the well-formed geometries.
  const structural = records.map((r) => (r.readErrors.length > 0 ? [] : structuralErrors(r)));
  const sampleGeoms = records
    .map((r, i) => (structural[i].length === 0 && r.readErrors.length === 0 && isObject(r.geometry) ? (r.geometry as unknown as Geometry) : null))
    .filter((g): g is Geometry => g !== null);
  const detection: CrsDetection = detectCrs({ crsMember: extracted.crsMember, sampleCoords: samplePositions(sampleGeoms, 500) });
  result.crs = detection;
  if (crsMemberName(extracted.crsMember) !== null) result.crsSource = extracted.crsSource ?? 'crs-member';
  const crsUsed: CrsId | null = options.crs ?? detection.crs;
  result.crsUsed = crsUsed;
  if (crsUsed === null) {
    result.issues.push(fileIssue('error', 'crs-unknown', `${detection.message} Tant qu’il n’est pas choisi, aucune entité ne peut être importée.`));
  } else if (detection.conflict && !options.crs) {
    result.issues.push(fileIssue('warning', 'crs-mismatch', detection.message));
  }

  // 2. Reproject the well-formed geometries to WGS84.
  const wgs: (Geometry | null)[] = records.map((r, i) => {
    if (crsUsed === null || structural[i].length > 0 || r.readErrors.length > 0 || !isObject(r.geometry)) return null;
    try {
      const src = r.geometry as unknown as Geometry;
      // Already WGS 84: no copy (the site's geometry is a rounded copy anyway).
      const g = crsUsed === 'EPSG:4326' ? src : reprojectGeometry(src, crsUsed, 'EPSG:4326');
      return allFinite(g) ? g : null;
    } catch {
      return null;
    }
  });

  // 3. Generic checks of the shared validation module (structure, types, France, HTML).
  const generic = validateFeatureCollection(
    {
      type: 'FeatureCollection',
      features: records.map((r, i) =>
        wgs[i] ? { type: 'Feature', properties: r.properties, geometry: wgs[i] } : r.feature ?? { type: 'Feature', properties: r.properties, geometry: r.geometry },
      ),
    },
    file.name,
    { geometryTypes: [...SITE_GEOMETRY_TYPES], bounds: crsUsed ? 'metropole' : 'none', allowNullGeometry: false },
  );

  // The generic issues by item (one pass: a file of 100,000 faulty items stays linear).
  const genericOf = new Map<number, ValidationIssue[]>();
  for (const gi of generic) {
    if (gi.featureIndex === null) continue;
    const list = genericOf.get(gi.featureIndex);
    if (list) list.push(gi);
    else genericOf.set(gi.featureIndex, [gi]);
  }

  const territory: Territory | null = options.territory ? prepareTerritory(options.territory) : null;
  const existing = options.existingIds ?? new Set<string>();
  const tolerance = options.surfaceTolerance ?? 0.2;
  const defaults: Partial<SiteProperties> = { source: `Import du fichier « ${file.name} »`, ...options.defaults };
  if (extracted.fileFictitious) {
    result.issues.push(
      fileIssue('warning', 'fictitious-file', `Le fichier « ${file.name} » est un jeu d’exemple fictif : les sites importés restent marqués « Exemple fictif » et ne peuvent pas passer pour des données réelles.`),
    );
  }
  const seenIds = new Map<string, number>();
  const unmapped = new Set<string>();

  records.forEach((raw, i) => {
    const issues: ValidationIssue[] = [];
    let label = labelText(null, raw);
    const g = wgs[i];
    const geomType = g?.type;
    const usable = g !== null && (SITE_GEOMETRY_TYPES as readonly string[]).includes(geomType ?? '');
    const itemDefaults = raw.featureId !== undefined && raw.featureId !== null ? { ...defaults, id: String(raw.featureId) } : defaults;
    const built = usable ? toSiteDetailed(raw.properties, g as SiteGeometry, itemDefaults) : null;
    const site = built?.site ?? null;
    if (site && built) label = labelText(site.properties, raw, built.generatedId);
    const add = (level: ValidationIssue['level'], code: string, problem: string) =>
      issues.push({ level, code, featureIndex: i, featureLabel: label, message: `${where(i, label)} : ${problem}` });

    for (const e of raw.readErrors) add('error', e.code, e.problem);
    if (crsUsed === null) add('error', 'crs-unknown', `système de coordonnées inconnu : choisissez-le pour importer cette entité.`);

    // Issues of the shared validator, re-worded with this item's label.
    for (const gi of genericOf.get(i) ?? []) {
      if (raw.readErrors.length > 0 && (gi.code === 'invalid-geojson' || gi.code === 'missing-geometry')) continue;
      const prefix = `${file.name}, entité n° ${i + 1}${gi.featureLabel ? ` (« ${gi.featureLabel} »)` : ''} : `;
      const problem = gi.message.startsWith(prefix) ? gi.message.slice(prefix.length) : gi.message;
      add(gi.level, gi.code, problem);
    }
    if (structural[i].length > 0 && !issues.some((x) => x.code === 'invalid-geojson')) {
      add('error', 'invalid-geojson', `GeoJSON invalide : ${structural[i].join(' ; ')}.`);
    }

    if (site && built) {
      const p = site.properties;
      if (extracted.fileFictitious) p.fictitious = true;
      for (const k of Object.keys(built.extra)) if (!isBlank(built.extra[k])) unmapped.add(k);
      for (const problem of built.problems) add('warning', 'invalid-value', problem);

      if (isBlank(p.name)) add('error', 'missing-field', `le nom est manquant (colonne « name » ou « nom ») : donnez un nom au site.`);

      if (p.id) {
        const first = seenIds.get(p.id);
        if (first !== undefined) {
          const other = rows ? `la ligne ${first + 2}` : `l’entité n° ${first + 1}`;
          add('error', 'duplicate-id', `l’identifiant « ${p.id} » est déjà celui de ${other} du fichier : une seule des deux peut être importée.`);
        } else seenIds.set(p.id, i);
        if (existing.has(p.id)) {
          add('warning', 'existing-id', `l’identifiant « ${p.id} » existe déjà dans l’atlas : l’import proposera de mettre à jour ce site (les différences seront montrées avant).`);
        }
      }

      let selfIntersecting = false;
      if (site.geometry.type !== 'Point') {
        const crossing = findSelfIntersection(site.geometry);
        if (crossing) {
          selfIntersecting = true;
          const [x, y] = crossing;
          add(
            'error',
            'self-intersection',
            `le contour se recoupe lui-même (polygone « en nœud papillon »), près du point ${x.toFixed(5)} ; ${y.toFixed(5)} : redessinez-le ou corrigez-le dans votre SIG.`,
          );
        }
      }

      let outside = false;
      if (territory) {
        const t = territoryStatus(site.geometry, territory);
        outside = t === 'outside';
        if (t === 'outside') add('error', 'outside-territory', `le site est en dehors du territoire du PETR du Soissonnais et du Valois.`);
        else if (t === 'partly-outside') add('warning', 'partly-outside-territory', `le contour déborde en partie du territoire du PETR (limite généralisée : vérifiez).`);
      }

      if (options.communes) {
        const c = assignCommune(site.geometry, options.communes);
        if (c) {
          if (p.insee && p.insee !== c.insee) {
            add('warning', 'commune-mismatch', `le fichier indique la commune ${p.commune ?? p.insee} (${p.insee}), mais le site est situé à ${c.commune} (${c.insee}) : la commune du plan est retenue.`);
          }
          p.insee = c.insee;
          p.commune = c.commune;
          p.epci_siren = c.epci_siren;
          p.epci_name = c.epci_name;
        } else if (!outside) {
          add('warning', 'commune-not-found', `aucune commune du territoire ne contient ce site : la commune et l’EPCI restent ${p.insee ? `ceux du fichier (${p.insee})` : 'vides'}.`);
        }
      }

      const d = p.declared_surface_m2;
      const c = p.computed_surface_m2;
      if (!selfIntersecting && typeof d === 'number' && typeof c === 'number' && c > 0 && Math.abs(d - c) / c > tolerance) {
        add(
          'warning',
          'surface-mismatch',
          `la surface déclarée (${ha(d)}) diffère de ${pct(Math.abs(d - c) / c)} de la surface du contour (${ha(c)}) : vérifiez l’une ou l’autre.`,
        );
      }
    }

    const blocked = site === null || issues.some((x) => x.level === 'error');
    result.items.push({ index: i, label: label ?? where(i, null), site, issues, blocked, extra: built?.extra ?? {} });
  });

  if (unmapped.size > 0) {
    const list = [...unmapped].map((k) => `« ${k} »`).join(', ');
    result.issues.push(
      fileIssue(
        'warning',
        'unmapped-fields',
        `Ces champs du fichier ne correspondent à aucun champ de l’atlas et ne seront pas importés : ${list}. Pour les garder, associez-les à un champ de l’atlas (« Colonnes non reconnues ») ou renommez-les (voir le format d’import).`,
      ),
    );
  }
  return finish(result);
}

function finish(r: ImportResult): ImportResult {
  r.summary = {
    total: r.items.length,
    importable: r.items.filter((i) => !i.blocked).length,
    withWarnings: r.items.filter((i) => !i.blocked && i.issues.some((x) => x.level === 'warning')).length,
    blocked: r.items.filter((i) => i.blocked).length,
  };
  return r;
}

/** The sites that can be merged (items without errors). */
export function importableSites(r: ImportResult) {
  return r.items.filter((i) => !i.blocked && i.site).map((i) => i.site!);
}

