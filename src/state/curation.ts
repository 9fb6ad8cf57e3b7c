/**
 * The curation store (zustand), separate from the atlas store: the site being edited
 * with its undo/redo stacks, the drafts kept in IndexedDB, the import session and the
 * author's name.
 *
 * Nothing typed is ever lost: every edit is written to IndexedDB as a draft within
 * SAVE_DELAY_MS (and at once on blur / pagehide via `flush()`); at start-up
 * `initCuration()` restores the drafts into the atlas store (`draftSites`,
 * `deletedSiteIds`), so the map and the lists show them.
 */
import { create } from 'zustand';
import type { FeatureCollection } from 'geojson';
import type { CrsId } from '../domain/crs';
import type { Site, SiteGeometry, SiteProperties } from '../domain/types';
import { blankSiteProperties, DISTANCE_KEYS } from '../domain/site';
import type { ColumnMap, ImportResult } from '../data/import';
import {
  openDraftStore,
  requestPersistentStorage,
  type BackupImportReport,
  type DraftRecord,
  type DraftStore,
  type HistoryEntry,
} from '../data/drafts';
import { computeDistances } from '../data/distances/client';
import { useAtlas } from './store';

/** Edits are written to IndexedDB at most this long after the last keystroke. */
export const SAVE_DELAY_MS = 250;
/** Successive edits of the same field within this delay form one undo step. */
const COALESCE_MS = 1200;
const MAX_UNDO = 200;

export type DraftKind = 'new' | 'modified' | 'deleted';

/** What the panel needs to know about one draft. */
export interface DraftSummary {
  id: string;
  name: string;
  kind: DraftKind;
  updatedAt: string;
}

interface Stacks {
  undo: Site[];
  redo: Site[];
  lastField: string | null;
  lastAt: number;
}

export interface EditSession {
  id: string;
  /** The version shown in the form (the draft as being typed). */
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

export interface CurationState {
  storage: StorageStatus;
  storageError: string | null;
  saving: boolean;
  author: string;
  drafts: DraftSummary[];
  session: EditSession | null;
  /** Undo/redo stacks per site id (kept while the page lives). */
  stacks: Record<string, Stacks>;
  /** Ids whose distances are being computed. */
  distancesPending: string[];
  /** Incremented each time a draft is written: the history view reloads on change. */
  revision: number;
  importSession: ImportSession | null;
  /** Ids of the last export (offered to « Marquer comme publié »). */
  lastExportIds: string[] | null;
}

export const useCuration = create<CurationState>()(() => ({
  storage: 'loading',
  storageError: null,
  saving: false,
  author: '',
  drafts: [],
  session: null,
  stacks: {},
  distancesPending: [],
  revision: 0,
  importSession: null,
  lastExportIds: null,
}));

const set = useCuration.setState;
const get = useCuration.getState;

// ---------------------------------------------------------------------------------------------
// Persistence

let db: DraftStore | null = null;
let initPromise: Promise<void> | null = null;
let saveTimer: ReturnType<typeof setTimeout> | null = null;
/** Sites waiting to be written, by id, with the action to record (default: create or update). */
const dirty = new Map<string, { site: Site; action?: 'import' }>();
let writing: Promise<void> = Promise.resolve();

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function summaryOf(r: DraftRecord): DraftSummary {
  return {
    id: r.id,
    name: r.site?.properties.name || r.id,
    kind: r.status,
    updatedAt: r.updated_at,
  };
}

async function refreshDrafts(): Promise<void> {
  if (!db) return;
  const records = await db.listDrafts();
  set({ drafts: records.map(summaryOf).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)) });
}

function pushToAtlas(records: DraftRecord[]): void {
  const sites: Site[] = [];
  const deleted: string[] = [];
  for (const r of records) {
    if (r.status === 'deleted') deleted.push(r.id);
    else if (r.site) sites.push(r.site);
  }
  useAtlas.getState().setDrafts(sites, deleted);
}

