/**
 * An alert that something could not be downloaded and a reload is the way back, with
 * « Recharger la page » (the address keeps the state, drafts stay in the browser). Used where a
 * part of the atlas failed to load outside a chunk boundary: the drafts code at start, the zones'
 * attachment code.
 */
import { useT } from '../i18n';

export function ReloadAlert({ className, testId, message }: { className: string; testId: string; message: string }) {
  const t = useT();
  return (
    <div className={className} role="alert" data-testid={testId}>
      <p>{message}</p>
      <button type="button" onClick={() => window.location.reload()}>
        {t('shell.chunk.reload')}
      </button>
    </div>
  );
}
