/**
 * Drafts of curated sites, kept in the browser (IndexedDB), with their change history:
 * nothing typed is ever lost. Database `atlas-curation`:
 * - `drafts`  key = site id → DraftRecord (the edited site, the published version it started
 *   from, its status);
 * - `history` auto-increment → HistoryEntry (who, when, what changed: old and new values),
 *   index `site_id`;
 * - `meta`    key → value (the author's name…);
 * - `zoneDrafts`, `zoneHistory` (version 2): outlines of activity zones drawn in curation,
 *   see ./zones.ts. The upgrade from version 1 only adds stores: existing drafts are kept.
 * Each call resolves after its transaction's `complete` event (durability 'strict').
 */
import { diffSites, jsonEqual } from '../../domain/diff';
import type { HistoryAction, HistoryEntry } from '../../domain/history';
import type { Site } from '../../domain/types';
import { promisify, run, StorageError } from './idb';
import {
  addZoneHistory,
  sameZoneDraft,
  upgradeZoneStores,
  zoneDraftMethods,
  zoneHistoryKey,
  ZONE_DRAFTS_STORE,
  ZONE_HISTORY_STORE,
  type ZoneDraftMethods,
  type ZoneDraftRecord,
  type ZoneHistoryEntry,
} from './zones';

export type { HistoryAction, HistoryEntry } from '../../domain/history';
export { StorageError, storageErrorMessage } from './idb';
export type { ZoneDraftRecord, ZoneDraftStatus, ZoneHistoryEntry, ZoneRef, PutZoneOutlineResult, ZoneDraftMethods } from './zones';

export const DEFAULT_DB_NAME = 'atlas-curation';
/** 1: drafts, history, meta. 2: + zoneDrafts, zoneHistory. */
export const DB_VERSION = 2;

export type DraftStatus = 'new' | 'modified' | 'deleted';

export interface DraftRecord {
  /** The site id (the key). */
  id: string;
  /** The latest version (for a deleted site: the version it had when deleted). */
  site: Site;
  /** The published version it started from; null for a site created or imported here. */
  base: Site | null;
  status: DraftStatus;
  /** ISO timestamp of the last write. */
  updated_at: string;
}

export interface PutDraftOptions {
  author?: string | null;
  /** Default: 'create' for a site without draft nor base, else 'update'. 'edit' = 'update'. */
  action?: HistoryAction | 'edit';
  /** The published version, when a published site is edited for the first time. */
  base?: Site | null;
}

export interface PutDraftResult {
  draft: DraftRecord;
  /** The history entry written; null when nothing changed (then nothing was written). */
  entry: HistoryEntry | null;
}

export const BACKUP_FORMAT = 'atlas-curation-backup';
export interface CurationBackup {
  format: typeof BACKUP_FORMAT;
  version: 1;
  exported_at: string;
  author: string | null;
  drafts: DraftRecord[];
  history: HistoryEntry[];
  /** Zone outline drafts (absent from backups made before zones could be digitised). */
  zone_drafts?: ZoneDraftRecord[];
  zone_history?: ZoneHistoryEntry[];
}

export interface BackupConflict {
  id: string;
  name: string;
  local: DraftRecord;
  backup: DraftRecord;
}
export interface BackupImportReport {
  /** Drafts that did not exist here and were added. */
  added: string[];
  /** Drafts identical here and in the backup. */
  identical: string[];
  /** Drafts that differ: NOT overwritten unless their id is in `overwrite`. */
  conflicts: BackupConflict[];
  /** Conflicting drafts replaced by the backup's version (ids passed in `overwrite`). */
  replaced: string[];
  historyAdded: number;
  /** Zone outline drafts added (zone ids); a different local outline is never overwritten. */
  zonesAdded?: string[];
  /** Zones whose outline differs here and in the backup: kept as they are here. */
  zoneConflicts?: string[];
}

export interface DraftStore extends ZoneDraftMethods {
  readonly name: string;
  putDraft(site: Site, opts?: PutDraftOptions): Promise<PutDraftResult>;
  /**
   * Deletes a site. A site never published (status 'new') loses its draft; a published one
   * gets a 'deleted' draft (to publish the deletion). Pass `published` to delete a published
   * site that has no draft yet. The last version is kept in the history entry's snapshot.
   */
  deleteDraft(id: string, author?: string | null, published?: Site | null): Promise<DraftRecord | null>;
  /** Drops the draft (back to the published version); its content stays in the history. */
  discardDraft(id: string, author?: string | null): Promise<void>;
  getDraft(id: string): Promise<DraftRecord | null>;
  listDrafts(): Promise<DraftRecord[]>;
  /** Oldest first; all sites when `siteId` is omitted. */
  listHistory(siteId?: string): Promise<HistoryEntry[]>;
  countUnpublished(): Promise<number>;
  /** Removes the drafts of sites now published (their history stays). Returns how many. */
  clearPublished(ids: readonly string[]): Promise<number>;
  /** Everything (drafts, history, author) as a JSON text, to download. */
  exportBackup(): Promise<string>;
  /** Merges a backup: adds what is missing, never overwrites a different draft unless asked. */
  importBackup(input: string | CurationBackup, opts?: { overwrite?: readonly string[]; author?: string | null }): Promise<BackupImportReport>;
  getMeta<T = unknown>(key: string): Promise<T | null>;
  setMeta(key: string, value: unknown): Promise<void>;
  close(): void;
}