/** Opens IndexedDB and restores the drafts into the atlas store. Idempotent. */
export function initCuration(): Promise<void> {
  if (initPromise) return initPromise;
  initPromise = (async () => {
    try {
      db = await openDraftStore();
    } catch (e) {
      db = null;
      set({ storage: 'unavailable', storageError: errorText(e) });
      return;
    }
    try {
      const [records, author, zoneDrafts] = await Promise.all([db.listDrafts(), db.getMeta('author'), db.listZoneDrafts()]);
      pushToAtlas(records);
      useAtlas.getState().setZoneDrafts(zoneDrafts);
      void requestPersistentStorage();
      set({
        storage: 'ready',
        author: typeof author === 'string' ? author : '',
        drafts: records.map(summaryOf).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
      });
    } catch (e) {
      set({ storage: 'unavailable', storageError: errorText(e) });
    }
  })();
  if (typeof window !== 'undefined') {
    // Last chance to write what was typed in the last few hundred milliseconds.
    window.addEventListener('pagehide', () => void flush());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') void flush();
    });
  }
  return initPromise;
}

/** The published version of a site (real data or the loaded sample), not a draft. */
function publishedOf(id: string): Site | null {
  const a = useAtlas.getState();
  return a.sites.find((x) => x.properties.id === id) ?? a.sampleSites.find((x) => x.properties.id === id) ?? null;
}

/**
 * Shows drafts in the atlas (replacing earlier versions, un-deleting), in one store update:
 * the map and the lists recompute once per batch, not once per keystroke or per site.
 */
function pushDraftsToAtlas(sites: Site[]): void {
  if (!sites.length) return;
  const a = useAtlas.getState();
  const byId = new Map(sites.map((x) => [x.properties.id, x] as const));
  const known = new Set<string>();
  const drafts = a.draftSites.map((d) => {
    known.add(d.properties.id);
    return byId.get(d.properties.id) ?? d;
  });
  for (const x of byId.values()) if (!known.has(x.properties.id)) drafts.push(x);
  const deleted = a.deletedSiteIds.some((id) => byId.has(id)) ? a.deletedSiteIds.filter((id) => !byId.has(id)) : a.deletedSiteIds;
  a.setDrafts(drafts, deleted);
}

/**
 * Queues a site version for IndexedDB (written within SAVE_DELAY_MS by `flush`, which also
 * shows it in the atlas). `showNow` shows it in the atlas at once (a new site, an import).
 */
function scheduleSave(site: Site, action?: 'import', showNow = false): void {
  const prev = dirty.get(site.properties.id);
  dirty.set(site.properties.id, { site, action: prev?.action ?? action });
  if (showNow) pushDraftsToAtlas([site]);
  set({ saving: true });
  if (saveTimer) clearTimeout(saveTimer);
  saveTimer = setTimeout(() => void flush(), SAVE_DELAY_MS);
}

/** Writes every pending edit to IndexedDB now. Safe to call at any time. */
export function flush(): Promise<void> {
  if (saveTimer) {
    clearTimeout(saveTimer);
    saveTimer = null;
  }
  if (dirty.size === 0) return writing;
  const batch = [...dirty.values()];
  dirty.clear();
  pushDraftsToAtlas(batch.map((b) => b.site));
  const a = useAtlas.getState();
  const published = new Map<string, Site>();
  for (const x of a.sites.concat(a.sampleSites)) published.set(x.properties.id, x);
  writing = writing.then(async () => {
    if (!db) {
      set({ saving: false });
      return;
    }
    try {
      const author = get().author.trim() || null;
      for (const { site, action } of batch) {
        await db.putDraft(site, { author, action, base: published.get(site.properties.id) ?? null });
      }
      await refreshDrafts();
      set((s) => ({ saving: dirty.size > 0, storageError: null, revision: s.revision + 1 }));
    } catch (e) {
      // Keep them for the next attempt: nothing is dropped.
      for (const b of batch) if (!dirty.has(b.site.properties.id)) dirty.set(b.site.properties.id, b);
      set({ saving: false, storageError: errorText(e) });
    }
  });
  return writing;
}

