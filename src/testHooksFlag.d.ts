/**
 * Build flag, replaced at build time by vite.config.ts (`define`): true only in the build for
 * the browser tests and benches (`mode: 'e2e'`, see scripts/lib/buildTestApp.ts), false in
 * `npm run build`, so the test hooks (`window.__atlas`, `__atlasPerf` marks) are compiled out of
 * production. Undefined when the code runs without Vite (tsx scripts): read it as
 * `typeof __ATLAS_TEST_HOOKS__ !== 'undefined' && __ATLAS_TEST_HOOKS__`.
 */
declare const __ATLAS_TEST_HOOKS__: boolean | undefined;
