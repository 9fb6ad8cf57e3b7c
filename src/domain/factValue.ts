/**
 * A sourced fact's value with its unit, the unit written once. The zones register gives
 * `value` and `unit` apart, and some values already carry their unit:
 * - a value holding a year, with the unit « année » → « 2008 », not « 2008 année »;
 * - an amount that already says « € » or « euros » with the unit « EUR » → unchanged, not
 *   « 600 000 € EUR »; an amount without it → « 1 500 € »;
 * - a value that already ends with its unit (« 140 ha » with unit « ha ») → unchanged;
 * - otherwise « value unit » (« 140 ha »).
 * Pure; the value stays as written (it is data, shown as text).
 */
const YEAR_UNITS = /^(annee|an|year|yr)s?$/;
const EURO_UNITS = /^(eur|euros?|€)$/;

function fold(s: string): string {
  return s
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

export function factValueText(value: string, unit: string | null | undefined): string {
  const v = value.trim();
  const u = unit?.trim() ?? '';
  if (!u) return v;
  const fu = fold(u);
  if (YEAR_UNITS.test(fu)) return /\b\d{4}\b/.test(v) ? v : `${v} ${u}`;
  if (EURO_UNITS.test(fu)) return /€|\beur(os?)?\b/i.test(v) ? v : `${v} €`;
  if (fold(v).endsWith(` ${fu}`) || fold(v) === fu) return v;
  return `${v} ${u}`;
}