export async function setAuthor(name: string): Promise<void> {
  set({ author: name });
  try {
    await db?.setMeta('author', name);
  } catch {
    /* the name is optional: not being able to keep it is not worth an error */
  }
}

export async function loadHistory(siteId: string): Promise<HistoryEntry[]> {
  await flush();
  return db ? db.listHistory(siteId) : [];
}

// ---------------------------------------------------------------------------------------------
// Editing

function nowIso(): string {
  return new Date().toISOString();
}

function stacksOf(id: string): Stacks {
  return get().stacks[id] ?? { undo: [], redo: [], lastField: null, lastAt: 0 };
}

function setStacks(id: string, st: Stacks): void {
  set((s) => ({ stacks: { ...s.stacks, [id]: st } }));
}

/** Opens a site in the editor (its draft when there is one). */
export function openSite(site: Site | null, published: Site | null = null): void {
  if (!site) {
    set({ session: null });
    return;
  }
  if (get().session?.id === site.properties.id) return;
  set({ session: { id: site.properties.id, current: site, published } });
}

export function closeSite(): void {
  void flush();
  set({ session: null });
}

/**
 * Applies an edit to the open site: one undo step per field (successive keystrokes in the
 * same field coalesce), saved as a draft within SAVE_DELAY_MS.
 */
export function editSite(field: string, update: (p: SiteProperties) => Partial<SiteProperties>): void {
  const session = get().session;
  if (!session) return;
  const before = session.current;
  const patch = update(before.properties);
  const after: Site = { ...before, properties: { ...before.properties, ...patch, updated_at: nowIso() } };
  commit(session, before, after, field);
}

/** Replaces the open site's geometry (drawing / vertex edit), recomputing derived values. */
export function setGeometry(geometry: SiteGeometry, communes: FeatureCollection | null | undefined, derive: DeriveGeometry): void {
  const session = get().session;
  if (!session) return;
  const before = session.current;
  const after = derive({ ...before, properties: { ...before.properties, updated_at: nowIso() } }, geometry, communes);
  commit(session, before, after, 'geometry', false);
  void refreshDistances(after);
}

export type DeriveGeometry = (site: Site, g: SiteGeometry, communes: FeatureCollection | null | undefined) => Site;

function commit(session: EditSession, before: Site, after: Site, field: string, coalesce = true): void {
  const id = session.id;
  const st = stacksOf(id);
  const t = Date.now();
  const merge = coalesce && st.lastField === field && t - st.lastAt < COALESCE_MS && st.undo.length > 0;
  const undo = merge ? st.undo : [...st.undo, before].slice(-MAX_UNDO);
  setStacks(id, { undo, redo: [], lastField: field, lastAt: t });
  set({ session: { ...session, current: after } });
  scheduleSave(after);
}

/** Ends the current coalescing group (e.g. on blur), so the next keystroke is a new undo step. */
export function breakUndoGroup(): void {
  const id = get().session?.id;
  if (!id) return;
  const st = stacksOf(id);
  if (st.lastField) setStacks(id, { ...st, lastField: null });
}

export function canUndo(s: CurationState): boolean {
  return !!s.session && (s.stacks[s.session.id]?.undo.length ?? 0) > 0;
}
export function canRedo(s: CurationState): boolean {
  return !!s.session && (s.stacks[s.session.id]?.redo.length ?? 0) > 0;
}

export function undo(): boolean {
  const session = get().session;
  if (!session) return false;
  const st = stacksOf(session.id);
  const prev = st.undo[st.undo.length - 1];
  if (!prev) return false;
  setStacks(session.id, { undo: st.undo.slice(0, -1), redo: [...st.redo, session.current], lastField: null, lastAt: 0 });
  set({ session: { ...session, current: prev } });
  scheduleSave(prev);
  return true;
}

export function redo(): boolean {
  const session = get().session;
  if (!session) return false;
  const st = stacksOf(session.id);
  const next = st.redo[st.redo.length - 1];
  if (!next) return false;
  setStacks(session.id, { undo: [...st.undo, session.current], redo: st.redo.slice(0, -1), lastField: null, lastAt: 0 });
  set({ session: { ...session, current: next } });
  scheduleSave(next);
  return true;
}