export interface OpenDraftStoreOptions {
  /** The IndexedDB factory (default: globalThis.indexedDB). */
  indexedDB?: IDBFactory;
  /** Clock, for tests. */
  now?: () => string;
}

function openDatabase(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let req: IDBOpenDBRequest;
    try {
      req = factory.open(name, DB_VERSION);
    } catch (e) {
      reject(new StorageError(e));
      return;
    }
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains('drafts')) db.createObjectStore('drafts', { keyPath: 'id' });
      if (!db.objectStoreNames.contains('history')) {
        const h = db.createObjectStore('history', { keyPath: 'id', autoIncrement: true });
        h.createIndex('site_id', 'site_id', { unique: false });
      }
      if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
      upgradeZoneStores(db);
    };
    req.onsuccess = () => {
      const db = req.result;
      // Another tab upgrading the schema: let it.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    req.onerror = () => reject(new StorageError(req.error));
    req.onblocked = () => reject(new StorageError(new Error('la base est bloquée par un autre onglet de l’atlas ; fermez-le puis réessayez')));
  });
}

function normalizeAction(a: PutDraftOptions['action']): HistoryAction | undefined {
  return a === 'edit' ? 'update' : a;
}

/** A JSON-safe deep copy (IndexedDB stores structured clones; this also drops undefined). */
function plain<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function historyKey(e: HistoryEntry): string {
  return `${e.site_id}\u0000${e.at}\u0000${e.action}\u0000${JSON.stringify(e.changes)}`;
}

