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
 * - `journal` (version 3): one entry per change not yet in its record, written by a write-only
 *   transaction committed explicitly in the task of the change (see `journal()`), so it reaches
 *   the disk without waiting for the page's main thread; deleted (write-only too) once the
 *   record itself is written. Read back at start-up (a crash between the two). The upgrade only
 *   adds the store.
 * - version 4: the `history` store may also hold import batches (`HistoryBatch`: the entries of
 *   the sites one transaction of a big import wrote, in ONE record instead of one per site),
 *   found by site through the multi-entry index `batch_sites`. Every reader expands them
 *   (`expandHistory`): entries, backups and the history views are as before. The upgrade only
 *   adds the index.
 * Each call resolves after its transaction's `complete` event (durability 'strict').
 */
import { diffSites, jsonEqual } from '../../domain/diff';
import type { DraftConflict } from '../../domain/draftMerge';
import type { HistoryAction, HistoryEntry } from '../../domain/history';
import type { Site } from '../../domain/types';
import { promisify, run, StorageError } from './idb';
import { appendQuarantine, QUARANTINE_KEY, quarantineEntry, readQuarantineValue, removeQuarantine, type QuarantineEntry } from './quarantine';
import { checkDraftRecord, checkHistoryEntry, checkZoneDraftRecord } from './schema';
import { syncRecords, type SyncDecision, type SyncOutcome } from './sync';
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
export type { DraftConflict } from '../../domain/draftMerge';
export { StorageError, storageErrorMessage, storageProblemOf } from './idb';
export { quarantineEntry, type QuarantineEntry, type QuarantineKind, type QuarantineOrigin } from './quarantine';
export { readHistory, type DamagedHistoryEntry, type HistoryRead } from './historyRead';
export { checkDraftRecord, checkHistoryEntry, checkSite, checkZoneDraftRecord, geometryProblem, type Checked } from './schema';
export type { SyncDecision, SyncHistory, SyncOutcome } from './sync';
export type { ZoneDraftRecord, ZoneDraftStatus, ZoneHistoryEntry, ZoneRef, PutZoneOutlineResult, ZoneDraftMethods } from './zones';

export const DEFAULT_DB_NAME = 'atlas-curation';
/** 1: drafts, history, meta. 2: + zoneDrafts, zoneHistory. 3: + journal. 4: + history index `batch_sites`. */
export const DB_VERSION = 4;
/** Index of the `history` store listing the sites of an import batch (multi-entry). */
export const HISTORY_BATCH_INDEX = 'batch_sites';

/**
 * The history entries of many sites written by one transaction of an import (the import
 * writer, ./importWriter/write.ts), stored as ONE record of the `history` store: one request
 * instead of one per site (IndexedDB's cost per request dominated a 100,000-site import).
 * `batch_sites` lists the sites (the index `batch_sites` finds the batch by site).
 */
export interface HistoryBatch {
  id?: number;
  batch_sites: string[];
  entries: HistoryEntry[];
}

function isHistoryBatch(v: unknown): v is HistoryBatch & { id: number } {
  return !!v && typeof v === 'object' && Array.isArray((v as HistoryBatch).batch_sites) && Array.isArray((v as HistoryBatch).entries);
}

/**
 * Stored history records with the import batches expanded to one entry per site. An entry of
 * a batch stored under key K gets the id K − 1 + (i + 1) / n (i-th of n): unique, and in the
 * order of writing with the other entries (which get whole keys). Other records stay as they
 * are. `siteId`: only this site's entries of the batches.
 */
export function expandHistory(raw: readonly unknown[], siteId?: string): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  for (const r of raw) {
    if (!isHistoryBatch(r)) {
      out.push(r as HistoryEntry);
      continue;
    }
    const n = r.entries.length;
    r.entries.forEach((e, i) => {
      if (siteId === undefined || e?.site_id === siteId) out.push({ ...e, id: r.id - 1 + (i + 1) / n });
    });
  }
  return out;
}
export const JOURNAL_STORE = 'journal';

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
  /**
   * Revision: +1 at each write (absent in records written before revisions: 0). A tab writes
   * only after re-reading it: a newer revision than the one it started from is merged, never
   * overwritten silently (src/state/drafts).
   */
  rev?: number;
  /** Id of the tab (page) that wrote this revision. */
  writer?: string;
  /** Fields typed differently in two tabs, waiting for the user's choice (see domain/draftMerge). */
  conflicts?: DraftConflict[];
  /**
   * Set when the draft was exported for publication (« exporté, en attente de publication »):
   * when, in which file or package, and at which revision (an edit after it makes it stale).
   */
  exported?: DraftExport | null;
}

