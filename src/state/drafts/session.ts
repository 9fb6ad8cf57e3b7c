/**
 * The edit session: the site open in the form, its undo/redo, drawing a new site or a new
 * geometry, deleting, discarding a draft, and settling a field typed differently in two tabs.
 * Every change is saved through ./persistence.ts in the same task (no debounce).
 */
import type { FeatureCollection } from 'geojson';
import { applyChanges } from '../../domain/history';
import { changesBetween, fieldValue } from '../../domain/draftMerge';
import { diffSites, type FieldChange } from '../../domain/diff';
import { blankSiteProperties } from '../../domain/site';
import type { Site, SiteGeometry, SiteProperties } from '../../domain/types';
import { withGeometry } from '../../data/drafts/geometry';
import { useAtlas } from '../store';
import { refreshDistances } from './distances';
import { flush, removeSite, resolveConflictFields, saveSite, writeSites } from './persistence';
import { applyRecords, getState, nowIso, publishedOf, setState, type CurationState, type EditSession, type Stacks } from './store';

/** Successive edits of the same field within this delay form one undo step. */
const COALESCE_MS = 1200;
const MAX_UNDO = 200;

export type DeriveGeometry = (site: Site, g: SiteGeometry, communes: FeatureCollection | null | undefined) => Site;

function stacksOf(id: string): Stacks {
  return getState().stacks[id] ?? { undo: [], redo: [], lastField: null, lastAt: 0 };
}

function setStacks(id: string, st: Stacks): void {
  setState((s) => ({ stacks: { ...s.stacks, [id]: st } }));
}

/** Opens a site in the editor (its draft when there is one). */
export function openSite(site: Site | null, published: Site | null = null): void {
  if (!site) {
    setState({ session: null });
    return;
  }
  const id = site.properties.id;
  if (getState().session?.id === id) return;
  const r = getState().records.get(id);
  setState({ session: { id, current: r && r.status !== 'deleted' ? r.site : site, published } });
}

export function closeSite(): void {
  setState({ session: null });
}

/** Saves the open site's new version (memory and IndexedDB, now). */
function save(session: EditSession, after: Site): void {
  void saveSite(after, { base: session.published });
}

/**
 * Applies an edit to the open site: one undo step per field (successive keystrokes in the
 * same field coalesce), saved as a draft at once.
 */
export function editSite(field: string, update: (p: SiteProperties) => Partial<SiteProperties>): void {
  const session = getState().session;
  if (!session) return;
  const before = session.current;
  const patch = update(before.properties);
  const after: Site = { ...before, properties: { ...before.properties, ...patch, updated_at: nowIso() } };
  commit(session, before, after, field);
}

/** Replaces the open site's geometry (drawing / vertex edit), recomputing derived values. */
export function setGeometry(geometry: SiteGeometry, communes?: FeatureCollection | null, derive: DeriveGeometry = withGeometry): void {
  const session = getState().session;
  if (!session) return;
  const before = session.current;
  const where = communes === undefined ? (useAtlas.getState().layers.communes ?? null) : communes;
  const after = derive({ ...before, properties: { ...before.properties, updated_at: nowIso() } }, geometry, where);
  commit(session, before, after, 'geometry', false);
  void refreshDistances(after);
}

function commit(session: EditSession, before: Site, after: Site, field: string, coalesce = true): void {
  const id = session.id;
  const st = stacksOf(id);
  const t = Date.now();
  const step = changesBetween(before, after);
  const merge = coalesce && st.lastField === field && t - st.lastAt < COALESCE_MS && st.undo.length > 0;
  const undo = merge ? [...st.undo.slice(0, -1), mergeSteps(st.undo[st.undo.length - 1], step)] : [...st.undo, step].slice(-MAX_UNDO);
  setStacks(id, { undo, redo: [], lastField: field, lastAt: t });
  setState({ session: { ...session, current: after } });
  save(session, after);
}

/** One step made of two: the first's old values, the second's new ones. */
function mergeSteps(a: FieldChange[], b: FieldChange[]): FieldChange[] {
  const byField = new Map(a.map((c) => [c.field, c] as const));
  for (const c of b) {
    const prev = byField.get(c.field);
    byField.set(c.field, prev ? { field: c.field, old: prev.old, new: c.new } : c);
  }
  return [...byField.values()];
}

