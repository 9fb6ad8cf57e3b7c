/**
 * The app as the browser tests and benches need it: the production build (React's production
 * mode, minified, same chunks) with the test hooks compiled in (`mode: 'e2e'`: window.__atlas,
 * __atlasPerf marks; see src/testHooksFlag.d.ts). `npm run build` is the same without hooks.
 */
import { build, type AliasOptions } from 'vite';

/**
 * A production build of the app into `outDir`: React's production mode whatever NODE_ENV the
 * caller runs under, with the test hooks compiled in only when `testHooks` is set (`mode: 'e2e'`).
 * Also used by the benches (scripts/lib/serve.ts), which may keep source maps or swap modules.
 */
export async function buildApp(outDir: string, opts: { testHooks: boolean; sourcemap?: boolean | 'hidden'; alias?: AliasOptions }): Promise<void> {
  // Vitest sets NODE_ENV=test, which Vite would write into the bundle (React's development
  // build, several times slower): the tests run against production React instead.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      mode: opts.testHooks ? 'e2e' : 'production',
      logLevel: 'warn',
      ...(opts.alias ? { resolve: { alias: opts.alias } } : {}),
      build: { outDir, emptyOutDir: true, sourcemap: opts.sourcemap ?? false },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

export function buildTestApp(outDir: string): Promise<void> {
  return buildApp(outDir, { testHooks: true });
}
