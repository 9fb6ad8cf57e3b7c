/**
 * The change history of one site, newest first: when, who (optional name), what action,
 * and each changed field with its old and new value. Successive edits by the same person
 * within two minutes are shown as one entry (first old value → last new value).
 */
import { useEffect, useState } from 'react';
import type { DamagedHistoryEntry, HistoryEntry } from '../../data/drafts';
import type { FieldChange } from '../../domain/diff';
import { loadHistory, useCuration } from '../../state/drafts';
import { useAtlas } from '../../state/store';
import { useT } from '../i18n';
import { DamagedHistory, historyActionLabel } from '../shared/DamagedHistory';
import { DERIVED_DISTANCE_FIELDS, fieldLabel, formatValue } from './format';

const GROUP_MS = 2 * 60 * 1000;

interface Shown {
  key: string;
  at: string;
  author: string | null;
  action: HistoryEntry['action'];
  changes: FieldChange[];
}

/** Merges runs of 'update' entries (same author, < GROUP_MS apart). Input oldest first; output newest first. */
export function groupHistory(entries: HistoryEntry[]): Shown[] {
  const out: Shown[] = [];
  for (const e of entries) {
    const last = out[out.length - 1];
    if (
      last &&
      e.action === 'update' &&
      last.action === 'update' &&
      last.author === e.author &&
      Date.parse(e.at) - Date.parse(last.at) < GROUP_MS
    ) {
      const byField = new Map(last.changes.map((c) => [c.field, c] as const));
      for (const c of e.changes) {
        const prev = byField.get(c.field);
        byField.set(c.field, prev ? { field: c.field, old: prev.old, new: c.new } : c);
      }
      last.changes = [...byField.values()];
      last.at = e.at;
      continue;
    }
    out.push({ key: String(e.id ?? `${e.at}-${out.length}`), at: e.at, author: e.author, action: e.action, changes: [...e.changes] });
  }
  // Distances are recomputed from the geometry (worker): not edits worth listing.
  return out
    .map((x) => ({ ...x, changes: x.changes.filter((c) => !DERIVED_DISTANCE_FIELDS.includes(c.field)) }))
    .filter((x) => x.changes.length > 0 || x.action !== 'update')
    .reverse();
}

export function HistoryList({ siteId }: { siteId: string }) {
  const t = useT();
  const locale = useAtlas((s) => s.locale);
  const revision = useCuration((s) => s.revision);
  const [entries, setEntries] = useState<Shown[] | null>(null);
  const [damaged, setDamaged] = useState<DamagedHistoryEntry[]>([]);

  useEffect(() => {
    let live = true;
    loadHistory(siteId).then(
      (h) => {
        if (!live) return;
        setEntries(groupHistory(h.entries));
        setDamaged(h.damaged);
      },
      () => live && setEntries([]),
    );
    return () => {
      live = false;
    };
  }, [siteId, revision]);

  if (!entries) return null;
  const note = <DamagedHistory damaged={damaged} testId="history-damaged" />;
  if (!entries.length) {
    return (
      <>
        <p className="cur-hint">{t('cur.history.none')}</p>
        {note}
      </>
    );
  }
  const fmt = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
  return (
    <>
      <ol className="cur-history" data-testid="history">
        {entries.map((e) => (
          <li key={e.key}>
            <p className="cur-history-head">
              <strong>{historyActionLabel(t, 'cur.history.action.', e.action)}</strong>{' '}
              {t('cur.history.entry', { date: fmt.format(new Date(e.at)), author: e.author ?? t('cur.history.anonymous') })}
            </p>
            {e.changes.length > 0 && (
              <ul>
                {e.changes.map((c) => (
                  <li key={c.field}>
                    {c.field === 'geometry'
                      ? t(c.old ? 'cur.history.geometryChanged' : 'cur.history.geometryDrawn')
                      : (
                        <>
                          <span className="cur-hfield">{fieldLabel(t, c.field)}</span>
                          {t('cur.history.sep')}
                          <span className="cur-hold">{formatValue(t, c.field, c.old)}</span>
                          {' → '}
                          <span className="cur-hnew">{formatValue(t, c.field, c.new)}</span>
                        </>
                      )}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      {note}
    </>
  );
}
