/**
 * Page-side client of a Web Worker that answers each request with one message carrying the
 * request's `id` (the distances worker, the import writer). The worker is created on first use
 * and kept; when it crashes, every pending request is rejected with `crashed()` and the next
 * request starts a new worker. A request whose message cannot be posted (e.g. not cloneable)
 * is rejected and forgotten.
 */

/** The part of the Worker interface the client uses (lets tests inject a fake). */
export interface WorkerLike<Req, Res> {
  postMessage(message: Req): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<Res>) => void): void;
  addEventListener(type: 'error', listener: (e: Event) => void): void;
  terminate(): void;
}

export interface WorkerClient<Req extends { id: number }, Res extends { id: number }> {
  /** Posts the message with a fresh id; resolves with the worker's answer to it. */
  request(message: Omit<Req, 'id'>): Promise<Res>;
  /** Replaces how the worker is created (and drops the current one). */
  setFactory(create: () => WorkerLike<Req, Res>): void;
}

export function workerClient<Req extends { id: number }, Res extends { id: number }>(opts: {
  create: () => WorkerLike<Req, Res>;
  /** The error of a request when the worker cannot be created. */
  cannotStart: () => Error;
  /** The error of every pending request when the worker crashes. */
  crashed: () => Error;
}): WorkerClient<Req, Res> {
  let create = opts.create;
  let worker: WorkerLike<Req, Res> | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: Res) => void; reject: (e: Error) => void }>();

  function getWorker(): WorkerLike<Req, Res> {
    if (worker) return worker;
    let w: WorkerLike<Req, Res>;
    try {
      w = create();
    } catch {
      throw opts.cannotStart();
    }
    w.addEventListener('message', (e: MessageEvent<Res>) => {
      const p = pending.get(e.data.id);
      if (!p) return;
      pending.delete(e.data.id);
      p.resolve(e.data);
    });
    w.addEventListener('error', () => {
      for (const p of pending.values()) p.reject(opts.crashed());
      pending.clear();
      w.terminate();
      if (worker === w) worker = null;
    });
    worker = w;
    return w;
  }

  return {
    request(message) {
      return new Promise((resolve, reject) => {
        let w: WorkerLike<Req, Res>;
        try {
          w = getWorker();
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
          return;
        }
        const id = nextId++;
        pending.set(id, { resolve, reject });
        try {
          w.postMessage({ ...message, id } as Req);
        } catch (e) {
          pending.delete(id);
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
    },
    setFactory(f) {
      worker?.terminate();
      worker = null;
      create = f;
    },
  };
}
