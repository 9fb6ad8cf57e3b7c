/**
 * The truth about saving, when the browser cannot keep the drafts: IndexedDB unavailable
 * (private browsing, blocked storage) or full (quota), or another write error. Says what is
 * wrong, that it is tried again at each change, and offers « Exporter mes brouillons ».
 */
import { useState } from 'react';
import { useCuration } from '../../state/drafts';
import { exportMyDrafts } from '../shared/exportDrafts';
import { useT } from '../i18n';

export function StorageProblem() {
  const t = useT();
  const storage = useCuration((s) => s.storage);
  const error = useCuration((s) => s.storageError);
  const [done, setDone] = useState<string | null>(null);
  if (storage !== 'unavailable' && !error) return null;
  return (
    <div className="cur-error cur-storage-problem" role="alert" data-testid="storage-problem">
      <p>
        {storage === 'unavailable' ? `${t('cur.storage.unavailable')}${error ? ` (${error})` : ''}` : t('cur.storage.error', { message: error ?? '' })}
      </p>
      <p>{t('cur.storage.retry')}</p>
      <button
        type="button"
        onClick={() =>
          void exportMyDrafts().then(
            (file) => setDone(t('cur.storage.exported', { file })),
            (e: unknown) => setDone(t('cur.backup.error', { message: e instanceof Error ? e.message : String(e) })),
          )
        }
      >
        {t('cur.storage.export')}
      </button>
      {done && <p>{done}</p>}
    </div>
  );
}
