/**
 * Restores the drafts kept in this browser (zone outlines and sites) at start-up, so the
 * map, the zones panel and the lists show them after a reload, « Mode édition » on or not.
 * Only when the drafts database exists: a visitor who never edited downloads nothing more
 * (the drafts code is loaded on demand).
 */
let started = false;

async function hasDraftsDatabase(): Promise<boolean> {
  const idb = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!idb) return false;
  if (typeof idb.databases !== 'function') return true; // cannot tell: look
  try {
    return (await idb.databases()).some((d) => d.name === 'atlas-curation');
  } catch {
    return true;
  }
}

export function restoreDraftsAtStartup(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  void hasDraftsDatabase().then((exists) => {
    if (exists) void import('../../state/curation').then((m) => m.initCuration());
  });
}
