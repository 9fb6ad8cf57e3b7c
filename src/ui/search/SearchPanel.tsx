/**
 * The search panel: fictitious sample control, filters, summary of the result, sort and
 * the virtualised list. Everything drives the store; the map follows the same filters
 * and selection. The new result count is announced (debounced) in the aria-live region.
 */
import { Suspense, useEffect, useRef } from 'react';
import { useFilteredSites, useAllSites } from '../../state/selectors';
import { useAtlas } from '../../state/store';
import { useT } from '../i18n';
import { Filters } from './Filters';
import { fmt } from './format';
import { ResultsList } from './ResultsList';
import { ResultsSummary } from './ResultsSummary';
import { SampleControl } from './SampleControl';
import { SortControls } from './SortControls';
import { ChunkBoundary, lazyWithRetry } from '../shared/lazy';
import './search.css';

// Zoom, export and « Copier le lien »: not needed to show the first screen, loaded beside the data.
const ResultsActions = lazyWithRetry(() => import('./ResultsActions'), 'ResultsActions');

const ANNOUNCE_DELAY_MS = 700;

/** Announces « N sites correspondent à vos critères » after the filters settle. */
function useCountAnnouncement(count: number) {
  const t = useT();
  const filters = useAtlas((s) => s.filters);
  const first = useRef(true);
  const countRef = useRef(count);
  countRef.current = count;
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = setTimeout(() => useAtlas.getState().announce(t('search.results.announce', { n: countRef.current })), ANNOUNCE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [filters, t]);
}

export function SearchPanel() {
  const t = useT();
  const locale = useAtlas((s) => s.locale);
  const status = useAtlas((s) => s.status);
  const filtered = useFilteredSites();
  const all = useAllSites();
  useCountAnnouncement(filtered.length);

  return (
    <div className="search-panel">
      <h2 className="sr-only">{t('search.heading')}</h2>
      <SampleControl />
      <Filters />
      <section className="results" aria-labelledby="results-h">
        <div className="results-head">
          <h3 id="results-h">{t('search.results.heading')}</h3>
          <p className="result-count" data-testid="result-count" data-count={filtered.length}>
            {status === 'ready' || all.length
              ? filtered.length === all.length
                ? t('search.results.count', { n: fmt(locale, filtered.length) })
                : t('search.results.countOf', { n: fmt(locale, filtered.length), total: fmt(locale, all.length) })
              : t('app.loading')}
          </p>
        </div>
        <ResultsSummary />
        <ChunkBoundary>
          <Suspense fallback={null}>
            <ResultsActions />
          </Suspense>
        </ChunkBoundary>
        <SortControls />
        <ResultsList />
      </section>
    </div>
  );
}
