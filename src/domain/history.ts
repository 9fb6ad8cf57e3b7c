/**
 * The change history of curated sites ("nothing is ever lost"): one entry per write, with
 * the field changes (old and new values), so any earlier version can be rebuilt.
 * Pure; the entries are stored by src/data/drafts.
 */
import { describeChange, type FieldChange } from './diff';
import type { Site } from './types';

/** `publish`: the draft was cleared because the public data now holds an identical version. */
export type HistoryAction = 'create' | 'update' | 'delete' | 'import' | 'restore' | 'publish';

export const HISTORY_ACTION_LABELS_FR: Record<HistoryAction, string> = {
  create: 'Création',
  update: 'Modification',
  delete: 'Suppression',
  import: 'Import',
  restore: 'Restauration',
  publish: 'Publication',
};

export interface HistoryEntry {
  /** Auto-increment key (absent before it is stored). */
  id?: number;
  site_id: string;
  /** ISO timestamp. */
  at: string;
  /** Name typed by the user (optional in the UI), or null. */
  author: string | null;
  action: HistoryAction;
  /** From the previous version to this one. */
  changes: FieldChange[];
  /**
   * The whole site as it was just before a `delete` or a discarded draft, so it can be
   * restored even when no draft is left. Absent otherwise.
   */
  snapshot?: Site | null;
}

function setPath(site: Site, field: string, value: unknown): void {
  if (field === 'geometry') {
    (site as { geometry: unknown }).geometry = structuredClone(value);
    return;
  }
  const props = site.properties as unknown as Record<string, unknown>;
  const m = /^readiness\.([a-z_]+)\.([a-z]+)$/.exec(field);
  if (m) {
    const r = (props.readiness ?? {}) as Record<string, Record<string, unknown>>;
    r[m[1]] = { ...(r[m[1]] ?? { status: 'inconnu', date: null, source: null }), [m[2]]: value };
    props.readiness = r;
    return;
  }
  if (value === undefined) delete props[field];
  else props[field] = structuredClone(value);
}

/**
 * Applies changes to a copy of the site: `forward` sets the new values, `backward` the old
 * ones (to go back one version).
 */
export function applyChanges(site: Site, changes: readonly FieldChange[], direction: 'forward' | 'backward' = 'forward'): Site {
  const out = structuredClone(site);
  for (const c of changes) setPath(out, c.field, direction === 'forward' ? c.new : c.old);
  return out;
}

/**
 * The version of a site just after `entries[index]` was written, rebuilt from the current
 * version by undoing the later entries. `entries` are this site's entries, oldest first,
 * and `current` is the version after the last one.
 */
export function versionAfter(current: Site, entries: readonly HistoryEntry[], index: number): Site {
  let site = current;
  for (let i = entries.length - 1; i > index; i--) {
    const e = entries[i];
    if (e.action === 'delete') continue; // a deletion does not change fields
    site = applyChanges(site, e.changes, 'backward');
  }
  return site;
}

/** « Modification par Marie — Nom : « A » → « B » ; Géométrie modifiée ». Plain text. */
export function describeEntry(e: HistoryEntry): string {
  const who = e.author ? ` par ${e.author}` : '';
  const what = e.changes.length ? ` — ${e.changes.map(describeChange).join(' ; ')}` : '';
  return `${HISTORY_ACTION_LABELS_FR[e.action]}${who}${what}`;
}
