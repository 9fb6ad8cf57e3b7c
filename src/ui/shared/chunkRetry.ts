/**
 * Downloads of code loaded on demand, and again after a failure (no React: ./lazy.tsx builds the
 * lazy components on it; ../i18n loads the English messages with it).
 *
 * Chromium 150 remembers a failed dynamic `import()`: the same call fails again without a request.
 * `retryingImport` then asks for the file the error named under a new URL (`retryUrl`), a new
 * module for the browser, the same file for the server and the service worker.
 */

/**
 * Messages browsers give when a module or its CSS could not be fetched: Vite's preload helper
 * (« Unable to preload CSS for … »), Chrome/Edge (« Failed to fetch dynamically imported
 * module »), Firefox (« error loading dynamically imported module »), Safari (« Importing a
 * module script failed »), and the MIME error a server's fallback page gives for a missing file.
 */
const CHUNK_ERROR =
  /Failed to fetch dynamically imported module|Unable to preload CSS|error loading dynamically imported module|Importing a module script failed|Failed to load module script|ChunkLoadError|Loading (CSS )?chunk [\w-]+ failed/i;

/** Whether `error` says a chunk (JS or CSS loaded on demand) could not be downloaded. */
export function isChunkLoadError(error: unknown): boolean {
  if (!error) return false;
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return CHUNK_ERROR.test(message);
}

/**
 * The URL of the JS module a failed dynamic `import()` asked for, when the browser's message
 * names it (Chrome/Edge « Failed to fetch dynamically imported module: URL », Firefox « error
 * loading dynamically imported module: URL »); null otherwise (Safari's message, a CSS file).
 */
export function failedModuleUrl(error: unknown): string | null {
  const message = error instanceof Error ? error.message : String(error ?? '');
  const m = /(?:Failed to fetch|error loading) dynamically imported module: (\S+)/i.exec(message);
  return m && /\.m?js(?:[?#]|$)/.test(m[1]) ? m[1] : null;
}

/**
 * The export `name` of a chunk imported by its URL. The bundler's own loader may reach it
 * through a namespace object that the chunk exports under a short name (a chunk that holds
 * several modules: `import('./X-abc.js').then((e) => e.r)`), so both the chunk's exports and
 * the objects among them are looked at. Undefined when neither has it.
 */
export function exportOfChunk(chunk: Record<string, unknown>, name: string): unknown {
  if (name in chunk) return chunk[name];
  for (const v of Object.values(chunk)) if (v !== null && typeof v === 'object' && name in v) return (v as Record<string, unknown>)[name];
  return undefined;
}

/** `url` asked again as a new module: its `retry` query set to `attempt` (relative URLs against `base`). */
export function retryUrl(url: string, attempt: number, base = globalThis.location?.href ?? 'http://localhost/'): string {
  const u = new URL(url, base);
  u.searchParams.set('retry', String(attempt));
  return u.href;
}

/**
 * The export `name` of the module `load` imports, as a function that can be called again after a
 * failure: the first call runs `load`; after a failure that named the module's file, each call
 * imports that file under a new URL (and `load` again when the chunk has another shape, or when
 * no file was named).
 */
export function retryingImport<K extends string, M extends Record<K, unknown>>(load: () => Promise<M>, name: K): () => Promise<M[K]> {
  /** The module's file, once a download of it failed and the error named it. */
  let failedUrl: string | null = null;
  let attempt = 0;
  return async () => {
    try {
      if (failedUrl === null) return (await load())[name];
      const chunk = (await import(/* @vite-ignore */ retryUrl(failedUrl, ++attempt))) as Record<string, unknown>;
      const found = exportOfChunk(chunk, name) as M[K] | undefined;
      // A chunk of another shape: the bundler's loader (which fails again where the browser
      // remembers the failure: « Recharger la page » is then the way).
      return found ?? (await load())[name];
    } catch (e: unknown) {
      failedUrl = failedModuleUrl(e) ?? failedUrl;
      throw e;
    }
  };
}
