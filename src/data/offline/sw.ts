/// <reference lib="webworker" />
/**
 * The service worker (built to `sw.js` beside index.html by vite-plugin-pwa, strategy
 * « injectManifest »; registered by ./register.ts after the first map idle).
 *
 * - Precache: the app shell (index.html, CSS, fonts, icons, manifest), every chunk loaded on
 *   demand and every worker, and the published data of public/data — one list with a revision
 *   per file, written into `self.__WB_MANIFEST` at build time. After a first visit the atlas,
 *   its sheets, the comparison and edit mode (imports included) work with no network.
 * - The fictitious sample (public/data/sample.geojson, ~0.6 MB) is not precached: it is kept
 *   the first time it is loaded (network first, then this copy when offline).
 * - A new deployment brings a new sw.js: it installs beside the running one and waits. The
 *   page shows « Nouvelle version disponible »; only when the user accepts does it take over
 *   (message SKIP_WAITING), and the page reloads. Until then every file, data included, comes
 *   from the old version's list: old and new chunks never mix.
 * - Navigations: the app's root (with any query) answers index.html from the precache. A deep
 *   path inside the app's folder (`/x/y`, which a server's fallback would answer with an
 *   index.html whose relative assets then fail) is redirected to the root, keeping the query;
 *   the browser keeps the hash (`#/site/…`) across the redirect.
 */
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

// The query of the app's URL is its state (filters, selection…), never part of a file's name.
precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/.*/], directoryIndex: 'index.html', cleanURLs: false });
cleanupOutdatedCaches();

const scope = new URL(self.registration.scope);

/** The path of a URL inside the app's folder ('' for the root), or null when outside. */
function inScope(url: URL): string | null {
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return null;
  return url.pathname.slice(scope.pathname.length);
}

registerRoute(
  ({ request, url }) => request.mode === 'navigate' && inScope(url) !== null,
  async ({ request, url }) => {
    const rest = inScope(url) ?? '';
    if (rest === '' || rest === 'index.html') {
      return (await matchPrecache('index.html')) ?? fetch(request);
    }
    // A file (e.g. data/sites.geojson opened directly, not precached): the network.
    if (/\.[a-z0-9]{1,8}$/i.test(rest)) return fetch(request);
    return Response.redirect(scope.href + url.search, 302);
  },
);

registerRoute(
  ({ url }) => inScope(url) === 'data/sample.geojson',
  new NetworkFirst({ cacheName: 'atlas-sample', networkTimeoutSeconds: 10 }),
);

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
