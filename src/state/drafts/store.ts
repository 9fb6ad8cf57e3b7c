/**
 * The drafts store (zustand): the ONE place a draft lives in memory.
 *
 * `records` (sites) and `zoneRecords` (zone outlines) mirror IndexedDB, plus the changes not
 * yet on disk (`unsaved`). Everything else is derived from them, in `applyRecords` /
 * `applyZoneRecords` and nowhere else:
 * - `drafts` (the panel's list) — summaries of `records`;
 * - `session.current` (the site in the form) — its record's site, or its published version;
 * - the atlas store's `draftSites` / `deletedSiteIds` / `zoneDrafts` (map, lists, exports).
 *
 * Writes go through ./persistence.ts, which commits here first, then hands the change to
 * IndexedDB in the same task.
 */
import { create } from 'zustand';
import type { CrsId } from '../../domain/crs';
import type { Site } from '../../domain/types';
import type { FieldChange } from '../../domain/diff';
import type { ColumnMap, ImportResult } from '../../data/import';
import type { DraftRecord, QuarantineEntry, ZoneDraftRecord } from '../../data/drafts';
import { siteTableInSlices } from '../../domain/siteTable';
import { sliceClock, yieldToMain } from '../../data/yieldToMain';
import { useAtlas } from '../store';
import { selectAllSites, selectFilterResult, selectSortedSites } from '../selectors';

export type DraftKind = 'new' | 'modified' | 'deleted';

/** What the panel needs to know about one draft. */
export interface DraftSummary {
  id: string;
  name: string;
  kind: DraftKind;
  updatedAt: string;
  /** Exported for publication and not edited since: « exporté, en attente de publication ». */
  exported: boolean;
  /** Exported, then edited again: the export is out of date. */
  exportStale: boolean;
  /** Fields typed differently in two tabs, waiting for a choice. */
  conflicts: number;
}

/** Undo / redo steps, kept as field changes (so a merge from another tab is never undone by accident). */
export interface Stacks {
  undo: FieldChange[][];
  redo: FieldChange[][];
  lastField: string | null;
  lastAt: number;
}

export interface EditSession {
  id: string;
  /** The version shown in the form: the draft, or the published version while there is none. */
  current: Site;
  /** The published version (null for a site created here). */
  published: Site | null;
}

export type ImportChoice = 'import' | 'skip';
export type DiffChoice = 'replace' | 'keep' | null;

export interface ImportSession {
  fileName: string;
  bytes: ArrayBuffer;
  /** CRS chosen by the user (overrides the detection), null = detected. */
  crs: CrsId | null;
  /** Names typed to fix items (index → name). */
  nameFixes: Record<number, string>;
  /** The other files dropped with `fileName` (the parts of a Shapefile). */
  extraFiles?: { name: string; bytes: ArrayBuffer }[];
  /** Layer (GeoPackage), sheet (Excel) or Shapefile (zip) chosen; null = the first. */
  layer?: string | null;
  /** Column mapping applied (column → atlas field, null = not imported). */
  columnMap?: ColumnMap;
  result: ImportResult;
  choices: Record<number, ImportChoice>;
  stage: 'report' | 'diff';
  /** Filled when going to the 'diff' stage. */
  diff: ImportDiff | null;
}

export interface ImportDiffEntry {
  imported: Site;
  existing: Site;
  changes: { field: string; old: unknown; new: unknown }[];
  choice: DiffChoice;
}
export interface ImportDiff {
  fresh: Site[];
  identical: Site[];
  changed: ImportDiffEntry[];
}

export type StorageStatus = 'loading' | 'ready' | 'unavailable';
/** Why the last write did not reach the disk: no storage, storage full, another error. */
export type StorageProblem = 'unavailable' | 'quota' | 'error';

export interface CurationState {
  storage: StorageStatus;
  /** The last storage error (French); null once a write succeeds again. */
  storageError: string | null;
  storageProblem: StorageProblem | null;
  /** Writes in flight. */
  saving: boolean;
  /** Site ids whose current version is not on disk (storage unavailable or full): tried again at the next change. */
  unsaved: string[];
  /** Same for zone outlines. */
  unsavedZones: string[];
  author: string;
  /**
   * THE site drafts of this browser (by site id). A new map at each change (never changed in
   * place): a copy of a Map of 100,000 drafts costs a few ms, where the spread of a plain
   * object of 100,000 keys (dictionary mode) took 85–150 ms, in every import part's task.
   */
  records: ReadonlyMap<string, DraftRecord>;
  /** THE zone outline drafts of this browser (by zone id). */
  zoneRecords: Record<string, ZoneDraftRecord>;
  /** Derived from `records`, newest first. */
  drafts: DraftSummary[];
  /** Records that failed the draft schema: kept aside, listed with their problems. */
  quarantine: QuarantineEntry[];
  session: EditSession | null;
  /** Undo/redo stacks per site id (kept while the page lives). */
  stacks: Record<string, Stacks>;
  /** Ids whose distances are being computed. */
  distancesPending: string[];
  /** Incremented after each write reaches the disk: history views reload. */
  revision: number;
  importSession: ImportSession | null;
  /** Ids of the last export (kept for callers of the former API; see markExported). */
  lastExportIds: string[] | null;
}

