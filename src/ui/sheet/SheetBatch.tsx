/**
 * The sheets of several sites, one after the other, to print together — one sheet per page
 * (the comparison's « Imprimer les fiches »). Printing waits until every minimap has drawn
 * (each sheet prints its map as an image).
 */
import { useEffect, useRef, useState } from 'react';
import type { Site } from '../../domain/types';
import { useT } from '../i18n';
import { SheetIdPrefix, SiteSheet } from './SiteSheetPage';

export function SheetBatch({ sites, onBack }: { sites: Site[]; onBack: () => void }) {
  const t = useT();
  const root = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(0);

  // Counts the minimaps that have drawn (attribute set by SiteMiniMap) and have a print image.
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    const count = () => setReady(el.querySelectorAll('[data-testid=minimap][data-ready=true]').length);
    count();
    const mo = new MutationObserver(count);
    mo.observe(el, { subtree: true, attributes: true, attributeFilter: ['data-ready'], childList: true });
    return () => mo.disconnect();
  }, [sites]);

  const done = ready >= sites.length;
  return (
    <div className="sheet-batch" ref={root} data-testid="sheet-batch">
      <div className="sheet-batch-bar no-print" role="group" aria-label={t('sheet.batch.label')}>
        <h2>{t('sheet.batch.title', { n: sites.length })}</h2>
        <p role="status" className="muted">
          {done ? t('sheet.batch.ready') : t('sheet.batch.preparing', { done: ready, n: sites.length })}
        </p>
        <p className="button-row">
          <button type="button" className="primary" disabled={!done} onClick={() => window.print()}>
            {t('sheet.batch.print', { n: sites.length })}
          </button>
          <button type="button" onClick={onBack}>
            {t('sheet.batch.back')}
          </button>
        </p>
      </div>
      {sites.map((s, i) => (
        <div className="sheet-batch-item" key={s.properties.id}>
          <SheetIdPrefix.Provider value={`sheet-${i + 1}`}>
            <SiteSheet site={s} batch />
          </SheetIdPrefix.Provider>
        </div>
      ))}
    </div>
  );
}
