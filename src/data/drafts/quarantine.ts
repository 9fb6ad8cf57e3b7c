/**
 * Records that failed the draft schema (./schema.ts) are kept aside, never dropped: in the
 * `meta` store under the key `quarantine` (a list), so no database upgrade is needed. Each
 * entry keeps the record exactly as it was found, where it came from and what is wrong with
 * it (French). Backups carry them; the curation panel lists them and lets the user download
 * each one.
 */
import { promisify } from './idb';

export const QUARANTINE_KEY = 'quarantine';

export type QuarantineKind = 'site' | 'zone' | 'history' | 'zone-history';
export type QuarantineOrigin = 'indexeddb' | 'backup' | 'import';

export interface QuarantineEntry {
  /** Unique key of the entry. */
  key: string;
  kind: QuarantineKind;
  /** The record's id (site or zone id) when it could be read, else null. */
  id: string | null;
  origin: QuarantineOrigin;
  /** The file it came from (backup, import), null for the browser's database. */
  source: string | null;
  /** ISO timestamp it was set aside. */
  at: string;
  /** What is wrong, in French, naming the fields. */
  problems: string[];
  /** The record as it was found. */
  record: unknown;
}

let seq = 0;

/** A new entry (its key is unique within this page and across pages: time + counter + random). */
export function quarantineEntry(
  kind: QuarantineKind,
  record: unknown,
  problems: string[],
  origin: QuarantineOrigin,
  at: string,
  source: string | null = null,
): QuarantineEntry {
  const r = record as { id?: unknown; zone_id?: unknown; site_id?: unknown; properties?: { id?: unknown } } | null;
  // A draft record has `id`; an imported site (a Feature) has `properties.id`.
  const siteId = (x: NonNullable<typeof r>) => x.id ?? (x.properties && typeof x.properties === 'object' ? x.properties.id : undefined);
  const raw = r && typeof r === 'object' ? (kind === 'zone' || kind === 'zone-history' ? r.zone_id : kind === 'history' ? r.site_id : siteId(r)) : null;
  const id = typeof raw === 'string' ? raw : raw === undefined || raw === null ? null : String(raw);
  const rnd = Math.floor(Math.random() * 0xffffff).toString(16);
  return { key: `${at}-${++seq}-${rnd}`, kind, id, origin, source, at, problems, record };
}

/** The stored list (an unreadable list is itself returned as one entry, never lost). */
export function readQuarantineValue(v: unknown, at: string): QuarantineEntry[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) {
    return v.map((e) =>
      e && typeof e === 'object' && typeof (e as QuarantineEntry).key === 'string' && Array.isArray((e as QuarantineEntry).problems)
        ? (e as QuarantineEntry)
        : quarantineEntry('site', e, ['entrée de la liste des brouillons mis de côté illisible'], 'indexeddb', at),
    );
  }
  return [quarantineEntry('site', v, ['liste des brouillons mis de côté illisible'], 'indexeddb', at)];
}

/** Adds entries to the stored list, inside `tx` (which must include `meta`). Duplicates (same key) are skipped. */
export function appendQuarantine(tx: IDBTransaction, entries: readonly QuarantineEntry[], at: string): void {
  if (!entries.length) return;
  const meta = tx.objectStore('meta');
  const get = meta.get(QUARANTINE_KEY);
  get.onsuccess = () => {
    const list = readQuarantineValue(get.result, at);
    const keys = new Set(list.map((e) => e.key));
    meta.put([...list, ...entries.filter((e) => !keys.has(e.key))], QUARANTINE_KEY);
  };
}

/** Removes entries by key, inside `tx`. */
export async function removeQuarantine(tx: IDBTransaction, keys: readonly string[], at: string): Promise<number> {
  const meta = tx.objectStore('meta');
  const list = readQuarantineValue(await promisify(meta.get(QUARANTINE_KEY)), at);
  const drop = new Set(keys);
  const rest = list.filter((e) => !drop.has(e.key));
  await promisify(meta.put(rest, QUARANTINE_KEY));
  return list.length - rest.length;
}