export const useCuration = create<CurationState>()(() => ({
  storage: 'loading',
  storageError: null,
  storageProblem: null,
  saving: false,
  unsaved: [],
  unsavedZones: [],
  author: '',
  records: new Map(),
  zoneRecords: {},
  drafts: [],
  quarantine: [],
  session: null,
  stacks: {},
  distancesPending: [],
  revision: 0,
  importSession: null,
  lastExportIds: null,
}));

export const setState = useCuration.setState;
export const getState = useCuration.getState;

export function nowIso(): string {
  return new Date().toISOString();
}

/** Is the export of this record still the current version? */
function exportState(r: DraftRecord): { exported: boolean; exportStale: boolean } {
  if (!r.exported) return { exported: false, exportStale: false };
  const current = r.exported.rev === (r.rev ?? 0);
  return { exported: current, exportStale: !current };
}

export function summaryOf(r: DraftRecord): DraftSummary {
  return {
    id: r.id,
    name: r.site.properties.name || r.id,
    kind: r.status,
    updatedAt: r.updated_at,
    ...exportState(r),
    conflicts: r.conflicts?.length ?? 0,
  };
}

// ISO 8601 times compare as strings (plain comparison: localeCompare cost seconds at 100,000 drafts).
const byNewest = (a: DraftSummary, b: DraftSummary) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0);