/** Opens (creating if needed) the drafts database. */
export async function openDraftStore(name: string = DEFAULT_DB_NAME, options: OpenDraftStoreOptions = {}): Promise<DraftStore> {
  const factory = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!factory) throw new StorageError(Object.assign(new Error('IndexedDB absent'), { name: 'InvalidStateError' }));
  const now = options.now ?? (() => new Date().toISOString());
  const db = await openDatabase(factory, name);

  async function authorOr(tx: IDBTransaction, author: string | null | undefined): Promise<string | null> {
    if (author !== undefined) return author && author.trim() ? author.trim() : null;
    const stored = await promisify(tx.objectStore('meta').get('author'));
    return typeof stored === 'string' && stored.trim() ? stored.trim() : null;
  }

  async function addHistory(tx: IDBTransaction, entry: HistoryEntry): Promise<HistoryEntry> {
    const { id: _id, ...rest } = entry;
    const key = await promisify(tx.objectStore('history').add(plain(rest)));
    return { ...entry, id: key as number };
  }

  const store: DraftStore = {
    name,
    ...zoneDraftMethods(db, now),

    putDraft(site, opts = {}) {
      return run(db, ['drafts', 'history', 'meta'], 'readwrite', async (tx) => {
        const drafts = tx.objectStore('drafts');
        const id = site.properties.id;
        const existing = ((await promisify(drafts.get(id))) as DraftRecord | undefined) ?? null;
        const base = existing ? existing.base : (opts.base ?? null);
        const previous = existing?.site ?? base;
        const changes = diffSites(previous, site);
        const wasDeleted = existing?.status === 'deleted';
        if (existing && !wasDeleted && changes.length === 0) return { draft: existing, entry: null };
        const t = now();
        const stored: Site = plain(site);
        stored.properties.updated_at = t;
        const created = existing?.site.properties.created_at ?? site.properties.created_at ?? base?.properties.created_at ?? (base ? null : t);
        if (created !== null && created !== undefined) stored.properties.created_at = created;
        const draft: DraftRecord = { id, site: stored, base: base ? plain(base) : null, status: base ? 'modified' : 'new', updated_at: t };
        await promisify(drafts.put(draft));
        const action = normalizeAction(opts.action) ?? (wasDeleted ? 'restore' : previous ? 'update' : 'create');
        const entry = await addHistory(tx, { site_id: id, at: t, author: await authorOr(tx, opts.author), action, changes });
        return { draft, entry };
      });
    },

    deleteDraft(id, author, published) {
      return run(db, ['drafts', 'history', 'meta'], 'readwrite', async (tx) => {
        const drafts = tx.objectStore('drafts');
        const existing = ((await promisify(drafts.get(id))) as DraftRecord | undefined) ?? null;
        if (existing?.status === 'deleted') return existing;
        const current = existing?.site ?? published ?? null;
        if (!current) return null;
        const base = existing ? existing.base : (published ?? null);
        const t = now();
        let record: DraftRecord | null = null;
        if (base) {
          record = { id, site: plain(current), base: plain(base), status: 'deleted', updated_at: t };
          await promisify(drafts.put(record));
        } else {
          await promisify(drafts.delete(id));
        }
        await addHistory(tx, { site_id: id, at: t, author: await authorOr(tx, author), action: 'delete', changes: [], snapshot: plain(current) });
        return record;
      });
    },

    discardDraft(id, author) {
      return run(db, ['drafts', 'history', 'meta'], 'readwrite', async (tx) => {
        const drafts = tx.objectStore('drafts');
        const existing = ((await promisify(drafts.get(id))) as DraftRecord | undefined) ?? null;
        if (!existing) return;
        await promisify(drafts.delete(id));
        const who = await authorOr(tx, author);
        if (existing.base) {
          const changes = existing.status === 'deleted' ? [] : diffSites(existing.site, existing.base);
          await addHistory(tx, { site_id: id, at: now(), author: who, action: 'restore', changes, snapshot: existing.site });
        } else {
          await addHistory(tx, { site_id: id, at: now(), author: who, action: 'delete', changes: [], snapshot: existing.site });
        }
      });
    },

    async getDraft(id) {
      return run(db, ['drafts'], 'readonly', async (tx) => ((await promisify(tx.objectStore('drafts').get(id))) as DraftRecord | undefined) ?? null);
    },

    listDrafts() {
      return run(db, ['drafts'], 'readonly', async (tx) => (await promisify(tx.objectStore('drafts').getAll())) as DraftRecord[]);
    },

    listHistory(siteId) {
      return run(db, ['history'], 'readonly', async (tx) => {
        const h = tx.objectStore('history');
        const all = (siteId === undefined ? await promisify(h.getAll()) : await promisify(h.index('site_id').getAll(siteId))) as HistoryEntry[];
        return all.sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
      });
    },

    countUnpublished() {
      return run(db, ['drafts'], 'readonly', (tx) => promisify(tx.objectStore('drafts').count()));
    },

    clearPublished(ids) {
      return run(db, ['drafts'], 'readwrite', async (tx) => {
        const drafts = tx.objectStore('drafts');
        let n = 0;
        for (const id of ids) {
          if ((await promisify(drafts.count(id))) > 0) {
            await promisify(drafts.delete(id));
            n++;
          }
        }
        return n;
      });
    },

    async exportBackup() {
      const data = await run(db, ['drafts', 'history', 'meta', ZONE_DRAFTS_STORE, ZONE_HISTORY_STORE], 'readonly', async (tx) => ({
        drafts: (await promisify(tx.objectStore('drafts').getAll())) as DraftRecord[],
        history: (await promisify(tx.objectStore('history').getAll())) as HistoryEntry[],
        author: ((await promisify(tx.objectStore('meta').get('author'))) as string | undefined) ?? null,
        zoneDrafts: (await promisify(tx.objectStore(ZONE_DRAFTS_STORE).getAll())) as ZoneDraftRecord[],
        zoneHistory: (await promisify(tx.objectStore(ZONE_HISTORY_STORE).getAll())) as ZoneHistoryEntry[],
      }));
      const backup: CurationBackup = {
        format: BACKUP_FORMAT,
        version: 1,
        exported_at: now(),
        author: data.author,
        drafts: data.drafts,
        history: data.history.sort((a, b) => (a.id ?? 0) - (b.id ?? 0)),
        zone_drafts: data.zoneDrafts,
        zone_history: data.zoneHistory.sort((a, b) => (a.id ?? 0) - (b.id ?? 0)),
      };
      return `${JSON.stringify(backup, null, 1)}\n`;
    },

    async importBackup(input, opts = {}) {
      const backup = parseBackup(input);
      const overwrite = new Set(opts.overwrite ?? []);
      return run(db, ['drafts', 'history', 'meta', ZONE_DRAFTS_STORE, ZONE_HISTORY_STORE], 'readwrite', async (tx) => {
        const drafts = tx.objectStore('drafts');
        const history = tx.objectStore('history');
        const report: BackupImportReport = { added: [], identical: [], conflicts: [], replaced: [], historyAdded: 0 };
        const known = new Set(((await promisify(history.getAll())) as HistoryEntry[]).map(historyKey));
        for (const e of backup.history) {
          if (known.has(historyKey(e))) continue;
          known.add(historyKey(e));
          await addHistory(tx, { ...e, id: undefined });
          report.historyAdded++;
        }
        for (const d of backup.drafts) {
          const local = ((await promisify(drafts.get(d.id))) as DraftRecord | undefined) ?? null;
          if (!local) {
            await promisify(drafts.put(plain(d)));
            report.added.push(d.id);
          } else if (local.status === d.status && diffSites(local.site, d.site).length === 0 && jsonEqual(local.base, d.base)) {
            report.identical.push(d.id);
          } else if (overwrite.has(d.id)) {
            const t = now();
            await promisify(drafts.put({ ...plain(d), updated_at: t }));
            await addHistory(tx, { site_id: d.id, at: t, author: await authorOr(tx, opts.author), action: 'restore', changes: diffSites(local.site, d.site), snapshot: local.site });
            report.replaced.push(d.id);
          } else {
            report.conflicts.push({ id: d.id, name: d.site.properties.name, local, backup: d });
          }
        }
        if (backup.zone_drafts?.length || backup.zone_history?.length) {
          report.zonesAdded = [];
          report.zoneConflicts = [];
          const zh = tx.objectStore(ZONE_HISTORY_STORE);
          const zknown = new Set(((await promisify(zh.getAll())) as ZoneHistoryEntry[]).map(zoneHistoryKey));
          for (const e of backup.zone_history ?? []) {
            if (zknown.has(zoneHistoryKey(e))) continue;
            zknown.add(zoneHistoryKey(e));
            await addZoneHistory(tx, { ...e, id: undefined });
            report.historyAdded++;
          }
          const zd = tx.objectStore(ZONE_DRAFTS_STORE);
          for (const d of backup.zone_drafts ?? []) {
            const local = ((await promisify(zd.get(d.zone_id))) as ZoneDraftRecord | undefined) ?? null;
            if (!local) {
              await promisify(zd.put(plain(d)));
              report.zonesAdded.push(d.zone_id);
            } else if (!sameZoneDraft(local, d)) {
              report.zoneConflicts.push(d.zone_id);
            }
          }
        }
        return report;
      });
    },

    getMeta<T>(key: string) {
      return run(db, ['meta'], 'readonly', async (tx) => ((await promisify(tx.objectStore('meta').get(key))) as T | undefined) ?? null);
    },

    setMeta(key, value) {
      return run(db, ['meta'], 'readwrite', async (tx) => {
        await promisify(tx.objectStore('meta').put(plain(value), key));
      });
    },

    close() {
      db.close();
    },
  };
  return store;
}

