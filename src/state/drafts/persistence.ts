/**
 * Persistence of the drafts: the only code that talks to the drafts database (src/data/drafts).
 *
 * No loss window: a change is committed to memory (./store.ts) and handed to IndexedDB in the
 * SAME task (`writeSites` / `writeZones` create the transaction before returning; no timer, no
 * debounce). Several records of one change (an import batch) go in one transaction.
 *
 * Several tabs: each record carries a revision and the id of the tab that wrote it. Every write
 * re-reads the record inside its transaction; when another tab wrote since the revision this tab
 * last knew, the two versions are merged field by field (domain/draftMerge) and a field typed
 * differently in both is kept as a conflict for the user to settle, never overwritten silently.
 * After each write the other tabs are told (BroadcastChannel, and a `storage` event for tabs that
 * have none) and re-read.
 *
 * Storage unavailable or full: memory keeps the change, `unsaved` lists it, the status says so,
 * and the next change tries again (with everything still unsaved).
 */
import {
  buildDraftWrite,
  checkDraftRecord,
  checkZoneDraftRecord,
  openDraftStore,
  quarantineEntry,
  requestPersistentStorage,
  storageProblemOf,
  type DraftRecord,
  type DraftStore,
  type HistoryEntry,
  type QuarantineEntry,
  type SyncDecision,
  type ZoneDraftRecord,
  type ZoneHistoryEntry,
} from '../../data/drafts';
import { sameOutline } from '../../data/drafts/zones';
import { importWriterAvailable, writeNewDraftsInWorker } from '../../data/drafts/importWriter/client';
import { sliceClock, yieldToMain } from '../../data/yieldToMain';
import { diffSites, type FieldChange } from '../../domain/diff';
import { mergeDraftSites, openConflicts } from '../../domain/draftMerge';
import type { HistoryAction } from '../../domain/history';
import type { Site } from '../../domain/types';
import { mergeZoneCnig, sameZoneCnig, type ZoneCnigValues, type ZoneOutline } from '../../domain/zoneDrafts';
import { useAtlas } from '../store';
import { setQuarantinedCount } from './notice';
import { applyRecords, applyZoneRecords, flushAtlas, getState, nowIso, prebuildRecords, setState } from './store';

/** This page's id, written in each record it writes (DraftRecord.writer). */
export const TAB_ID = `tab-${Date.now().toString(36)}-${Math.floor(Math.random() * 0xffffffff).toString(36)}`;

const CHANNEL = 'atlas-drafts';
/** localStorage key of the fallback ping (browsers without BroadcastChannel). */
const PING_KEY = 'atlas-drafts-ping';
/** A run of edits of the same fields within this delay stays one history entry. */
const HISTORY_GROUP_MS = 60_000;

let db: DraftStore | null = null;
let opening: Promise<DraftStore | null> | null = null;
let initPromise: Promise<void> | null = null;
let loaded = false;

/** The stored revision (and content) of each record when this tab last read or wrote it: the base of a merge. */
const known = new Map<string, { rev: number; site: Site | null }>();
const knownZones = new Map<string, { rev: number; geometry: ZoneOutline | null; cnig?: ZoneCnigValues | null }>();
/** Writes in flight, per id. */
const pending = new Map<string, number>();
const pendingZones = new Map<string, number>();
/** History action of the next write of a site (import, restore…). */
const nextAction = new Map<string, HistoryAction>();
/** Records to remove at their next write, with the history entry that says why. */
const removals = new Map<string, Omit<HistoryEntry, 'at' | 'author'>>();
const zoneRemovals = new Map<string, Omit<ZoneHistoryEntry, 'at' | 'author'>>();
/** Export markers to write (markExported): the revision is the one the write gives. */
const pendingExports = new Map<string, { at: string; package: string | null }>();
const pendingZoneExports = new Map<string, { at: string; package: string | null }>();
/** Conflicts the user settled here: not taken back from another tab's copy at the next merge. */
const settled = new Map<string, Set<string>>();
/** The last history entry this tab wrote per site (a run of keystrokes in a field stays one entry). */
const lastEntry = new Map<string, { key: number; fields: string; start: number; entry: HistoryEntry }>();
/**
 * Sites an import (`saveSites`) has put in memory and not yet written, per id (a count: imports
 * may overlap). Another tab's message about them is not applied meanwhile: the stored record
 * read then predates this tab's write, and applying its absence dropped the site from memory,
 * after which nothing wrote it. The write merges with what the other tab stored, as for edits.
 */
const importing = new Map<string, number>();
/** Writes in flight (for `flush`). */
const inflight = new Set<Promise<void>>();
/**
 * Transactions created but not yet at the point where they read memory, per id, with their
 * promise. A change of such a record needs no new transaction: the queued one writes memory as
 * it is when it runs, so it carries the change (never later than a new one would). Typing
 * faster than the disk commits thus never builds a backlog.
 */
const queued = new Map<string, { n: number; job: Promise<void> }>();

function queue(map: Map<string, { n: number; job: Promise<void> }>, ids: readonly string[], job: Promise<void>): void {
  for (const id of ids) map.set(id, { n: (map.get(id)?.n ?? 0) + 1, job });
}
function dequeue(map: Map<string, { n: number; job: Promise<void> }>, id: string): void {
  const q = map.get(id);
  if (!q) return;
  if (q.n <= 1) map.delete(id);
  else map.set(id, { ...q, n: q.n - 1 });
}
/** The ids that need a new transaction, and the queued jobs that will carry the others. */
function needingWrite(map: Map<string, { n: number; job: Promise<void> }>, ids: readonly string[]): { fresh: string[]; carried: Promise<void>[] } {
  const fresh: string[] = [];
  const carried = new Set<Promise<void>>();
  for (const id of ids) {
    const q = map.get(id);
    if (q) carried.add(q.job);
    else fresh.push(id);
  }
  return { fresh, carried: [...carried] };
}
/**
 * The journal (see data/drafts `journal()`): each saved change is also put, in the task of the
 * change, in a write-only transaction committed at once — on disk even if the page's main thread
 * is too busy to run the main write's callbacks before a crash. One entry per change, key
 * `<kind>:<id>:<tab>:<seq>` (never overwritten, so no read is needed); once the record is
 * written, this tab's entries up to the seq it carried are deleted by key range (write-only as
 * well: the journal is never held behind the page's main thread).
 */
