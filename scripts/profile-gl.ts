/**
 * Where the GPU's time goes until the map's first idle, per map layer: a diagnosis tool for the
 * frames that SwiftShader (the software WebGL of headless chromium here) makes slow.
 *
 *   npx tsx scripts/profile-gl.ts [--dist DIR] [--sites FILE] [--top 25]
 *
 * Wraps the page's WebGL2 context before the app starts: each draw call, buffer and texture
 * upload and clear is timed between two GPU syncs (a 1-pixel `readPixels` before and after), and
 * charged to the layer MapLibre is drawing (its painter's `renderLayer`, reached through the test
 * build's `__atlasMapEarly`). Draws before the first layer of a frame (MapLibre's stencil clear,
 * a full-screen quad) are charged to « (début d'image) ». Also counts the frames (`render`
 * events) and the tiles laid out per source until the first idle.
 *
 * The syncs serialise the GPU work and add their own cost: read the figures as shares of the
 * GPU's work, not as the time of an unsynced frame. `--sites FILE` serves a sites GeoJSON (and
 * its compact copy) in place of the real sites (give --dist a scratch copy of a build).
 *
 * `--import FILE [--prefix BENCH-]`: after the first idle, imports FILE through the editor's
 * import (as scripts/bench-import.ts and bench-drafts.ts do) and profiles from « Importer » until
 * the map draws a site whose id starts with the prefix, instead of the start. With or without it,
 * the costliest frame is also broken down by layer (the long tasks of the benches are frames).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { compactSites } from '../src/data/compactSites';
import { launchChromium, loadAvg, newContext, serveApp, serveSitesFile } from './lib/serve';
import { importAndDraw } from './lib/mapDraws';

function arg(name: string): string | null {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}

interface Row {
  ms: number;
  n: number;
  bytes: number;
  /** The longest call (ms): a layer's first draw also compiles its program in SwiftShader. */
  max: number;
}

/** Runs in the page before any script (addInitScript): wraps WebGL2 and, once the map exists, its painter. */
function probe(): void {
  const w = window as unknown as Record<string, unknown>;
  const rows: Record<string, Row> = {};
  const tiles: Record<string, number> = {};
  let frames = 0;
  /** The GPU time (ms) of the frame being drawn, by key; the costliest frame so far. */
  let frame: Record<string, number> = {};
  let costliest: { ms: number; rows: Record<string, number> } = { ms: 0, rows: {} };
  const endFrame = () => {
    const ms = Object.values(frame).reduce((a, b) => a + b, 0);
    if (ms > costliest.ms) costliest = { ms, rows: frame };
    frame = {};
  };
  w.__glProbe = {
    rows,
    tiles,
    frames: () => frames,
    costliest: () => (endFrame(), costliest),
    reset: () => {
      for (const k of Object.keys(rows)) delete rows[k];
      for (const k of Object.keys(tiles)) delete tiles[k];
      frames = 0;
      frame = {};
      costliest = { ms: 0, rows: {} };
    },
  };
  let layer = '(début d’image)';
  const px = new Uint8Array(4);
  const sync = (gl: WebGL2RenderingContext) => {
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
    gl.getError();
  };
  const add = (key: string, ms: number, bytes = 0) => {
    const r = (rows[key] ??= { ms: 0, n: 0, bytes: 0, max: 0 });
    r.ms += ms;
    r.max = Math.max(r.max, ms);
    r.n++;
    r.bytes += bytes;
    frame[key] = (frame[key] ?? 0) + ms;
  };
  const P = WebGL2RenderingContext.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  const wrap = (fn: string, key: (a: unknown[]) => [string, number]) => {
    const original = P[fn];
    P[fn] = function (this: WebGL2RenderingContext, ...a: unknown[]) {
      sync(this);
      const t = performance.now();
      const r = original.apply(this, a);
      sync(this);
      const [k, bytes] = key(a);
      add(k, performance.now() - t, bytes);
      return r;
    };
  };
  for (const fn of ['drawElements', 'drawArrays']) wrap(fn, () => [`dessin · ${layer}`, 0]);
  for (const fn of ['bufferData', 'bufferSubData', 'texImage2D', 'texSubImage2D']) {
    wrap(fn, (a) => {
      const data = a.find((x) => ArrayBuffer.isView(x)) as ArrayBufferView | undefined;
      return [`${fn} (envoi au GPU)`, data?.byteLength ?? 0];
    });
  }
  wrap('clear', () => ['clear', 0]);
  const watch = setInterval(() => {
    const map = w.__atlasMapEarly as
      | { painter?: { renderLayer: (...a: unknown[]) => unknown }; on(e: string, cb: (e: { sourceId?: string; tile?: unknown }) => void): void }
      | undefined;
    if (!map?.painter) return;
    clearInterval(watch);
    const painter = map.painter;
    const renderLayer = painter.renderLayer.bind(painter);
    painter.renderLayer = (...a: unknown[]) => {
      layer = (a[2] as { id?: string } | undefined)?.id ?? '?';
      return renderLayer(...a);
    };
    map.on('render', () => {
      frames++;
      endFrame();
      layer = '(début d’image)';
    });
    map.on('sourcedata', (e) => {
      if (e.tile && e.sourceId) tiles[e.sourceId] = (tiles[e.sourceId] ?? 0) + 1;
    });
  }, 2);
}

