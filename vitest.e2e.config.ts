import { defineConfig } from 'vitest/config';

// Browser tests: playwright-core drives Debian's /usr/bin/chromium against the built app.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    // Default output, then the per-file durations and the tests over a third of their limit.
    reporters: ['default', './tests/durationReporter.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 90000,
    hookTimeout: 240000,
  },
});
