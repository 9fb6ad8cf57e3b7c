/**
 * The map's copy of the sites, one task behind the store when they change after the first push.
 *
 * A change of the sites (a draft typed or imported, the sample loaded) makes React render the
 * list, the counts and the filters in the store update's task (zustand's `useSyncExternalStore`
 * renders synchronously), and the map make its features, draw zooms and `setData` (about half
 * of the work). In one task, the two made the longest main-thread task after an import of 5,000
 * plots (scripts/bench-drafts.ts), right before the map's frame. Here the map's part runs in a
 * task of its own, queued behind React's; the filter result it needs is the same memoised one
 * React just computed. `flush()` runs a due push at once (before a selection that needs the site).
 */
export interface PendingSites {
  /** Is a push queued? */
  due(): boolean;
  /** Queues the push (once). */
  schedule(): void;
  /** Runs a queued push now. */
  flush(): void;
  /** Drops a queued push. */
  cancel(): void;
}

export function pendingSites(push: () => void): PendingSites {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    timer = null;
    push();
  };
  return {
    due: () => timer !== null,
    schedule() {
      if (timer === null) timer = setTimeout(run, 0);
    },
    flush() {
      if (timer === null) return;
      clearTimeout(timer);
      run();
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
