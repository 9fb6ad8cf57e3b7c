/**
 * What anyone can do with the results, without edit mode: « Zoomer sur les résultats »,
 * « Exporter ces résultats » (CSV or GeoJSON; the search is written into the file's name and,
 * for GeoJSON, into its metadata: src/data/export/results.ts) and « Copier le lien ». Loaded on
 * demand (src/ui/search/SearchPanel.tsx), and the export code only when asked for.
 */
import { useId, useState } from 'react';
import type { Site } from '../../domain/types';
import { bboxOf } from '../../map';
import { useAllSites, useFilteredSites } from '../../state/selectors';
import { useAtlas } from '../../state/store';
import { CopyLinkButton, currentLink } from '../shared/CopyLinkButton';
import { actionErrorText } from '../shared/lazy';
import { useT } from '../i18n';
import { useNames } from './Filters';

/**
 * The box of a set of sites, or null when empty. Results located only « somewhere in the
 * territory » (a zone known at PETR level) would frame the whole PETR: they count only when
 * nothing else is found.
 */
export function sitesBBox(sites: readonly Site[]): [number, number, number, number] | null {
  const located = sites.filter((s) => s.properties.location_precision !== 'territoire');
  return bboxOf({ type: 'FeatureCollection', features: (located.length ? located : sites) as Site[] });
}

/** On a phone the map is a tab: show it, so the framing is seen. */
function showMap(): void {
  const map = document.getElementById('panel-map');
  if (map && map.offsetParent === null) useAtlas.getState().setPanelTab('map');
}

export function ResultsActions() {
  const t = useT();
  const id = useId();
  const filtered = useFilteredSites();
  const all = useAllSites();
  const names = useNames(all);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const empty = filtered.length === 0;

  function zoom() {
    const box = sitesBBox(filtered);
    if (!box) return;
    useAtlas.getState().requestFrame(box);
    showMap();
    useAtlas.getState().announce(t('search.actions.zoomed', { n: filtered.length }));
  }

  async function exportAs(format: 'csv' | 'geojson') {
    const s = useAtlas.getState();
    try {
      const [{ exportResults }, { downloadBlob }, { filterSlug }, { filterWords }] = await Promise.all([
        import('../../data/export/results'),
        import('../../data/export/download'),
        import('../../domain/filterSlug'),
        import('./filterWords'),
      ]);
      const layers = s.manifest?.layers ?? {};
      const kinds = new Set(filtered.map((x) => (x.properties.kind === 'friche' ? 'friches' : 'sites')));
      const files = exportResults(filtered, format, {
        filters: s.filters,
        filterLines: filterWords(s.filters, t, s.locale, names),
        slug: filterSlug(s.filters, names),
        link: currentLink(),
        exportedAt: new Date(),
        sources: [...kinds].map((k) => layers[k]).filter((l) => l !== undefined),
        title: `${t('app.title')} — ${t('search.actions.exportTitle')}`,
      });
      for (const file of files) downloadBlob(file.name, file.text, file.mime);
      const text = t('search.actions.exported', { n: filtered.length, file: files.map((f) => f.name).join(', ') });
      setStatus({ text, error: false });
      s.announce(text);
    } catch (e) {
      setStatus({ text: t('search.actions.exportError', { message: actionErrorText(t, e) }), error: true });
    }
  }

  return (
    <div className="results-actions" role="group" aria-label={t('search.actions.label')}>
      <div className="results-actions-row">
        <button type="button" onClick={zoom} disabled={empty}>
          {t('search.actions.zoom')}
        </button>
        <CopyLinkButton />
      </div>
      <details className="results-export">
        <summary>{t('search.actions.export')}</summary>
        <p className="field-hint" id={`${id}-help`}>
          {t('search.actions.exportHelp', { n: filtered.length })}
        </p>
        <div className="results-actions-row">
          <button type="button" onClick={() => void exportAs('csv')} disabled={empty} aria-describedby={`${id}-help`}>
            {t('search.actions.csv')}
          </button>
          <button type="button" onClick={() => void exportAs('geojson')} disabled={empty} aria-describedby={`${id}-help`}>
            {t('search.actions.geojson')}
          </button>
        </div>
        {status && (
          <p className={status.error ? 'results-export-error' : 'results-export-ok'} role={status.error ? 'alert' : undefined} data-testid="results-export-status">
            {status.text}
          </p>
        )}
      </details>
    </div>
  );
}