export interface DraftExport {
  at: string;
  package: string | null;
  rev: number;
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
  /** Records kept aside because they failed the draft schema (absent from older backups). */
  quarantine?: QuarantineEntry[];
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
  /** Records of the backup that failed the draft schema: kept aside (quarantine), not imported. */
  quarantined: QuarantineEntry[];
}

/** Everything stored, as found (not yet checked against the schema): for the start-up load. */
export interface StoredDrafts {
  drafts: unknown[];
  zoneDrafts: unknown[];
  author: string | null;
  quarantine: QuarantineEntry[];
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
  importBackup(input: string | CurationBackup, opts?: { overwrite?: readonly string[]; author?: string | null; source?: string | null }): Promise<BackupImportReport>;
  getMeta<T = unknown>(key: string): Promise<T | null>;
  setMeta(key: string, value: unknown): Promise<void>;
  close(): void;

  /** Every draft, zone draft, the author and the quarantine, raw, in one read. */
  loadAll(): Promise<StoredDrafts>;
  /**
   * Re-reads `ids` and writes what `decide` returns, in ONE transaction created now (in the
   * caller's task). See ./sync.ts.
   */
  syncDrafts(ids: readonly string[], decide: (id: string, stored: unknown) => SyncDecision<DraftRecord, HistoryEntry>): Promise<SyncOutcome[]>;
  syncZoneDrafts(ids: readonly string[], decide: (id: string, stored: unknown) => SyncDecision<ZoneDraftRecord, ZoneHistoryEntry>): Promise<SyncOutcome[]>;
  /**
   * Keeps bad records aside: moves them from their store to the quarantine list, in one
   * transaction (only if the stored value is still the bad one).
   */
  setAside(entries: readonly QuarantineEntry[]): Promise<void>;
  listQuarantine(): Promise<QuarantineEntry[]>;
  dropQuarantine(keys: readonly string[]): Promise<number>;
  /** Some records as stored (raw, unchecked; undefined when absent), in one read. */
  readRaw(store: 'drafts' | 'zoneDrafts', ids: readonly string[]): Promise<unknown[]>;
  /**
   * Writes `value` under `key` in the journal, in a write-only transaction created AND
   * committed (`IDBTransaction.commit()`) before returning: the backend commits it as soon as
   * it has run the put, without waiting for the page. The promise says when it is on disk.
   */
  journal(key: string, value: { seq: number }): Promise<void>;
  /** Every journal entry (key, value), raw. */
  readJournal(): Promise<{ key: string; value: unknown }[]>;
  /**
   * Removes journal entries: exact keys, or key ranges (inclusive). Write-only and committed at
   * once, like `journal()`: it never holds the journal behind the page's main thread.
   */
  clearJournal(targets: readonly (string | { from: string; to: string })[]): Promise<void>;
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
      const history = req.transaction!.objectStore('history');
      if (!history.indexNames.contains(HISTORY_BATCH_INDEX)) history.createIndex(HISTORY_BATCH_INDEX, HISTORY_BATCH_INDEX, { unique: false, multiEntry: true });
      if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
      upgradeZoneStores(db);
      if (!db.objectStoreNames.contains(JOURNAL_STORE)) db.createObjectStore(JOURNAL_STORE);
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
        const w = buildDraftWrite(existing, site, { at: now(), action: normalizeAction(opts.action), base: opts.base ?? null, author: null });
        if (!w) return { draft: existing!, entry: null };
        await promisify(drafts.put(w.record));
        const entry = await addHistory(tx, { ...w.entry, author: await authorOr(tx, opts.author) });
        return { draft: w.record, entry };
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
          record = { id, site: plain(current), base: plain(base), status: 'deleted', updated_at: t, rev: (existing?.rev ?? 0) + 1 };
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
        const all =
          siteId === undefined
            ? expandHistory(await promisify(h.getAll()))
            : [...((await promisify(h.index('site_id').getAll(siteId))) as HistoryEntry[]), ...expandHistory(await promisify(h.index(HISTORY_BATCH_INDEX).getAll(siteId)), siteId)];
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
        history: expandHistory(await promisify(tx.objectStore('history').getAll())),
        author: ((await promisify(tx.objectStore('meta').get('author'))) as string | undefined) ?? null,
        quarantine: readQuarantineValue(await promisify(tx.objectStore('meta').get(QUARANTINE_KEY)), now()),
        zoneDrafts: (await promisify(tx.objectStore(ZONE_DRAFTS_STORE).getAll())) as ZoneDraftRecord[],
        zoneHistory: (await promisify(tx.objectStore(ZONE_HISTORY_STORE).getAll())) as ZoneHistoryEntry[],
      }));
      return backupText({
        exported_at: now(),
        author: data.author,
        drafts: data.drafts,
        history: data.history,
        zone_drafts: data.zoneDrafts,
        zone_history: data.zoneHistory,
        quarantine: data.quarantine,
      });
    },

    async importBackup(input, opts = {}) {
      const { backup, bad } = splitBackup(parseBackup(input), now(), opts.source ?? null);
      const overwrite = new Set(opts.overwrite ?? []);
      return run(db, ['drafts', 'history', 'meta', ZONE_DRAFTS_STORE, ZONE_HISTORY_STORE], 'readwrite', async (tx) => {
        const drafts = tx.objectStore('drafts');
        const history = tx.objectStore('history');
        const report: BackupImportReport = { added: [], identical: [], conflicts: [], replaced: [], historyAdded: 0, quarantined: [...bad] };
        const setAside: QuarantineEntry[] = [...bad];
        const known = new Set(expandHistory(await promisify(history.getAll())).map(historyKey));
        for (const e of backup.history) {
          if (known.has(historyKey(e))) continue;
          known.add(historyKey(e));
          await addHistory(tx, { ...e, id: undefined });
          report.historyAdded++;
        }
        for (const d of backup.drafts) {
          const raw = await promisify(drafts.get(d.id));
          const checked = raw === undefined ? null : checkDraftRecord<DraftRecord>(raw);
          if (checked && !checked.ok) setAside.push(quarantineEntry('site', raw, checked.problems, 'indexeddb', now()));
          const local = checked?.ok ? checked.value : null;
          if (!local) {
            await promisify(drafts.put(plain(d)));
            report.added.push(d.id);
          } else if (local.status === d.status && diffSites(local.site, d.site).length === 0 && jsonEqual(local.base, d.base)) {
            report.identical.push(d.id);
          } else if (overwrite.has(d.id)) {
            const t = now();
            await promisify(drafts.put({ ...plain(d), updated_at: t, rev: Math.max(local.rev ?? 0, d.rev ?? 0) + 1, conflicts: [] }));
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
            const raw = await promisify(zd.get(d.zone_id));
            const checked = raw === undefined ? null : checkZoneDraftRecord<ZoneDraftRecord>(raw);
            if (checked && !checked.ok) setAside.push(quarantineEntry('zone', raw, checked.problems, 'indexeddb', now()));
            const local = checked?.ok ? checked.value : null;
            if (!local) {
              await promisify(zd.put(plain(d)));
              report.zonesAdded.push(d.zone_id);
            } else if (!sameZoneDraft(local, d)) {
              report.zoneConflicts.push(d.zone_id);
            }
          }
        }
        appendQuarantine(tx, setAside, now());
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

    loadAll() {
      return run(db, ['drafts', 'meta', ZONE_DRAFTS_STORE], 'readonly', async (tx) => {
        const meta = tx.objectStore('meta');
        const author = await promisify(meta.get('author'));
        return {
          drafts: (await promisify(tx.objectStore('drafts').getAll())) as unknown[],
          zoneDrafts: (await promisify(tx.objectStore(ZONE_DRAFTS_STORE).getAll())) as unknown[],
          author: typeof author === 'string' ? author : null,
          quarantine: readQuarantineValue(await promisify(meta.get(QUARANTINE_KEY)), now()),
        };
      });
    },

    syncDrafts(ids, decide) {
      return syncRecords(db, 'drafts', 'history', ids, decide, now);
    },

    syncZoneDrafts(ids, decide) {
      return syncRecords(db, ZONE_DRAFTS_STORE, ZONE_HISTORY_STORE, ids, decide, now);
    },

    setAside(entries) {
      return run(db, ['drafts', 'meta', ZONE_DRAFTS_STORE], 'readwrite', async (tx) => {
        for (const e of entries) {
          const storeName = e.kind === 'site' ? 'drafts' : e.kind === 'zone' ? ZONE_DRAFTS_STORE : null;
          if (!storeName || e.id === null || e.origin !== 'indexeddb') continue;
          const os = tx.objectStore(storeName);
          const current = await promisify(os.get(e.id));
          // Only the bad value itself: a good record written meanwhile (another tab) stays.
          if (current !== undefined && jsonEqual(current, e.record)) await promisify(os.delete(e.id));
        }
        appendQuarantine(tx, entries, now());
      });
    },

    listQuarantine() {
      return run(db, ['meta'], 'readonly', async (tx) => readQuarantineValue(await promisify(tx.objectStore('meta').get(QUARANTINE_KEY)), now()));
    },

    dropQuarantine(keys) {
      return run(db, ['meta'], 'readwrite', (tx) => removeQuarantine(tx, keys, now()));
    },

    journal(key, value) {
      return new Promise<void>((resolve, reject) => {
        try {
          const tx = db.transaction([JOURNAL_STORE], 'readwrite', { durability: 'strict' });
          tx.oncomplete = () => resolve();
          tx.onabort = () => reject(new StorageError(tx.error ?? new Error('transaction annulée')));
          tx.objectStore(JOURNAL_STORE).put(value, key);
          (tx as IDBTransaction & { commit?: () => void }).commit?.();
        } catch (e) {
          reject(new StorageError(e));
        }
      });
    },

    readJournal() {
      return run(db, [JOURNAL_STORE], 'readonly', async (tx) => {
        const os = tx.objectStore(JOURNAL_STORE);
        const [keys, values] = await Promise.all([promisify(os.getAllKeys()), promisify(os.getAll())]);
        return keys.map((k, i) => ({ key: String(k), value: values[i] as unknown }));
      });
    },

    clearJournal(targets) {
      if (!targets.length) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        try {
          const tx = db.transaction([JOURNAL_STORE], 'readwrite', { durability: 'strict' });
          tx.oncomplete = () => resolve();
          tx.onabort = () => reject(new StorageError(tx.error ?? new Error('transaction annulée')));
          const os = tx.objectStore(JOURNAL_STORE);
          for (const t of targets) os.delete(typeof t === 'string' ? t : IDBKeyRange.bound(t.from, t.to));
          (tx as IDBTransaction & { commit?: () => void }).commit?.();
        } catch (e) {
          reject(new StorageError(e));
        }
      });
    },

    readRaw(storeName, ids) {
      const name = storeName === 'drafts' ? 'drafts' : ZONE_DRAFTS_STORE;
      return run(db, [name], 'readonly', (tx) => Promise.all(ids.map((id) => promisify(tx.objectStore(name).get(id) as IDBRequest<unknown>))));
    },
  };
  return store;
}