/** Two lists each newest first, as one (ties: `a`'s first). */
export function mergeNewest(a: readonly DraftSummary[], b: readonly DraftSummary[]): DraftSummary[] {
  const out: DraftSummary[] = new Array<DraftSummary>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = byNewest(b[j], a[i]) < 0 ? b[j++] : a[i++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

/** The published version of a site (real data or the loaded sample), not a draft. */
export function publishedOf(id: string): Site | null {
  const a = useAtlas.getState();
  return a.sites.find((x) => x.properties.id === id) ?? a.sampleSites.find((x) => x.properties.id === id) ?? null;
}

function deriveSession(session: EditSession | null, records: ReadonlyMap<string, DraftRecord>, touched: Readonly<Record<string, unknown>> | null): EditSession | null {
  if (!session || (touched && !Object.hasOwn(touched, session.id))) return session;
  const r = records.get(session.id);
  if (r && r.status !== 'deleted') return r.site === session.current ? session : { ...session, current: r.site };
  // No draft (discarded, published, or removed in another tab): the published version, if any.
  if (r?.status === 'deleted') return null;
  if (session.published) return session.current === session.published ? session : { ...session, current: session.published };
  return null;
}

/**
 * A new map: `records` with `changes` applied (null removes); only the changes when `all`.
 * `records` itself is left as it is (readers holding it keep their version).
 */
export function mapWithChanges<R>(records: ReadonlyMap<string, R>, changes: Readonly<Record<string, R | null>>, all: boolean): Map<string, R> {
  const out = all ? new Map<string, R>() : new Map(records);
  for (const id of Object.keys(changes)) {
    const r = changes[id];
    if (r) out.set(id, r);
    else out.delete(id);
  }
  return out;
}

/** A copy of `records` with `changes` applied (null removes); only the changes when `all`. */
function withChanges<R>(records: Record<string, R>, changes: Record<string, R | null>, all: boolean): Record<string, R> {
  const out: Record<string, R> = all ? {} : { ...records };
  for (const [id, r] of Object.entries(changes)) {
    if (r) out[id] = r;
    else delete out[id];
  }
  return out;
}

/** `mapWithChanges(from, changes)` built ahead (see `prebuildRecords`); used only while records are still `from`. */
export interface PrebuiltRecords {
  from: ReadonlyMap<string, DraftRecord>;
  records: Map<string, DraftRecord>;
}

/**
 * The records map `applyRecords(changes)` would make, built now: for many changes (an import's
 * part), the copy of every record (tens of ms at 100,000 drafts) then runs in a task before the
 * memory update's, which takes it as it is if no record changed in between.
 */
export function prebuildRecords(changes: Readonly<Record<string, DraftRecord | null>>): PrebuiltRecords {
  const from = getState().records;
  return { from, records: mapWithChanges(from, changes, false) };
}

/**
 * Replaces some records in memory (null removes one) and derives the rest: the drafts list,
 * the open site, the atlas's draft sites. `all` replaces every record (start-up load).
 */
export function applyRecords(changes: Record<string, DraftRecord | null>, all = false, display: 'now' | 'soon' = 'now', prebuilt?: PrebuiltRecords): void {
  const ids = Object.keys(changes);
  if (!ids.length && !all) return;
  // The atlas shows a record's site and status only: a new revision alone changes nothing there.
  const before = getState().records;
  const shown = all ? null : ids.filter((id) => before.get(id)?.site !== changes[id]?.site || before.get(id)?.status !== changes[id]?.status);
  setState((s) => {
    const records = prebuilt && !all && prebuilt.from === s.records ? prebuilt.records : mapWithChanges(s.records, changes, all);
    let drafts: DraftSummary[];
    if (all) drafts = Array.from(records.values(), summaryOf).sort(byNewest);
    else {
      const fresh: DraftSummary[] = [];
      let listed = false;
      for (const id of ids) {
        const r = records.get(id);
        if (r) fresh.push(summaryOf(r));
        listed ||= s.records.has(id);
      }
      fresh.sort(byNewest);
      // Ids all new to the list (an import's first drafts): the list as it is, not filtered.
      const rest = listed ? s.drafts.filter((d) => !Object.hasOwn(changes, d.id)) : s.drafts;
      // A few changes are the newest: in front. Many (an import's part, another tab's batch): merged
      // into the list, which is in order already; not a summary and a sort of every draft again
      // (at 100,000 drafts, most of each import part's memory task).
      drafts = ids.length > MANY ? mergeNewest(fresh, rest) : [...fresh, ...rest];
    }
    return { records, drafts, session: deriveSession(s.session, records, all ? null : changes) };
  });
  if (!shown || shown.length) pushSitesToAtlas(shown, display);
}

/**
 * Keystrokes change the atlas (map, lists, counts) once typing pauses for ATLAS_QUIET_MS, and at
 * least every ATLAS_MAX_WAIT_MS during a long burst: the form and the disk follow each
 * keystroke, the map and the lists recompute once per burst. Display only: the write to
 * IndexedDB never waits.
 *
 * Why not every 150 ms as before: each atlas update re-sends every site to the map, which then
 * repaints; in a browser without a GPU (SwiftShader) that frame blocks the page's main thread
 * for 100–300 ms (the compositor's Commit waits for the WebGL frame). Typing a key every 100 ms
 * then kept the main thread busy with frames and input, and the IndexedDB callbacks of the
 * drafts' writes (lower priority) waited behind them: keystroke → record transaction complete
 * took 0.9–2 s (scripts/bench-drafts.ts), with the journal, written in the keystroke's task,
 * the only thing on disk meanwhile. Updating on a pause cut that by about 40 % in the same run.
 */
const ATLAS_QUIET_MS = 400;
/** More changed ids than this: the atlas's drafts are derived again from every record, not id by id. */
const MANY = 50;
const ATLAS_MAX_WAIT_MS = 2000;
const atlasPending = new Set<string>();
let atlasAll = false;
let atlasTimer: ReturnType<typeof setTimeout> | null = null;
/** When the pending burst's first change came (for ATLAS_MAX_WAIT_MS). */
let atlasSince = 0;

/** Imports being written (`holdAtlas`): the atlas waits for them. */
let atlasHolds = 0;

function pushSitesToAtlas(ids: string[] | null, display: 'now' | 'soon'): void {
  // Many ids are shown as a whole anyway (showInAtlas): not one Set entry each.
  if (ids === null || ids.length > MANY) atlasAll = true;
  else for (const id of ids) atlasPending.add(id);
  if (atlasHolds) return;
  if (display === 'now') {
    flushAtlas();
    return;
  }
  const now = Date.now();
  if (atlasTimer) clearTimeout(atlasTimer);
  else atlasSince = now;
  atlasTimer = setTimeout(flushAtlas, Math.max(0, Math.min(ATLAS_QUIET_MS, atlasSince + ATLAS_MAX_WAIT_MS - now)));
}

/**
 * The atlas (map, lists, counts) keeps what it shows until the returned release is called, then
 * shows every change made meanwhile at once (`flushAtlas` still shows them at once). For a big
 * import: the map re-tiles and repaints 100,000 sites once, after the writes, instead of while
 * the writes run — without a GPU those frames took as much CPU as the writes themselves.
 * Memory (`records`, the drafts list) and the disk do not wait.
 */
export function holdAtlas(): () => void {
  atlasHolds++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    atlasHolds--;
    if (!atlasHolds) flushAtlas();
  };
}

/** Shows the pending draft changes in the atlas now. */
export function flushAtlas(): void {
  if (atlasTimer) clearTimeout(atlasTimer);
  atlasTimer = null;
  if (!atlasAll && !atlasPending.size) return;
  const ids = atlasAll ? null : [...atlasPending];
  atlasAll = false;
  atlasPending.clear();
  showInAtlas(ids);
}

/** The last `atlasDraftsOf`, for the records map it was derived from. */
let lastAtlasDrafts: { records: ReadonlyMap<string, DraftRecord>; sites: Site[]; deleted: string[] } | null = null;

/**
 * The atlas's draft sites and deleted ids of every record; the same arrays again for the same
 * records map (so that what `prepareAtlasUpdate` computed from them is found memoised).
 */
function atlasDraftsOf(records: ReadonlyMap<string, DraftRecord>): { sites: Site[]; deleted: string[] } {
  if (lastAtlasDrafts?.records === records) return lastAtlasDrafts;
  const sites: Site[] = [];
  const deleted: string[] = [];
  for (const r of records.values()) {
    if (r.status === 'deleted') deleted.push(r.id);
    else sites.push(r.site);
  }
  lastAtlasDrafts = { records, sites, deleted };
  return lastAtlasDrafts;
}

/**
 * Before many pending changes reach the atlas (an import's release of `holdAtlas`): what the
 * atlas update will compute — the draft sites, all the sites with them, their columns, the
 * filters' result and the list's order — each in tasks of its own (the columns in slices). The
 * update itself (`flushAtlas`, then React's render and the map's sites) finds them memoised
 * instead of computing them all in one task (at 100,000 drafts, a 200 ms task). Shows nothing:
 * a change made meanwhile is shown by the update as usual (then computed there).
 */
export async function prepareAtlasUpdate(): Promise<void> {
  if (!atlasAll && atlasPending.size <= MANY) return;
  try {
    const { sites, deleted } = atlasDraftsOf(getState().records);
    await yieldToMain();
    const next = () => ({ ...useAtlas.getState(), draftSites: sites, deletedSiteIds: deleted });
    const all = selectAllSites(next());
    await yieldToMain();
    await siteTableInSlices(all, sliceClock());
    await yieldToMain();
    const s = next();
    // The same sites still (no zone change meanwhile): their filter result and order.
    if (selectAllSites(s) !== all) return;
    selectFilterResult(s);
    // The list's order (a sort of the names' keys: 50–120 ms at 100,000 sites) in a task of its own.
    await yieldToMain();
    const s2 = next();
    if (selectAllSites(s2) === all) selectSortedSites(s2);
    await yieldToMain();
  } catch {
    /* only a head start: the update computes whatever is missing */
  }
}

/** The atlas store's `draftSites` / `deletedSiteIds`, derived from `records` (only the changed ids when given). */
function showInAtlas(ids: string[] | null): void {
  const records = getState().records;
  const atlas = useAtlas.getState();
  if (!ids || ids.length > MANY) {
    const { sites, deleted } = atlasDraftsOf(records);
    atlas.setDrafts(sites, deleted);
    return;
  }
  let sites = atlas.draftSites;
  let deleted = atlas.deletedSiteIds;
  for (const id of ids) {
    const r = records.get(id);
    const i = sites.findIndex((x) => x.properties.id === id);
    const shown = r && r.status !== 'deleted' ? r.site : null;
    if (shown) {
      if (i < 0) sites = [...sites, shown];
      else if (sites[i] !== shown) sites = sites.map((x, j) => (j === i ? shown : x));
    } else if (i >= 0) sites = sites.filter((_, j) => j !== i);
    const isDeleted = r?.status === 'deleted';
    if (isDeleted && !deleted.includes(id)) deleted = [...deleted, id];
    if (!isDeleted && deleted.includes(id)) deleted = deleted.filter((x) => x !== id);
  }
  if (sites !== atlas.draftSites || deleted !== atlas.deletedSiteIds) atlas.setDrafts(sites, deleted);
}

/** Replaces some zone records in memory (null removes one) and derives the atlas's `zoneDrafts`. */
export function applyZoneRecords(changes: Record<string, ZoneDraftRecord | null>, all = false): void {
  const ids = Object.keys(changes);
  if (!ids.length && !all) return;
  setState((s) => ({ zoneRecords: withChanges(s.zoneRecords, changes, all) }));
  useAtlas.getState().setZoneDrafts(Object.values(getState().zoneRecords));
}

/** Number of unpublished changes (one per site with a draft, deletions included). */
export function unpublishedCount(s: CurationState): number {
  return s.drafts.length;
}

/** Number of changes typed here that are not on disk (storage unavailable or full). */
export function unsavedCount(s: CurationState): number {
  return s.unsaved.length + s.unsavedZones.length;
}
