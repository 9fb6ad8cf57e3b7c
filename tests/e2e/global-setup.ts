/**
 * Builds the data (when missing) and the app into a private folder, serves it on a free
 * loopback port, and hands the URL to the tests. Several runs can go on at once.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium introuvable (${CHROMIUM}) : installez le paquet Debian « chromium » (apt-get install chromium).`);
  }
  // Same step as `npm start` and `npm test`: the data and the fictitious sample, when missing.
  const r = spawnSync('node', ['scripts/ensure-data.mjs'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('La construction des données a échoué.');
  const outDir = mkdtempSync(join(tmpdir(), 'atlas-e2e-'));
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await preview({ logLevel: 'warn', build: { outDir }, preview: { port: 0, host: '127.0.0.1', strictPort: false } });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no port');
  const baseURL = `http://127.0.0.1:${address.port}/`;
  project.provide('baseURL', baseURL);
  // The built files, for tests that serve a copy of their own (e.g. a new deployment).
  project.provide('outDir', outDir);
  return async () => {
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    outDir: string;
  }
}
