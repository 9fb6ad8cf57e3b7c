import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Static build: everything under dist/ can be served by any static web server.
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 2000 },
  server: { port: 5173 },
  preview: { port: 4173 },
});
