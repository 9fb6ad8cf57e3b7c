import { describe, expect, it } from 'vitest';
import { pendingSites } from '../../../src/ui/map/pendingSites';

const nextTask = () => new Promise((r) => setTimeout(r, 0));

describe('pendingSites: the map gets changed sites in a task of its own', () => {
  it('runs a scheduled push once, in a later task, however often it is scheduled', async () => {
    let runs = 0;
    const p = pendingSites(() => runs++);
    p.schedule();
    p.schedule();
    expect(p.due()).toBe(true);
    expect(runs).toBe(0);
    await nextTask();
    expect(runs).toBe(1);
    expect(p.due()).toBe(false);
    await nextTask();
    expect(runs).toBe(1);
  });

  it('flush runs a due push now (and not again later); with nothing due it does nothing', async () => {
    let runs = 0;
    const p = pendingSites(() => runs++);
    p.flush();
    expect(runs).toBe(0);
    p.schedule();
    p.flush();
    expect(runs).toBe(1);
    expect(p.due()).toBe(false);
    await nextTask();
    expect(runs).toBe(1);
  });

  it('cancel drops a due push (the map is gone)', async () => {
    let runs = 0;
    const p = pendingSites(() => runs++);
    p.schedule();
    p.cancel();
    await nextTask();
    expect(runs).toBe(0);
    expect(p.due()).toBe(false);
  });
});
