/**
 * The fictitious sample: a button to load it and, once loaded, a persistent notice with
 * « Retirer l'exemple ». Never loaded by default.
 */
import { useMemo } from 'react';
import { countKinds } from '../../domain/summary';
import { useAtlas } from '../../state/store';
import { loadSample, removeSample, useSampleStatus } from '../../state/sample';
import { useT } from '../i18n';

export function SampleControl() {
  const t = useT();
  const loaded = useAtlas((s) => s.sampleLoaded);
  const sampleSites = useAtlas((s) => s.sampleSites);
  const kinds = useMemo(() => countKinds(sampleSites), [sampleSites]);
  const announce = useAtlas((s) => s.announce);
  const { status, error } = useSampleStatus();

  if (loaded) {
    return (
      <div className="sample-notice" role="note" data-testid="sample-notice">
        <p>
          <strong>{t('search.sample.notice', { plots: kinds.plot, friches: kinds.friche })}</strong>
          <br />
          <span>{t('search.sample.noticeHelp')}</span>
        </p>
        <button
          type="button"
          onClick={() => {
            removeSample();
            announce(t('search.sample.removed'));
          }}
        >
          {t('search.sample.remove')}
        </button>
      </div>
    );
  }
  return (
    <div className="sample-control">
      <button
        type="button"
        disabled={status === 'loading'}
        onClick={() => {
          loadSample().then(
            () => {
              const k = countKinds(useAtlas.getState().sampleSites);
              announce(t('search.sample.loaded', { plots: k.plot, friches: k.friche }));
            },
            (e: unknown) => announce(t('search.sample.error', { message: e instanceof Error ? e.message : String(e) })),
          );
        }}
      >
        {status === 'loading' ? t('search.sample.loading') : t('search.sample.load')}
      </button>
      {status === 'error' && error && (
        <p className="sample-error" role="alert">
          {t('search.sample.error', { message: error })}
        </p>
      )}
    </div>
  );
}
