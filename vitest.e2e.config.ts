import { defineConfig } from 'vitest/config';
import LongestFirstSequencer from './tests/e2e/sequencer';

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
    // The longest files first (tests/e2e/sequencer.ts): the run does not end on one long file alone.
    sequence: { sequencer: LongestFirstSequencer },
    testTimeout: 90000,
    // expect.poll waits on a condition; vitest's default gives it 1 s, which made each poll a
    // timed assertion: on a loaded machine a relaunched browser replays its drafts journal, or
    // an import report shows, later than that (drafts-crash failed so). A poll that means less
    // time says so with its own timeout.
    expect: { poll: { timeout: 15000 } },
    hookTimeout: 240000,
  },
});