export interface DraftWriteOptions {
  at: string;
  author: string | null;
  /** Default: 'restore' for a deleted draft, 'update' when there is a previous version, else 'create'. */
  action?: HistoryAction;
  /** The published version, when a published site is edited for the first time. */
  base?: Site | null;
  /** The tab writing (see DraftRecord.writer). */
  writer?: string;
  conflicts?: DraftConflict[];
  exported?: DraftExport | null;
}

/**
 * The record and the history entry a write of `site` makes over `existing` (null = no draft
 * yet), or null when nothing changed (then nothing is written). Pure.
 */
export function buildDraftWrite(existing: DraftRecord | null, site: Site, o: DraftWriteOptions): { record: DraftRecord; entry: HistoryEntry; changed: boolean } | null {
  const base = existing ? existing.base : (o.base ?? null);
  const previous = existing?.site ?? base;
  const changes = diffSites(previous, site);
  const wasDeleted = existing?.status === 'deleted';
  const sameConflicts = jsonEqual(existing?.conflicts ?? [], o.conflicts ?? existing?.conflicts ?? []);
  const sameExport = o.exported === undefined || jsonEqual(existing?.exported ?? null, o.exported);
  if (existing && !wasDeleted && changes.length === 0 && sameConflicts && sameExport) return null;
  const stored: Site = { ...site, properties: { ...site.properties, updated_at: o.at } };
  const created = existing?.site.properties.created_at ?? site.properties.created_at ?? base?.properties.created_at ?? (base ? null : o.at);
  if (created !== null && created !== undefined) stored.properties.created_at = created;
  const record: DraftRecord = {
    id: site.properties.id,
    site: stored,
    base,
    status: base ? 'modified' : 'new',
    updated_at: o.at,
    rev: (existing?.rev ?? 0) + 1,
  };
  if (o.writer) record.writer = o.writer;
  const conflicts = o.conflicts ?? existing?.conflicts;
  if (conflicts?.length) record.conflicts = conflicts;
  const exported = o.exported === undefined ? existing?.exported : o.exported;
  if (exported) record.exported = exported;
  const action = o.action ?? (wasDeleted ? 'restore' : previous ? 'update' : 'create');
  return { record, entry: { site_id: record.id, at: o.at, author: o.author, action, changes }, changed: changes.length > 0 || wasDeleted };
}

