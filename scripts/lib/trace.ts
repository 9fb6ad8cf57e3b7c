/**
 * Chrome trace analysis for the browser benches and `scripts/profile-browser.ts`: where does the
 * time of a page go, per thread (main, MapLibre workers, compositor…), per kind of task, and per
 * function (CPU profile samples), mapped back to the original sources through the build's source
 * maps when they exist.
 *
 * The trace comes from playwright-core's `browser.startTracing` / `stopTracing` (Chrome's
 * tracing, the same as the DevTools performance panel) with the categories below.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'v8',
  'disabled-by-default-v8.cpu_profiler',
  'blink.user_timing',
  'loading',
  'gpu',
  'disabled-by-default-gpu.service',
  'cc',
];

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string | number;
  args?: Record<string, unknown>;
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number; scriptId?: number };
}

export interface ThreadSummary {
  name: string;
  /** Sum of top-level task durations (ms) within the window. */
  busy: number;
  /** Longest top-level task (ms). */
  longest: number;
  /** Self time per function label (ms), from the CPU profile samples. */
  functions: Map<string, number>;
  /** Self time per source file / package (ms). */
  sources: Map<string, number>;
  /** Self time per trace event name (ms): what the "(program)" samples hide (layout, GC, GPU waits…). */
  events: Map<string, number>;
}

type SourceMapConsumerLike = {
  originalPositionFor(p: { line: number; column: number }): { source: string | null; line: number | null; name: string | null };
};

