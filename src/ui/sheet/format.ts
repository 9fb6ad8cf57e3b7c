/**
 * Formatting of site values for the sheet, the comparison and print (public module).
 * French by default: « 12,3 km », « 16 733 m² », « 1,67 ha », « 13 février 2024 ».
 * Pure functions of (locale, value): no React.
 */
import type { Locale } from '../../domain/types';
import { formatMargin, formatNumber as fmtNumber } from '../../domain/format';

export { formatKm as fmtKm, formatNumber as fmtNumber, safeHttpUrl } from '../../domain/format';

const TAG: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

/** Approximation margin: 1500 → « ± 1,5 km », 88 → « ± 90 m », under 50 m → null (not shown). */
export function fmtPlusMinus(locale: Locale, metres: number | null | undefined): string | null {
  const m = formatMargin(locale, metres);
  return m === null ? null : `±\u00a0${m}`;
}

export function fmtM2(locale: Locale, m2: number): string {
  return `${fmtNumber(locale, Math.round(m2))}\u00a0m²`;
}

/** Hectares with two decimals below 10 ha, one decimal above. */
export function fmtHa(locale: Locale, m2: number): string {
  const ha = m2 / 10000;
  return `${fmtNumber(locale, ha, ha < 10 ? 2 : 1)}\u00a0ha`;
}

export function fmtPrice(locale: Locale, eurPerM2: number): string {
  const digits = Number.isInteger(eurPerM2) ? 0 : 2;
  return locale === 'fr' ? `${fmtNumber(locale, eurPerM2, digits)}\u00a0€/m²` : `€${fmtNumber(locale, eurPerM2, digits)}/m²`;
}

/**
 * Dates as written in the data: « 2024-02-13 » → « 13 février 2024 », « 2024-03 » → « mars 2024 »,
 * « 2018 » → « 2018 ». Anything else is returned as is (it is data, shown as text).
 */
export function fmtDate(locale: Locale, iso: string | null | undefined): string {
  if (!iso) return '';
  const s = iso.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (m) {
    const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    if (!Number.isNaN(d.getTime())) {
      return new Intl.DateTimeFormat(TAG[locale], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
    }
  }
  m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m) {
    const d = new Date(Date.UTC(+m[1], +m[2] - 1, 1));
    return new Intl.DateTimeFormat(TAG[locale], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
  }
  return s;
}

/** Today's date in words, for « Imprimé le … ». */
export function fmtToday(locale: Locale, now: Date = new Date()): string {
  return new Intl.DateTimeFormat(TAG[locale], { day: 'numeric', month: 'long', year: 'numeric' }).format(now);
}
