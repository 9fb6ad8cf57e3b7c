/**
 * The Content-Security-Policy of the built atlas, written as a `<meta http-equiv>` at the top
 * of index.html (the app is static files: no server to send a header). As strict as the app
 * allows, measured by tests/e2e/shell-csp.e2e.ts (no violation in any view):
 *
 * - everything from the app's own origin only ('self'): scripts, styles, fonts, workers (the
 *   MapLibre worker, the distance and import workers, the service worker), data, manifest;
 * - inline scripts: only those of index.html, each allowed by its SHA-256 (the deep-path
 *   rescue); no 'unsafe-inline', no 'unsafe-eval'; 'wasm-unsafe-eval' (WebAssembly only: sql.js
 *   for the GeoPackage export);
 * - images: 'self' and `data:` (MapLibre's control icons, the printed minimap). MapLibre
 *   decodes tiles with createImageBitmap, so no `blob:` is needed (measured in Chromium);
 * - the optional IGN basemap: its tile host in `img-src` and `connect-src`;
 * - no plugins, no <base> from elsewhere, forms post nowhere else.
 *
 * `frame-ancestors` cannot be set by a meta tag: a deployment that needs it sends a header.
 */
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

/** Origin of the IGN Géoplateforme tiles (src/map/basemap.ts `IGN_TILES`; a unit test keeps them in step). */
export const IGN_ORIGIN = 'https://data.geopf.fr';

/** The policy, given the hashes ('sha256-…') of the page's inline scripts. */
export function contentSecurityPolicy(scriptHashes: readonly string[] = []): string {
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    // 'wasm-unsafe-eval': WebAssembly only (never JS eval), for sql.js writing a GeoPackage export
    // on the page (measured: the export is refused without it; reading runs in a worker).
    ['script-src', ["'self'", "'wasm-unsafe-eval'", ...scriptHashes.map((h) => `'${h}'`)]],
    ['style-src', ["'self'"]],
    ['img-src', ["'self'", 'data:', IGN_ORIGIN]],
    ['font-src', ["'self'"]],
    ['connect-src', ["'self'", IGN_ORIGIN]],
    ['worker-src', ["'self'"]],
    ['manifest-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'self'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** SHA-256 (base64, as CSP writes it) of each inline `<script>` (one without `src`) of an HTML page. */
export function inlineScriptHashes(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
    const attrs = m[1] ?? '';
    if (/\ssrc\s*=/i.test(attrs)) continue;
    out.push(`sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}`);
  }
  return out;
}

/** Puts the policy as the first element of `<head>` (a meta CSP only covers what follows it). */
export function withCspMeta(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(inlineScriptHashes(html))}" />`;
  return html.replace(/<head>(\s*<meta charset="[^"]*"\s*\/?>)?/i, (head) => `${head}\n    ${meta}`);
}

/** Vite plugin: the policy in the built index.html (not in the dev server, whose HMR needs inline code). */
export function cspPlugin(): Plugin {
  return {
    name: 'atlas-csp',
    apply: 'build',
    transformIndexHtml: { order: 'post', handler: (html) => withCspMeta(html) },
  };
}
