/**
 * The active filters in words, one line each, in the interface's language — written into an
 * export of the results (« Type de site : friche », « Surface : 5 000 m² – 2 ha »…). Pure.
 */
import { sectorLabel } from '../../domain/sectors';
import type { FilterState, Locale } from '../../domain/types';
import type { TFunction } from '../i18n';
import { fmt, fmtSurface } from './format';

export function filterWords(f: FilterState, t: TFunction, locale: Locale, names: { epci: ReadonlyMap<string, string>; communes: ReadonlyMap<string, string> }): string[] {
  const lines: string[] = [];
  const line = (label: string, values: string[]) => values.length && lines.push(`${label} : ${values.join(', ')}`);
  line(t('search.kinds.legend'), f.kinds.map((k) => t(`kind.${k}`)));
  line(t('search.levels.legend'), f.levels.map((l) => t(`level.${l}`)));
  line(t('search.availability.legend'), f.availability.map((a) => t(`availability.${a}`)));
  if (f.sectors.length) {
    line(`${t('search.sectors.legend')} (${t('search.sectors.mode')} ${t(f.sectorMode === 'all' ? 'search.sectors.all' : 'search.sectors.any')})`, f.sectors.map((s) => sectorLabel(s, locale)));
  }
  line(t('search.epci.legend'), f.epci.map((e) => names.epci.get(e) ?? e));
  line(t('search.communes.label'), f.communes.map((c) => names.communes.get(c) ?? c));
  if (f.text) line(t('search.text.label'), [`« ${f.text} »`]);
  if (f.surfaceMin !== null || f.surfaceMax !== null) {
    const lo = f.surfaceMin !== null ? fmtSurface(locale, f.surfaceMin) : '0';
    const hi = f.surfaceMax !== null ? fmtSurface(locale, f.surfaceMax) : '∞';
    line(t('search.surface.legend'), [`${lo} – ${hi}`]);
  }
  const km = (n: number | null, key: string) => n !== null && lines.push(`${t(key)} : ${t('search.km', { n: fmt(locale, n, 1, 0) })}`);
  km(f.maxDistRn2Km, 'search.access.rn2');
  km(f.maxDistWaterwayKm, 'search.access.waterway');
  km(f.maxDistStationKm, 'search.access.station');
  return lines;
}
