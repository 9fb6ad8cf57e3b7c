/**
 * Start-up of the drafts, called ONCE by the app shell (`startDrafts`), never as a side effect
 * of importing a module. Light on purpose (part of the first download): the drafts code itself
 * (./index.ts and the IndexedDB layer) is loaded on demand:
 * - at start-up when this browser already has a drafts database (so the map, the lists and the
 *   zones show the drafts after a reload, « Mode édition » on or not);
 * - otherwise as soon as « Mode édition » is turned on.
 * A visitor who never edits downloads nothing more.
 *
 * `useDraftsNotice` is what the shell shows before the drafts code is there: how many stored
 * records were unreadable and kept aside.
 */
import { useAtlas } from '../store';

import { DRAFTS_DB_NAME, ZONE_CNIG_STOPGAP_KEY, useDraftsNotice } from './notice';

export { DRAFTS_DB_NAME, ZONE_CNIG_STOPGAP_KEY, setQuarantinedCount, useDraftsNotice, type DraftsNotice } from './notice';

function hasZoneCnigStopgap(): boolean {
  try {
    return !!window.localStorage.getItem(ZONE_CNIG_STOPGAP_KEY);
  } catch {
    return false;
  }
}

export interface StartDraftsOptions {
  /** Told once the stored drafts are restored (n = unpublished changes, 0 when none). */
  onRestored?: (n: number) => void;
  /** Told when drafts were cleared because the public data now holds them (n > 0). */
  onPublished?: (n: number) => void;
}

let started = false;

async function hasDraftsDatabase(): Promise<boolean> {
  const idb = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!idb) return false;
  if (typeof idb.databases !== 'function') return true; // cannot tell: look
  try {
    return (await idb.databases()).some((d) => d.name === DRAFTS_DB_NAME);
  } catch {
    return true;
  }
}

function load(options: StartDraftsOptions): void {
  import('./index').then(
    (m) => {
      m.onPublishedCleared(options.onPublished ?? null);
      // What another tab's write changed in a request of this one (said in the live region).
      m.setNoticeHandler((message) => useAtlas.getState().announce(message));
      return m.initDrafts().then(() => options.onRestored?.(m.unpublishedCount(m.useCuration.getState())));
    },
    // The code never came: the drafts stay in the database, but nothing would show them, and
    // the page would say nothing. The shell says so, with « Recharger la page » (a browser
    // may remember a failed download of a module and refuse it again until then).
    () => useDraftsNotice.setState({ loadFailed: true }),
  );
}

/** Restores the drafts of this browser (see the module comment). Safe to call more than once. */
export function startDrafts(options: StartDraftsOptions = {}): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  let loading = false;
  const go = () => {
    if (loading) return;
    loading = true;
    off();
    load(options);
  };
  const off = useAtlas.subscribe((s) => {
    if (s.editMode) go();
  });
  if (useAtlas.getState().editMode) go();
  else if (hasZoneCnigStopgap()) go();
  else void hasDraftsDatabase().then((exists) => exists && go());
}
