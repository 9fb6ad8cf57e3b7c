/**
 * A field typed differently in two tabs of this browser: both values are shown and the user
 * chooses (nothing was overwritten silently). The choice is saved like any edit, and the other
 * tab shows it too.
 */
import { fieldValue } from '../../domain/draftMerge';
import { resolveConflict, useCuration } from '../../state/drafts';
import { useT } from '../i18n';
import { fieldLabel, formatValue } from './format';

export function ConflictChoices({ siteId }: { siteId: string }) {
  const t = useT();
  const record = useCuration((s) => s.records.get(siteId));
  const conflicts = record?.conflicts ?? [];
  if (!record || !conflicts.length) return null;
  return (
    <div className="cur-conflicts" role="alert" data-testid="draft-conflicts">
      <p>
        <strong>{t('cur.conflicts.title')}</strong>
      </p>
      <ul>
        {conflicts.map((c) => {
          const current = fieldValue(record.site, c.field);
          const geometry = c.field === 'geometry';
          const mine = geometry ? t('cur.conflicts.geometryCurrent') : formatValue(t, c.field, current);
          const other = geometry ? t('cur.conflicts.geometry') : formatValue(t, c.field, c.other);
          return (
            <li key={c.field}>
              <p>{t('cur.conflicts.field', { field: fieldLabel(t, c.field) })}</p>
              <div className="cur-actions">
                <button type="button" onClick={() => resolveConflict(siteId, c.field, 'current')}>
                  {t('cur.conflicts.keep', { value: mine })} <span className="cur-hint">({t('cur.conflicts.current')})</span>
                </button>
                <button type="button" onClick={() => resolveConflict(siteId, c.field, 'other')}>
                  {t('cur.conflicts.keep', { value: other })}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
