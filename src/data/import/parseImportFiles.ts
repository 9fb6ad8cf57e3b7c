/**
 * The full import entry point (what the parse worker runs): one file, or the parts of a
 * Shapefile dropped together; GeoJSON and CSV as parseImportFile reads them, and the formats
 * QGIS users export — zipped Shapefile, GeoPackage, KML, KMZ, Excel. The readers and their
 * libraries are loaded on demand (dynamic imports: separate chunks, fetched the first time
 * such a file is read). Every format ends in the same report (buildReport).
 */
import type { ValidationIssue } from '../validation/types';
import { decodeText, toUint8Array } from './decode';
import { BINARY_EXT, buildReport, emptyResult, parseImportFile, tooLargeIssue, unsupportedIssue, UNSUPPORTED_EXT } from './parseImportFile';
import { MAX_IMPORT_BYTES, type Extracted, type ImportFile, type ImportFormat, type ImportOptions, type ImportResult } from './types';
import type { ShapefileParts } from './formats/shapefile';
import { fileError } from './issues';

const SHAPEFILE_PARTS = ['shp', 'dbf', 'shx', 'prj', 'cpg'] as const;
type ShapefilePart = (typeof SHAPEFILE_PARTS)[number];
const PART_ROLE: Record<ShapefilePart, string> = {
  shp: 'les géométries',
  dbf: 'les attributs',
  shx: 'l’index des géométries',
  prj: 'le système de coordonnées',
  cpg: 'l’encodage des textes',
};
const REQUIRED: ShapefilePart[] = ['shp', 'dbf'];

const extOf = (name: string) => (/\.([^./\\]+)$/.exec(name)?.[1] ?? '').toLowerCase();
const baseOf = (name: string) => name.replace(/^.*[/\\]/, '').replace(/\.[^.]+$/, '');
const isZip = (b: Uint8Array) => b.length > 3 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5);
const isSqlite = (b: Uint8Array) => b.length > 16 && new TextDecoder().decode(b.subarray(0, 15)) === 'SQLite format 3';

