/**
 * Migrations check, run by .ci/run: `wrangler d1 migrations apply` on a new, empty local D1,
 * twice (the second run must find nothing to do), then with the sample content in it, twice
 * more. (tests/db/migrations.test.ts also upgrades a database holding content step by step.)
 */
import { rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { getPlatformProxy } from 'wrangler'
import { seedLocal } from './seed'
import { runWrangler } from './wrangler'

const dir = resolve(import.meta.dirname, '../.wrangler/migrations-check')
rmSync(dir, { recursive: true, force: true })
const apply = () => runWrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', dir])

apply()
apply()
await seedLocal(dir)
apply()
apply()

const proxy = await getPlatformProxy<{ DB: D1Database }>({
  configPath: 'wrangler.toml',
  persist: { path: resolve(dir, 'v3') },
})
try {
  const row = await proxy.env.DB.prepare(
    "select (select count(*) from articles) as articles, (select count(*) from d1_migrations) as migrations, (select group_concat(name) from pragma_table_list where schema = 'main') as tables",
  ).first<{ articles: number; migrations: number; tables: string }>()
  console.log(
    `Migrations applied twice to an empty and twice to a seeded local D1: ${JSON.stringify(row)}`,
  )
  if (!row || row.articles === 0) throw new Error('sample content missing after migrations')
} finally {
  await proxy.dispose()
  rmSync(dir, { recursive: true, force: true })
}
