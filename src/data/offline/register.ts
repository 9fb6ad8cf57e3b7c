/**
 * Registers the service worker (./sw.ts, built to `sw.js` beside index.html) with
 * workbox-window, loaded on demand. Browser only; nothing happens where service workers are
 * unavailable (an insecure context, a private window that forbids them…): the atlas then
 * simply works online only.
 *
 * A new deployment is found at the next visit (the browser compares sw.js) or when the page
 * comes back to the foreground (checked at most once an hour). The new worker waits: the page
 * is told (`onUpdate`) and switches only when the user accepts (`apply` → the waiting worker
 * takes over, then the page reloads), so a page never runs with a mix of old and new files.
 */

export interface OfflineCallbacks {
  /** A new version is installed and waits; `apply()` switches to it and reloads the page. */
  onUpdate(apply: () => void): void;
  /** The first installation is done: the atlas now works offline. */
  onOfflineReady(): void;
  /** Another tab switched to a new version: this page still runs the old one. */
  onReplaced(): void;
}

const UPDATE_CHECK_MS = 60 * 60 * 1000;

export async function registerServiceWorker(callbacks: OfflineCallbacks, url = './sw.js'): Promise<boolean> {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator) || !window.isSecureContext) return false;
  const { Workbox } = await import('workbox-window');
  const wb = new Workbox(url, { scope: './' });
  let applying = false;

  wb.addEventListener('waiting', () => {
    callbacks.onUpdate(() => {
      applying = true;
      wb.addEventListener('controlling', () => window.location.reload());
      wb.messageSkipWaiting();
    });
  });
  wb.addEventListener('activated', (e) => {
    if (!e.isUpdate && !e.isExternal) callbacks.onOfflineReady();
  });
  // The worker never claims pages itself: a change of controller this page did not ask for
  // is another tab's « Mettre à jour ».
  wb.addEventListener('controlling', () => {
    if (!applying) callbacks.onReplaced();
  });

  const registration = await wb.register();
  if (!registration) return false;
  let lastCheck = Date.now();
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible' || Date.now() - lastCheck < UPDATE_CHECK_MS) return;
    lastCheck = Date.now();
    void wb.update().catch(() => undefined);
  });
  return true;
}
