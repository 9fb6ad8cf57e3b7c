/**
 * Inline fixes typed in the validation report (e.g. the missing name of a feature) are
 * applied to the file's content, which is then parsed again by the data layer: the fixed
 * rows are re-validated exactly like the rest of the file.
 *
 * The fixed value goes into the `name` property / column, which the import mapping reads
 * first among the name columns.
 */
import Papa from 'papaparse';
import { decodeText } from './decode';
import { detectSeparator } from './csv';

export type NameFixes = Record<number, string>;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function patchGeoJson(text: string, fixes: NameFixes): string | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(doc)) return null;
  const features: unknown[] | null =
    doc.type === 'FeatureCollection' && Array.isArray(doc.features) ? doc.features : doc.type === 'Feature' ? [doc] : null;
  if (!features) return null;
  for (const [k, name] of Object.entries(fixes)) {
    const f = features[Number(k)];
    if (!isObject(f)) continue;
    f.properties = { ...(isObject(f.properties) ? f.properties : {}), name };
  }
  return JSON.stringify(doc);
}

function patchCsv(text: string, fixes: NameFixes): string | null {
  const delimiter = detectSeparator(text);
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter, skipEmptyLines: 'greedy' });
  const rows = parsed.data;
  if (!rows.length) return null;
  const header = rows[0];
  let col = header.findIndex((h) => String(h ?? '').trim().toLowerCase() === 'name');
  if (col < 0) {
    col = header.length;
    header.push('name');
    for (let r = 1; r < rows.length; r++) rows[r][col] = '';
  }
  for (const [k, name] of Object.entries(fixes)) {
    const row = rows[Number(k) + 1];
    if (row) row[col] = name;
  }
  return Papa.unparse(rows, { delimiter, newline: '\r\n' });
}

/** The file's bytes with the typed names applied (the original bytes when there is nothing to fix). */
export function applyNameFixes(bytes: ArrayBuffer, fixes: NameFixes, format: 'geojson' | 'csv' | null): ArrayBuffer {
  if (!Object.keys(fixes).length || !format) return bytes;
  const { text } = decodeText(bytes);
  const patched = format === 'geojson' ? patchGeoJson(text, fixes) : patchCsv(text, fixes);
  if (patched === null) return bytes;
  const out = new TextEncoder().encode(patched);
  return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
}