/** A new site (with a geometry just drawn), opened in the editor and saved as a draft. */
export function createSite(geometry: SiteGeometry, name: string, communes: FeatureCollection | null | undefined, derive: DeriveGeometry): Site {
  const id = newSiteId();
  const t = nowIso();
  const props = blankSiteProperties({ id, name, source: 'Saisie dans l’atlas', updated_at: t, created_at: t });
  const site = derive({ type: 'Feature', geometry, properties: props }, geometry, communes);
  set({ session: { id, current: site, published: null } });
  scheduleSave(site, undefined, true);
  void refreshDistances(site);
  return site;
}

function newSiteId(): string {
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  const rnd =
    typeof crypto !== 'undefined' && 'randomUUID' in crypto
      ? crypto.randomUUID().slice(0, 8)
      : Math.floor(Math.random() * 0xffffffff).toString(16).padStart(8, '0');
  return `local-${day}-${rnd}`;
}

// ---------------------------------------------------------------------------------------------
// Distances (Web Worker, never on the UI thread)

async function refreshDistances(site: Site): Promise<void> {
  const id = site.properties.id;
  set((s) => ({ distancesPending: s.distancesPending.includes(id) ? s.distancesPending : [...s.distancesPending, id] }));
  try {
    const [withD] = await computeDistances([site]);
    const session = get().session;
    const patch = pickDistances(withD.properties);
    // Apply only if the geometry has not changed meanwhile; not an undo step.
    if (session && session.id === id && session.current.geometry === site.geometry) {
      const current = { ...session.current, properties: { ...session.current.properties, ...patch } };
      // Keep undo entries consistent: the pre-distance version in the stacks has the same geometry.
      set({ session: { ...session, current } });
      scheduleSave(current);
    } else if (!session || session.id !== id) {
      const draft = dirty.get(id)?.site ?? useAtlas.getState().draftSites.find((d) => d.properties.id === id);
      if (draft && draft.geometry === site.geometry) scheduleSave({ ...draft, properties: { ...draft.properties, ...patch } });
    }
  } catch {
    // Distances stay unknown (null): shown as « non disponible ».
  } finally {
    set((s) => ({ distancesPending: s.distancesPending.filter((x) => x !== id) }));
  }
}

/** Computes the distances of several sites (imports) in the worker, then saves them. */
export async function refreshDistancesMany(sites: Site[]): Promise<void> {
  if (!sites.length) return;
  const ids = sites.map((s) => s.properties.id);
  set((s) => ({ distancesPending: [...new Set([...s.distancesPending, ...ids])] }));
  try {
    const out = await computeDistances(sites);
    const drafts = new Map(useAtlas.getState().draftSites.map((d) => [d.properties.id, d]));
    const asked = new Map(sites.map((x) => [x.properties.id, x.geometry] as const));
    for (const s of out) {
      const d = drafts.get(s.properties.id);
      // Only if it was not edited meanwhile.
      if (d && d.geometry === asked.get(s.properties.id)) {
        const merged = { ...d, properties: { ...d.properties, ...pickDistances(s.properties) } };
        const session = get().session;
        if (session?.id === merged.properties.id) set({ session: { ...session, current: merged } });
        scheduleSave(merged);
      }
    }
  } catch {
    /* unknown distances stay null */
  } finally {
    set((s) => ({ distancesPending: s.distancesPending.filter((x) => !ids.includes(x)) }));
  }
}

