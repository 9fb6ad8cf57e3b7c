/** Number formatting for the search panel (French by default: « 12,3 ha », « 1 250 m² », « 1,2 km »). */
import type { Locale } from '../../domain/types';

const TAG: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };
const NBSP = '\u00a0';

export function fmt(locale: Locale, n: number, digits = 0, minDigits = digits): string {
  return new Intl.NumberFormat(TAG[locale], { minimumFractionDigits: minDigits, maximumFractionDigits: digits }).format(n);
}

/** Surface: m² under 1 ha, hectares above (two decimals under 10 ha, one above). */
export function fmtSurface(locale: Locale, m2: number): string {
  if (m2 < 10000) return `${fmt(locale, Math.round(m2))}${NBSP}m²`;
  const ha = m2 / 10000;
  return `${fmt(locale, ha, ha < 10 ? 2 : 1)}${NBSP}ha`;
}

export function fmtHectares(locale: Locale, ha: number): string {
  return fmt(locale, ha, ha < 10 ? 2 : 1);
}

/** Distance in km with one decimal: 1234 m → « 1,2 km ». */
export function fmtKm(locale: Locale, metres: number): string {
  return `${fmt(locale, metres / 1000, 1, 1)}${NBSP}km`;
}

/** Parses a number typed by a user, French or English style (« 1 250,5 », « 1250.5 »); null when blank or invalid. */
export function parseUserNumber(text: string): number | null {
  const s = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!s) return null;
  const n = Number(s);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** A value for an input field (no grouping separators, so it can be edited back). */
export function inputNumber(locale: Locale, n: number, maxDigits = 2): string {
  return new Intl.NumberFormat(TAG[locale], { maximumFractionDigits: maxDigits, useGrouping: false }).format(n);
}
