/** The unpublished drafts of this browser: open one, or restore a deleted site. */
import { useState } from 'react';
import { discardDraft, useCuration } from '../../state/drafts';
import { useAtlas } from '../../state/store';
import { useT } from '../i18n';

const SHOWN = 30;

export function DraftsList() {
  const t = useT();
  const drafts = useCuration((s) => s.drafts);
  const openId = useCuration((s) => s.session?.id ?? null);
  const [all, setAll] = useState(false);
  if (!drafts.length) return <p className="cur-hint">{t('cur.drafts.none')}</p>;
  const list = all ? drafts : drafts.slice(0, SHOWN);
  return (
    <>
      <ul className="cur-drafts" data-testid="drafts">
        {list.map((d) => (
          <li key={d.id} className={d.id === openId ? 'is-open' : undefined}>
            <span className={`cur-badge cur-badge-${d.kind}`}>{t(`cur.drafts.${d.kind}`)}</span>
            <span className="cur-draft-name">{d.name}</span>
            {d.exported && <span className="cur-badge cur-badge-exported">{t('cur.drafts.exported')}</span>}
            {d.exportStale && <span className="cur-badge cur-badge-stale">{t('cur.drafts.exportStale')}</span>}
            {d.conflicts > 0 && <span className="cur-badge cur-badge-conflict">{t('cur.drafts.conflicts', { n: d.conflicts })}</span>}
            {d.kind === 'deleted' ? (
              <button type="button" onClick={() => void discardDraft(d.id)}>
                {t('cur.drafts.restore')}
                <span className="sr-only"> {d.name}</span>
              </button>
            ) : (
              <button type="button" disabled={d.id === openId} onClick={() => useAtlas.getState().select(d.id)}>
                {t('cur.drafts.open')}
                <span className="sr-only"> {d.name}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      {!all && drafts.length > SHOWN && (
        <button type="button" onClick={() => setAll(true)}>
          {t('cur.drafts.all', { n: drafts.length })}
        </button>
      )}
    </>
  );
}
