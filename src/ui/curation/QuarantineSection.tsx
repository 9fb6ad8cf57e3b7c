/**
 * Records that failed the draft schema (from this browser's database, a backup or an import):
 * kept aside, listed with their problems, never dropped silently. Each can be downloaded as it
 * was found; only then can it be removed from the list.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { dropQuarantined, quarantinedText, useCuration } from '../../state/drafts';
import { useDraftsNotice } from '../../state/drafts/boot';
import { downloadBlob } from '../../data/export';
import { useT } from '../i18n';

export function QuarantineSection() {
  const t = useT();
  const list = useCuration((s) => s.quarantine);
  const reveal = useDraftsNotice((s) => s.reveal);
  const [downloaded, setDownloaded] = useState<Set<string>>(() => new Set());
  const ref = useRef<HTMLDetailsElement>(null);
  const headingId = useId();
  const [open, setOpen] = useState(false);
  // Records newly set aside while the panel is shown (a backup, an import): open the list.
  const [seen, setSeen] = useState(list.length);
  if (list.length !== seen) {
    setSeen(list.length);
    if (list.length > seen) setOpen(true);
  }
  // « Voir » in the app's notice: open the list.
  useEffect(() => {
    if (reveal) setOpen(true);
  }, [reveal]);
  useEffect(() => {
    if (open) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [open]);
  if (!list.length) return null;
  return (
    <details className="cur-section cur-quarantine" ref={ref} open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="quarantine">
      <summary>
        <h3 id={headingId}>
          {t('cur.section.quarantine')} ({list.length})
        </h3>
      </summary>
      <p className="cur-hint">{t('cur.quarantine.intro')}</p>
      <ul aria-labelledby={headingId}>
        {list.map((e) => {
          const id = e.id ?? t('cur.quarantine.noId');
          const origin =
            e.origin === 'indexeddb'
              ? t('cur.quarantine.origin.indexeddb')
              : t(e.origin === 'backup' ? 'cur.quarantine.origin.backup' : 'cur.quarantine.origin.import', { source: e.source ?? t('cur.quarantine.origin.unknownFile') });
          return (
            <li key={e.key}>
              <p>
                <strong>
                  {t(`cur.quarantine.kind.${e.kind}`)} {id}
                </strong>{' '}
                — {origin}
              </p>
              <ul className="cur-issues">
                {e.problems.map((p, i) => (
                  <li key={i} className="cur-error">
                    {p}
                  </li>
                ))}
              </ul>
              <div className="cur-actions">
                <button
                  type="button"
                  onClick={() => {
                    const text = quarantinedText(e.key);
                    if (!text) return;
                    downloadBlob(`atlas-brouillon-illisible-${(e.id ?? 'sans-id').replace(/[^\w.-]+/g, '_')}.json`, text, 'application/json');
                    setDownloaded((s) => new Set(s).add(e.key));
                  }}
                >
                  {t('cur.quarantine.download')}
                  <span className="sr-only"> {id}</span>
                </button>
                {downloaded.has(e.key) && (
                  <button
                    type="button"
                    onClick={() => {
                      if (window.confirm(t('cur.quarantine.dropConfirm', { id }))) void dropQuarantined([e.key]);
                    }}
                  >
                    {t('cur.quarantine.drop')}
                    <span className="sr-only"> {id}</span>
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
