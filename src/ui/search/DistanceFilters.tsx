/** Distance filters: maximum distance (km) to the RN2, the waterway, a Paris–Laon station and a rail siding (ITE). */
import { useCallback } from 'react';
import type { FilterState } from '../../domain/types';
import { useAtlas } from '../../state/store';
import { useT } from '../i18n';
import { inputNumber } from './format';
import { NumberField } from './NumberField';

const FIELDS: Array<{ key: 'maxDistRn2Km' | 'maxDistWaterwayKm' | 'maxDistStationKm' | 'maxDistIteKm'; label: string }> = [
  { key: 'maxDistRn2Km', label: 'search.access.rn2' },
  { key: 'maxDistWaterwayKm', label: 'search.access.waterway' },
  { key: 'maxDistStationKm', label: 'search.access.station' },
  { key: 'maxDistIteKm', label: 'search.access.ite' },
];

export function DistanceFilters({ hasDistances }: { hasDistances: boolean }) {
  const t = useT();
  const locale = useAtlas((s) => s.locale);
  const filters = useAtlas((s) => s.filters);
  const setFilters = useAtlas((s) => s.setFilters);
  const format = useCallback((n: number) => inputNumber(locale, n, 2), [locale]);
  return (
    <fieldset className="filter-group distance-filters">
      <legend>{t('search.access.legend')}</legend>
      {!hasDistances && <p className="field-hint">{t('search.access.missing')}</p>}
      {FIELDS.map((f) => (
        <NumberField
          key={f.key}
          className="inline"
          label={t(f.label)}
          value={filters[f.key]}
          format={format}
          onCommit={(n) => setFilters({ [f.key]: n } as Partial<FilterState>)}
        />
      ))}
      <p className="field-hint">{t('search.access.iteHint')}</p>
    </fieldset>
  );
}
