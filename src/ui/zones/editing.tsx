/**
 * The zones panel's editing tools, shown in « Mode édition » and loaded on demand (with
 * terra-draw and the drafts database): « Numériser le périmètre » / « Modifier le
 * périmètre » / « Supprimer le périmètre » for each zone that can be digitised, the drawing
 * hint, the outline's history, and the last storage error.
 */
import { useEffect, useState } from 'react';
import type { ZoneRecord } from '../../domain/types';
import type { DamagedHistoryEntry, ZoneHistoryEntry } from '../../data/drafts';
import { useAtlas } from '../../state/store';
import { loadZoneHistory, removeZoneOutline, useZoneDraftStatus } from '../../state/drafts';
import { useT } from '../i18n';
import { DamagedHistory, historyActionLabel } from '../shared/DamagedHistory';
import { outlineAreaM2 } from './outline';
import { formatSurface } from '../../domain/format';
import { attachZoneDraw, drawZone, editZone, finishZoneDraw, stopZoneDraw, useZoneDrawState } from './zoneDraw';
import { ZoneCnigFields } from './ZoneCnigFields';

/** Rendered once by the panel while editing: owns the drawing tools' lifetime; shows write errors. */
export function ZoneEditingHost() {
  const t = useT();
  const error = useZoneDraftStatus((s) => s.error);
  const notice = useZoneDraftStatus((s) => s.notice);
  useEffect(() => attachZoneDraw(), []);
  return (
    <>
      {error && (
        <p className="zones-error" role="alert">
          {t('zones.outline.error', { message: error })}
        </p>
      )}
      {notice && (
        <p className="zones-error" role="status">
          {notice}
        </p>
      )}
    </>
  );
}

export function ZoneOutlineActions({ zone }: { zone: ZoneRecord }) {
  const t = useT();
  const { ready, mode, zoneId } = useZoneDrawState();
  const saving = useZoneDraftStatus((s) => s.saving.includes(zone.zone_id));
  const active = zoneId === zone.zone_id && mode !== 'idle';
  const busy = mode !== 'idle' && !active;

  return (
    <>
      <div className="zone-actions" role="group" aria-label={t('zones.outline.actions', { name: zone.name })}>
        {!zone.geometry ? (
          <button
            type="button"
            disabled={!ready || busy}
            aria-pressed={active && mode === 'polygon'}
            onClick={() => (active ? stopZoneDraw() : drawZone(zone.zone_id))}
          >
            {t('zones.outline.digitise')}
          </button>
        ) : (
          <>
            <button
              type="button"
              disabled={!ready || busy}
              aria-pressed={active && mode === 'edit'}
              onClick={() => (active ? stopZoneDraw() : editZone(zone.zone_id, zone.geometry!))}
            >
              {active && mode === 'edit' ? t('zones.outline.editStop') : t('zones.outline.edit')}
            </button>
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() => {
                if (!window.confirm(t('zones.outline.deleteConfirm', { name: zone.name }))) return;
                if (active) stopZoneDraw();
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
      {!ready && <p className="zone-hint">{t('zones.outline.noMap')}</p>}
      {active && (
        <div className="zone-draw-hint" role="status">
          <p>{t(mode === 'edit' ? 'zones.outline.hint.edit' : 'zones.outline.hint.polygon')}</p>
          {mode === 'polygon' && (
            <button type="button" onClick={finishZoneDraw}>
              {t('zones.outline.finish')}
            </button>
          )}{' '}
          <button type="button" onClick={stopZoneDraw}>
            {mode === 'edit' ? t('zones.outline.editStop') : t('zones.outline.cancel')}
          </button>
        </div>
      )}
      {zone.geometry && <ZoneCnigFields zone={zone} />}
      <ZoneHistory zoneId={zone.zone_id} />
    </>
  );
}

function ZoneHistory({ zoneId }: { zoneId: string }) {
  const t = useT();
  const locale = useAtlas((s) => s.locale);
  const revision = useZoneDraftStatus((s) => s.revision);
  const [open, setOpen] = useState(false);
  const [entries, setEntries] = useState<ZoneHistoryEntry[] | null>(null);
  const [damaged, setDamaged] = useState<DamagedHistoryEntry[]>([]);

  useEffect(() => {
    if (!open) return;
    let live = true;
    void loadZoneHistory(zoneId).then((h) => {
      if (!live) return;
      setEntries(h.entries);
      setDamaged(h.damaged);
    });
    return () => {
      live = false;
    };
  }, [open, zoneId, revision]);

  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
  const areaOf = (g: unknown) => {
    const a = outlineAreaM2(g as Parameters<typeof outlineAreaM2>[0]);
    return a === null ? '—' : formatSurface(locale, a);
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
                <span>{when(e.at)}</span> — <span>{historyActionLabel(t, 'zones.history.', e.action)}</span>
                {e.author && <> {t('zones.history.by', { author: e.author })}</>}
                {g && <> ({t('zones.history.area', { old: areaOf(g.old), new: areaOf(g.new) })})</>}
              </li>
            );
          })}
        </ol>
      )}
      <DamagedHistory damaged={damaged} testId={`zone-history-damaged-${zoneId}`} />
    </details>
  );
}
