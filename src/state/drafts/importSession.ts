/**
 * The import session (a file read, its validation report, then the differences for ids that
 * already exist) and the merge of the chosen sites as drafts.
 *
 * Every imported site is checked against the draft schema first (a bad one is kept aside with
 * its problem, the rest is imported), gets its distances in the worker, and is then written to
 * IndexedDB ONCE, in batches of one transaction each (not one per site). A big import goes in
 * parts: the distances of the next part are computed while this one is written.
 */
import { compareWithExisting } from '../../domain/diff';
import { prepareForList } from '../../domain/sort';
import type { Site } from '../../domain/types';
import { checkSite, quarantineEntry, type QuarantineEntry } from '../../data/drafts';
import { sliceClock, yieldToMain } from '../../data/yieldToMain';
import { useAtlas } from '../store';
import { setQuarantinedCount } from './notice';
import { withDistances } from './distances';
import { draftDb, measureSince, perfStart, saveSites } from './persistence';
import { flushAtlas, getState, holdAtlas, nowIso, prepareAtlasUpdate, setState, type ImportDiff, type ImportSession } from './store';

/** Sites per IndexedDB transaction when merging an import. */
export const IMPORT_BATCH = 2000;

/**
 * Sites per part of a big import: the distance worker computes the next part while the import
 * writer writes this one (each part is one memory update; more parts, more such updates).
 */
export const IMPORT_PART = 25_000;

/**
 * The first part is smaller: its distances are the only ones nothing overlaps (the writes start
 * after them), 1.1–1.4 s for 25,000 sites with the second core idle; 8,000 take about a third
 * of that, and the next part's distances are computed while those 8,000 are written.
 */
export const IMPORT_FIRST_PART = 8_000;

/** The parts of an import of `n` sites, as [start, end) ranges: IMPORT_FIRST_PART, then IMPORT_PART each. */
export function importParts(n: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < n; ) {
    const end = Math.min(n, i + (i === 0 ? IMPORT_FIRST_PART : IMPORT_PART));
    out.push([i, end]);
    i = end;
  }
  return out;
}

/**
 * Sorts imported sites into new / identical / changed (with the field changes) against the
 * sites already in the atlas (published and drafts), using the domain's `compareWithExisting`.
 * Changed sites start undecided: the user must choose.
 */
export function compareImport(imported: Site[], existing: ReadonlyMap<string, Site>): ImportDiff {
  const out: ImportDiff = { fresh: [], identical: [], changed: [] };
  const rows = compareWithExisting(imported, existing);
  rows.forEach((r, i) => {
    const site = imported[i];
    if (r.status === 'new') out.fresh.push(site);
    else if (r.status === 'identical') out.identical.push(site);
    else out.changed.push({ imported: site, existing: existing.get(r.id)!, changes: r.changes, choice: null });
  });
  return out;
}

export function setImportSession(s: ImportSession | null): void {
  setState({ importSession: s });
}

export function patchImportSession(patch: Partial<ImportSession>): void {
  const cur = getState().importSession;
  if (cur) setState({ importSession: { ...cur, ...patch } });
}

export interface MergeReport {
  /** Sites saved as drafts. */
  merged: number;
  /** Sites that failed the draft schema: kept aside, not imported. */
  quarantined: QuarantineEntry[];
}

/** Saves imported sites as drafts (new ones and the replacements the user accepted). */
export async function mergeImported(sites: Site[], source: string | null = null): Promise<MergeReport> {
  if (!sites.length) return { merged: 0, quarantined: [] };
  flushAtlas();
  let perf = perfStart();
  const t = nowIso();
  const atlas = useAtlas.getState();
  const existing = new Map(atlas.sites.concat(atlas.sampleSites, atlas.draftSites).map((s) => [s.properties.id, s]));
  const good: Site[] = [];
  const bad: QuarantineEntry[] = [];
  // 100,000 sites: no main-thread task over ~200 ms.
  const clock = sliceClock();
  for (let i = 0; i < sites.length; i++) {
    if (clock.due(i)) await clock.yield();
    const raw = sites[i];
    const c = checkSite(raw);
    if (!c.ok) {
      bad.push(quarantineEntry('site', raw, c.problems, 'import', t, source));
      continue;
    }
    const s = c.value;
    const prev = existing.get(s.properties.id);
    good.push({
      ...s,
      properties: { ...s.properties, created_at: prev?.properties.created_at ?? s.properties.created_at ?? t, updated_at: s.properties.updated_at ?? t },
    });
  }
  measureSince('atlas:import-check', perf);
  if (bad.length) {
    setState((st) => ({ quarantine: [...st.quarantine, ...bad] }));
    setQuarantinedCount(getState().quarantine.length);
    await draftDb()?.setAside(bad).catch(() => undefined);
  }
  // Distances first (worker), so each site is written once, with them: part by part, the next
  // part's computed while this one is written (two workers, two cores).
  const parts: Site[][] = [];
  for (const [a, b] of importParts(good.length)) parts.push(good.slice(a, b));
  perf = perfStart();
  let next = withDistances(parts[0] ?? []);
  let ready = await next;
  measureSince('atlas:import-distances', perf);
  // The atlas shows the imported sites once they are written (see holdAtlas).
  const release = holdAtlas();
  try {
    for (let k = 0; k < parts.length; k++) {
      if (k > 0) {
        // The last part's memory update (after its writes) and this one's start in tasks of their own.
        await yieldToMain();
        perf = perfStart();
        ready = await next;
        measureSince('atlas:import-distances', perf);
      }
      if (k + 1 < parts.length) {
        next = withDistances(parts[k + 1]);
        await yieldToMain();
      }
      // While the part is written (the import writer's worker), what the atlas's list and
      // filters need of each of its sites is computed in slices: the one atlas update after
      // the writes then finds it ready instead of computing it for every site in one task.
      await Promise.all([saveSites(ready, { action: 'import', batch: IMPORT_BATCH }), prepareInSlices(ready)]);
    }
  } finally {
    // Memory took the written revisions in this task: the atlas update gets a task of its own,
    // after what it computes was computed in tasks of their own.
    await yieldToMain();
    await prepareAtlasUpdate();
    release();
  }
  return { merged: good.length, quarantined: bad };
}

/** `prepareForList` of each site, yielding to the browser between slices (src/data/yieldToMain.ts). */
async function prepareInSlices(sites: readonly Site[]): Promise<void> {
  const clock = sliceClock();
  for (let i = 0; i < sites.length; i++) {
    if (clock.due(i)) await clock.yield();
    prepareForList(sites[i]);
  }
}
