/**
 * Lets the browser run other tasks (input, frames, IndexedDB callbacks) between slices of a long
 * loop on the page's main thread: no task over ~200 ms while 100,000 imported sites are handled.
 */
import type { SliceClock } from '../domain/sliceClock';

export function yieldToMain(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof s?.yield === 'function') return s.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Time of main-thread work between two yields (ms). By time, not by count: 5,000 items took
 * 30 ms on a quiet machine but 170 ms at load 8, in a task that also ran what came before the
 * loop (scripts/bench-drafts.ts). Leaves room under 200 ms for what runs after it.
 */
export const SLICE_MS = 40;
/** Items between two looks at the clock. */
const CHECK_EVERY = 64;

/**
 * A loop's yield points, by time: `if (clock.due(i)) await clock.yield();`. The first slice
 * starts when the clock is made.
 */
export function sliceClock(budgetMs = SLICE_MS): SliceClock {
  const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
  let start = now();
  return {
    due: (i) => i % CHECK_EVERY === CHECK_EVERY - 1 && now() - start >= budgetMs,
    async yield() {
      await yieldToMain();
      start = now();
    },
  };
}

/** `items.map(fn)`, yielding to the browser every `budgetMs` of work (at once when it takes less). */
export async function mapInSlices<T, U>(items: readonly T[], fn: (item: T, index: number) => U, budgetMs = SLICE_MS): Promise<U[]> {
  const out: U[] = new Array<U>(items.length);
  const clock = sliceClock(budgetMs);
  for (let i = 0; i < items.length; i++) {
    out[i] = fn(items[i], i);
    if (clock.due(i)) await clock.yield();
  }
  return out;
}
