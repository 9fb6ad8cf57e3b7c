/**
 * Profiles the atlas in headless chromium (Chrome tracing through playwright-core, the same data
 * as the DevTools performance panel) and prints where the time goes: per thread (main thread,
 * MapLibre workers…), per source file or package, and per function (self time), mapped back to
 * the original sources through the build's source maps.
 *
 *   npx tsx scripts/profile-browser.ts [--dist DIR] [--sites national|FILE] [--sample] [--filter]
 *                                      [--out trace.json] [--top 20]
 *
 * Default: the real data, traced from navigation to the map's first idle with data.
 * --sites national   the ~24,000 Cartofriches friches of France as sites (like the filter bench);
 * --sites FILE       any sites GeoJSON file served in place of sites.geojson (copied into the
 *                    served folder: give --dist a scratch copy of a build), with its compact
 *                    copy as the data build writes it (--geojson: the GeoJSON alone);
 * --sample           opens `?sample=1` (the fictitious sample of public/data/sample.geojson);
 * --filter           after the first idle, traces filter changes (surface, text, reset) instead;
 * --out FILE         keeps the raw trace (open it in chrome://tracing or the DevTools panel);
 * --readable         builds with MapLibre's unminified files, so its functions are named.
 * The build is made with source maps unless --dist is given (build it with `--sourcemap`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { printTraceSummary, SourceMaps, summariseTrace, TRACE_CATEGORIES } from './lib/trace';
import { launchChromium, loadAvg, newContext, serveApp, serveSites, serveSitesFile } from './lib/serve';
import { nationalSitesBody } from './lib/nationalSites';
import type { FeatureCollection } from 'geojson';
import { compactSites } from '../src/data/compactSites';

function arg(name: string): string | null {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}

async function main(): Promise<void> {
  const served = await serveApp({ dist: arg('--dist'), sourcemap: true, readableMapLibre: process.argv.includes('--readable'), testHooks: true });
  const browser = await launchChromium();
  try {
    const context = await newContext(browser);
    const sites = arg('--sites');
    if (sites === 'national') await serveSites(context, nationalSitesBody().body);
    else if (sites) {
      const body = readFileSync(resolve(sites));
      // With its compact copy, as the data build writes it (the page reads that one).
      const compact = process.argv.includes('--geojson') ? undefined : JSON.stringify(compactSites(JSON.parse(body.toString('utf8')) as FeatureCollection));
      await serveSitesFile(context, served, body, undefined, compact);
    }
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('Erreur de page :', String(e)));
    const filterMode = process.argv.includes('--filter');
    const url = served.url + (process.argv.includes('--sample') ? '?sample=1' : '');
    if (!filterMode) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    const t0 = Date.now();
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('atlas-first-idle').length > 0, null, { timeout: 300000 });
    const marks = await page.evaluate(() =>
      performance
        .getEntriesByType('mark')
        .filter((m) => m.name.startsWith('atlas-'))
        .map((m) => `${m.name} ${m.startTime.toFixed(0)}`),
    );
    console.log(`chargement : ${Date.now() - t0} ms ; repères : ${marks.join(', ')}`);
    if (filterMode) {
      await browser.startTracing(page, { categories: TRACE_CATEGORIES });
      for (const v of ['0,5', '5', '', '50', '']) {
        await page.evaluate(`(async () => {
          const el = [...document.querySelectorAll('label')].find((l) => l.textContent.trim() === 'Minimum (ha)')?.control;
          const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
          const map = window.__atlas.map;
          const idle = new Promise((r) => map.once('idle', r));
          setter.call(el, ${JSON.stringify(v)});
          el.dispatchEvent(new Event('input', { bubbles: true }));
          await Promise.race([idle, new Promise((r) => setTimeout(r, 3000))]);
        })()`);
      }
    }
    const trace = await browser.stopTracing();
    const out = arg('--out');
    if (out) writeFileSync(out, trace);
    console.log(`charge de la machine : ${loadAvg()}`);
    printTraceSummary(summariseTrace(trace, new SourceMaps(served.outDir)), Number(arg('--top') ?? 20));
  } finally {
    await browser.close();
    await served.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
