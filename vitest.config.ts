import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        // A second, empty database for the step-by-step migration test.
        d1Databases: { MIGRATION_DB: 'migration-test' },
        // The real migrations, applied to each test file's D1 by tests/setup.ts.
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations('migrations'),
          // Test secrets, and a security code cheap enough to solve many times per test run.
          ADMIN_TOKEN: 'test-admin-token',
          SECRET_KEY: 'test-secret-key',
          CAPTCHA_COST: '10',
          CAPTCHA_MAX_COUNTER: '60',
          // The second pass of every purge at once, so no test waits for it (one test sets 1 s).
          PURGE_REPEAT_SECONDS: '0',
        },
      },
    }),
  ],
  test: {
    setupFiles: ['./tests/setup.ts'],
    // The importer's HTML reader (node-html-markdown over node-html-parser and css-select)
    // ships CommonJS whose dependencies name extensionless ES modules that workerd's module
    // loader cannot follow: Vite bundles it into one module first.
    deps: {
      optimizer: { ssr: { enabled: true, include: ['node-html-markdown', 'node-html-parser'] } },
    },
    include: ['tests/**/*.test.{ts,tsx}'],
    // One JSON line per request is right for production logs and noise in test output.
    onConsoleLog: (log) => !log.includes('"level":"info"'),
  },
})
