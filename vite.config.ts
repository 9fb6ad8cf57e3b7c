import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { cspPlugin } from './scripts/lib/csp.ts';

// Static build: everything under dist/ can be served by any static web server, in any folder.
export default defineConfig({
  base: './',
  plugins: [
    react(),
    // Service worker and web-app manifest (offline use, « nouvelle version disponible »): see
    // src/data/offline/sw.ts. vite-plugin-pwa builds our worker and writes into it the list of
    // files to precache, each with a revision.
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/data/offline',
      filename: 'sw.ts',
      // Registered by the app itself (src/data/offline/register.ts), after the first screen.
      injectRegister: false,
      registerType: 'prompt',
      manifestFilename: 'manifest.webmanifest',
      includeAssets: [],
      includeManifestIcons: false,
      manifest: {
        id: './',
        name: 'Atlas foncier du Soissonnais-Valois',
        short_name: 'Atlas foncier',
        description: 'Foncier économique disponible et friches du PETR du Soissonnais et du Valois (Aisne).',
        lang: 'fr',
        dir: 'ltr',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0b4f8a',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      injectManifest: {
        // The shell, every chunk and worker, fonts, icons, and the published data. Not the
        // fictitious sample (~0.6 MB, loaded on request only: cached when first loaded).
        globPatterns: ['**/*.{html,js,mjs,css,wasm,woff2,woff,svg,png,ico,webmanifest,json,geojson}'],
        globIgnores: ['data/sample.geojson'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      },
      devOptions: { enabled: false },
    }),
    cspPlugin(),
  ],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 2000 },
  server: { port: 5173 },
  preview: { port: 4173 },
});
