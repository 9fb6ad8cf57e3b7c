/** « Trier par » (name, surface, distances) and the order. */
import { useId } from 'react';
import type { SortKey } from '../../domain/types';
import { useAtlas } from '../../state/store';
import { useT } from '../i18n';

const KEYS: SortKey[] = ['name', 'surface', 'dist_rn2', 'dist_waterway', 'dist_station', 'dist_ite'];

export function SortControls() {
  const t = useT();
  const id = useId();
  const sort = useAtlas((s) => s.sort);
  const setSort = useAtlas((s) => s.setSort);
  return (
    <div className="sort-controls">
      <label htmlFor={`${id}-key`}>{t('search.sort.label')}</label>
      <select id={`${id}-key`} value={sort.key} onChange={(e) => setSort({ ...sort, key: e.target.value as SortKey })}>
        {KEYS.map((k) => (
          <option key={k} value={k}>
            {t(`search.sort.${k}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-dir`} className="sr-only">
        {t('search.sort.dir')}
      </label>
      <select id={`${id}-dir`} value={sort.dir} onChange={(e) => setSort({ ...sort, dir: e.target.value as 'asc' | 'desc' })}>
        <option value="asc">{t('search.sort.asc')}</option>
        <option value="desc">{t('search.sort.desc')}</option>
      </select>
    </div>
  );
}