/** Reads and checks a backup (JSON text or object); throws an Error with a French message. */
export function parseBackup(input: string | CurationBackup): CurationBackup {
  let v: unknown = input;
  if (typeof input === 'string') {
    try {
      v = JSON.parse(input);
    } catch {
      throw new Error('Ce fichier n’est pas une sauvegarde de l’atlas : ce n’est pas du JSON valide.');
    }
  }
  const b = v as Partial<CurationBackup> | null;
  if (!b || b.format !== BACKUP_FORMAT || !Array.isArray(b.drafts) || !Array.isArray(b.history)) {
    throw new Error('Ce fichier n’est pas une sauvegarde des brouillons de l’atlas (format « atlas-curation-backup » attendu).');
  }
  if (b.version !== 1) throw new Error(`Version de sauvegarde non prise en charge : ${String(b.version)}.`);
  if ((b.zone_drafts !== undefined && !Array.isArray(b.zone_drafts)) || (b.zone_history !== undefined && !Array.isArray(b.zone_history))) {
    throw new Error('Sauvegarde abîmée : les périmètres de zones sont illisibles. Rien n’a été importé.');
  }
  for (const d of b.zone_drafts ?? []) {
    if (!d || typeof d.zone_id !== 'string' || !['new', 'modified', 'deleted'].includes(d.status)) {
      throw new Error(`Sauvegarde abîmée : un périmètre de zone est incomplet (${d && typeof d.zone_id === 'string' ? `« ${d.zone_id} »` : 'sans identifiant'}). Rien n’a été importé.`);
    }
  }
  for (const d of b.drafts) {
    if (!d || typeof d.id !== 'string' || !d.site || d.site.properties?.id !== d.id || !['new', 'modified', 'deleted'].includes(d.status)) {
      throw new Error(`Sauvegarde abîmée : un brouillon est incomplet (${d && typeof d.id === 'string' ? `« ${d.id} »` : 'sans identifiant'}). Rien n’a été importé.`);
    }
  }
  return b as CurationBackup;
}

/** Asks the browser to keep this site's storage (not evicted under pressure). Browser only. */
export async function requestPersistentStorage(): Promise<boolean> {
  const nav = (globalThis as { navigator?: Navigator }).navigator;
  try {
    if (nav?.storage?.persisted && (await nav.storage.persisted())) return true;
    return nav?.storage?.persist ? await nav.storage.persist() : false;
  } catch {
    return false;
  }
}
