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
  return numberFormat(locale, digits, minDigits).format(n);
}

/**
 * One `Intl.NumberFormat` per locale and number of decimals, made once: creating one costs far
 * more than formatting with it (at start-up, the legend, the facets and the list format hundreds
 * of numbers).
 */
const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, digits: number, minDigits: number): Intl.NumberFormat {
  const key = `${locale}|${digits}|${minDigits}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(TAG[locale], { minimumFractionDigits: minDigits, maximumFractionDigits: digits })));
  return f;
}

/** Distance in km with one decimal: 12345 m → « 12,3 km ». */
export function formatKm(locale: Locale, metres: number): string {
  return `${formatNumber(locale, metres / 1000, 1)}${NBSP}km`;
}

/** Margins under this are not shown: a distance is written to 0.1 km, so ± 49 m or less says nothing. */
export const MIN_SHOWN_MARGIN_M = 50;

/**
 * The possible over-estimate of a distance (an upper bound in metres), without its « ± »:
 * null under 50 m (dropped: below the 0.1 km the distance is written with), « 90 m » under
 * 1 km (rounded UP to 10 m, it is an upper bound), « 1,2 km » above (rounded up to 0.1 km).
 * Never « 0,0 km ».
 */
export function formatMargin(locale: Locale, metres: number | null | undefined): string | null {
  if (typeof metres !== 'number' || !Number.isFinite(metres) || metres < MIN_SHOWN_MARGIN_M) return null;
  const tens = Math.ceil(metres / 10) * 10;
  if (tens < 1000) return `${formatNumber(locale, tens)}${NBSP}m`;
  return `${formatNumber(locale, Math.ceil(metres / 100) / 10, 1)}${NBSP}km`;
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
