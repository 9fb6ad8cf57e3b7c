// @ts-check
/**
 * Lint: typescript-eslint's recommended rules (no type-aware rules: fast, no tsconfig program)
 * and the layer fence (docs/layers.md): `import-x/no-restricted-paths` zones and
 * `import-x/no-cycle`. `npm run lint`; `npm test` runs it first.
 *
 * The fence only sees imports it can resolve (an unresolved path is skipped by the rule), so the
 * TypeScript resolver is configured and `import-x/no-unresolved` is on for src/.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const ROOT = fileURLToPath(new URL('.', import.meta.url));
/** The rule resolves `target` and `from` against the root, but matches `except` globs as given. */
const abs = (/** @type {string} */ p) => join(ROOT, p);

/** UI folders that are not features: shared code, translations, messages common to all. */
const UI_SHARED = ['shared', 'i18n', 'common'];
/** The app shell composes the features: it may import any of them (nothing imports it). */
const UI_ROOT = 'app';

/**
 * One zone per UI feature folder: it may import its own files, the shared folders, and another
 * feature only through that feature's public entry (`index.ts`), never its internals.
 * `ui/i18n` gathers every feature's `messages.ts` (the catalog), and nothing else of them.
 * @param {string[]} features
 */
function featureZones(features) {
  return [
    ...features.map((f) => ({
      target: `./src/ui/${f}/**`,
      from: './src/ui/*/**',
      except: [abs(`src/ui/${f}/**`), ...UI_SHARED.map((s) => abs(`src/ui/${s}/**`)), abs('src/ui/*/index.ts')],
      message: `Une fonctionnalité (ui/${f}) n'importe pas l'intérieur d'une autre : ce qui est partagé va dans src/ui/shared/ (docs/layers.md).`,
    })),
    {
      target: './src/ui/shared/**',
      from: './src/ui/*/**',
      except: UI_SHARED.map((s) => abs(`src/ui/${s}/**`)),
      message: 'ui/shared ne dépend d\'aucune fonctionnalité (docs/layers.md).',
    },
    {
      target: './src/ui/i18n/**',
      from: './src/ui/*/**',
      except: [...UI_SHARED.map((s) => abs(`src/ui/${s}/**`)), abs('src/ui/*/messages.ts'), abs('src/ui/*/messages.en.ts')],
      message: 'ui/i18n ne lit que les messages.ts et messages.en.ts des fonctionnalités (docs/layers.md).',
    },
  ];
}

/** Feature folders under src/ui (everything but the shell and the shared folders). */
const UI_FEATURES = ['charts', 'compare', 'curation', 'dashboard', 'map', 'offline', 'pages', 'print', 'publication', 'search', 'sheet', 'zones'];

export const layerZones = [
  {
    target: './src/domain',
    from: './src',
    except: ['./domain'],
    message: 'src/domain est du TypeScript pur : il n\'importe rien de l\'application (docs/layers.md).',
  },
  {
    target: './src/data',
    from: ['./src/state', './src/ui', './src/map'],
    message: 'src/data n\'importe ni state, ni ui, ni map (docs/layers.md).',
  },
  {
    target: './src/state',
    from: ['./src/ui', './src/map'],
    message: 'src/state n\'importe ni ui ni map (docs/layers.md).',
  },
  {
    target: './src/map',
    from: './src/ui',
    message: 'src/map n\'importe pas ui (docs/layers.md).',
  },
  {
    target: ['./src/domain', './src/data', './src/state', './src/map', './src/ui'],
    from: ['./src/main.tsx', './tests', './scripts'],
    message: 'L\'application n\'importe ni les tests, ni les scripts, ni le point d\'entrée.',
  },
  ...featureZones(UI_FEATURES),
];

/** Packages the pure domain never uses (UI, map, stores, service worker). */
const DOMAIN_FORBIDDEN_PACKAGES = ['react', 'react-dom', 'react-dom/*', 'maplibre-gl', 'terra-draw', 'terra-draw-*', 'zustand', 'zustand/*', 'workbox-*'];

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'public/**', 'coverage/**', 'dev-dist/**', 'tests/fixtures/**'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { 'import-x': importX },
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    settings: {
      // As importX.flatConfigs.typescript: without `import-x/parsers`, no-cycle cannot read the
      // .ts files it follows and finds no cycle at all (the fence test checks it does).
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/external-module-folders': ['node_modules', 'node_modules/@types'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      // Unused code is already an error for tsc (noUnusedLocals/Parameters), with its own escapes.
      '@typescript-eslint/no-unused-vars': 'off',
      // Flags `let x = null; try { x = … } catch { x = null }`, kept on purpose for readability.
      'no-useless-assignment': 'off',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // The few plain-JS files (this config, scripts/*.mjs) run in Node; tsc checks the TS ones.
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'import-x/no-unresolved': 'error',
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      // MapLibre and terra-draw are touched by src/map only; elsewhere their types at most.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['maplibre-gl', 'terra-draw', 'terra-draw-*'],
              allowTypeImports: true,
              message: 'Seul src/map touche MapLibre et terra-draw (docs/layers.md).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/map/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'import-x/no-nodejs-modules': 'error',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: DOMAIN_FORBIDDEN_PACKAGES,
              message: 'src/domain est du TypeScript pur : ni React, ni MapLibre, ni store, ni Node (docs/layers.md).',
            },
          ],
        },
      ],
    },
  },
);