/** The backup file's text (JSON, one member per line for readable diffs). */
export function backupText(data: Omit<CurationBackup, 'format' | 'version'>): string {
  const backup: CurationBackup = {
    format: BACKUP_FORMAT,
    version: 1,
    ...data,
    history: [...data.history].sort((a, b) => (a.id ?? 0) - (b.id ?? 0)),
    zone_history: data.zone_history ? [...data.zone_history].sort((a, b) => (a.id ?? 0) - (b.id ?? 0)) : data.zone_history,
  };
  return `${JSON.stringify(backup, null, 1)}\n`;
}

/**
 * The backup's records split into those that pass the draft schema (normalised) and those
 * kept aside with their problems (quarantine). Nothing is dropped.
 */
export function splitBackup(b: CurationBackup, at: string, source: string | null): { backup: CurationBackup; bad: QuarantineEntry[] } {
  const bad: QuarantineEntry[] = [];
  const keep = <T>(list: unknown[] | undefined, kind: 'site' | 'zone' | 'history' | 'zone-history', check: (v: unknown) => { ok: true; value: T } | { ok: false; problems: string[] }): T[] => {
    const out: T[] = [];
    for (const v of list ?? []) {
      const c = check(v);
      if (c.ok) out.push(c.value);
      else bad.push(quarantineEntry(kind, v, c.problems, 'backup', at, source));
    }
    return out;
  };
  const drafts = keep<DraftRecord>(b.drafts, 'site', (v) => checkDraftRecord<DraftRecord>(v));
  const history = keep<HistoryEntry>(b.history, 'history', (v) => checkHistoryEntry<HistoryEntry>(v, 'site_id'));
  const zoneDrafts = b.zone_drafts === undefined ? undefined : keep<ZoneDraftRecord>(b.zone_drafts, 'zone', (v) => checkZoneDraftRecord<ZoneDraftRecord>(v));
  const zoneHistory = b.zone_history === undefined ? undefined : keep<ZoneHistoryEntry>(b.zone_history, 'zone-history', (v) => checkHistoryEntry<ZoneHistoryEntry>(v, 'zone_id'));
  // Entries already kept aside in the backup's browser stay aside here.
  for (const q of Array.isArray(b.quarantine) ? b.quarantine : []) bad.push(...readQuarantineValue([q], at));
  return { backup: { ...b, drafts, history, zone_drafts: zoneDrafts, zone_history: zoneHistory }, bad };
}

/**
 * Reads a backup (JSON text or object) and checks its shape as a file; throws an Error with a
 * French message when it is not a backup at all. Each record is checked later, one by one
 * (`splitBackup`): a bad record is kept aside, the rest is imported.
 */
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
  if (!b || typeof b !== 'object' || b.format !== BACKUP_FORMAT || !Array.isArray(b.drafts) || !Array.isArray(b.history)) {
    throw new Error('Ce fichier n’est pas une sauvegarde des brouillons de l’atlas (format « atlas-curation-backup » attendu).');
  }
  if (b.version !== 1) throw new Error(`Version de sauvegarde non prise en charge : ${String(b.version)}.`);
  if ((b.zone_drafts !== undefined && !Array.isArray(b.zone_drafts)) || (b.zone_history !== undefined && !Array.isArray(b.zone_history))) {
    throw new Error('Sauvegarde abîmée : les périmètres de zones sont illisibles. Rien n’a été importé.');
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