/** Ends the current coalescing group (e.g. on blur), so the next keystroke is a new undo step. */
export function breakUndoGroup(): void {
  const id = getState().session?.id;
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

/** Goes back one step: only the fields of that step change (a merge from another tab stays). */
export function undo(): boolean {
  const session = getState().session;
  if (!session) return false;
  const st = stacksOf(session.id);
  const step = st.undo[st.undo.length - 1];
  if (!step) return false;
  const prev = withTime(applyChanges(session.current, step, 'backward'));
  setStacks(session.id, { undo: st.undo.slice(0, -1), redo: [...st.redo, diffSites(prev, session.current)], lastField: null, lastAt: 0 });
  setState({ session: { ...session, current: prev } });
  save(session, prev);
  return true;
}

export function redo(): boolean {
  const session = getState().session;
  if (!session) return false;
  const st = stacksOf(session.id);
  const step = st.redo[st.redo.length - 1];
  if (!step) return false;
  const next = withTime(applyChanges(session.current, step, 'forward'));
  setStacks(session.id, { undo: [...st.undo, diffSites(session.current, next)], redo: st.redo.slice(0, -1), lastField: null, lastAt: 0 });
  setState({ session: { ...session, current: next } });
  save(session, next);
  return true;
}

function withTime(site: Site): Site {
  return { ...site, properties: { ...site.properties, updated_at: nowIso() } };
}

/** A new site (with a geometry just drawn), opened in the editor and saved as a draft. */
export function createSite(geometry: SiteGeometry, name: string, communes?: FeatureCollection | null, derive: DeriveGeometry = withGeometry): Site {
  const id = newSiteId();
  const t = nowIso();
  const props = blankSiteProperties({ id, name, source: 'Saisie dans l’atlas', updated_at: t, created_at: t });
  const where = communes === undefined ? (useAtlas.getState().layers.communes ?? null) : communes;
  const site = derive({ type: 'Feature', geometry, properties: props }, geometry, where);
  setState({ session: { id, current: site, published: null } });
  void saveSite(site, { base: null });
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

/**
 * Deletes a site. A site never published loses its draft (the last version stays in the
 * history); a published one gets a « deleted » draft, published with the next export.
 */
export async function deleteSite(id: string): Promise<void> {
  const r = getState().records.get(id);
  const published = publishedOf(id);
  if (getState().session?.id === id) setState({ session: null });
  const current = r?.site ?? published;
  if (!current) return;
  const base = r ? r.base : published;
  if (r?.status === 'deleted') return;
  if (base) {
    applyRecords({ [id]: { ...(r ?? {}), id, site: current, base, status: 'deleted', updated_at: nowIso(), rev: r?.rev ?? 0 } });
    await writeSites([id]);
  } else {
    await removeSite(id, { site_id: id, action: 'delete', changes: [], snapshot: current });
  }
  await flush();
}

/** Drops the draft of a site: its published version shows again (a new site disappears). */
export async function discardDraft(id: string): Promise<void> {
  const r = getState().records.get(id);
  setState((s) => {
    const { [id]: _gone, ...stacks } = s.stacks;
    return { stacks, session: s.session?.id === id && !s.session.published ? null : s.session };
  });
  if (!r) return;
  const entry = r.base
    ? { site_id: id, action: 'restore' as const, changes: r.status === 'deleted' ? [] : diffSites(r.site, r.base), snapshot: r.site }
    : { site_id: id, action: 'delete' as const, changes: [], snapshot: r.site };
  await removeSite(id, entry);
  await flush();
}

/**
 * Settles a field typed differently in two tabs: `keep` = 'current' keeps the site's value,
 * 'other' takes the other tab's. Both tabs then show the chosen value.
 */
export function resolveConflict(siteId: string, field: string, keep: 'current' | 'other'): void {
  const r = getState().records.get(siteId);
  const c = r?.conflicts?.find((x) => x.field === field);
  if (!r || !c) return;
  const rest = (r.conflicts ?? []).filter((x) => x.field !== field);
  let site = r.site;
  if (keep === 'other') {
    if (field === 'geometry' && c.other && typeof c.other === 'object') {
      site = withGeometry(site, c.other as SiteGeometry, useAtlas.getState().layers.communes ?? null);
      void refreshDistances(site);
    } else site = applyChanges(site, [{ field, old: fieldValue(site, field), new: c.other }], 'forward');
    site = withTime(site);
  }
  resolveConflictFields(siteId, [field]);
  applyRecords({ [siteId]: { ...r, site, conflicts: rest } });
  void saveSite(site, { base: r.base });
}
