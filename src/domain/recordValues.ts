/**
 * Readers of loosely typed source-record values (Cartofriches and other open data): a trimmed
 * string, a finite number (French decimal comma accepted), an ISO date, a `|`-separated list.
 * Pure; anything else reads as null (never invented).
 */

/** Trimmed non-empty string (a finite number is written as text); otherwise null. */
export function str(v: unknown): string | null {
  if (typeof v === 'string') {
    const t = v.trim();
    return t ? t : null;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

/** Finite number, from a number or a numeric string (« 1 250,5 »); otherwise null. */
export function num(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.'));
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** « 2024-02-13 » or « 2024-02-13T… » → « 2024-02-13 »; otherwise null. */
export function isoDate(v: unknown): string | null {
  const s = str(v);
  if (!s) return null;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$/.exec(s);
  return m ? m[1] : null;
}

/** `a|b|c` (the CNIG multi-value convention) → ['a', 'b', 'c'], blanks dropped. */
export function list(v: unknown): string[] {
  const s = str(v);
  return s ? s.split('|').map((x) => x.trim()).filter(Boolean) : [];
}
