/**
 * dBASE (.dbf) reader for the attributes of a Shapefile.
 *
 * Our own rather than `parsedbf` (the one shpjs uses): that one returns deleted records,
 * turns dates into local-time Date objects and blank numbers into NaN, and under Node decodes
 * Windows-1252 with C1 controls instead of « – », « € », « œ »… Here:
 * - deleted records (flag « * ») are skipped, as GDAL and QGIS do;
 * - text is trimmed, blank → null; numbers → number (blank → null, unreadable → the text, so
 *   the import names it); dates YYYYMMDD → « YYYY-MM-DD »; logicals → true / false / null;
 * - the encoding comes from the .cpg, else the language driver byte, else UTF-8 when the bytes
 *   are valid UTF-8, else Windows-1252 (the « ANSI » of older French exports).
 */
import { decodeWindows1252 } from '../decode';

export type DbfEncoding = 'utf-8' | 'windows-1252';

export interface DbfTable {
  fields: { name: string; type: string }[];
  records: Record<string, string | number | boolean | null>[];
  encoding: DbfEncoding;
}

/** The encoding a .cpg names (« UTF-8 », « 1252 », « ANSI 1252 », « ISO-8859-1 »…); null when unknown. */
export function encodingFromCpg(cpg: string | null | undefined): DbfEncoding | null {
  if (!cpg) return null;
  const s = cpg.trim().toUpperCase().replace(/[\s_]/g, '');
  if (s === 'UTF-8' || s === 'UTF8' || s === '65001') return 'utf-8';
  if (/^(ANSI)?1252$|^(CP|WINDOWS-?)1252$|^ISO-?8859-?(1|15)$|^LATIN-?1$|^88591$/.test(s)) return 'windows-1252';
  return null;
}

/** Language driver ids meaning Windows-1252 / Latin-1 (dBASE code pages). */
const LDID_1252 = new Set([0x01, 0x02, 0x03, 0x57, 0x58, 0x59]);

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function readDbf(bytes: Uint8Array, cpg?: string | null): DbfTable {
  if (bytes.byteLength < 33) throw new Error('le fichier .dbf est trop court pour être une table dBASE');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(4, true);
  const headerLen = view.getUint16(8, true);
  const recordLen = view.getUint16(10, true);
  if (headerLen < 33 || recordLen < 1 || headerLen > bytes.byteLength) throw new Error('l’en-tête du fichier .dbf est invalide');
  const ldid = bytes[29];
  const encoding: DbfEncoding =
    encodingFromCpg(cpg) ?? (ldid === 0x7f || ldid === 0 ? (isUtf8(bytes.subarray(32, Math.min(bytes.byteLength, headerLen + count * recordLen))) ? 'utf-8' : 'windows-1252') : LDID_1252.has(ldid) ? 'windows-1252' : 'utf-8');
  const utf8 = new TextDecoder('utf-8');
  const decode = (b: Uint8Array) => (encoding === 'utf-8' ? utf8.decode(b) : decodeWindows1252(b));

  const fields: { name: string; type: string; offset: number; length: number }[] = [];
  let fieldOffset = 1; // after the deletion flag
  for (let p = 32; p + 32 <= headerLen && bytes[p] !== 0x0d; p += 32) {
    let end = p;
    while (end < p + 11 && bytes[end] !== 0) end++;
    const name = decode(bytes.subarray(p, end)).trim();
    const length = bytes[p + 16];
    fields.push({ name, type: String.fromCharCode(bytes[p + 11]), offset: fieldOffset, length });
    fieldOffset += length;
  }

  const records: DbfTable['records'] = [];
  for (let r = 0; r < count; r++) {
    const start = headerLen + r * recordLen;
    if (start + recordLen > bytes.byteLength) break; // truncated file: what could be read
    if (bytes[start] === 0x2a) continue; // deleted
    const rec: Record<string, string | number | boolean | null> = {};
    for (const f of fields) {
      const raw = bytes.subarray(start + f.offset, start + f.offset + f.length);
      rec[f.name] = value(f.type, raw);
    }
    records.push(rec);
  }
  return { fields: fields.map(({ name, type }) => ({ name, type })), records, encoding };

  function value(type: string, raw: Uint8Array): string | number | boolean | null {
    if (type === 'I' && raw.byteLength === 4) return new DataView(raw.buffer, raw.byteOffset, 4).getInt32(0, true);
    if ((type === 'O' || type === 'B') && raw.byteLength === 8) return new DataView(raw.buffer, raw.byteOffset, 8).getFloat64(0, true);
    const text = decode(raw).replace(/\0/g, '').trim();
    if (type === 'M') return null; // memo: in a .dbt file Shapefiles do not have
    if (text === '') return null;
    switch (type) {
      case 'N':
      case 'F': {
        if (/^\*+$/.test(text)) return null; // overflow marker
        const n = Number(text);
        return Number.isFinite(n) ? n : text;
      }
      case 'D':
        return /^\d{8}$/.test(text) ? (text === '00000000' ? null : `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`) : text;
      case 'L':
        return /^[TtYy]$/.test(text) ? true : /^[FfNn]$/.test(text) ? false : null;
      default:
        return text;
    }
  }
}
