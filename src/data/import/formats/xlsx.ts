/**
 * Excel workbooks (.xlsx) → records, with read-excel-file (maintained, MIT, on the npm
 * registry; SheetJS's npm package is no longer updated there). Each sheet is a table like a
 * CSV: header row, then one row per site, with lon/lat, X/Y or a WKT column. A workbook with
 * several sheets lists them; the user picks one (default: the first with data).
 */
import readXlsxFile from 'read-excel-file/universal';
import { recordsFromRows } from '../csv';
import type { Extracted, ImportLayer } from '../types';
import { fileError } from '../issues';

/** Dates as ISO days (Excel stores them as numbers; the reader gives UTC dates). */
function cell(v: unknown): unknown {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  return v;
}

export async function readXlsx(bytes: Uint8Array, fileName: string, layer: string | null | undefined): Promise<Extracted> {
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    sheets = (await readXlsxFile(ab)) as unknown as { sheet: string; data: unknown[][] }[];
  } catch (e) {
    return {
      records: [],
      crsMember: undefined,
      issues: [fileError('invalid-xlsx', `Le fichier « ${fileName} » n’est pas un classeur Excel (.xlsx) lisible (${e instanceof Error ? e.message : String(e)}). Un ancien .xls doit être réenregistré en .xlsx.`)],
    };
  }
  const layers: ImportLayer[] = sheets.map((s) => ({ name: s.sheet, count: Math.max(0, s.data.length - 1), geometryType: null }));
  const chosen = (layer ? sheets.find((s) => s.sheet === layer) : undefined) ?? sheets.find((s) => s.data.length > 1) ?? sheets[0];
  if (!chosen) return { records: [], crsMember: undefined, issues: [fileError('no-features', `Le classeur « ${fileName} » n’a aucune feuille.`)], layers };
  const rows = chosen.data.map((r) => r.map(cell));
  const out = recordsFromRows(rows, `${fileName} › ${chosen.sheet}`);
  return { ...out, layers, layer: chosen.sheet, rows: true };
}
