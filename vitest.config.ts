import { defineConfig } from 'vitest/config';

// Unit tests: pure domain and data code, run in Node.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // Default output, then the per-file durations and the tests over a third of their limit.
    reporters: ['default', './tests/durationReporter.ts'],
    testTimeout: 30000,
  },
});
