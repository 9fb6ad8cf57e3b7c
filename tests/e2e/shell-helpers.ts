/** Helpers shared by the app-shell browser tests (offline, update, CSP, print, public tools). */
import type { Page } from 'playwright-core';

/** Waits until the atlas map reports it is ready (first idle with data). */
export function mapReady(page: Page, timeout = 30000): Promise<unknown> {
  return page.waitForFunction(() => (window as unknown as { __atlas?: { mapReady?: boolean } }).__atlas?.mapReady === true, null, { timeout });
}

/** Waits until the page's service worker is activated (everything precached); returns its state. */
export function swActivated(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const sw = (await navigator.serviceWorker.ready).active!;
    if (sw.state !== 'activated') await new Promise((r) => sw.addEventListener('statechange', () => sw.state === 'activated' && r(null)));
    return sw.state;
  });
}

/** The ids of the published sites (data/sites.geojson), in file order. */
export function siteIds(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const fc = (await (await fetch('./data/sites.geojson')).json()) as { features: { properties: { id: string } }[] };
    return fc.features.map((f) => f.properties.id);
  });
}

/** Turns « Mode édition » on, opens the « Édition » tab and starts importing `file`, up to its report. */
export async function importInEditMode(page: Page, file: string): Promise<void> {
  await page.getByLabel('Mode édition').check();
  await page.getByRole('tab', { name: 'Édition' }).click();
  await page.getByRole('heading', { name: 'Édition des sites' }).waitFor({ timeout: 20000 });
  const details = page.getByTestId('import-section');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  await page.getByLabel(/^Importer un fichier/).setInputFiles(file);
  await page.getByTestId('crs-detected').waitFor({ timeout: 20000 });
}
