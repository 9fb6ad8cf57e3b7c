/**
 * Zone outline drafts in the curation database (object stores added in version 2):
 * - `zoneDrafts`  key = zone id → ZoneDraftRecord (the drafted outline, the published
 *   outline it started from, its status);
 * - `zoneHistory` auto-increment → ZoneHistoryEntry (who, when, old → new outline), index
 *   `zone_id`.
 * Same rules as site drafts: every write is durable when it resolves, and the history keeps
 * every outline ever saved (nothing is lost, even after « Supprimer le périmètre »).
 */
import type { FieldChange } from '../../domain/diff';
import type { HistoryAction } from '../../domain/history';
import type { ZoneRecord } from '../../domain/types';
import { sameZoneCnig, type ZoneDraft, type ZoneOutline } from '../../domain/zoneDrafts';
import { promisify, run } from './idb';

export type { ZoneDraft, ZoneOutline } from '../../domain/zoneDrafts';

export const ZONE_DRAFTS_STORE = 'zoneDrafts';
export const ZONE_HISTORY_STORE = 'zoneHistory';

export type ZoneDraftStatus = 'new' | 'modified' | 'deleted';

export interface ZoneDraftRecord extends ZoneDraft {
  /** The zone's name when the draft was written (for lists and backups). */
  zone_name: string;
  /** The published outline it started from; null when the register had none. */
  base: ZoneOutline | null;
  status: ZoneDraftStatus;
  /** Revision, +1 at each write (absent before revisions: 0); see DraftRecord.rev. */
  rev?: number;
  /** Id of the tab that wrote this revision. */
  writer?: string;
  /** Set when exported for publication (see DraftRecord.exported). */
  exported?: { at: string; package: string | null; rev: number } | null;
}

export interface ZoneHistoryEntry {
  /** Auto-increment key (absent before it is stored). */
  id?: number;
  zone_id: string;
  zone_name: string;
  at: string;
  author: string | null;
  action: HistoryAction;
  /** `geometry`: old → new outline (null = none). */
  changes: FieldChange[];
}

/** The published zone an outline is drawn for (only its id, name and published outline are used). */
export type ZoneRef = Pick<ZoneRecord, 'zone_id' | 'name' | 'geometry'>;

export interface PutZoneOutlineResult {
  draft: ZoneDraftRecord;
  /** The history entry written; null when the outline did not change (nothing written). */
  entry: ZoneHistoryEntry | null;
}

export interface ZoneDraftMethods {
  /** Saves a drawn / edited outline for a zone (history: create, update or restore). */
  putZoneOutline(zone: ZoneRef, outline: ZoneOutline, opts?: { author?: string | null }): Promise<PutZoneOutlineResult>;
  /**
   * Removes a zone's outline: the draft is dropped when the register has no outline, else a
   * 'deleted' draft hides the published one. The removed outline stays in the history.
   * Returns the remaining draft (null when there is none).
   */
  removeZoneOutline(zone: ZoneRef, opts?: { author?: string | null }): Promise<ZoneDraftRecord | null>;
  getZoneDraft(zoneId: string): Promise<ZoneDraftRecord | null>;
  listZoneDrafts(): Promise<ZoneDraftRecord[]>;
  /** Oldest first; every zone when `zoneId` is omitted. */
  listZoneHistory(zoneId?: string): Promise<ZoneHistoryEntry[]>;
  /** Removes the drafts of zones now published (their history stays). Returns how many. */
  clearPublishedZones(ids: readonly string[]): Promise<number>;
}

/** Creates the version-2 object stores when missing (called from the upgrade handler). */
export function upgradeZoneStores(db: IDBDatabase): void {
  if (!db.objectStoreNames.contains(ZONE_DRAFTS_STORE)) db.createObjectStore(ZONE_DRAFTS_STORE, { keyPath: 'zone_id' });
  if (!db.objectStoreNames.contains(ZONE_HISTORY_STORE)) {
    const h = db.createObjectStore(ZONE_HISTORY_STORE, { keyPath: 'id', autoIncrement: true });
    h.createIndex('zone_id', 'zone_id', { unique: false });
  }
}

function plain<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

export function sameOutline(a: ZoneOutline | null | undefined, b: ZoneOutline | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.type === b.type && JSON.stringify(a.coordinates) === JSON.stringify(b.coordinates);
}

export function zoneHistoryKey(e: ZoneHistoryEntry): string {
  return `${e.zone_id}\u0000${e.at}\u0000${e.action}\u0000${JSON.stringify(e.changes)}`;
}

export function sameZoneDraft(a: ZoneDraftRecord, b: ZoneDraftRecord): boolean {
  return a.status === b.status && sameOutline(a.geometry, b.geometry) && sameOutline(a.base, b.base) && sameZoneCnig(a.cnig, b.cnig);
}