async function main(): Promise<void> {
  const served = await serveApp({ dist: arg('--dist'), testHooks: true });
  const browser = await launchChromium();
  try {
    const context = await newContext(browser);
    const sites = arg('--sites');
    if (sites) {
      const body = readFileSync(resolve(sites));
      await serveSitesFile(context, served, body, undefined, JSON.stringify(compactSites(JSON.parse(body.toString('utf8')) as FeatureCollection)));
    }
    // tsx (esbuild) names functions with a `__name` helper that the page lacks: defined as a no-op.
    await context.addInitScript({ content: `var __name = (f) => f;\n(${probe.toString()})();` });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('Erreur de page :', String(e)));
    await page.goto(served.url);
    await page.waitForFunction(() => performance.getEntriesByName('atlas-first-idle').length > 0, null, { timeout: 600000 });
    const importFile = arg('--import');
    let imported = '';
    if (importFile) {
      // The probe counts from « Importer » on.
      const reset = () => page.evaluate(() => (window as unknown as { __glProbe: { reset(): void } }).__glProbe.reset());
      const { clicked, drawn } = await importAndDraw(page, resolve(importFile), arg('--prefix') ?? 'BENCH-', reset);
      imported = `de « Importer » à la carte qui dessine les sites importés (${((drawn.at - clicked) / 1000).toFixed(1)} s)`;
    }
    const r = await page.evaluate(() => {
      const p = (window as unknown as { __glProbe: { rows: Record<string, Row>; tiles: Record<string, number>; frames: () => number; costliest: () => { ms: number; rows: Record<string, number> } } }).__glProbe;
      return { rows: p.rows, tiles: p.tiles, frames: p.frames(), costliest: p.costliest(), idle: performance.getEntriesByName('atlas-first-idle')[0].startTime };
    });
    const rows = Object.entries(r.rows).sort((a, b) => b[1].ms - a[1].ms);
    const total = rows.reduce((s, [, v]) => s + v.ms, 0);
    if (imported) console.log(`${imported} (mesures synchronisées : plus lent qu’à l’ordinaire) ; images dessinées : ${r.frames} ; charge ${loadAvg()}`);
    else console.log(`premier repos à ${r.idle.toFixed(0)} ms (mesures synchronisées : plus lent qu’à l’ordinaire) ; images dessinées : ${r.frames} ; charge ${loadAvg()}`);
    console.log(`tuiles mises en forme par source : ${Object.entries(r.tiles).map(([s, n]) => `${s} ${n}`).join(', ')}`);
    console.log(`temps GPU (synchronisé) : ${total.toFixed(0)} ms`);
    for (const [k, v] of rows.slice(0, Number(arg('--top') ?? 25))) {
      const share = ((100 * v.ms) / total).toFixed(1).padStart(5);
      console.log(`${v.ms.toFixed(1).padStart(9)} ms ${share} % ${String(v.n).padStart(6)} appels (le plus long ${v.max.toFixed(1)} ms) ${v.bytes ? `${(v.bytes / 1024).toFixed(0)} ko ` : ''}${k}`);
    }
    console.log(`l’image la plus coûteuse : ${r.costliest.ms.toFixed(0)} ms de GPU (synchronisé)`);
    for (const [k, ms] of Object.entries(r.costliest.rows).sort((a, b) => b[1] - a[1]).slice(0, 12)) {
      console.log(`${ms.toFixed(1).padStart(9)} ms ${((100 * ms) / r.costliest.ms).toFixed(1).padStart(5)} % ${k}`);
    }
  } finally {
    await browser.close();
    await served.close();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
