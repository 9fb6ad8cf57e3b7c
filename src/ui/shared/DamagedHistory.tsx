/**
 * Says which entries of a history could not be read (src/data/drafts/historyRead.ts), under the
 * history that shows the others: how many, each one's record number and problems (French, from
 * the history schema), and that nothing is lost. Used by the site and zone histories.
 */
import type { DamagedHistoryEntry } from '../../data/drafts';
import { useT } from '../i18n';
import './shared.css';

export function DamagedHistory({ damaged, testId }: { damaged: readonly DamagedHistoryEntry[]; testId: string }) {
  const t = useT();
  if (!damaged.length) return null;
  return (
    <div className="damaged-history" role="note" data-testid={testId}>
      <p>{damaged.length === 1 ? t('shared.history.damaged.one') : t('shared.history.damaged.many', { n: damaged.length })}</p>
      <ul>
        {damaged.map((d, i) => (
          <li key={`${d.record ?? 'x'}-${i}`}>
            {d.record === null
              ? t('shared.history.damaged.noRecord', { problems: d.problems.join(' ; ') })
              : t('shared.history.damaged.record', { record: d.record, problems: d.problems.join(' ; ') })}
          </li>
        ))}
      </ul>
      <p>{t('shared.history.damaged.kept')}</p>
    </div>
  );
}

/**
 * The label of a history entry's action (`prefix` + action, e.g. `cur.history.action.`), or the
 * action as stored, in quotes, when the catalogue has none (an action written by a later
 * version): never the message key.
 */
export function historyActionLabel(t: (key: string) => string, prefix: string, action: string): string {
  const key = `${prefix}${action}`;
  const label = t(key);
  return label === key ? `« ${action} »` : label;
}
