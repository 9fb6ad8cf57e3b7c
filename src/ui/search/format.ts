/** Number formatting for the search panel (French by default: « 12,3 ha », « 1 250 m² », « 1,2 km »). */
import type { Locale } from '../../domain/types';
import { formatNumber as fmt } from '../../domain/format';

export { formatNumber as fmt, formatSurface as fmtSurface, formatKm as fmtKm, formatMargin as fmtMargin } from '../../domain/format';

const TAG: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

export function fmtHectares(locale: Locale, ha: number): string {
  return fmt(locale, ha, ha < 10 ? 2 : 1);
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
