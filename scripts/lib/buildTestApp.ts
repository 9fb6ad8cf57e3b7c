/**
 * The app as the browser tests and benches need it: the production build (React's production
 * mode, minified, same chunks) with the test hooks compiled in (`mode: 'e2e'`: window.__atlas,
 * __atlasPerf marks; see src/testHooksFlag.d.ts). `npm run build` is the same without hooks.
 */
import { build } from 'vite';

export async function buildTestApp(outDir: string): Promise<void> {
  // Vitest sets NODE_ENV=test, which Vite would write into the bundle (React's development
  // build, several times slower): the tests run against production React instead.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ mode: 'e2e', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}
