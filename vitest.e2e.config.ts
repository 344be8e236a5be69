import { defineConfig } from 'vitest/config'

/** Browser tests: Node runs them, Chromium and `npm start` do the work (see tests/e2e). */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['./tests/e2e/global-setup.ts'],
    // The journeys share one portal and run in order.
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
})