/** « « a.shp » (les géométries) et « a.shx » (l’index…) » */
function listMissing(base: string, missing: ShapefilePart[]): string {
  const items = missing.map((e) => `« ${base}.${e} » (${PART_ROLE[e]})`);
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}` : items[0];
}

type Grouped = Map<string, { base: string; parts: Partial<Record<ShapefilePart, Uint8Array>> }>;

/** Shapefile parts by base name (case-insensitive, any folder). */
function groupShapefiles(files: { name: string; bytes: Uint8Array }[]): Grouped {
  const groups: Grouped = new Map();
  for (const f of files) {
    const ext = extOf(f.name) as ShapefilePart;
    if (!SHAPEFILE_PARTS.includes(ext)) continue;
    const base = baseOf(f.name);
    const key = base.toLowerCase();
    const g = groups.get(key) ?? { base, parts: {} };
    g.parts[ext] = f.bytes;
    groups.set(key, g);
  }
  return groups;
}

/** A Shapefile's parts → what the reader needs, or the message naming the missing files. */
function shapefileOf(g: { base: string; parts: Partial<Record<ShapefilePart, Uint8Array>> }, given: string): ShapefileParts | ValidationIssue {
  const missing = SHAPEFILE_PARTS.filter((e) => e !== 'cpg' && !g.parts[e]);
  if (REQUIRED.some((e) => !g.parts[e])) {
    const have = SHAPEFILE_PARTS.filter((e) => g.parts[e]).map((e) => `.${e}`);
    return fileError(
      'shapefile-incomplete',
      `Le Shapefile « ${g.base} » est incomplet (${given}${have.length ? ` : ${have.join(', ')} seulement` : ''}) : il manque ${listMissing(g.base, missing)}. Déposez ensemble les fichiers .shp, .shx, .dbf et .prj (et .cpg s’il existe), ou le .zip de la couche (dans QGIS : Exporter › Sauvegarder les entités sous… › ESRI Shapefile, puis compressez le dossier).`,
    );
  }
  const text = (b?: Uint8Array) => (b ? decodeText(b).text : null);
  return { base: g.base, shp: g.parts.shp!, dbf: g.parts.dbf!, prj: text(g.parts.prj), cpg: text(g.parts.cpg) };
}

/** What the given files are. */
type Plan =
  | { kind: 'text'; file: { name: string; bytes: Uint8Array } }
  | { kind: 'shapefile'; shapefiles: ShapefileParts[] }
  | { kind: 'geopackage' | 'kml' | 'kmz' | 'xlsx'; file: { name: string; bytes: Uint8Array } }
  | { kind: 'error'; issue: ValidationIssue };

async function planOf(files: { name: string; bytes: Uint8Array }[], label: string): Promise<Plan> {
  const shp = groupShapefiles(files);
  const others = files.filter((f) => !SHAPEFILE_PARTS.includes(extOf(f.name) as ShapefilePart));
  if (shp.size > 0 && others.length === 0) {
    const out: ShapefileParts[] = [];
    for (const g of shp.values()) {
      const s = shapefileOf(g, label);
      if ('code' in s) {
        // In a zip or a drop of several layers, a stray part of another layer is not fatal.
        if (shp.size > 1 && !g.parts.shp) continue;
        return { kind: 'error', issue: s };
      }
      out.push(s);
    }
    return { kind: 'shapefile', shapefiles: out };
  }
  if (files.length > 1) {
    return {
      kind: 'error',
      issue: fileError(
        'several-files',
        `Plusieurs fichiers ont été déposés (${files.map((f) => `« ${f.name} »`).join(', ')}) : importez-les un par un. Seuls les fichiers d’un même Shapefile (.shp, .shx, .dbf, .prj, .cpg) se déposent ensemble.`,
      ),
    };
  }
  const file = files[0];
  const ext = extOf(file.name);
  if (UNSUPPORTED_EXT[ext]) return { kind: 'error', issue: unsupportedIssue(file.name, UNSUPPORTED_EXT[ext]) };
  if (ext === 'gpkg' || (isSqlite(file.bytes) && !['geojson', 'json', 'csv', 'txt', 'tsv'].includes(ext))) return { kind: 'geopackage', file };
  if (ext === 'kml') return { kind: 'kml', file };
  if (ext === 'kmz') return { kind: 'kmz', file };
  if (ext === 'xlsx' || ext === 'xlsm') return { kind: 'xlsx', file };
  if (ext === 'zip' || (isZip(file.bytes) && !BINARY_EXT[ext])) return planOfZip(file);
  return { kind: 'text', file };
}

/** A zip: a Shapefile (the usual QGIS export), or one GeoJSON / CSV / KML / GeoPackage / Excel file. */
async function planOfZip(file: { name: string; bytes: Uint8Array }): Promise<Plan> {
  const { unzipSync } = await import('fflate');
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(file.bytes);
  } catch (e) {
    return { kind: 'error', issue: fileError('invalid-zip', `L’archive « ${file.name} » n’a pas pu être ouverte (${e instanceof Error ? e.message : String(e)}).`) };
  }
  const inside = Object.entries(entries)
    .filter(([n, b]) => !n.endsWith('/') && !n.startsWith('__MACOSX') && !/(^|\/)\./.test(n) && b.length > 0)
    .map(([name, bytes]) => ({ name, bytes }));
  // A Shapefile when it has a .shp or .dbf (a lone .prj may be the sidecar of a CSV).
  if (inside.some((f) => ['shp', 'dbf'].includes(extOf(f.name)))) {
    return planOf(
      inside.filter((f) => SHAPEFILE_PARTS.includes(extOf(f.name) as ShapefilePart)),
      `archive « ${file.name} »`,
    );
  }
  const readable = inside.filter((f) => ['geojson', 'json', 'csv', 'gpkg', 'kml', 'xlsx'].includes(extOf(f.name)));
  if (readable.length === 1) return planOf(readable, readable[0].name);
  return {
    kind: 'error',
    issue: fileError(
      'zip-contents',
      readable.length > 1
        ? `L’archive « ${file.name} » contient plusieurs fichiers lisibles (${readable.map((f) => `« ${f.name} »`).join(', ')}) : importez-les un par un.`
        : `L’archive « ${file.name} » ne contient ni Shapefile, ni GeoJSON, CSV, GeoPackage, KML ou Excel${inside.length ? ` (elle contient : ${inside.slice(0, 8).map((f) => `« ${f.name} »`).join(', ')}${inside.length > 8 ? '…' : ''})` : ''}.`,
    ),
  };
}

const FORMAT_OF: Record<Exclude<Plan['kind'], 'error' | 'text'>, ImportFormat> = { shapefile: 'shapefile', geopackage: 'geopackage', kml: 'kml', kmz: 'kmz', xlsx: 'xlsx' };

/**
 * Reads the files (one file, or the parts of one Shapefile) and returns the validation report.
 * `options.layer` picks the GeoPackage layer, Excel sheet or Shapefile of a zip.
 */
export async function parseImportFiles(input: ImportFile | ImportFile[], options: ImportOptions = {}): Promise<ImportResult> {
  const files = (Array.isArray(input) ? input : [input]).map((f) => ({ name: f.name, bytes: toUint8Array(f.bytes) }));
  const name = files.length === 1 ? files[0].name : `${baseOf(files.find((f) => extOf(f.name) === 'shp')?.name ?? files[0].name)} (${files.map((f) => `.${extOf(f.name)}`).join(', ')})`;
  const total = files.reduce((s, f) => s + f.bytes.byteLength, 0);
  const result = emptyResult(name, total);
  const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
  if (total > maxBytes) {
    result.issues.push(tooLargeIssue(name, total, maxBytes));
    return result;
  }
  if (files.length === 0 || total === 0) {
    result.issues.push(fileError('empty-file', `Le fichier « ${name} » est vide.`));
    return result;
  }
  const plan = await planOf(files, files.length === 1 ? `fichier « ${files[0].name} »` : `${files.length} fichiers déposés`);
  if (plan.kind === 'error') {
    result.issues.push(plan.issue);
    return result;
  }
  if (plan.kind === 'text') {
    const r = parseImportFile(plan.file, options);
    if (plan.file.name !== name) r.fileName = name;
    return r;
  }
  result.format = FORMAT_OF[plan.kind];
  let extracted: Extracted;
  switch (plan.kind) {
    case 'shapefile': {
      const { readShapefile } = await import('./formats/shapefile');
      const chosen = plan.shapefiles.find((s) => s.base === options.layer) ?? plan.shapefiles[0];
      extracted = readShapefile(chosen, name);
      if (plan.shapefiles.length > 1) {
        // Record count from the .dbf header.
        const count = (s: ShapefileParts) => (s.dbf.byteLength >= 8 ? new DataView(s.dbf.buffer, s.dbf.byteOffset, 8).getUint32(4, true) : 0);
        extracted.layers = plan.shapefiles.map((s) => ({ name: s.base, count: count(s), geometryType: null }));
        extracted.layer = chosen.base;
      }
      break;
    }
    case 'geopackage': {
      const [{ readGeoPackage }, { loadSqlJsNode }] = await Promise.all([import('./formats/geopackage'), import('../gpkg/sqljs')]);
      extracted = await readGeoPackage(plan.file.bytes, name, options.layer, options.sqlJs ?? loadSqlJsNode);
      break;
    }
    case 'kml': {
      const { readKml } = await import('./formats/kml');
      extracted = readKml(decodeText(plan.file.bytes).text, name);
      break;
    }
    case 'kmz': {
      const { readKmz } = await import('./formats/kml');
      extracted = readKmz(plan.file.bytes, name);
      break;
    }
    case 'xlsx': {
      const { readXlsx } = await import('./formats/xlsx');
      extracted = await readXlsx(plan.file.bytes, name, options.layer);
      break;
    }
  }
  return buildReport(result, extracted, options);
}
