/** Dates of the zone register, as written by the sources (year, month or day). */
import type { Locale } from '../../domain/types';

const MONTHS = {
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** « 2020-07 » → « juillet 2020 », « 2019-11-04 » → « 4 novembre 2019 », « 2014 » → « 2014 »; anything else as is. */
export function fmtFactDate(locale: Locale, d: string): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(d.trim());
  if (!m) return d;
  const month = m[2] ? MONTHS[locale][Number(m[2]) - 1] : undefined;
  if (!month) return m[1];
  if (!m[3]) return `${month} ${m[1]}`;
  const day = Number(m[3]);
  return locale === 'fr' ? `${day === 1 ? '1er' : day} ${month} ${m[1]}` : `${day} ${month} ${m[1]}`;
}
