/**
 * Checks a production build holds none of the test hooks (window.__atlas, __atlasPerf marks),
 * which `vite build` compiles out (src/testHooksFlag.d.ts). Run by `npm run build` after Vite;
 * exits 1 and names the files when one is found.
 *
 *   npx tsx scripts/check-bundle.ts [DIR]   (default dist)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The marker every test hook carries (`__atlas`, `__atlasPerf`). */
export const TEST_HOOK_MARKER = '__atlas';

/** Files of a build (scripts, pages, workers) that contain the test hooks' marker. */
export function filesWithTestHooks(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        // Published data is not code (and a site could be named anything).
        if (relative(dir, p) !== 'data') walk(p);
      } else if (/\.(m?js|html)$/.test(name) && readFileSync(p, 'utf8').includes(TEST_HOOK_MARKER)) {
        found.push(relative(dir, p));
      }
    }
  };
  walk(dir);
  return found.sort();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? 'dist';
  const found = filesWithTestHooks(dir);
  if (found.length) {
    console.error(`Crochets de test (« ${TEST_HOOK_MARKER} ») dans la version de production (${dir}) :\n  ${found.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`Aucun crochet de test dans ${dir}.`);
}
