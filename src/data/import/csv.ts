/**
 * CSV reader for imports: separator `;`, `,` or tab (detected on the header line), quoted
 * fields (papaparse). Geometry from a `geometry`/`wkt` column (WKT or GeoJSON text), else
 * from lon/lat columns (degrees), else from X/Y columns (Lambert-93 or other metres — the
 * CRS detection decides). The other columns become properties, verbatim.
 */
import Papa from 'papaparse';
import { parseWkt } from './wkt';
import type { Extracted, RawRecord } from './types';
import { isBlank, normalizeKey, readNumber } from './values';

const LON = ['lon', 'lng', 'long', 'longitude', 'x_wgs84', 'lon_wgs84', 'longitude_wgs84', 'x_4326', 'lon_4326', 'wgs84_x', 'coord_lon'];
const LAT = ['lat', 'latitude', 'y_wgs84', 'lat_wgs84', 'latitude_wgs84', 'y_4326', 'lat_4326', 'wgs84_y', 'coord_lat'];
const X = ['x', 'x_l93', 'xl93', 'x_lambert93', 'x_lambert_93', 'lambert93_x', 'x_lamb93', 'coord_x', 'coordx', 'x_2154', 'x_rgf93', 'coordonnee_x', 'coordonnees_x'];
const Y = ['y', 'y_l93', 'yl93', 'y_lambert93', 'y_lambert_93', 'lambert93_y', 'y_lamb93', 'coord_y', 'coordy', 'y_2154', 'y_rgf93', 'coordonnee_y', 'coordonnees_y'];
const GEOM = ['geometry', 'geometry_wkt', 'wkt', 'geom', 'the_geom', 'wkt_geom', 'geometrie', 'terr_geomsurf', 'site_geomsurf'];

/** Separator of the header line: the most frequent of `;`, `,`, tab outside quotes. */
export function detectSeparator(text: string): ';' | ',' | '\t' {
  let inQuotes = false;
  const count = { ';': 0, ',': 0, '\t': 0 };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && (ch === ';' || ch === ',' || ch === '\t')) count[ch]++;
  }
  if (count['\t'] > count[';'] && count['\t'] > count[',']) return '\t';
  return count[';'] >= count[','] && count[';'] > 0 ? ';' : ',';
}

/** Removes the apostrophe the CSV export puts before = + - @ (formula protection). */
export function unprotectFormula(v: string): string {
  return /^'+[=+\-@\t\r]/.test(v) ? v.slice(1) : v;
}

function findColumn(norm: string[], names: string[]): number {
  for (const n of names) {
    const i = norm.indexOf(n);
    if (i >= 0) return i;
  }
  return -1;
}

export function parseCsvText(text: string, fileName: string): Extracted {
  const delimiter = detectSeparator(text);
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: 'greedy' });
  const rows = parsed.data;
  const issues: Extracted['issues'] = [];
  for (const e of parsed.errors.slice(0, 5)) {
    issues.push({
      level: 'warning',
      code: 'csv-syntax',
      featureIndex: null,
      featureLabel: null,
      message: `Le fichier « ${fileName} »${typeof e.row === 'number' ? `, ligne ${e.row + 1}` : ''} : problème de format CSV (${e.message}).`,
    });
  }
  if (rows.length === 0) return { records: [], crsMember: undefined, issues };
  const out = recordsFromRows(rows, fileName);
  if (out.issues.length > 0) return { ...out, issues: [...issues, ...out.issues] };
  const width = rows[0].length;
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    if (row.length !== width && !(row.length === 1 && row[0] === '')) {
      issues.push({
        level: 'warning',
        code: 'csv-columns',
        featureIndex: r - 1,
        featureLabel: null,
        message: `Le fichier « ${fileName} », ligne ${r + 1} : ${row.length} colonne(s) au lieu de ${width} ; vérifiez le séparateur et les guillemets.`,
      });
    }
  }
  return { ...out, issues: [...issues, ...out.issues] };
}

/**
 * A table (header row, then one row per site) → records: CSV text cells, or spreadsheet
 * cells (numbers, booleans, text). Geometry from the geometry / lon-lat / X-Y columns.
 */
