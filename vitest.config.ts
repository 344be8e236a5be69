import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'

/** Files that need no workerd API (pure code): they run in Node, without a Miniflare or a D1. */
const NODE_FILES = 'tests/**/*.node.test.{ts,tsx}'

export default defineConfig({
  test: {
    // Three files at a time on these 2-core machines: vitest's default in run mode (one worker
    // fewer than the cores) left a core idle, and a file's worker often waits on its D1 (a
    // separate workerd process), so a third keeps both cores busy: 136 s here against 151 s
    // with two, the same day (docs/benchmark.md).
    maxWorkers: 3,
    // One JSON line per request is right for production logs and noise in test output.
    onConsoleLog: (log) => !log.includes('"level":"info"'),
    projects: [
      {
        test: { name: 'node', environment: 'node', include: [NODE_FILES] },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              // A second, empty database for the step-by-step migration test.
              d1Databases: { MIGRATION_DB: 'migration-test' },
              // The real migrations, applied to each test file's D1 by tests/setup.ts.
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations('migrations'),
                // Test secrets, and a security code cheap enough to solve many times per run.
                ADMIN_TOKEN: 'test-admin-token',
                SECRET_KEY: 'test-secret-key',
                CAPTCHA_COST: '10',
                CAPTCHA_MAX_COUNTER: '60',
                // No second pass of a purge in tests: it would double every purge's cost and
                // run after the test; the one test of the repeat sets its own delay.
                PURGE_REPEAT_SECONDS: 'off',
              },
            },
          }),
        ],
        test: {
          name: 'workerd',
          include: ['tests/**/*.test.{ts,tsx}'],
          exclude: [NODE_FILES],
          setupFiles: ['./tests/setup.ts'],
          // The importer's HTML reader (node-html-markdown over node-html-parser and
          // css-select) ships CommonJS whose dependencies name extensionless ES modules that
          // workerd's module loader cannot follow: Vite bundles it into one module first.
          deps: {
            optimizer: {
              ssr: { enabled: true, include: ['node-html-markdown', 'node-html-parser'] },
            },
          },
        },
      },
    ],
  },
})
