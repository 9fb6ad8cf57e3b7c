/**
 * The « plain MapLibre page » the browser benches compare the atlas with: one GeoJSON source
 * holding the same sites, one circle layer, and `map.setFilter` on each filter change. No list,
 * no counts, no React: the naive way to filter points on a MapLibre map.
 *
 * It is served by the bench itself (playwright routes under `<app url>__baseline/`), with
 * MapLibre's own files from node_modules, so no page is added to the app. Each feature carries
 * the few precomputed properties the filters read (`s` surface in m², `l` readiness level,
 * `t` normalised search text, `k` friche status key): a plain page would store them in its data
 * too. The page exposes `window.__baseline = { map, ready, apply(state) }`; `apply` builds the
 * filter expression from a {@link BaselineFilter} and calls `map.setFilter`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { fricheStatusOf } from '../../src/domain/fricheStatus';
import { readinessLevel } from '../../src/domain/readiness';
import { siteSurfaceM2 } from '../../src/domain/surface';
import { normalizeForSearch } from '../../src/domain/text';
import type { Site } from '../../src/domain/types';

/** The filters the benches change, as the plain page applies them (same semantics as the atlas for these). */
export interface BaselineFilter {
  /** m² */
  surfaceMin: number | null;
  surfaceMax: number | null;
  levels: string[];
  /** Words, each to be found in the normalised text. */
  tokens: string[];
}

export const EMPTY_BASELINE_FILTER: BaselineFilter = { surfaceMin: null, surfaceMax: null, levels: [], tokens: [] };

/** The sites as the plain page's GeoJSON (points only: a polygon site is drawn at its first vertex). */
export function baselineBody(sites: readonly Site[]): string {
  const features = sites.map((s) => {
    const p = s.properties;
    const g = s.geometry;
    const point = g.type === 'Point' ? g : { type: 'Point', coordinates: firstPosition(g) };
    return {
      type: 'Feature',
      geometry: point,
      properties: {
        id: p.id,
        s: siteSurfaceM2(p),
        l: readinessLevel(p),
        k: fricheStatusOf(p.friche_status) ?? 'autre',
        t: `${normalizeForSearch(p.name)} ${normalizeForSearch(p.commune)} ${normalizeForSearch(p.id)}`,
      },
    };
  });
  return JSON.stringify({ type: 'FeatureCollection', features });
}

function firstPosition(g: Site['geometry']): number[] {
  let c: unknown = (g as { coordinates: unknown }).coordinates;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return c as number[];
}

const PAGE = (view: { center: [number, number]; zoom: number; minZoom: number }) => `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>MapLibre seul</title>
<link rel="stylesheet" href="./maplibre-gl.css">
<style>html,body,#map{margin:0;height:100%;width:100%}</style></head>
<body><div id="map"></div>
<script type="module">
import { Map, setWorkerUrl } from './maplibre-gl.mjs';
setWorkerUrl(new URL('./maplibre-gl-worker.mjs', location.href).href);
const map = new Map({
  container: 'map',
  center: ${JSON.stringify(view.center)},
  zoom: ${view.zoom},
  minZoom: ${view.minZoom},
  fadeDuration: 0,
  attributionControl: false,
  style: {
    version: 8,
    sources: { sites: { type: 'geojson', data: new URL('./sites.geojson', location.href).href } },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f4f1ea' } },
      {
        id: 'sites', type: 'circle', source: 'sites',
        paint: {
          'circle-radius': 4,
          'circle-color': ['match', ['get', 'k'], 'potentielle', '#7b3294', 'sans_projet', '#c2a5cf', 'avec_projet', '#a6dba0', 'reconvertie', '#008837', '#8c8c8c'],
          'circle-stroke-color': '#1e1e1e', 'circle-stroke-width': 1,
        },
      },
    ],
  },
});
function filterOf(f) {
  const all = ['all'];
  if (f.surfaceMin !== null) all.push(['>=', ['to-number', ['get', 's'], -1], f.surfaceMin]);
  if (f.surfaceMax !== null) all.push(['all', ['has', 's'], ['<=', ['to-number', ['get', 's'], 1e300], f.surfaceMax]]);
  if (f.levels.length) all.push(['in', ['get', 'l'], ['literal', f.levels]]);
  for (const t of f.tokens) all.push(['in', t, ['get', 't']]);
  return all.length > 1 ? all : null;
}
window.__baseline = { map, ready: false, apply: (f) => map.setFilter('sites', filterOf(f)) };
map.once('idle', () => { window.__baseline.ready = true; });
</script></body></html>`;

/**
 * Serves the plain page at `<base>__baseline/` in `context`: the page, MapLibre's files and
 * the sites (`body`, from {@link baselineBody}). Returns its URL.
 */
export async function routeBaselinePage(
  context: BrowserContext,
  base: string,
  body: string,
  view: { center: [number, number]; zoom: number; minZoom: number },
): Promise<string> {
  const require = createRequire(import.meta.url);
  const dist = join(dirname(require.resolve('maplibre-gl/package.json')), 'dist');
  const files: Record<string, [string, string | Buffer]> = {
    'index.html': ['text/html', PAGE(view)],
    'maplibre-gl.mjs': ['text/javascript', readFileSync(join(dist, 'maplibre-gl.mjs'))],
    'maplibre-gl-worker.mjs': ['text/javascript', readFileSync(join(dist, 'maplibre-gl-worker.mjs'))],
    'maplibre-gl.css': ['text/css', readFileSync(join(dist, 'maplibre-gl.css'))],
    'sites.geojson': ['application/geo+json', body],
  };
  const prefix = `${base}__baseline/`;
  await context.route((u) => u.href.startsWith(prefix), async (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop() || 'index.html';
    const f = files[name];
    if (!f) return route.fulfill({ status: 404, body: '' });
    await route.fulfill({ status: 200, contentType: f[0], body: f[1] });
  });
  return `${prefix}index.html`;
}

/** Opens the plain page and waits for its first idle with the sites. Returns the load time (ms). */
export async function openBaseline(page: Page, url: string): Promise<number> {
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __baseline?: { ready: boolean } }).__baseline?.ready === true, null, { timeout: 300000 });
  return Date.now() - t0;
}

/**
 * In-page measurement of one change on the plain page: from `setFilter` to the map's next
 * `idle` (plain JavaScript text, see the atlas bench for why).
 */
export const MEASURE_BASELINE = `async (f) => {
  const { map, apply } = window.__baseline;
  const idle = new Promise((res) => map.once('idle', () => res(performance.now())));
  const t0 = performance.now();
  apply(f);
  const t1 = await Promise.race([idle, new Promise((r) => setTimeout(() => r(NaN), 15000))]);
  return t1 - t0;
}`;
