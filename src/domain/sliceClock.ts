/**
 * Where a long loop may let the browser run other tasks: `if (clock.due(i)) await clock.yield();`
 * before item i. A type only, so that pure code can take one; src/data/yieldToMain.ts
 * `sliceClock` makes one (by time, yielding to the browser's main thread).
 */
export interface SliceClock {
  due(i: number): boolean;
  yield(): Promise<void>;
}
