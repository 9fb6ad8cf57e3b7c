/**
 * Number, distance and surface formatting shared by every view (list, sheet, comparison,
 * zones, dashboard), and the one rule for which links may be rendered as links.
 * Pure functions of (locale, value): French by default (« 12,3 km », « 1,67 ha »).
 */
import type { Locale } from './types';

const TAG: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };
const NBSP = '\u00a0';

/** 12345.6 → « 12 346 » (fr); `digits` decimals at most, `minDigits` at least. */
export function formatNumber(locale: Locale, n: number, digits = 0, minDigits = digits): string {
  return new Intl.NumberFormat(TAG[locale], { minimumFractionDigits: minDigits, maximumFractionDigits: digits }).format(n);
}

/** Distance in km with one decimal: 12345 m → « 12,3 km ». */
export function formatKm(locale: Locale, metres: number): string {
  return `${formatNumber(locale, metres / 1000, 1)}${NBSP}km`;
}

/** Surface: m² under one hectare, hectares above (two decimals under 10 ha, one above). */
export function formatSurface(locale: Locale, m2: number): string {
  if (m2 < 10000) return `${formatNumber(locale, Math.round(m2))}${NBSP}m²`;
  const ha = m2 / 10000;
  return `${formatNumber(locale, ha, ha < 10 ? 2 : 1)}${NBSP}ha`;
}

/** Only http(s) URLs are rendered as links; anything else (javascript:, data:…) stays text. */
export function safeHttpUrl(u: unknown): string | null {
  if (typeof u !== 'string' || !u) return null;
  try {
    const url = new URL(u.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
