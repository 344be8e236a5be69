import { defineConfig } from 'vitest/config'

/**
 * Operations drills: Node runs them against the project's own scripts (`npm start`,
 * `npm run db:backup`, `npm run db:restore`) on local state of their own (see tests/ops).
 */
export default defineConfig({
  test: {
    include: ['tests/ops/**/*.ops.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 180_000,
  },
})
