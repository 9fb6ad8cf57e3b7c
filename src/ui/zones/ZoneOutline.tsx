/**
 * The « Périmètre » part of a zone in the zones panel: the outline's state (none, draft,
 * published), its computed surface next to the surfaces given by the sources (both shown,
 * the source's figure is never replaced) and, in « Mode édition », « Numériser le
 * périmètre » / « Modifier le périmètre » / « Supprimer le périmètre » with the outline's
 * history. Every value from data is rendered as text.
 */
import { useEffect, useId, useState } from 'react';
import type { ZoneRecord } from '../../domain/types';
import { isDigitisableZone } from '../../domain/zoneDrafts';
import type { ZoneHistoryEntry } from '../../data/drafts';
import { useAtlas } from '../../state/store';
import { loadZoneHistory, removeZoneOutline, useZoneDraftStatus } from '../../state/zoneDrafts';
import { useT } from '../i18n';
import { fmtFactDate } from './format';
import { fmtArea, outlineAreaM2, sourcedSurfaceFacts } from './outline';
import type { ZoneDrawApi } from './useZoneDraw';

export function ZoneOutlineSection({ zone, isDraft, draw }: { zone: ZoneRecord; isDraft: boolean; draw: ZoneDrawApi }) {
  const t = useT();
  const locale = useAtlas((s) => s.locale);
  const editMode = useAtlas((s) => s.editMode);
  const saving = useZoneDraftStatus((s) => s.saving.includes(zone.zone_id));
  const headingId = useId();
  const digitisable = isDigitisableZone(zone);
  const area = outlineAreaM2(zone.geometry);
  const surfaces = sourcedSurfaceFacts(zone);
  const active = draw.zoneId === zone.zone_id && draw.mode !== 'idle';
  const busy = draw.mode !== 'idle' && !active;

  if (!digitisable) {
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
      <ul className="zone-surfaces">
        {area !== null && (
          <li data-testid={`zone-area-${zone.zone_id}`}>{t('zones.outline.computed', { area: fmtArea(locale, area) })}</li>
        )}
        {surfaces.map((f) => {
          const value = f.unit ? `${f.value} ${f.unit}` : f.value;
          return (
            <li key={f.fact_id} data-testid="zone-sourced-surface">
              {f.fact_date
                ? t('zones.outline.sourced', { value, date: fmtFactDate(locale, f.fact_date) })
                : t('zones.outline.sourcedUndated', { value })}
            </li>
          );
        })}
        {area !== null && surfaces.length === 0 && <li>{t('zones.outline.sourcedNone')}</li>}
      </ul>
      {area !== null && surfaces.length > 0 && <p className="zone-hint">{t('zones.outline.compareNote')}</p>}

      {editMode ? (
        <>
          <div className="zone-actions" role="group" aria-label={t('zones.outline.actions', { name: zone.name })}>
            {!zone.geometry ? (
              <button
                type="button"
                disabled={!draw.ready || busy}
                aria-pressed={active && draw.mode === 'polygon'}
                onClick={() => (active ? draw.stop() : draw.draw(zone.zone_id))}
              >
                {t('zones.outline.digitise')}
              </button>
            ) : (
              <>
                <button
                  type="button"
                  disabled={!draw.ready || busy}
                  aria-pressed={active && draw.mode === 'edit'}
                  onClick={() => (active ? draw.stop() : draw.edit(zone.zone_id, zone.geometry!))}
                >
                  {active && draw.mode === 'edit' ? t('zones.outline.editStop') : t('zones.outline.edit')}
                </button>
                <button
                  type="button"
                  className="danger"
                  disabled={busy}
                  onClick={() => {
                    if (!window.confirm(t('zones.outline.deleteConfirm', { name: zone.name }))) return;
                    if (active) draw.stop();
                    const atlas = useAtlas.getState();
                    removeZoneOutline(zone.zone_id).then(
                      () => atlas.announce(t('zones.outline.deleted', { name: zone.name })),
                      (e: unknown) => atlas.announce(t('zones.outline.error', { message: e instanceof Error ? e.message : String(e) })),
                    );
                  }}
                >
                  {t('zones.outline.delete')}
                </button>
              </>
            )}
            {saving && <span className="zone-saving">{t('zones.outline.saving')}</span>}
          </div>
          {!draw.ready && <p className="zone-hint">{t('zones.outline.noMap')}</p>}
          {active && (
            <div className="zone-draw-hint" role="status">
              <p>{t(draw.mode === 'edit' ? 'zones.outline.hint.edit' : 'zones.outline.hint.polygon')}</p>
              <button type="button" onClick={draw.stop}>
                {draw.mode === 'edit' ? t('zones.outline.editStop') : t('zones.outline.cancel')}
              </button>
            </div>
          )}
          <ZoneHistory zoneId={zone.zone_id} />
        </>
      ) : (
        !zone.geometry && <p className="zone-hint">{t('zones.outline.editHint')}</p>
      )}
    </section>
  );
}

function ZoneHistory({ zoneId }: { zoneId: string }) {
  const t = useT();
  const locale = useAtlas((s) => s.locale);
  const revision = useZoneDraftStatus((s) => s.revision);
  const [open, setOpen] = useState(false);
  const [entries, setEntries] = useState<ZoneHistoryEntry[] | null>(null);

  useEffect(() => {
    if (!open) return;
    let live = true;
    void loadZoneHistory(zoneId).then((h) => {
      if (live) setEntries(h);
    });
    return () => {
      live = false;
    };
  }, [open, zoneId, revision]);

  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
  const areaOf = (g: unknown) => {
    const a = outlineAreaM2(g as Parameters<typeof outlineAreaM2>[0]);
    return a === null ? '—' : fmtArea(locale, a);
  };

  return (
    <details className="zone-history" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>{t('zones.history.heading')}</summary>
      {entries === null ? null : entries.length === 0 ? (
        <p>{t('zones.history.none')}</p>
      ) : (
        <ol data-testid={`zone-history-${zoneId}`}>
          {[...entries].reverse().map((e) => {
            const g = e.changes.find((c) => c.field === 'geometry');
            return (
              <li key={e.id ?? e.at}>
                <span>{when(e.at)}</span> — <span>{t(`zones.history.${e.action}`)}</span>
                {e.author && <> {t('zones.history.by', { author: e.author })}</>}
                {g && <> ({t('zones.history.area', { old: areaOf(g.old), new: areaOf(g.new) })})</>}
              </li>
            );
          })}
        </ol>
      )}
    </details>
  );
}
