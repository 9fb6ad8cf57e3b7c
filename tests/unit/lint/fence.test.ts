/**
 * The layer fence (eslint.config.js, docs/layers.md) cannot silently go away: small snippets,
 * linted with the project's own ESLint config as if they sat in a layer's folder, must be
 * refused when they cross a boundary, and accepted when they respect it.
 * The files do not exist: only their path and text are given to ESLint (its Node API).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: ROOT });
// The boundary cases without no-cycle (it walks the whole import graph: seconds per snippet);
// the cycle case below runs the project's config as is.
const eslintNoCycle = new ESLint({ cwd: ROOT, overrideConfig: { rules: { 'import-x/no-cycle': 'off' } } });

/** The rule ids ESLint reports for `code` placed at `path` (relative to the repository). */
async function rulesFired(path: string, code: string, linter = eslintNoCycle): Promise<string[]> {
  const [result] = await linter.lintText(code, { filePath: join(ROOT, path) });
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length) throw new Error(fatal.map((m) => m.message).join('\n'));
  return result.messages.map((m) => m.ruleId ?? '');
}

const FENCE = 'import-x/no-restricted-paths';

describe('layer fence (ESLint)', () => {
  // Loading the config, the TypeScript parser and the resolver: once, outside the tests' time.
  beforeAll(async () => {
    await Promise.all([eslint, eslintNoCycle].map((l) => l.lintText('export {};\n', { filePath: join(ROOT, 'src/domain/__warmup__.ts') })));
  }, 60000);

  it('domain imports nothing of the app, nor React, MapLibre or Node', async () => {
    expect(await rulesFired('src/domain/__fence__.ts', "import { fmtKm } from '../ui/shared/format';\nexport const x = fmtKm;\n")).toContain(FENCE);
    expect(await rulesFired('src/domain/__fence__.ts', "import { useAtlas } from '../state/store';\nexport const x = useAtlas;\n")).toContain(FENCE);
    expect(await rulesFired('src/domain/__fence__.ts', "import { loadAtlas } from '../data/loadAtlas';\nexport const x = loadAtlas;\n")).toContain(FENCE);
    expect(await rulesFired('src/domain/__fence__.ts', "import { useState } from 'react';\nexport const x = useState;\n")).toContain('@typescript-eslint/no-restricted-imports');
    expect(await rulesFired('src/domain/__fence__.ts', "import { Map } from 'maplibre-gl';\nexport const x = Map;\n")).toContain('@typescript-eslint/no-restricted-imports');
    expect(await rulesFired('src/domain/__fence__.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toContain('import-x/no-nodejs-modules');
    // Inside the domain, and pure libraries: accepted.
    expect(await rulesFired('src/domain/__fence__.ts', "import { normalizeText } from './text';\nimport area from '@turf/area';\nexport const x = [normalizeText, area];\n")).toEqual([]);
  });

  it('data does not import state, ui or map', async () => {
    expect(await rulesFired('src/data/__fence__.ts', "import { useAtlas } from '../state/store';\nexport const x = useAtlas;\n")).toContain(FENCE);
    expect(await rulesFired('src/data/__fence__.ts', "import { useT } from '../ui/i18n';\nexport const x = useT;\n")).toContain(FENCE);
    expect(await rulesFired('src/data/__fence__.ts', "export * from '../map/types';\n")).toContain(FENCE);
    expect(await rulesFired('src/data/__fence__.ts', "import { normalizeText } from '../domain/text';\nexport const x = normalizeText;\n")).toEqual([]);
  });

  it('state does not import ui or map; map does not import ui', async () => {
    expect(await rulesFired('src/state/__fence__.ts', "import { navigate } from '../ui/shared/navigate';\nexport const x = navigate;\n")).toContain(FENCE);
    expect(await rulesFired('src/state/__fence__.ts', "export * from '../map/types';\n")).toContain(FENCE);
    expect(await rulesFired('src/map/__fence__.ts', "import { fmtKm } from '../ui/shared/format';\nexport const x = fmtKm;\n")).toContain(FENCE);
  });

  it('a UI feature does not import another feature’s internals, only shared code or a public entry', async () => {
    // Lazy imports are fenced too.
    expect(await rulesFired('src/ui/compare/__fence__.ts', "export const x = () => import('../sheet/SiteSheetPage');\n")).toContain(FENCE);
    expect(await rulesFired('src/ui/search/__fence__.ts', "import { App } from '../app/App';\nexport const x = App;\n")).toContain(FENCE);
    expect(await rulesFired('src/ui/shared/__fence__.ts', "import { fmtHa } from '../search/format';\nexport const x = fmtHa;\n")).toContain(FENCE);
    expect(
      await rulesFired(
        'src/ui/compare/__fence__.ts',
        "import { fmtKm } from '../shared/format';\nimport { useT } from '../i18n';\nimport { Dashboard } from '../dashboard';\nexport const x = [fmtKm, useT, Dashboard];\n",
      ),
    ).toEqual([]);
  });

  it('only src/map touches MapLibre (types excepted)', async () => {
    expect(await rulesFired('src/ui/sheet/__fence__.ts', "import { Map } from 'maplibre-gl';\nexport const x = Map;\n")).toContain('@typescript-eslint/no-restricted-imports');
    expect(await rulesFired('src/ui/sheet/__fence__.ts', "import type { Map } from 'maplibre-gl';\nexport type X = Map;\n")).toEqual([]);
  });

  it('an import cycle is refused', async () => {
    // src/state/selectors.ts imports ./store: the store importing the selectors closes a cycle.
    expect(await rulesFired('src/state/store.ts', "import { selectVisibleSites } from './selectors';\nexport const x = selectVisibleSites;\n", eslint)).toContain('import-x/no-cycle');
  });
});