/** Source-map lookup for the built chunks (`dist/assets/x.js.map`), when the build has them. */
export class SourceMaps {
  private cache = new Map<string, SourceMapConsumerLike | null>();
  private Consumer: (new (raw: unknown) => SourceMapConsumerLike) | null = null;
  constructor(private distDir: string | null) {
    try {
      // source-map-js ships with Vite (PostCSS): no extra dependency.
      const require = createRequire(import.meta.url);
      this.Consumer = (require('source-map-js') as { SourceMapConsumer: new (raw: unknown) => SourceMapConsumerLike }).SourceMapConsumer;
    } catch {
      this.Consumer = null;
    }
  }
  private consumer(url: string): SourceMapConsumerLike | null {
    if (!this.distDir || !this.Consumer) return null;
    const m = /\/(assets\/[^/?#]+\.m?js)/.exec(url);
    if (!m) return null;
    if (this.cache.has(m[1])) return this.cache.get(m[1])!;
    const file = join(this.distDir, `${m[1]}.map`);
    const c = existsSync(file) ? new this.Consumer(JSON.parse(readFileSync(file, 'utf8'))) : null;
    this.cache.set(m[1], c);
    return c;
  }
  /** Original source (shortened: `nm:package` for node_modules, `src/…` for ours) and function name. */
  resolve(url: string, line: number, column: number, fn: string): { source: string; label: string } {
    const c = this.consumer(url);
    if (!c || line < 0) {
      const short = url.replace(/^.*\/assets\//, 'assets/') || '(native)';
      return { source: short, label: `${fn || '(anonymous)'} ${short}:${line + 1}` };
    }
    const o = c.originalPositionFor({ line: line + 1, column });
    const src = shortSource(o.source ?? url);
    return { source: src.replace(/^(nm:(@[^/]+\/)?[^/]+).*$/, '$1'), label: `${o.name ?? fn ?? '(anonymous)'} ${src}:${o.line ?? '?'}` };
  }
}

function shortSource(s: string): string {
  const nm = s.lastIndexOf('node_modules/');
  if (nm >= 0) return `nm:${s.slice(nm + 'node_modules/'.length)}`;
  const src = s.lastIndexOf('/src/');
  return src >= 0 ? s.slice(src + 1) : s;
}

/**
 * Summarises a trace between two timestamps (µs, trace clock; null = whole trace): busy time per
 * thread and CPU self time per function and per source. Threads are named from the metadata
 * events (CrRendererMain, DedicatedWorker thread…).
 */
export function summariseTrace(traceJson: Buffer | string, maps: SourceMaps, window: { from: number | null; to: number | null } = { from: null, to: null }): ThreadSummary[] {
  const parsed = JSON.parse(String(traceJson)) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, String(e.args?.name ?? ''));
  const inWindow = (ts: number) => (window.from === null || ts >= window.from) && (window.to === null || ts <= window.to);

  const threads = new Map<string, ThreadSummary>();
  const thread = (key: string): ThreadSummary => {
    let t = threads.get(key);
    if (!t) threads.set(key, (t = { name: names.get(key) ?? key, busy: 0, longest: 0, functions: new Map(), sources: new Map(), events: new Map() }));
    return t;
  };
  // Top-level tasks.
  for (const e of events) {
    if (e.ph !== 'X' || (e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask') || !e.dur || !inWindow(e.ts)) continue;
    const t = thread(`${e.pid}:${e.tid}`);
    t.busy += e.dur / 1000;
    t.longest = Math.max(t.longest, e.dur / 1000);
  }
 // Self time of the complete events (nested by time on each thread).
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur || !inWindow(e.ts)) continue;
    const key = `${e.pid}:${e.tid}`;
    let list = byThread.get(key);
    if (!list) byThread.set(key, (list = []));
    list.push(e);
  }
  for (const [key, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const t = thread(key);
    const stack: { end: number; name: string; child: number; dur: number }[] = [];
    const pop = () => {
      const f = stack.pop()!;
      t.events.set(f.name, (t.events.get(f.name) ?? 0) + Math.max(0, f.dur - f.child) / 1000);
      if (stack.length) stack[stack.length - 1].child += f.dur;
    };
    for (const e of list) {
      while (stack.length && stack[stack.length - 1].end <= e.ts) pop();
      stack.push({ end: e.ts + (e.dur ?? 0), name: e.name, child: 0, dur: e.dur ?? 0 });
    }
    while (stack.length) pop();
  }
  // CPU profiles: "Profile" (start time) + "ProfileChunk" events, per profile id.
  const profiles = new Map<string, { key: string; start: number; nodes: Map<number, ProfileNode>; samples: number[]; deltas: number[] }>();
  for (const e of events) {
    if (e.name === 'Profile') {
      const data = e.args?.data as { startTime?: number } | undefined;
      profiles.set(`${e.pid}:${e.id}`, { key: `${e.pid}:${e.tid}`, start: data?.startTime ?? e.ts, nodes: new Map(), samples: [], deltas: [] });
    } else if (e.name === 'ProfileChunk') {
      const p = profiles.get(`${e.pid}:${e.id}`);
      if (!p) continue;
      const data = e.args?.data as { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } | undefined;
      for (const n of data?.cpuProfile?.nodes ?? []) p.nodes.set(n.id, n);
      p.samples.push(...(data?.cpuProfile?.samples ?? []));
      p.deltas.push(...(data?.timeDeltas ?? []));
    }
  }
  for (const p of profiles.values()) {
    const t = thread(p.key);
    let ts = p.start;
    for (let i = 0; i < p.samples.length; i++) {
      ts += p.deltas[i] ?? 0;
      const next = p.deltas[i + 1] ?? 0;
      if (!inWindow(ts) || next <= 0) continue;
      const node = p.nodes.get(p.samples[i]);
      if (!node) continue;
      const cf = node.callFrame;
      if (cf.functionName === '(idle)' || cf.functionName === '(program)' && !cf.url) {
        if (cf.functionName === '(idle)') continue;
      }
      const { source, label } = cf.url ? maps.resolve(cf.url, cf.lineNumber, cf.columnNumber, cf.functionName) : { source: `(${cf.functionName || 'native'})`, label: cf.functionName || '(native)' };
      const ms = next / 1000;
      t.functions.set(label, (t.functions.get(label) ?? 0) + ms);
      t.sources.set(source, (t.sources.get(source) ?? 0) + ms);
    }
  }
  return [...threads.values()].filter((t) => t.busy > 0 || t.functions.size > 0).sort((a, b) => b.busy - a.busy);
}

/** Prints a summary: threads by busy time, then the top sources and functions of each busy thread. */
export function printTraceSummary(threads: ThreadSummary[], top = 15, log: (s: string) => void = console.log): void {
  for (const t of threads) {
    const cpu = [...t.functions.values()].reduce((a, b) => a + b, 0);
    log(`thread ${t.name}: tâches ${t.busy.toFixed(0)} ms (la plus longue ${t.longest.toFixed(0)} ms), CPU échantillonné ${cpu.toFixed(0)} ms`);
    if (t.busy < 50) continue;
    const list = (m: Map<string, number>, n: number) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .forEach(([k, v]) => log(`    ${v.toFixed(1).padStart(8)} ms  ${k}`));
    log('  par événement de trace (temps propre) :');
    list(t.events, 12);
    log('  par source :');
    list(t.sources, 10);
    log('  par fonction (temps propre) :');
    list(t.functions, top);
  }
}

/** One long task of the page's main thread, broken down (longTasks). */
export interface LongTaskBreakdown {
  /** Start (ms) from the first event of the trace's window, and duration (ms). */
  at: number;
  ms: number;
  /** The chain of nested trace events that holds most of the task, each with its duration (ms). */
  chain: { name: string; ms: number }[];
  /** The task's direct children of at least 5 ms (name, ms). */
  parts: { name: string; ms: number }[];
  /** CPU self time per function within the task (ms), from the CPU profile samples, most first. */
  functions: [string, number][];
}

/**
 * The `top` longest tasks of the renderer's main thread (CrRendererMain, the busiest one), each
 * broken down: what the benches' long tasks are made of (script, style and layout, or a wait,
 * e.g. the compositor's `GLES2::ReadPixels` of a WebGL canvas, which waits for the GPU process).
 */
export function longTasks(traceJson: Buffer | string, maps: SourceMaps, top = 3): LongTaskBreakdown[] {
  const parsed = JSON.parse(String(traceJson)) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, String(e.args?.name ?? ''));
  const busy = new Map<string, number>();
  let first = Infinity;
  for (const e of events) {
    if (e.ts > 0 && e.ts < first) first = e.ts;
    const key = `${e.pid}:${e.tid}`;
    if (e.ph === 'X' && e.name === 'RunTask' && e.dur && names.get(key) === 'CrRendererMain') busy.set(key, (busy.get(key) ?? 0) + e.dur);
  }
  const main = [...busy].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!main) return [];
  const onMain = events.filter((e) => e.ph === 'X' && e.dur && `${e.pid}:${e.tid}` === main).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const tasks = onMain.filter((e) => e.name === 'RunTask').sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0)).slice(0, top);
  // The main thread's CPU samples (trace clock), for the functions of each task.
  const samples: { ts: number; dt: number; label: string }[] = [];
  const profiles = new Map<string, { start: number; nodes: Map<number, ProfileNode>; samples: number[]; deltas: number[] }>();
  for (const e of events) {
    if (`${e.pid}:${e.tid}` !== main && e.name === 'Profile') continue;
    if (e.name === 'Profile') profiles.set(`${e.pid}:${e.id}`, { start: (e.args?.data as { startTime?: number } | undefined)?.startTime ?? e.ts, nodes: new Map(), samples: [], deltas: [] });
    else if (e.name === 'ProfileChunk') {
      const p = profiles.get(`${e.pid}:${e.id}`);
      const data = e.args?.data as { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } | undefined;
      if (!p) continue;
      for (const n of data?.cpuProfile?.nodes ?? []) p.nodes.set(n.id, n);
      p.samples.push(...(data?.cpuProfile?.samples ?? []));
      p.deltas.push(...(data?.timeDeltas ?? []));
    }
  }
  for (const p of profiles.values()) {
    let ts = p.start;
    for (let i = 0; i < p.samples.length; i++) {
      ts += p.deltas[i] ?? 0;
      const dt = p.deltas[i + 1] ?? 0;
      const cf = p.nodes.get(p.samples[i])?.callFrame;
      if (!cf || dt <= 0 || cf.functionName === '(idle)') continue;
      samples.push({ ts, dt, label: cf.url ? maps.resolve(cf.url, cf.lineNumber, cf.columnNumber, cf.functionName).label : cf.functionName || '(native)' });
    }
  }
  return tasks.map((task) => {
    const end = task.ts + (task.dur ?? 0);
    const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end);
    const childrenOf = (p: TraceEvent) => {
      const pend = p.ts + (p.dur ?? 0);
      const kids: TraceEvent[] = [];
      let until = -Infinity;
      for (const e of inside) {
        if (e === p || e.ts < p.ts || e.ts + (e.dur ?? 0) > pend || (e.ts === p.ts && (e.dur ?? 0) >= (p.dur ?? 0))) continue;
        if (e.ts < until) continue; // nested in an earlier child
        kids.push(e);
        until = e.ts + (e.dur ?? 0);
      }
      return kids;
    };
    const chain: { name: string; ms: number }[] = [];
    for (let at: TraceEvent | undefined = task; at; ) {
      const next: TraceEvent | undefined = childrenOf(at).sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))[0];
      if (!next || (next.dur ?? 0) < 0.5 * (task.dur ?? 0)) break;
      chain.push({ name: next.name, ms: (next.dur ?? 0) / 1000 });
      at = next;
    }
    // The parts of the task, below the wrappers that hold all of it (e.g. BeginMainFrame's script and commit).
    let kids = childrenOf(task);
    while (kids.length === 1 && (kids[0].dur ?? 0) >= 0.9 * (task.dur ?? 0)) kids = childrenOf(kids[0]);
    const parts = kids.filter((e) => (e.dur ?? 0) >= 5000).map((e) => ({ name: e.name, ms: (e.dur ?? 0) / 1000 }));
    const fns = new Map<string, number>();
    for (const s of samples) if (s.ts >= task.ts && s.ts <= end) fns.set(s.label, (fns.get(s.label) ?? 0) + s.dt / 1000);
    return { at: (task.ts - first) / 1000, ms: (task.dur ?? 0) / 1000, chain, parts, functions: [...fns].sort((a, b) => b[1] - a[1]) };
  });
}

/** Prints longTasks: one line per task, then its largest part, then its top functions. */
export function printLongTasks(tasks: LongTaskBreakdown[], log: (s: string) => void = console.log): void {
  log('plus longues tâches du fil principal (trace) :');
  for (const t of tasks) {
    log(`  ${t.ms.toFixed(0)} ms à ${(t.at / 1000).toFixed(2)} s du début de la trace : ${t.parts.map((p) => `${p.name} ${p.ms.toFixed(0)}`).join(' + ') || '—'}`);
    if (t.chain.length) log(`    dont : ${t.chain.map((c) => `${c.name} ${c.ms.toFixed(0)}`).join(' › ')}`);
    log(`    CPU : ${t.functions.slice(0, 6).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
  }
}