export function recordsFromRows(rows: readonly (readonly unknown[])[], fileName: string): Extracted {
  const issues: Extracted['issues'] = [];
  if (rows.length === 0) return { records: [], crsMember: undefined, issues };
  // Header: blank names get a placeholder, duplicates a suffix.
  const seen = new Map<string, number>();
  const header = rows[0].map((h, k) => {
    let name = String(h ?? '').trim() || `colonne_${k + 1}`;
    const n = seen.get(name) ?? 0;
    seen.set(name, n + 1);
    if (n > 0) name = `${name}_${n + 1}`;
    return name;
  });
  const norm = header.map(normalizeKey);
  const iGeom = findColumn(norm, GEOM);
  let iLon = findColumn(norm, LON);
  let iLat = findColumn(norm, LAT);
  if (iLon < 0 || iLat < 0) {
    iLon = findColumn(norm, X);
    iLat = findColumn(norm, Y);
  }
  const hasPoint = iLon >= 0 && iLat >= 0;
  if (iGeom < 0 && !hasPoint) {
    issues.push({
      level: 'error',
      code: 'missing-coordinate-columns',
      featureIndex: null,
      featureLabel: null,
      message: `Le fichier « ${fileName} » n’a pas de colonnes de coordonnées : ajoutez « lon » et « lat » (degrés WGS 84), ou « X » et « Y » (Lambert-93), ou une colonne « geometry » en WKT. Colonnes trouvées : ${header.map((h) => `« ${h} »`).join(', ')}.`,
    });
    return { records: [], crsMember: undefined, issues };
  }
  // Every coordinate-like column is consumed, not kept as a property.
  const consumed = new Set<number>();
  for (const list of [LON, LAT, X, Y, GEOM]) for (const n of list) norm.forEach((x, k) => x === n && consumed.add(k));

  let crsMember: unknown = undefined;
  const records: RawRecord[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    const properties: Record<string, unknown> = {};
    header.forEach((h, k) => {
      // The export protects text that a spreadsheet would run as a formula with a leading
      // apostrophe (see src/data/export/csv.ts); remove it.
      if (consumed.has(k)) return;
      const v = row[k];
      properties[h] = typeof v === 'string' ? unprotectFormula(v) : (v ?? '');
    });
    const readErrors: RawRecord['readErrors'] = [];
    let geometry: unknown = null;
    const geomCell = iGeom >= 0 ? row[iGeom] : undefined;
    if (!isBlank(geomCell)) {
      const cell = String(geomCell).trim();
      if (cell.startsWith('{')) {
        try {
          geometry = JSON.parse(cell);
        } catch {
          readErrors.push({ code: 'invalid-geometry-text', problem: `la colonne « ${header[iGeom]} » ne contient pas une géométrie GeoJSON lisible.` });
        }
      } else {
        const w = parseWkt(cell);
        if (w) {
          geometry = w.geometry;
          if (w.srid && crsMember === undefined) crsMember = w.srid;
        } else {
          readErrors.push({
            code: 'invalid-wkt',
            problem: `la géométrie « ${cell.length > 60 ? `${cell.slice(0, 59)}…` : cell} » (colonne « ${header[iGeom]} ») n’est pas un WKT lisible (POINT, POLYGON ou MULTIPOLYGON attendu).`,
          });
        }
      }
    }
    if (geometry === null && readErrors.length === 0) {
      if (!hasPoint) {
        readErrors.push({ code: 'missing-geometry', problem: `la géométrie (colonne « ${header[iGeom]} ») est vide.` });
      } else {
        const xs = row[iLon];
        const ys = row[iLat];
        if (isBlank(xs) || isBlank(ys)) {
          readErrors.push({ code: 'missing-geometry', problem: `les coordonnées (« ${header[iLon]} », « ${header[iLat]} ») sont vides.` });
        } else {
          const x = readNumber(xs);
          const y = readNumber(ys);
          if (typeof x !== 'number' || typeof y !== 'number') {
            const bad = typeof x !== 'number' ? [header[iLon], xs] : [header[iLat], ys];
            readErrors.push({ code: 'invalid-coordinates', problem: `la coordonnée « ${String(bad[1])} » (colonne « ${bad[0]} ») n’est pas un nombre.` });
          } else geometry = { type: 'Point', coordinates: [x, y] };
        }
      }
    }
    records.push({ properties, geometry, readErrors });
  }
  return { records, crsMember, issues };
}
