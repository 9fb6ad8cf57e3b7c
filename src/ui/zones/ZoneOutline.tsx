/**
 * The « Périmètre » part of a zone in the zones panel: the outline's state (none, draft,
 * published) and its computed surface next to the surfaces given by the sources (both shown:
 * the source's figure is never replaced). In « Mode édition », the editing tools
 * (./editing.tsx, loaded on demand). Every value from data is rendered as text.
 */
import { Suspense, useId } from 'react';
import { ChunkBoundary, lazyWithRetry } from '../shared/lazy';
import type { ZoneRecord } from '../../domain/types';
import { isDigitisableZone, pendingExport } from '../../domain/zoneDrafts';
import { useAtlas } from '../../state/store';
import { useT } from '../i18n';
import { fmtFactDate } from './format';
import { outlineAreaM2, sourcedSurfaceFacts } from './outline';
import { formatSurface } from '../../domain/format';
import { factValueText } from '../../domain/factValue';

const ZoneOutlineActions = lazyWithRetry(() => import('./editing'), 'ZoneOutlineActions');

export function ZoneOutlineSection({ zone, isDraft }: { zone: ZoneRecord; isDraft: boolean }) {
  const t = useT();
  const locale = useAtlas((s) => s.locale);
  const editMode = useAtlas((s) => s.editMode);
  const headingId = useId();
  const area = outlineAreaM2(zone.geometry);
  const surfaces = sourcedSurfaceFacts(zone);
  // « exporté, en attente de publication »: the package it went into (null when not pending).
  const exportedIn = useAtlas((s) => (isDraft ? pendingExport(s.zoneDrafts.find((d) => d.zone_id === zone.zone_id)) : null));

  if (!isDigitisableZone(zone)) {
    return (
      <section className="zone-outline" aria-labelledby={headingId}>
        <h4 id={headingId}>{t('zones.outline.heading')}</h4>
        <p>{t('zones.outline.territory')}</p>
      </section>
    );
  }

  return (
    <section className="zone-outline" aria-labelledby={headingId} data-testid={`zone-outline-${zone.zone_id}`}>
      <h4 id={headingId}>{t('zones.outline.heading')}</h4>
      <p>{zone.geometry ? t(isDraft ? 'zones.outline.draft' : 'zones.outline.published') : t('zones.outline.none')}</p>
      {exportedIn !== null && (
        <p className="zone-hint" data-testid={`zone-exported-${zone.zone_id}`}>
          {t('zones.outline.exported', { file: exportedIn || '—' })}
        </p>
      )}
      <ul className="zone-surfaces">
        {area !== null && <li data-testid={`zone-area-${zone.zone_id}`}>{t('zones.outline.computed', { area: formatSurface(locale, area) })}</li>}
        {surfaces.map((f) => {
          const value = factValueText(f.value, f.unit);
          return (
            <li key={f.fact_id} data-testid="zone-sourced-surface">
              {f.fact_date ? t('zones.outline.sourced', { value, date: fmtFactDate(locale, f.fact_date) }) : t('zones.outline.sourcedUndated', { value })}
            </li>
          );
        })}
        {area !== null && surfaces.length === 0 && <li>{t('zones.outline.sourcedNone')}</li>}
      </ul>
      {area !== null && surfaces.length > 0 && <p className="zone-hint">{t('zones.outline.compareNote')}</p>}
      {editMode ? (
        <ChunkBoundary>
          <Suspense fallback={null}>
            <ZoneOutlineActions zone={zone} />
          </Suspense>
        </ChunkBoundary>
      ) : (
        !zone.geometry && <p className="zone-hint">{t('zones.outline.editHint')}</p>
      )}
    </section>
  );
}
