/**
 * The app shell's notices about versions and the network, at the bottom of the screen:
 * « Nouvelle version disponible » (switch now or later), « prêt hors ligne » after the first
 * installation, and « Hors ligne » while the browser has no network. Rendered inside the polite
 * live region of ./UpdatePrompt.tsx: announced without taking the focus.
 */
import { useOffline } from '../../state/offline';
import { useT } from '../i18n';

export function UpdatePromptView() {
  const t = useT();
  const update = useOffline((s) => s.update);
  const apply = useOffline((s) => s.apply);
  const offlineReady = useOffline((s) => s.offlineReady);
  const offline = useOffline((s) => s.offline);
  const dismiss = useOffline.getState().dismiss;
  return (
    <>
      {update !== 'none' && (
        <div className="shell-notice shell-update" data-testid="update-prompt">
          <p>
            <strong>{t('offline.update.title')}</strong> {t(update === 'update' ? 'offline.update.body' : 'offline.update.replaced')}
          </p>
          <p className="button-row">
            <button type="button" className="primary" onClick={() => apply?.()}>
              {t(update === 'update' ? 'offline.update.apply' : 'offline.update.reload')}
            </button>
            {update === 'update' && (
              <button type="button" onClick={() => dismiss('update')}>
                {t('offline.update.later')}
              </button>
            )}
          </p>
        </div>
      )}
      {offlineReady && (
        <div className="shell-notice" data-testid="offline-ready">
          <p>{t('offline.ready')}</p>
          <p className="button-row">
            <button type="button" onClick={() => dismiss('offlineReady')}>
              {t('offline.ok')}
            </button>
          </p>
        </div>
      )}
      {offline && (
        <p className="shell-notice shell-offline" data-testid="offline-badge">
          {t('offline.offline')}
        </p>
      )}
    </>
  );
}