function pickDistances(p: SiteProperties): Partial<SiteProperties> {
  const out: Partial<SiteProperties> = {};
  for (const k of DISTANCE_KEYS) (out as Record<string, unknown>)[k] = p[k] ?? null;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Delete, discard, import, publish

export async function deleteSite(id: string): Promise<void> {
  await flush();
  dirty.delete(id);
  useAtlas.getState().markSiteDeleted(id);
  if (get().session?.id === id) set({ session: null });
  if (!db) return;
  await db.deleteDraft(id, get().author.trim() || null, publishedOf(id));
  await refreshDrafts();
  set((s) => ({ revision: s.revision + 1 }));
}

/** Drops the draft of a site: its published version shows again (a new site disappears). */
export async function discardDraft(id: string): Promise<void> {
  await flush();
  dirty.delete(id);
  const atlas = useAtlas.getState();
  atlas.removeDraftSite(id);
  if (atlas.deletedSiteIds.includes(id)) atlas.setDrafts(atlas.draftSites, atlas.deletedSiteIds.filter((x) => x !== id));
  set((s) => {
    const { [id]: _gone, ...stacks } = s.stacks;
    return { stacks, session: s.session?.id === id ? null : s.session };
  });
  if (!db) return;
  await db.discardDraft(id, get().author.trim() || null);
  await refreshDrafts();
  set((s) => ({ revision: s.revision + 1 }));
}

/** Saves imported sites as drafts (new ones and the replacements the user accepted). */
export async function mergeImported(sites: Site[]): Promise<void> {
  if (!sites.length) return;
  const t = nowIso();
  const atlas = useAtlas.getState();
  const existing = new Map(atlas.sites.concat(atlas.sampleSites, atlas.draftSites).map((s) => [s.properties.id, s]));
  const stamped = sites.map((s) => {
    const prev = existing.get(s.properties.id);
    return {
      ...s,
      properties: {
        ...s.properties,
        created_at: prev?.properties.created_at ?? s.properties.created_at ?? t,
        updated_at: s.properties.updated_at ?? t,
      },
    };
  });
  for (const s of stamped) dirty.set(s.properties.id, { site: s, action: 'import' });
  // An open site replaced by the import: show the imported version.
  const session = get().session;
  const open = session ? stamped.find((s) => s.properties.id === session.id) : undefined;
  if (session && open) set({ session: { ...session, current: open } });
  await flush();
  void refreshDistancesMany(stamped.filter((s) => s.properties.dist_rn2_m == null));
}

/** Clears the drafts that were exported and are now published as files. */
export async function markPublished(ids: string[]): Promise<number> {
  await flush();
  const draftIds = new Set(get().drafts.map((d) => d.id));
  const published = ids.filter((id) => draftIds.has(id));
  if (db) await db.clearPublished(published);
  const atlas = useAtlas.getState();
  const gone = new Set(published);
  atlas.setDrafts(
    atlas.draftSites.filter((d) => !gone.has(d.properties.id)),
    atlas.deletedSiteIds.filter((x) => !gone.has(x)),
  );
  set((s) => ({ lastExportIds: null, revision: s.revision + 1 }));
  await refreshDrafts();
  return published.length;
}

export function setLastExport(ids: string[] | null): void {
  set({ lastExportIds: ids });
}

export function setImportSession(s: ImportSession | null): void {
  set({ importSession: s });
}

export function patchImportSession(patch: Partial<ImportSession>): void {
  const cur = get().importSession;
  if (cur) set({ importSession: { ...cur, ...patch } });
}

export async function exportBackup(): Promise<string> {
  await flush();
  if (!db) throw new Error('stockage indisponible');
  return db.exportBackup();
}

/** Merges a backup file: adds what is missing, never overwrites a different draft. */
export async function importBackup(text: string): Promise<BackupImportReport> {
  await flush();
  if (!db) throw new Error('stockage indisponible');
  const report = await db.importBackup(text, { author: get().author.trim() || null });
  const records = await db.listDrafts();
  pushToAtlas(records);
  useAtlas.getState().setZoneDrafts(await db.listZoneDrafts());
  await refreshDrafts();
  set((s) => ({ revision: s.revision + 1 }));
  return report;
}

/**
 * The opened drafts database (null before `initCuration` resolves or when IndexedDB is
 * unavailable). For the zone outline drafts (src/state/zoneDrafts.ts), which share it.
 */
export function curationDraftStore(): DraftStore | null {
  return db;
}

/** Number of unpublished changes (one per site with a draft, deletions included). */
export function unpublishedCount(s: CurationState): number {
  return s.drafts.length;
}
