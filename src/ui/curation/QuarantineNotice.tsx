/**
 * Said on every page of the atlas, « Mode édition » on or not: some records kept in this browser
 * were unreadable and are kept aside (nothing is deleted). « Voir » opens the editing panel on
 * their list. Light: part of the first download (reads only the drafts' start-up store).
 */
import { useAtlas } from '../../state/store';
import { useDraftsNotice } from '../../state/drafts/boot';
import { useT } from '../i18n';
import { ReloadAlert } from '../shared/ReloadAlert';
import './notice.css';

export function QuarantineNotice() {
  const t = useT();
  const n = useDraftsNotice((s) => s.quarantined);
  if (!n) return null;
  return (
    <div className="drafts-notice" role="alert" data-testid="drafts-quarantine-notice">
      <p>{n === 1 ? t('cur.quarantine.notice.one') : t('cur.quarantine.notice.many', { n })}</p>
      <button
        type="button"
        onClick={() => {
          const atlas = useAtlas.getState();
          atlas.setPage({ name: 'atlas' });
          atlas.setEditMode(true);
          atlas.setPanelTab('curation');
          useDraftsNotice.setState((s) => ({ reveal: s.reveal + 1 }));
        }}
      >
        {t('cur.quarantine.notice.show')}
      </button>
    </div>
  );
}

/**
 * Said on every page when the drafts code could not be downloaded at start (src/state/drafts/boot.ts):
 * the stored drafts are not shown, and would otherwise be missing without a word. « Recharger
 * la page » downloads it again (a browser may refuse a module whose download failed until then).
 */
export function DraftsLoadNotice() {
  const t = useT();
  const failed = useDraftsNotice((s) => s.loadFailed);
  if (!failed) return null;
  return <ReloadAlert className="drafts-notice" testId="drafts-load-notice" message={t('cur.drafts.loadFailed')} />;
}
