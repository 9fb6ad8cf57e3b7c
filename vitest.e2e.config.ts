import { defineConfig } from 'vitest/config';

// Browser tests: playwright-core drives Debian's /usr/bin/chromium against the built app.
const E2E_WORKERS = Math.max(1, Number(process.env.ATLAS_E2E_WORKERS) || 2);

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    // Default output, then the per-file durations and the tests over a third of their limit.
    reporters: ['default', './tests/durationReporter.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    // Two files at a time (each its own chromium): one file alone leaves the 2-core machine
    // partly idle (it waits on the page, the GPU process and IndexedDB). Measured on the quiet
    // 2-core machine: the browser suite 547 s one file at a time, 403 s two at a time, CPU idle
    // 2.5 %. ATLAS_E2E_WORKERS=1 goes back to one file at a time.
    fileParallelism: E2E_WORKERS > 1,
    maxWorkers: E2E_WORKERS,
    testTimeout: 90000,
    hookTimeout: 240000,
  },
});