export async function addZoneHistory(tx: IDBTransaction, entry: ZoneHistoryEntry): Promise<ZoneHistoryEntry> {
  const { id: _id, ...rest } = entry;
  const key = await promisify(tx.objectStore(ZONE_HISTORY_STORE).add(plain(rest)));
  return { ...entry, id: key as number };
}

const STORES = [ZONE_DRAFTS_STORE, ZONE_HISTORY_STORE, 'meta'];

export function zoneDraftMethods(db: IDBDatabase, now: () => string): ZoneDraftMethods {
  async function authorOr(tx: IDBTransaction, author: string | null | undefined): Promise<string | null> {
    if (author !== undefined) return author && author.trim() ? author.trim() : null;
    const stored = await promisify(tx.objectStore('meta').get('author'));
    return typeof stored === 'string' && stored.trim() ? stored.trim() : null;
  }
  const getRecord = async (tx: IDBTransaction, id: string) =>
    ((await promisify(tx.objectStore(ZONE_DRAFTS_STORE).get(id))) as ZoneDraftRecord | undefined) ?? null;

  return {
    putZoneOutline(zone, outline, opts = {}) {
      return run(db, STORES, 'readwrite', async (tx) => {
        const existing = await getRecord(tx, zone.zone_id);
        const base = existing ? existing.base : (zone.geometry ?? null);
        const previous = existing ? existing.geometry : base;
        const wasDeleted = existing?.status === 'deleted';
        if (existing && !wasDeleted && sameOutline(previous, outline)) return { draft: existing, entry: null };
        const t = now();
        const draft: ZoneDraftRecord = {
          zone_id: zone.zone_id,
          zone_name: zone.name,
          geometry: plain(outline),
          base: base ? plain(base) : null,
          status: base ? 'modified' : 'new',
          updated_at: t,
          rev: (existing?.rev ?? 0) + 1,
        };
        await promisify(tx.objectStore(ZONE_DRAFTS_STORE).put(draft));
        const action: HistoryAction = wasDeleted ? 'restore' : previous ? 'update' : 'create';
        const entry = await addZoneHistory(tx, {
          zone_id: zone.zone_id,
          zone_name: zone.name,
          at: t,
          author: await authorOr(tx, opts.author),
          action,
          changes: [{ field: 'geometry', old: previous ?? null, new: draft.geometry }],
        });
        return { draft, entry };
      });
    },

    removeZoneOutline(zone, opts = {}) {
      return run(db, STORES, 'readwrite', async (tx) => {
        const store = tx.objectStore(ZONE_DRAFTS_STORE);
        const existing = await getRecord(tx, zone.zone_id);
        const current = existing ? existing.geometry : (zone.geometry ?? null);
        if (!current) return existing;
        const base = existing ? existing.base : (zone.geometry ?? null);
        const t = now();
        let record: ZoneDraftRecord | null = null;
        if (base) {
          record = { zone_id: zone.zone_id, zone_name: zone.name, geometry: null, base: plain(base), status: 'deleted', updated_at: t, rev: (existing?.rev ?? 0) + 1 };
          await promisify(store.put(record));
        } else {
          await promisify(store.delete(zone.zone_id));
        }
        await addZoneHistory(tx, {
          zone_id: zone.zone_id,
          zone_name: zone.name,
          at: t,
          author: await authorOr(tx, opts.author),
          action: 'delete',
          changes: [{ field: 'geometry', old: plain(current), new: null }],
        });
        return record;
      });
    },

    getZoneDraft(zoneId) {
      return run(db, [ZONE_DRAFTS_STORE], 'readonly', (tx) => getRecord(tx, zoneId));
    },

    listZoneDrafts() {
      return run(db, [ZONE_DRAFTS_STORE], 'readonly', async (tx) => (await promisify(tx.objectStore(ZONE_DRAFTS_STORE).getAll())) as ZoneDraftRecord[]);
    },

    listZoneHistory(zoneId) {
      return run(db, [ZONE_HISTORY_STORE], 'readonly', async (tx) => {
        const h = tx.objectStore(ZONE_HISTORY_STORE);
        const all = (zoneId === undefined ? await promisify(h.getAll()) : await promisify(h.index('zone_id').getAll(zoneId))) as ZoneHistoryEntry[];
        return all.sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
      });
    },

    clearPublishedZones(ids) {
      return run(db, [ZONE_DRAFTS_STORE], 'readwrite', async (tx) => {
        const store = tx.objectStore(ZONE_DRAFTS_STORE);
        let n = 0;
        for (const id of ids) {
          if ((await promisify(store.count(id))) > 0) {
            await promisify(store.delete(id));
            n++;
          }
        }
        return n;
      });
    },
  };
}