interface JournalEntry {
  seq: number;
  kind: 'site' | 'zone';
  id: string;
  tab: string;
  at: string;
  record: unknown;
  /** The stored revision (and content) this version was built on: the base of a merge. */
  knownRev: number | null;
  knownSite?: Site | null;
  knownGeometry?: ZoneOutline | null;
  knownCnig?: ZoneCnigValues | null;
}
let journalSeq = 0;
/** Per `<kind>:<id>`: the latest seq journaled by this tab, and the one each write read memory at. */
const journaled = new Map<string, number>();
const decidedSeq = new Map<string, number>();
/** Per `<kind>:<id>`: entries of earlier pages recovered at start-up, deleted once written. */
const recoveredKeys = new Map<string, string[]>();

const seqText = (seq: number) => String(seq).padStart(12, '0');
const journalPrefix = (kindId: string) => `${kindId}:${TAB_ID}:`;

/** What a site write did, applied to memory and `known` once its transaction is complete. */
interface SiteCommit {
  id: string;
  rev: number;
  site: Site | null;
  history?: { fields: string; start: number; entry: HistoryEntry };
  /** The written record's metadata, for the memory record it was made from (`from`). */
  patch?: { from: DraftRecord; record: DraftRecord };
  /** The removal this write carried (asked again if the write fails). */
  removal?: Omit<HistoryEntry, 'at' | 'author'>;
}

/** Journals the record of a site or a zone as it is in memory now (see `JournalEntry`). */
function journalRecord(kind: 'site' | 'zone', id: string): void {
  const r = kind === 'site' ? getState().records.get(id) : getState().zoneRecords[id];
  if (!db || !loaded || !r) return;
  const seq = ++journalSeq;
  journaled.set(`${kind}:${id}`, seq);
  const key = `${journalPrefix(`${kind}:${id}`)}${seqText(seq)}`;
  const base: Omit<JournalEntry, 'knownRev'> = { seq, kind, id, tab: TAB_ID, at: nowIso(), record: r };
  const k = kind === 'site' ? known.get(id) : knownZones.get(id);
  const entry: JournalEntry =
    kind === 'site'
      ? { ...base, knownRev: k?.rev ?? null, knownSite: known.get(id)?.site ?? null }
      : { ...base, knownRev: k?.rev ?? null, knownGeometry: knownZones.get(id)?.geometry ?? null, knownCnig: knownZones.get(id)?.cnig ?? null };
  void db.journal(key, entry).catch(() => undefined);
}

/** After a write reached the disk: the journal entries it carried (a newer change's entry stays). */
function clearJournal(kindIds: readonly string[]): void {
  const targets: (string | { from: string; to: string })[] = [];
  for (const k of kindIds) {
    const seq = decidedSeq.get(k);
    decidedSeq.delete(k);
    if (seq !== undefined) {
      targets.push({ from: journalPrefix(k), to: `${journalPrefix(k)}${seqText(seq)}` });
      if (journaled.get(k) === seq) journaled.delete(k);
    }
    const old = recoveredKeys.get(k);
    if (old) {
      targets.push(...old);
      recoveredKeys.delete(k);
    }
  }
  if (targets.length) void db?.clearJournal(targets).catch(() => undefined);
}

/** Told when a change from another tab could not be applied as asked (e.g. a deletion of a site edited elsewhere). */
let onNotice: ((message: string) => void) | null = null;

/**
 * Performance marks for the bench: only in builds with the test hooks (`__ATLAS_TEST_HOOKS__`,
 * compiled out of production) and when the page sets `window.__atlasPerf` (see state/selectors.ts).
 */
function perfOn(): boolean {
  if (typeof __ATLAS_TEST_HOOKS__ === 'undefined' || !__ATLAS_TEST_HOOKS__) return false;
  return !!(globalThis as { __atlasPerf?: boolean }).__atlasPerf && typeof performance !== 'undefined' && typeof performance.measure === 'function';
}

/** The time now for `measureSince` (0 when the bench is not measuring). */
export function perfStart(): number {
  return perfOn() ? performance.now() : 0;
}

