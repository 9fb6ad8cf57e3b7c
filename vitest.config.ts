import { defineConfig } from 'vitest/config';

// Unit tests: pure domain and data code, run in Node.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30000,
  },
});
