/**
 * Offline support and new versions: the state the update prompt shows. Owner of the service
 * worker registration (src/data/offline/register.ts, loaded on demand once the atlas is up).
 */
import { create } from 'zustand';
import { useAtlas } from './store';

export interface OfflineState {
  /** 'update': a new version waits (`apply` switches to it); 'replaced': another tab switched to a new version. */
  update: 'none' | 'update' | 'replaced';
  apply: (() => void) | null;
  /** The first installation just finished: the atlas now works offline. */
  offlineReady: boolean;
  /** The browser says it has no network. */
  offline: boolean;
  dismiss(what: 'update' | 'offlineReady'): void;
}

export const useOffline = create<OfflineState>()((set) => ({
  update: 'none',
  apply: null,
  offlineReady: false,
  offline: typeof navigator !== 'undefined' && navigator.onLine === false,
  dismiss: (what) => set(what === 'update' ? { update: 'none' } : { offlineReady: false }),
}));

let started = false;
let watching = false;

/**
 * Follows the browser's network state (`online`/`offline` events) from the start of the page:
 * « Hors ligne » shows as soon as the network goes, even before the map's first idle.
 */
function watchNetwork(): void {
  if (watching || typeof window === 'undefined') return;
  watching = true;
  const update = () => useOffline.setState({ offline: navigator.onLine === false });
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  update();
}

/**
 * Starts offline support once (call after the first screen is up: the registration and the
 * precache download must not compete with the first load).
 */
export function startOfflineSupport(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  watchNetwork();
  // The dev server (hot reload) has no service worker; any build has one.
  if (import.meta.hot) return;
  import('../data/offline/register')
    .then((m) =>
      m.registerServiceWorker({
        onUpdate: (apply) => useOffline.setState({ update: 'update', apply }),
        onOfflineReady: () => useOffline.setState({ offlineReady: true }),
        onReplaced: () => useOffline.setState({ update: 'replaced', apply: () => window.location.reload() }),
      }),
    )
    .catch(() => {
      /* no service worker: the atlas works online only */
    });
}

/** The map's first idle with data (performance mark set by src/map/controller.ts). */
const FIRST_IDLE_MARK = 'atlas-first-idle';
/** Pages without the map (a sheet opened directly…): start this long after the data instead. */
const NO_MAP_DELAY_MS = 8000;

/**
 * Starts offline support once the first screen is up: after the map's first idle with data
 * (or, on a page without the map, a few seconds after the data), when the browser is idle —
 * the precache download (~3.5 MB, data included) never competes with the first display.
 * The network state is followed from now on.
 */
export function startOfflineSupportWhenIdle(): void {
  if (typeof window === 'undefined') return;
  watchNetwork();
  let done = false;
  const go = () => {
    if (done) return;
    done = true;
    if ('requestIdleCallback' in window) window.requestIdleCallback(() => startOfflineSupport(), { timeout: 5000 });
    else setTimeout(startOfflineSupport, 500);
  };
  if (performance.getEntriesByName(FIRST_IDLE_MARK).length) return go();
  if (typeof PerformanceObserver !== 'undefined') {
    const po = new PerformanceObserver((list) => {
      if (!list.getEntriesByName(FIRST_IDLE_MARK).length) return;
      po.disconnect();
      go();
    });
    try {
      po.observe({ type: 'mark' });
    } catch {
      /* no mark observation: the delay below starts it */
    }
  }
  const afterData = () => setTimeout(go, NO_MAP_DELAY_MS);
  if (useAtlas.getState().status !== 'loading') afterData();
  else {
    const stop = useAtlas.subscribe((st) => {
      if (st.status === 'loading') return;
      stop();
      afterData();
    });
  }
}