/** A `performance.measure` from `start` (from `perfStart`) to now, for the bench. */
export function measureSince(name: string, start: number): void {
  if (start) performance.measure(name, { start });
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The opened database (null before the load or when IndexedDB is unavailable). */
export function draftDb(): DraftStore | null {
  return loaded ? db : null;
}

export function setNoticeHandler(fn: ((message: string) => void) | null): void {
  onNotice = fn;
}

function notice(message: string): void {
  onNotice?.(message);
}

function author(): string | null {
  return getState().author.trim() || null;
}

async function open(): Promise<DraftStore | null> {
  if (db) return db;
  opening ??= openDraftStore().then(
    (store) => {
      db = store;
      return store;
    },
    (e: unknown) => {
      opening = null; // tried again at the next change
      setState({ storage: 'unavailable', storageError: errorText(e), storageProblem: 'unavailable' });
      return null;
    },
  );
  return opening;
}

/**
 * Opens the drafts database and loads its records into memory (checked against the draft
 * schema: a bad record is kept aside, the rest loads). Idempotent; the app shell calls it
 * through `startDrafts` (./boot.ts).
 */
export function initDrafts(): Promise<void> {
  initPromise ??= (async () => {
    listen();
    const store = await open();
    if (store) await load(store);
  })();
  return initPromise;
}

async function load(store: DraftStore): Promise<void> {
  let raw: Awaited<ReturnType<DraftStore['loadAll']>>;
  try {
    raw = await store.loadAll();
  } catch (e) {
    setState({ storage: 'unavailable', storageError: errorText(e), storageProblem: storageProblemOf(e) });
    return;
  }
  const at = nowIso();
  const bad: QuarantineEntry[] = [];
  const records: Record<string, DraftRecord> = {};
  for (const v of raw.drafts) {
    const c = checkDraftRecord<DraftRecord>(v);
    if (c.ok) records[c.value.id] = c.value;
    else bad.push(quarantineEntry('site', v, c.problems, 'indexeddb', at));
  }
  const zones: Record<string, ZoneDraftRecord> = {};
  for (const v of raw.zoneDrafts) {
    const c = checkZoneDraftRecord<ZoneDraftRecord>(v);
    if (c.ok) zones[c.value.zone_id] = c.value;
    else bad.push(quarantineEntry('zone', v, c.problems, 'indexeddb', at));
  }
  for (const r of Object.values(records)) known.set(r.id, { rev: r.rev ?? 0, site: r.site });
  for (const r of Object.values(zones)) knownZones.set(r.zone_id, { rev: r.rev ?? 0, geometry: r.geometry, cnig: r.cnig ?? null });
  // Changes journaled but not written before the page (or the browser) went away: back in memory, written below.
  const recovered = recoverJournal(await store.readJournal().catch(() => []), records, zones, bad, at);
  // Changes typed before the database was open stay (they are written just below).
  const s = getState();
  for (const id of s.unsaved) {
    const r = s.records.get(id);
    if (r) records[id] = r;
  }
  for (const id of s.unsavedZones) if (s.zoneRecords[id]) zones[id] = s.zoneRecords[id];
  if (recovered.sites.length || recovered.zones.length) {
    setState((st) => ({ unsaved: [...new Set([...st.unsaved, ...recovered.sites])], unsavedZones: [...new Set([...st.unsavedZones, ...recovered.zones])] }));
  }
  loaded = true;
  applyRecords(records, true);
  applyZoneRecords(zones, true);
  const quarantine = [...raw.quarantine, ...bad];
  setState((st) => ({ storage: 'ready', author: st.author || raw.author || '', quarantine }));
  setQuarantinedCount(quarantine.length);
  if (bad.length) {
    // Moved to the quarantine list: kept, but out of the way of the writes.
    await store.setAside(bad).catch(() => undefined);
  }
  void requestPersistentStorage();
  if (getState().unsaved.length) void writeSites([]);
  if (getState().unsavedZones.length) void writeZones([]).catch(() => undefined);
}

/**
 * Journal entries at start-up: one whose content is already in its record was written (dropped);
 * any other is the latest version of a change that did not reach its record — put back in memory
 * (`records` / `zones`), with the revision it was built on (so another tab's later write is
 * merged, not overwritten), to be written now.
 */
function recoverJournal(
  entries: { key: string; value: unknown }[],
  records: Record<string, DraftRecord>,
  zones: Record<string, ZoneDraftRecord>,
  bad: QuarantineEntry[],
  at: string,
): { sites: string[]; zones: string[] } {
  const out = { sites: [] as string[], zones: [] as string[] };
  const drop: string[] = [];
  // The latest change per record (by time, then seq); older ones of the same tab are superseded.
  const latest = new Map<string, { key: string; v: JournalEntry; keys: string[] }>();
  for (const { key, value } of entries) {
    const v = value as Partial<JournalEntry> | null;
    if (!v || typeof v.id !== 'string' || (v.kind !== 'site' && v.kind !== 'zone') || typeof v.seq !== 'number') {
      drop.push(key);
      continue;
    }
    const e = v as JournalEntry;
    const kindId = `${e.kind}:${e.id}`;
    const cur = latest.get(kindId);
    if (!cur) latest.set(kindId, { key, v: e, keys: [key] });
    else {
      const newer = e.at > cur.v.at || (e.at === cur.v.at && e.seq > cur.v.seq);
      const older = newer ? cur.v : e;
      // Another tab's change, not the latest: kept aside rather than lost.
      if (older.tab !== (newer ? e : cur.v).tab) bad.push(quarantineEntry(older.kind, older.record, ['version saisie dans un autre onglet, jamais enregistrée (une version plus récente l’a été)'], 'indexeddb', at));
      latest.set(kindId, newer ? { key, v: e, keys: [...cur.keys, key] } : { ...cur, keys: [...cur.keys, key] });
    }
  }
  for (const [kindId, { v, keys }] of latest) {
    const site = v.kind === 'site';
    const c = site ? checkDraftRecord<DraftRecord>(v.record) : checkZoneDraftRecord<ZoneDraftRecord>(v.record);
    if (!c.ok) {
      bad.push(quarantineEntry(v.kind, v.record, c.problems, 'indexeddb', at));
      drop.push(...keys);
      continue;
    }
    // Already in its record (written before the crash): nothing to do.
    const stored = site ? records[v.id] : zones[v.id];
    const same =
      !!stored &&
      stored.status === c.value.status &&
      (site
        ? diffSites((stored as DraftRecord).site, (c.value as DraftRecord).site).length === 0
        : sameOutline((stored as ZoneDraftRecord).geometry, (c.value as ZoneDraftRecord).geometry) && sameZoneCnig((stored as ZoneDraftRecord).cnig, (c.value as ZoneDraftRecord).cnig));
    if (same) {
      drop.push(...keys);
      continue;
    }
    if (site) {
      records[v.id] = c.value as DraftRecord;
      if (typeof v.knownRev === 'number') known.set(v.id, { rev: v.knownRev, site: v.knownSite ?? null });
      else known.delete(v.id);
      out.sites.push(v.id);
    } else {
      zones[v.id] = c.value as ZoneDraftRecord;
      if (typeof v.knownRev === 'number') knownZones.set(v.id, { rev: v.knownRev, geometry: v.knownGeometry ?? null, cnig: v.knownCnig ?? null });
      else knownZones.delete(v.id);
      out.zones.push(v.id);
    }
    // Deleted once this version is written.
    recoveredKeys.set(kindId, keys);
  }
  if (drop.length) void db?.clearJournal(drop).catch(() => undefined);
  return out;
}

function addPending(map: Map<string, number>, ids: readonly string[], d: 1 | -1): void {
  for (const id of ids) countPending(map, id, d);
}

function countPending(map: Map<string, number>, id: string, d: 1 | -1): void {
  const n = (map.get(id) ?? 0) + d;
  if (n > 0) map.set(id, n);
  else map.delete(id);
}

function track(job: Promise<void>): Promise<void> {
  inflight.add(job);
  setState({ saving: true });
  void job.finally(() => {
    inflight.delete(job);
    if (!inflight.size) setState({ saving: false });
  });
  return job;
}

function keepAside(entry: QuarantineEntry): void {
  setState((s) => ({ quarantine: [...s.quarantine, entry] }));
  setQuarantinedCount(getState().quarantine.length);
}

function failed(e: unknown, sites: readonly string[], zones: readonly string[]): void {
  setState((s) => ({
    unsaved: [...new Set([...s.unsaved, ...sites])],
    unsavedZones: [...new Set([...s.unsavedZones, ...zones])],
    storageError: errorText(e),
    storageProblem: storageProblemOf(e),
  }));
}

/**
 * When there is no database (yet, or at all): keep the ids as unsaved and open it; resolves
 * once they are written (the load writes what is unsaved), or at once when there is no storage.
 */
function noDatabase(sites: readonly string[], zones: readonly string[]): Promise<void> {
  setState((s) => ({ unsaved: [...new Set([...s.unsaved, ...sites])], unsavedZones: [...new Set([...s.unsavedZones, ...zones])] }));
  if (getState().storage === 'unavailable') {
    // Retry at each change: the storage may be back (quota freed, private mode left…).
    void open().then((store) => store && load(store));
    return Promise.resolve();
  }
  return initDrafts().then(flush);
}

// ---------------------------------------------------------------------------------------------
// Sites

/**
 * Writes the records of these sites as they are in memory now — plus every record still
 * unsaved — in ONE transaction created before this function returns.
 */
export function writeSites(ids: readonly string[], opts: { memory?: MetaPatches } = {}): Promise<void> {
  const wanted = [...new Set([...ids, ...getState().unsaved])];
  if (!wanted.length) return Promise.resolve();
  if (!db || !loaded) return noDatabase(wanted, []);
  const { fresh: all, carried } = needingWrite(queued, wanted);
  if (!all.length) return Promise.all(carried).then(() => undefined);
  const committed: SiteCommit[] = [];
  addPending(pending, all, 1);
  const t0 = perfOn() ? performance.now() : 0;
  let write: Promise<{ id: string; historyKey: number | null }[]>;
  try {
    write = db.syncDrafts(all, (id, stored) => decideSite(id, stored, committed));
  } catch (e) {
    write = Promise.reject(e);
  }
  const job = write.then(
    (outcomes) => {
      const keys = new Map(outcomes.map((o) => [o.id, o.historyKey] as const));
      const patches: MetaPatches = opts.memory ?? new Map();
      for (const c of committed) {
        if (c.site === null) known.delete(c.id);
        else known.set(c.id, { rev: c.rev, site: c.site });
        const key = keys.get(c.id);
        if (c.history && key != null) lastEntry.set(c.id, { key, ...c.history });
        if (c.patch) patches.set(c.id, c.patch);
      }
      // Memory takes the new revisions: one store update per transaction, not one per record;
      // or, for an import (`opts.memory`), one for the whole import, by its caller.
      if (!opts.memory) applyMetaPatches(patches);
      sitesWritten(all);
      clearJournal(all.map((id) => `site:${id}`));
      // For the bench (scripts/bench-drafts.ts): from the change to the transaction's `complete`.
      if (t0) performance.measure('atlas:draft-commit', { start: t0, detail: { records: all.length } });
    },
    (e: unknown) => {
      for (const id of all) lastEntry.delete(id);
      // A removal that did not reach the disk is asked again with the next write.
      for (const c of committed) if (c.removal && !removals.has(c.id)) removals.set(c.id, c.removal);
      failed(e, all, []);
    },
  );
  void job.finally(() => {
    addPending(pending, all, -1);
    for (const id of all) if (queued.get(id)?.job === tracked) dequeue(queued, id);
  });
  const tracked = track(job);
  queue(queued, all, tracked);
  return carried.length ? Promise.all([tracked, ...carried]).then(() => undefined) : tracked;
}

/**
 * The stored value a write read, checked against the draft schema (a bad one is kept aside,
 * then treated as absent). Also notes which journal entry this write carries.
 */
function readStored<R>(kind: 'site' | 'zone', id: string, raw: unknown, at: string): { stored: R | null; quarantine?: QuarantineEntry } {
  const key = `${kind}:${id}`;
  if (journaled.has(key)) decidedSeq.set(key, journaled.get(key)!);
  if (raw === undefined) return { stored: null };
  const c = kind === 'site' ? checkDraftRecord<R>(raw) : checkZoneDraftRecord<R>(raw);
  if (c.ok) return { stored: c.value };
  const quarantine = quarantineEntry(kind, raw, c.problems, 'indexeddb', at);
  keepAside(quarantine);
  return { stored: null, quarantine };
}

function decideSite(
  id: string,
  storedRaw: unknown,
  committed: SiteCommit[],
): SyncDecision<DraftRecord, HistoryEntry> {
  // From here on, a new change of this record needs a new transaction.
  dequeue(queued, id);
  const at = nowIso();
  const { stored, quarantine } = readStored<DraftRecord>('site', id, storedRaw, at);
  const k = known.get(id);
  // Written by another tab since this tab last read it?
  const foreign = !!stored && stored.writer !== TAB_ID && (stored.rev ?? 0) !== (k?.rev ?? -1);

  const removal = removals.get(id);
  if (removal) {
    removals.delete(id);
    if (foreign && stored) {
      adoptSite(stored);
      notice(`« ${stored.site.properties.name} » a été modifié dans un autre onglet : il n’a pas été retiré.`);
      return { quarantine };
    }
    committed.push({ id, rev: 0, site: null, removal });
    return { record: stored ? null : undefined, history: { entry: { ...removal, at, author: author() } }, quarantine };
  }

  const mem = getState().records.get(id);
  if (!mem) return { quarantine };
  const action = nextAction.get(id);
  nextAction.delete(id);
  const exportMark = pendingExports.get(id);
  pendingExports.delete(id);

  let site = mem.site;
  let conflicts = mem.conflicts ?? [];
  if (foreign && stored) {
    if (mem.status === 'deleted' && stored.status !== 'deleted') {
      // Deleted here, edited there: the edit is kept.
      adoptSite(stored);
      notice(`« ${stored.site.properties.name} » a été modifié dans un autre onglet : sa suppression est annulée.`);
      return { quarantine };
    }
    if (stored.status !== 'deleted' && mem.status !== 'deleted') {
      const base = k?.site ?? stored.base ?? mem.base ?? null;
      const m = mergeDraftSites(base, mem.site, stored.site, at);
      site = m.merged;
      const done = settled.get(id);
      conflicts = openConflicts(site, [...(stored.conflicts ?? []).filter((c) => !done?.has(c.field)), ...conflicts], m.conflicts);
    }
  } else conflicts = openConflicts(site, conflicts, []);
  settled.delete(id);

  let record: DraftRecord;
  let entry: HistoryEntry | null = null;
  // An export marker carries the revision this write gives the record.
  const exported = exportMark ? { ...exportMark, rev: (stored?.rev ?? 0) + 1 } : undefined;
  if (mem.status === 'deleted') {
    const already = stored?.status === 'deleted';
    if (already && !exported) return { quarantine };
    record = { ...mem, rev: (stored?.rev ?? 0) + 1, writer: TAB_ID, updated_at: at };
    delete record.conflicts;
    const keep = exported ?? (stored?.exported && stored.exported.rev === (stored.rev ?? 0) ? { ...stored.exported, rev: record.rev ?? 0 } : null);
    if (keep) record.exported = keep;
    else delete record.exported;
    if (!already) entry = { site_id: id, at, author: author(), action: 'delete', changes: [], snapshot: mem.site };
  } else {
    const w = buildDraftWrite(stored, site, { at, author: author(), action, base: mem.base, writer: TAB_ID, conflicts, exported });
    if (!w) {
      if (stored && (k?.rev ?? -1) !== (stored.rev ?? 0)) committed.push({ id, rev: stored.rev ?? 0, site: stored.site });
      return { quarantine };
    }
    record = w.record;
    if (!conflicts.length) delete record.conflicts;
    // An export still current stays current through writes that change nothing of the site.
    if (!exported && stored?.exported && stored.exported.rev === (stored.rev ?? 0) && !w.changed) record.exported = { ...stored.exported, rev: record.rev ?? 0 };
    if (w.changed || action) entry = w.entry;
  }

  // Memory follows: the merged content at once (when another tab wrote: later edits build on
  // it); otherwise only the new revision, once the transaction is complete.
  let patch: SiteCommit['patch'];
  if (foreign) {
    const next: DraftRecord = { ...record };
    if (!record.conflicts) delete next.conflicts;
    applyRecords({ [id]: next });
  } else patch = { from: mem, record };

  let history: SyncDecision<DraftRecord, HistoryEntry>['history'];
  let last: { fields: string; start: number; entry: HistoryEntry } | undefined;
  if (entry) {
    const fields = entry.changes.map((c) => c.field).sort().join('|');
    const prev = lastEntry.get(id);
    const t = Date.parse(at);
    if (prev && entry.action === 'update' && prev.entry.action === 'update' && prev.fields === fields && prev.entry.author === entry.author && t - prev.start < HISTORY_GROUP_MS) {
      const merged: HistoryEntry = { ...entry, changes: entry.changes.map((c) => ({ ...c, old: prev.entry.changes.find((x) => x.field === c.field)?.old ?? c.old })) };
      history = { entry: merged, replaceKey: prev.key };
      last = { fields, start: prev.start, entry: merged };
    } else {
      history = { entry };
      last = { fields, start: t, entry };
    }
  }
  committed.push({ id, rev: record.rev ?? 0, site: record.site, history: last, patch });
  return { record, history, quarantine };
}

/** These sites reached the disk: no longer unsaved, the storage works, history views reload, the other tabs are told. */
function sitesWritten(ids: readonly string[]): void {
  const done = new Set(ids);
  setState((s) => ({
    unsaved: s.unsaved.length ? s.unsaved.filter((x) => !done.has(x)) : s.unsaved,
    storageError: null,
    storageProblem: null,
    storage: 'ready',
    revision: s.revision + 1,
  }));
  tell([...ids], []);
}

/** The metadata of written records, by id, still to be applied to memory (see `applyMetaPatches`). */
type MetaPatches = Map<string, NonNullable<SiteCommit['patch']>>;

/**
 * Memory takes the revision (and metadata) of what was written — unless a later write of the
 * same record already gave it a newer one — in one store update.
 */
function applyMetaPatches(patches: MetaPatches): void {
  if (!patches.size) return;
  applyRecords(metaChanges(patches, getState().records), false, 'soon');
}

/** The records changed by the patches, from the records as they are in `records`. */
function metaChanges(patches: MetaPatches, records: ReadonlyMap<string, DraftRecord>): Record<string, DraftRecord> {
  const memory: Record<string, DraftRecord> = {};
  for (const [id, p] of patches) {
    const now = records.get(id);
    if (now && (now === p.from || (now.rev ?? 0) < (p.record.rev ?? 0))) memory[id] = metaPatched(now, p.from, p.record);
  }
  return memory;
}

/**
 * `applyMetaPatches` for many patches (an import's part): the patched records and the new records
 * map are made in a task of their own, memory takes them in the next one — made again from the
 * records as they are then if any changed in between (an edit typed meanwhile is kept).
 */
async function applyMetaPatchesInTasks(patches: MetaPatches): Promise<void> {
  if (!patches.size) return;
  const memory = metaChanges(patches, getState().records);
  const prebuilt = prebuildRecords(memory);
  await yieldToMain();
  if (getState().records === prebuilt.from) applyRecords(memory, false, 'soon', prebuilt);
  else applyMetaPatches(patches);
}

/**
 * The memory record with the metadata of what was written (revision, writer; conflicts and
 * export marker only if memory has not changed since the write read it).
 */
function metaPatched(now: DraftRecord, from: DraftRecord, written: DraftRecord): DraftRecord {
  const next: DraftRecord = { ...now, rev: written.rev, writer: written.writer };
  if (now === from) {
    next.updated_at = written.updated_at;
    if (written.conflicts?.length) next.conflicts = written.conflicts;
    else delete next.conflicts;
    if (written.exported) next.exported = written.exported;
    else delete next.exported;
  }
  return next;
}

/** Another tab's version replaces this tab's (nothing of this tab's is pending for it). */
function adoptSite(stored: DraftRecord | null, id = stored?.id): void {
  if (!id) return;
  if (stored) known.set(id, { rev: stored.rev ?? 0, site: stored.site });
  else known.delete(id);
  removals.delete(id);
  applyRecords({ [id]: stored });
}

/** Saves a site version as this browser's draft: memory now, IndexedDB in the same task. */
export function saveSite(site: Site, opts: { action?: HistoryAction; base?: Site | null } = {}): Promise<void> {
  const id = site.properties.id;
  const prev = getState().records.get(id);
  const base = prev ? prev.base : (opts.base ?? null);
  const record: DraftRecord = {
    ...(prev ?? {}),
    id,
    site,
    base,
    status: base ? 'modified' : 'new',
    updated_at: nowIso(),
    rev: prev?.rev ?? 0,
  };
  removals.delete(id);
  if (opts.action) nextAction.set(id, opts.action);
  else if (prev?.status === 'deleted') nextAction.set(id, 'restore');
  // A new draft shows at once; an edit of a shown one, at the end of the burst of keystrokes.
  applyRecords({ [id]: record }, false, prev ? 'soon' : 'now');
  journalRecord('site', id);
  return writeSites([id]);
}

/** Remembers fields whose conflict the user settled (see `settled`). */
export function resolveConflictFields(id: string, fields: readonly string[]): void {
  const set = settled.get(id) ?? new Set<string>();
  for (const f of fields) set.add(f);
  settled.set(id, set);
}

/** Saves many sites in batches: one transaction per batch (an import), memory at once. */
export async function saveSites(sites: readonly Site[], opts: { action?: HistoryAction; batch?: number } = {}): Promise<void> {
  if (!sites.length) return;
  const changes: Record<string, DraftRecord> = {};
  const at = nowIso();
  const atlasPublished = publishedIndex();
  /** Ids with no draft in this tab before: written by the import writer (a worker) when it can. */
  const firsts = new Set<string>();
  const clock = sliceClock();
  try {
    for (let i = 0; i < sites.length; i++) {
      if (clock.due(i)) await clock.yield();
      const site = sites[i];
      const id = site.properties.id;
      // Read at each site: a change typed during a yield is the one kept as the base.
      const prev = getState().records.get(id);
      if (!prev && !known.has(id) && !pending.has(id) && !queued.has(id)) firsts.add(id);
      const base = prev ? prev.base : (atlasPublished.get(id) ?? null);
      // Counted once per id: the keys of `changes` are counted down at the end.
      if (!Object.hasOwn(changes, id)) countPending(importing, id, 1);
      changes[id] = { ...(prev ?? {}), id, site, base, status: base ? 'modified' : 'new', updated_at: at, rev: prev?.rev ?? 0 };
      removals.delete(id);
      if (opts.action) nextAction.set(id, opts.action);
    }
    const ids = Object.keys(changes);
    // The memory update (every draft's list and record map, O(all drafts)) in a task of its own,
    // not after the last slice above nor before the first batch's message to the writer below.
    await yieldToMain();
    // The new records map (a copy of every record) in a task of its own, before the memory update.
    const prebuilt = prebuildRecords(changes);
    await yieldToMain();
    let t = perfStart();
    applyRecords(changes, false, 'now', prebuilt);
    measureSince('atlas:import-memory', t);
    await yieldToMain();
    const size = opts.batch ?? 500;
    t = perfStart();
    // The new revisions reach memory once, at the end: one store update for the whole import
    // (per batch, each update re-derived every draft: quadratic at 100,000 sites).
    const memory: MetaPatches = new Map();
    const inWorker = opts.action === 'import' && firsts.size > 0 && !!db && loaded && importWriterAvailable();
    try {
      if (inWorker) await writeFirstsInWorker(ids, firsts, at, size, memory);
      else for (let i = 0; i < ids.length; i += size) await writeSites(ids.slice(i, i + size), { memory });
    } finally {
      await applyMetaPatchesInTasks(memory);
    }
    measureSince('atlas:import-write', t);
  } finally {
    // In slices too: 80,000 ids in one task took 50–140 ms at load 7 (Node).
    const counted = Object.keys(changes);
    const down = sliceClock();
    for (let i = 0; i < counted.length; i++) {
      if (down.due(i)) await down.yield();
      countPending(importing, counted[i], -1);
    }
  }
}

/**
 * Messages to the import writer in flight at once: the page clones the next while the worker
 * writes, and IndexedDB always has a transaction queued when one commits. 3 rather than 2:
 * bench-import, 100,000 plots, 6 alternated pairs: 5 faster, median −0.8 s of about 18 s.
 */
const WORKER_WINDOW = 3;

/**
 * An import's writes, off the main thread: the sites that had no draft here go to the import
 * writer (src/data/drafts/importWriter, a worker: one transaction per `size` sites, each written
 * only if it has no record yet); the others, and those the worker found a record for (another
 * tab's), are written here by `writeSites` (revision check and merge). On any failure of the
 * worker, its batch is written here too (and a storage error is then told as usual).
 */
async function writeFirstsInWorker(ids: readonly string[], firsts: ReadonlySet<string>, at: string, size: number, memory: MetaPatches): Promise<void> {
  const store = db!;
  const others = ids.filter((id) => !firsts.has(id));
  const fresh = ids.filter((id) => firsts.has(id));
  for (let i = 0; i < others.length; i += size) await writeSites(others.slice(i, i + size), { memory });
  const inFlight = new Set<Promise<void>>();
  const who = author();
  for (let i = 0; i < fresh.length; i += size) {
    const chunk = fresh.slice(i, i + size);
    const recs = getState().records;
    // Gone meanwhile (discarded) or already being written by an edit: `writeSites` decides.
    const mine = chunk.filter((id) => recs.has(id) && recs.get(id)?.status !== 'deleted' && !pending.has(id) && !queued.has(id) && !removals.has(id));
    const taken = new Set(mine);
    const rest = chunk.filter((id) => !taken.has(id));
    if (rest.length) await writeSites(rest, { memory });
    if (!mine.length) continue;
    const from = mine.map((id) => recs.get(id)!);
    addPending(pending, mine, 1);
    const t0 = perfStart();
    const job = writeNewDraftsInWorker({
      db: store.name,
      at,
      author: who,
      writer: TAB_ID,
      action: 'import',
      sites: from.map((r) => r.site),
      bases: from.map((r) => r.base),
    }).then(
      async ({ written, skipped }) => {
        // For the bench (scripts/bench-drafts.ts): one per transaction of the import writer.
        if (t0) performance.measure('atlas:import-worker-tx', { start: t0, detail: { records: written.length } });
        const done: string[] = [];
        for (const k of written) {
          const id = mine[k];
          const r = from[k];
          nextAction.delete(id);
          if (!known.has(id)) known.set(id, { rev: 1, site: r.site });
          memory.set(id, { from: r, record: { ...r, rev: 1, writer: TAB_ID, updated_at: at } });
          done.push(id);
        }
        addPending(pending, mine, -1);
        if (done.length) sitesWritten(done);
        if (skipped.length) await writeSites(skipped.map((k) => mine[k]), { memory });
      },
      async () => {
        addPending(pending, mine, -1);
        await writeSites(mine, { memory });
      },
    );
    const tracked = track(job);
    inFlight.add(tracked);
    void tracked.finally(() => inFlight.delete(tracked));
    if (inFlight.size >= WORKER_WINDOW) await Promise.race(inFlight);
    // Each message is cloned in its own task: the page stays responsive between them.
    await yieldToMain();
  }
  await Promise.all(inFlight);
}

/** The published versions (real data, then the loaded sample), by id: the base of a first draft. */
function publishedIndex(): Map<string, Site> {
  const a = useAtlas.getState();
  const m = new Map<string, Site>();
  for (const s of a.sites) m.set(s.properties.id, s);
  for (const s of a.sampleSites) if (!m.has(s.properties.id)) m.set(s.properties.id, s);
  return m;
}

/** Removes a site's draft: memory now, IndexedDB in the same task, with the history entry. */
export function removeSite(id: string, entry: Omit<HistoryEntry, 'at' | 'author'>): Promise<void> {
  removals.set(id, entry);
  nextAction.delete(id);
  applyRecords({ [id]: null });
  return writeSites([id]);
}

/** Marks drafts as exported (written with their next revision). */
export function markSitesExported(ids: readonly string[], mark: { at: string; package: string | null }): Promise<void> {
  const records = getState().records;
  const mine = ids.filter((id) => records.has(id));
  for (const id of mine) pendingExports.set(id, mark);
  return writeSites(mine);
}

// ---------------------------------------------------------------------------------------------
// Zones

/** Writes these zone outlines as they are in memory now (plus the unsaved ones), in one transaction. */
export function writeZones(ids: readonly string[], overwritten?: (name: string) => void): Promise<void> {
  const all = [...new Set([...ids, ...getState().unsavedZones])];
  if (!all.length) return Promise.resolve();
  if (!db || !loaded) return noDatabase([], all);
  const committed: { id: string; rev: number; geometry: ZoneOutline | null; cnig?: ZoneCnigValues | null; removed: boolean }[] = [];
  addPending(pendingZones, all, 1);
  let write: Promise<unknown>;
  try {
    write = db.syncZoneDrafts(all, (id, stored) => decideZone(id, stored, committed, overwritten));
  } catch (e) {
    write = Promise.reject(e);
  }
  const job = write.then(
    () => {
      for (const c of committed) {
        if (c.removed) knownZones.delete(c.id);
        else knownZones.set(c.id, { rev: c.rev, geometry: c.geometry, cnig: c.cnig ?? null });
      }
      const done = new Set(all);
      setState((s) => ({ unsavedZones: s.unsavedZones.filter((x) => !done.has(x)), storageError: null, storageProblem: null, storage: 'ready', revision: s.revision + 1 }));
      tell([], all);
      clearJournal(all.map((id) => `zone:${id}`));
    },
    (e: unknown) => {
      failed(e, [], all);
      throw e;
    },
  );
  void job.catch(() => undefined).finally(() => addPending(pendingZones, all, -1));
  return track(job.catch(() => undefined)).then(() => job);
}

function decideZone(
  id: string,
  storedRaw: unknown,
  committed: { id: string; rev: number; geometry: ZoneOutline | null; cnig?: ZoneCnigValues | null; removed: boolean }[],
  overwritten?: (name: string) => void,
): SyncDecision<ZoneDraftRecord, ZoneHistoryEntry> {
  const at = nowIso();
  const { stored, quarantine } = readStored<ZoneDraftRecord>('zone', id, storedRaw, at);
  const k = knownZones.get(id);
  const foreign = !!stored && stored.writer !== TAB_ID && (stored.rev ?? 0) !== (k?.rev ?? -1);
  const removal = zoneRemovals.get(id);
  const mem = getState().zoneRecords[id];
  const exportMark = pendingZoneExports.get(id);
  pendingZoneExports.delete(id);
  zoneRemovals.delete(id);
  const previous = stored ? stored.geometry : (mem?.base ?? null);
  if (removal) {
    if (foreign && stored && !sameOutline(stored.geometry, k?.geometry ?? stored.base)) overwritten?.(stored.zone_name);
    committed.push({ id, rev: 0, geometry: null, removed: true });
    const changes = removal.action === 'publish' ? [] : [{ field: 'geometry', old: previous, new: null }];
    return { record: stored ? null : undefined, history: { entry: { ...removal, changes, at, author: author() } }, quarantine };
  }
  if (!mem) return { quarantine };
  // Another tab wrote this zone since this tab read it: what this tab did not change comes from
  // the stored version (outline, CNIG fields one by one); what both changed differently is
  // replaced by this tab's value, and the user is told (the other version stays in the history).
  let merged = mem;
  if (foreign && stored) {
    const mineOutline = !sameOutline(mem.geometry, k?.geometry ?? stored.base);
    const theirsOutline = !sameOutline(stored.geometry, k?.geometry ?? stored.base);
    const { cnig, clashes } = mergeZoneCnig(k?.cnig, mem.cnig, stored.cnig);
    const geometry = mineOutline ? mem.geometry : stored.geometry;
    if ((mineOutline && theirsOutline && !sameOutline(mem.geometry, stored.geometry)) || clashes.length) overwritten?.(stored.zone_name);
    merged = { ...mem, geometry, status: mineOutline ? mem.status : stored.status, cnig: Object.keys(cnig).length ? cnig : null };
  }
  const wasDeleted = stored?.status === 'deleted';
  const sameExport = !exportMark;
  if (stored && !wasDeleted && sameOutline(previous, merged.geometry) && stored.status === merged.status && sameZoneCnig(stored.cnig, merged.cnig) && sameExport) {
    committed.push({ id, rev: stored.rev ?? 0, geometry: stored.geometry, cnig: stored.cnig ?? null, removed: false });
    if (merged !== mem) applyZoneRecords({ [id]: { ...stored } });
    return { quarantine };
  }
  const record: ZoneDraftRecord = { ...merged, updated_at: at, rev: (stored?.rev ?? 0) + 1, writer: TAB_ID };
  if (exportMark) record.exported = { ...exportMark, rev: record.rev ?? 0 };
  const action: HistoryAction = merged.geometry === null ? 'delete' : wasDeleted ? 'restore' : previous ? 'update' : 'create';
  const changes: FieldChange[] = [];
  if (!sameOutline(previous, merged.geometry)) changes.push({ field: 'geometry', old: previous ?? null, new: merged.geometry });
  const before = stored?.cnig ?? {};
  const after = merged.cnig ?? {};
  for (const f of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (before[f] !== after[f]) changes.push({ field: `cnig.${f}`, old: before[f] ?? null, new: after[f] ?? null });
  }
  applyZoneRecords({ [id]: { ...record } });
  committed.push({ id, rev: record.rev ?? 0, geometry: record.geometry, cnig: record.cnig ?? null, removed: false });
  return {
    record,
    history: changes.length || wasDeleted ? { entry: { zone_id: id, zone_name: merged.zone_name, at, author: author(), action, changes } } : undefined,
    quarantine,
  };
}

/** Saves a zone outline draft: memory now, IndexedDB in the same task. Rejects when it could not be written. */
export function saveZone(record: ZoneDraftRecord, overwritten?: (name: string) => void): Promise<void> {
  zoneRemovals.delete(record.zone_id);
  applyZoneRecords({ [record.zone_id]: record });
  journalRecord('zone', record.zone_id);
  return writeZones([record.zone_id], overwritten);
}

export function removeZone(zoneId: string, zoneName: string): Promise<void> {
  zoneRemovals.set(zoneId, { zone_id: zoneId, zone_name: zoneName, action: 'delete', changes: [] });
  applyZoneRecords({ [zoneId]: null });
  return writeZones([zoneId]);
}

/** Clears a zone outline draft the public register now holds (history: « publication »). */
export function removeZoneAsPublished(zoneId: string, zoneName: string): Promise<void> {
  zoneRemovals.set(zoneId, { zone_id: zoneId, zone_name: zoneName, action: 'publish', changes: [] });
  applyZoneRecords({ [zoneId]: null });
  return writeZones([zoneId]).catch(() => undefined);
}

export function markZonesExported(ids: readonly string[], mark: { at: string; package: string | null }): Promise<void> {
  const records = getState().zoneRecords;
  const mine = ids.filter((id) => records[id]);
  for (const id of mine) pendingZoneExports.set(id, mark);
  return writeZones(mine).catch(() => undefined);
}

// ---------------------------------------------------------------------------------------------
// Other tabs

let channel: BroadcastChannel | null = null;
let listening = false;
let ping = 0;

interface RemoteMessage {
  from: string;
  sites: string[];
  zones: string[];
  n?: number;
}

function listen(): void {
  if (listening) return;
  listening = true;
  if (typeof BroadcastChannel !== 'undefined') {
    channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = (e: MessageEvent<RemoteMessage>) => void onRemote(e.data);
    (channel as unknown as { unref?: () => void }).unref?.();
  }
  if (typeof window !== 'undefined') {
    window.addEventListener('storage', (e) => {
      if (e.key !== PING_KEY || !e.newValue) return;
      try {
        void onRemote(JSON.parse(e.newValue) as RemoteMessage);
      } catch {
        /* not ours */
      }
    });
  }
}

/** Tells the other tabs: through BroadcastChannel, and the `storage` event for tabs that have none. */
function tell(sites: string[], zones: string[]): void {
  const msg: RemoteMessage = { from: TAB_ID, sites, zones, n: ++ping };
  try {
    channel?.postMessage(msg);
  } catch {
    /* the others re-read before they write anyway */
  }
  try {
    if (typeof localStorage !== 'undefined') localStorage.setItem(PING_KEY, JSON.stringify(msg));
  } catch {
    /* same */
  }
}

/** Another tab wrote: re-read those records and show them, unless this tab has a write pending for them. */
const heard = new Set<string>();

async function onRemote(msg: RemoteMessage | null): Promise<void> {
  if (!msg || msg.from === TAB_ID || !db || !loaded) return;
  // The same message may come by both ways.
  const key = `${msg.from}:${msg.n}`;
  if (heard.has(key)) return;
  heard.add(key);
  if (heard.size > 500) heard.clear();
  const sites = (msg.sites ?? []).filter((id) => typeof id === 'string');
  const zones = (msg.zones ?? []).filter((id) => typeof id === 'string');
  try {
    const [rawSites, rawZones] = await Promise.all([sites.length ? db.readRaw('drafts', sites) : [], zones.length ? db.readRaw('zoneDrafts', zones) : []]);
    const unsaved = new Set(getState().unsaved);
    const siteChanges: Record<string, DraftRecord | null> = {};
    sites.forEach((id, i) => {
      if (pending.has(id) || unsaved.has(id) || importing.has(id)) return; // this tab's write will merge
      const raw = rawSites[i];
      if (raw === undefined) {
        known.delete(id);
        siteChanges[id] = null;
        return;
      }
      const c = checkDraftRecord<DraftRecord>(raw);
      if (!c.ok) return; // set aside by the next write or load
      known.set(id, { rev: c.value.rev ?? 0, site: c.value.site });
      siteChanges[id] = c.value;
    });
    applyRecords(siteChanges);
    const unsavedZones = new Set(getState().unsavedZones);
    const zoneChanges: Record<string, ZoneDraftRecord | null> = {};
    zones.forEach((id, i) => {
      if (pendingZones.has(id) || unsavedZones.has(id)) return;
      const raw = rawZones[i];
      if (raw === undefined) {
        knownZones.delete(id);
        zoneChanges[id] = null;
        return;
      }
      const c = checkZoneDraftRecord<ZoneDraftRecord>(raw);
      if (!c.ok) return;
      knownZones.set(id, { rev: c.value.rev ?? 0, geometry: c.value.geometry });
      zoneChanges[id] = c.value;
    });
    applyZoneRecords(zoneChanges);
    setState((s) => ({ revision: s.revision + 1 }));
  } catch {
    /* re-read before the next write anyway */
  }
}

// ---------------------------------------------------------------------------------------------

/** Shows every pending change in the atlas now, and resolves when every write asked so far has reached the disk (or failed). */
export async function flush(): Promise<void> {
  flushAtlas();
  while (inflight.size) await Promise.allSettled([...inflight]);
}

export async function setAuthor(name: string): Promise<void> {
  setState({ author: name });
  try {
    await draftDb()?.setMeta('author', name);
  } catch {
    /* the name is optional: not being able to keep it is not worth an error */
  }
}

/** The quarantine list as stored (after a backup import). */
export async function reloadQuarantine(): Promise<void> {
  const store = draftDb();
  if (!store) return;
  const quarantine = await store.listQuarantine();
  setState({ quarantine });
  setQuarantinedCount(quarantine.length);
}

/** Drops kept-aside records (the user downloaded them). */
export async function dropQuarantined(keys: readonly string[]): Promise<void> {
  const drop = new Set(keys);
  setState((s) => ({ quarantine: s.quarantine.filter((e) => !drop.has(e.key)) }));
  setQuarantinedCount(getState().quarantine.length);
  await draftDb()?.dropQuarantine(keys);
}

/** Re-reads everything (after a backup import wrote to the database directly). */
export async function reloadAll(): Promise<void> {
  const store = draftDb();
  if (!store) return;
  await flush();
  await load(store);
}
