/**
 * Code loaded on demand that survives a failed download.
 *
 * `React.lazy` remembers a failed `import()` for ever: once a chunk could not be fetched
 * (offline, or « 404 » because a new version was deployed and the old files are gone), the
 * component throws the same error at every render and, with no boundary, React unmounts the
 * whole app. Here:
 *
 * - `lazyWithRetry(load, name)` is a lazy component (the export `name` of the module `load`
 *   imports) whose download can be started again: browsers that remember a failed module
 *   (Chromium 150 does: the same `import()` fails again without a request) are asked for the
 *   file the error names with a `?retry=n` query, a new module for them, the same file for the
 *   server and the service worker;
 * - `<ChunkBoundary>` catches the errors of chunk downloads only (anything else goes on to the
 *   boundary above it), shows what happened and offers « Réessayer » (a new download of every
 *   failed chunk) and « Recharger la page » (the address keeps the whole state, and drafts live
 *   in the browser's storage, so nothing is lost).
 *
 *   const SheetPage = lazyWithRetry(() => import('../sheet/SiteSheetPage'), 'SiteSheetPage');
 *   <ChunkBoundary><Suspense fallback={…}><SheetPage /></Suspense></ChunkBoundary>
 */
import { Component, lazy, useSyncExternalStore, type ComponentProps, type ComponentType, type ErrorInfo, type ReactNode } from 'react';
import { useT } from '../i18n';
import { isChunkLoadError, retryingImport } from './chunkRetry';

export { exportOfChunk, failedModuleUrl, isChunkLoadError, retryUrl } from './chunkRetry';

/** The browser says it has no network (then a part not stored yet cannot come before it is back). */
function browserOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/**
 * The text of an action's failure (an export, an import, a frame): for a chunk that could not be
 * downloaded, what happened and what to do (reload: Chromium 150 refuses the same module again
 * until then; the address keeps the filters, drafts stay in the browser), not the browser's
 * message; otherwise the error's own message.
 */
export function actionErrorText(t: (key: string) => string, error: unknown): string {
  if (isChunkLoadError(error)) return t(browserOffline() ? 'shell.chunk.actionOffline' : 'shell.chunk.action');
  return error instanceof Error ? error.message : String(error);
}

/** The lazy components whose last download failed: « Réessayer » starts them again. */
const failed = new Set<() => void>();
const listeners = new Set<() => void>();
let generation = 0;

function subscribe(cb: () => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}
const getGeneration = () => generation;

/** Starts again the download of every lazy component that failed. Returns how many. */
export function retryFailedChunks(): number {
  const n = failed.size;
  for (const reset of [...failed]) reset();
  failed.clear();
  generation++;
  for (const cb of [...listeners]) cb();
  return n;
}

/**
 * Like `React.lazy`, for the export `name` of the module `load` imports, but a failed download
 * is not final: after `retryFailedChunks()` (what `<ChunkBoundary>`'s « Réessayer » calls) the
 * next render downloads it again — the file the error named, under a new URL (`retryUrl`), or
 * `load` again when the error names no file.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function lazyWithRetry<K extends string, M extends Record<K, ComponentType<any>>>(load: () => Promise<M>, name: K): ComponentType<ComponentProps<M[K]>> {
  const get = retryingImport(load, name);
  const make = () =>
    lazy(async () => {
      try {
        return { default: await get() };
      } catch (e: unknown) {
        failed.add(reset);
        throw e;
      }
    });
  let current = make();
  function reset() {
    current = make();
  }
  function LazyWithRetry(props: ComponentProps<M[K]>) {
    // A new generation (after « Réessayer ») renders the fresh lazy component.
    useSyncExternalStore(subscribe, getGeneration, getGeneration);
    const C = current as unknown as ComponentType<ComponentProps<M[K]>>;
    return <C {...props} />;
  }
  return LazyWithRetry;
}

interface BoundaryProps {
  children: ReactNode;
  /** Where the failed part sits, e.g. « la fiche du site »; defaults to « cette partie de l'atlas ». */
  what?: string;
  /** Shown instead of the message (e.g. null for an optional notice). */
  fallback?: ReactNode;
}

interface BoundaryState {
  error: unknown;
}

/**
 * Catches chunk download errors under it and shows « Réessayer ». Other errors are thrown
 * again, for the app's general error boundary.
 */
export class ChunkBoundary extends Component<BoundaryProps, BoundaryState> {
  state: BoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): BoundaryState {
    return { error };
  }

  componentDidCatch(error: unknown, _info: ErrorInfo): void {
    if (!isChunkLoadError(error)) return;
    // Kept in the console for whoever diagnoses a deployment.
    console.warn('Chargement à la demande impossible :', error);
  }

  private retry = () => {
    retryFailedChunks();
    this.setState({ error: null });
  };

  render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    if (!isChunkLoadError(error)) throw error;
    if (this.props.fallback !== undefined) return this.props.fallback;
    return <ChunkErrorMessage what={this.props.what} onRetry={this.retry} />;
  }
}

function ChunkErrorMessage({ what, onRetry }: { what?: string; onRetry: () => void }) {
  const t = useT();
  const offline = browserOffline();
  return (
    <div className="chunk-error" role="alert" data-testid="chunk-error">
      <p>
        <strong>{t('shell.chunk.title', { what: what ?? t('shell.chunk.part') })}</strong>
      </p>
      <p>{t(offline ? 'shell.chunk.offline' : 'shell.chunk.online')}</p>
      <p className="button-row">
        <button type="button" className="primary" onClick={onRetry}>
          {t('shell.chunk.retry')}
        </button>
        <button type="button" onClick={() => window.location.reload()}>
          {t('shell.chunk.reload')}
        </button>
      </p>
    </div>
  );
}
