/**
 * Code loaded on demand that survives a failed download.
 *
 * `React.lazy` remembers a failed `import()` for ever: once a chunk could not be fetched
 * (offline, or « 404 » because a new version was deployed and the old files are gone), the
 * component throws the same error at every render and, with no boundary, React unmounts the
 * whole app. Here:
 *
 * - `lazyWithRetry(load)` is a lazy component whose loader can be started again;
 * - `<ChunkBoundary>` catches the errors of chunk downloads only (anything else goes on to the
 *   boundary above it), shows what happened and offers « Réessayer » (a new download of every
 *   failed chunk) and « Recharger la page » (the address keeps the whole state, and drafts live
 *   in the browser's storage, so nothing is lost).
 *
 *   const SheetPage = lazyWithRetry(() => import('../sheet/SiteSheetPage').then((m) => ({ default: m.SiteSheetPage })));
 *   <ChunkBoundary><Suspense fallback={…}><SheetPage /></Suspense></ChunkBoundary>
 */
import { Component, lazy, useSyncExternalStore, type ComponentProps, type ComponentType, type ErrorInfo, type ReactNode } from 'react';
import { useT } from '../i18n';

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

type Loader<T> = () => Promise<{ default: T }>;

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
 * Like `React.lazy(load)`, but a failed download is not final: after `retryFailedChunks()`
 * (what `<ChunkBoundary>`'s « Réessayer » calls) the next render downloads it again.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function lazyWithRetry<T extends ComponentType<any>>(load: Loader<T>): ComponentType<ComponentProps<T>> {
  const make = () =>
    lazy(() =>
      load().catch((e: unknown) => {
        failed.add(reset);
        throw e;
      }),
    );
  let current = make();
  function reset() {
    current = make();
  }
  function LazyWithRetry(props: ComponentProps<T>) {
    // A new generation (after « Réessayer ») renders the fresh lazy component.
    useSyncExternalStore(subscribe, getGeneration, getGeneration);
    const C = current as unknown as ComponentType<ComponentProps<T>>;
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
  const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
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
