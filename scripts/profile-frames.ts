/**
 * What one frame of the map costs the page's main thread, by group of layers: a diagnosis tool for
 * the long tasks of the import benches, which are frames (scripts/lib/trace.ts longTasks shows
 * them: MapLibre's script, then the compositor's readback of the WebGL canvas, `GLES2::ReadPixels`,
 * waiting for SwiftShader to draw the frame in the GPU process).
 *
 *   npx tsx scripts/profile-frames.ts [--dist DIR] [--import FILE [--prefix BENCH-]] [--frames 8] [--rounds 2]
 *
 * With the map still (after the first idle, or once it draws the sites imported from FILE as
 * scripts/bench-import.ts does), repaints it `--frames` times and takes each frame's long task
 * (Long Tasks API, as the benches: 0 when under 50 ms), for each configuration: every layer; the
 * dots' white centres (fictitious sites) hidden; every site layer hidden; every other layer
 * hidden; the site dots shrunk to a speck (0.5 px, no edge: what is left is their cost per dot,
 * not per pixel); nothing. Hiding a layer reloads the tiles of its source: each configuration
 * waits for the map's idle first. Configurations alternate by round (machine load drifts).
 */
import { resolve } from 'node:path';
import { importAndDraw, recordLongTasks } from './lib/mapDraws';
import { launchChromium, loadAvg, newContext, serveApp } from './lib/serve';
import { median } from './lib/bench';

function arg(name: string): string | null {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}
const FRAMES = Number(arg('--frames') ?? 8);
const ROUNDS = Number(arg('--rounds') ?? 2);

type Paint = [layer: string, property: string, value: unknown];

async function main(): Promise<void> {
  const served = await serveApp({ dist: arg('--dist'), testHooks: true });
  const browser = await launchChromium();
  try {
    const context = await newContext(browser);
    await recordLongTasks(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('Erreur de page :', String(e)));
    await page.goto(served.url);
    await page.waitForFunction(() => (window as unknown as { __atlas?: { mapReady?: boolean } }).__atlas?.mapReady === true, null, { timeout: 600000 });
    const file = arg('--import');
    if (file) await importAndDraw(page, resolve(file), arg('--prefix') ?? 'BENCH-');

    // A string: no named function in the page's code (tsx would wrap it in a helper the page does not have).
    const frames = (hide: string[], paint: Paint[]) =>
      page.evaluate(`(async () => {
        const map = window.__atlas.map;
        const idle = () => new Promise((r) => { map.once('idle', r); map.triggerRepaint(); });
        const hidden = ${JSON.stringify(hide)}.filter((id) => map.getLayer(id));
        const paint = ${JSON.stringify(paint)};
        const before = paint.map(([l, k]) => [l, k, map.getPaintProperty(l, k)]);
        for (const id of hidden) map.setLayoutProperty(id, 'visibility', 'none');
        for (const [l, k, v] of paint) map.setPaintProperty(l, k, v);
        await idle();
        const out = [];
        for (let i = 0; i < ${FRAMES}; i++) {
          const t = performance.now();
          // The frame's task, then a task after it (its long task entry comes after it).
          await new Promise((r) => { map.once('render', () => setTimeout(r, 0)); map.triggerRepaint(); });
          await new Promise((r) => setTimeout(r, 20));
          out.push(Math.max(0, ...window.__longTasks.filter((e) => e.start >= t).map((e) => e.duration)));
        }
        for (const [l, k, v] of before) map.setPaintProperty(l, k, v);
        for (const id of hidden) map.setLayoutProperty(id, 'visibility', 'visible');
        await idle();
        return out;
      })()`) as Promise<number[]>;

    const layers = (await page.evaluate(`window.__atlas.map.getStyle().layers.filter((l) => (l.layout?.visibility ?? 'visible') !== 'none').map((l) => l.id)`)) as string[];
    const sites = layers.filter((l) => l.startsWith('sites-'));
    const dots = sites.filter((l) => /-dot(-hole)?$/.test(l));
    const speck: Paint[] = dots.flatMap((l): Paint[] => [[l, 'circle-radius', 0.5], ...(l.endsWith('-hole') ? [] : [[l, 'circle-stroke-width', 0] as Paint])]);
    const configs: { label: string; hide: string[]; paint?: Paint[] }[] = [
      { label: 'tout', hide: [] },
      { label: 'sans les centres blancs des points (fictifs)', hide: dots.filter((l) => l.endsWith('-hole')) },
      { label: 'points des sites réduits à 0,5 px', hide: [], paint: speck },
      { label: 'sans les couches des sites', hide: sites },
      { label: 'sans les autres couches', hide: layers.filter((l) => !l.startsWith('sites-')) },
      { label: 'rien', hide: layers },
    ];
    console.log(`images de la carte immobile, ${FRAMES} par configuration et par tour, ${ROUNDS} tours${file ? `, après l’import de ${file}` : ''} ; couches des sites visibles : ${sites.join(', ')} ; charge ${loadAvg()}`);
    const all = new Map<string, number[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const c of round % 2 ? [...configs].reverse() : configs) {
        const xs = await frames(c.hide, c.paint ?? []);
        all.set(c.label, [...(all.get(c.label) ?? []), ...xs]);
        console.log(`  tour ${round + 1}, ${c.label} : ${xs.map((x) => x.toFixed(0)).join(' ')} ms  [charge ${loadAvg()}]`);
      }
    }
    for (const c of configs) {
      const xs = all.get(c.label)!;
      console.log(`${c.label.padEnd(46)} médiane ${median(xs).toFixed(0).padStart(5)} ms, max ${Math.max(...xs).toFixed(0).padStart(5)} ms`);
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
