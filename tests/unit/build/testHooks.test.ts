/**
 * The test hooks (window.__atlas exposes the map; __atlasPerf marks) never ship: the production
 * build (what `npm run build` makes) holds no trace of them. The browser tests' build has them
 * (tests/e2e/global-setup.ts checks that side). One Vite build, a few seconds.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { filesWithTestHooks } from '../../../scripts/check-bundle';

describe('test hooks in the production build', () => {
  it('the check finds the marker in a build that has it (and skips the published data)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-hooks-'));
    try {
      mkdirSync(join(dir, 'assets'));
      mkdirSync(join(dir, 'data'));
      writeFileSync(join(dir, 'assets', 'index-abc.js'), 'window.__atlas={mapReady:!0};');
      writeFileSync(join(dir, 'assets', 'other-def.js'), 'console.log(1);');
      writeFileSync(join(dir, 'data', 'names.js'), '"__atlas"');
      expect(filesWithTestHooks(dir)).toEqual(['assets/index-abc.js']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('`vite build` (production) has no window.__atlas nor __atlasPerf', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'atlas-prod-'));
    try {
      await build({ logLevel: 'silent', build: { outDir, emptyOutDir: true } });
      // The app was built (its scripts are there to be searched)…
      expect(readdirSync(join(outDir, 'assets')).filter((f) => f.endsWith('.js')).length).toBeGreaterThan(3);
      // …and none of them holds a hook.
      expect(filesWithTestHooks(outDir)).toEqual([]);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  }, 120000);
});
