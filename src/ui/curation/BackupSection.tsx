/** Download a backup of the drafts and their history, or merge one back (never overwriting). */
import { useId, useState } from 'react';
import { exportBackup, importBackup } from '../../state/drafts';
import { useAtlas } from '../../state/store';
import { useT } from '../i18n';
import { downloadBlob } from '../../data/export';

export function BackupSection() {
  const t = useT();
  const inputId = useId();
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  async function onExport() {
    try {
      const text = await exportBackup();
      const day = new Date().toISOString().slice(0, 10);
      downloadBlob(`atlas-brouillons-${day}.json`, text, 'application/json');
    } catch (e) {
      setMessage({ text: t('cur.backup.error', { message: e instanceof Error ? e.message : String(e) }), error: true });
    }
  }

  async function onImport(file: File) {
    try {
      const report = await importBackup(await file.text(), file.name);
      const done = t('cur.backup.done', { n: report.added.length + report.replaced.length, conflicts: report.conflicts.length });
      const aside = report.quarantined.length ? ` ${t('cur.backup.quarantined', { n: report.quarantined.length })}` : '';
      const text = `${done}${aside}`;
      setMessage({ text, error: false });
      useAtlas.getState().announce(text);
    } catch (e) {
      setMessage({ text: t('cur.backup.error', { message: e instanceof Error ? e.message : String(e) }), error: true });
    }
  }

  return (
    <div className="cur-backup">
      <p className="cur-hint">{t('cur.backup.hint')}</p>
      <div className="cur-actions">
        <button type="button" onClick={() => void onExport()}>
          {t('cur.backup.export')}
        </button>
        <label htmlFor={inputId} className="button-like">
          {t('cur.backup.import')}
        </label>
        <input
          id={inputId}
          className="cur-file-input"
          type="file"
          accept=".json,application/json"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void onImport(f);
            e.target.value = '';
          }}
        />
      </div>
      {message && (
        <p className={message.error ? 'cur-error' : 'cur-ok'} role={message.error ? 'alert' : 'status'} data-testid="backup-message">
          {message.text}
        </p>
      )}
    </div>
  );
}
