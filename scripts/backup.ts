/**
 * `npm run db:backup [-- staging|production]`: exports the remote D1 database to
 * backups/<env>-<date>.sql with `wrangler d1 export`. D1 cannot export FTS5 virtual tables,
 * so the ordinary tables are listed one by one; the search index is rebuilt from them on
 * restore (see the README's "Backups and restore").
 */
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { runWrangler } from './wrangler'

const TABLES = [
  'd1_migrations',
  'categories',
  'articles',
  'comments',
  'captcha_uses',
  'editors',
  'slug_redirects',
  'media',
  'audit_log',
]

const env = process.argv[2] ?? 'production'
if (!['staging', 'production'].includes(env)) {
  console.error(`Unknown environment ${JSON.stringify(env)}: use staging or production.`)
  process.exit(1)
}
const stamp = new Date().toISOString().replace(/[:.]/g, '-')
const dir = resolve(import.meta.dirname, '../backups')
mkdirSync(dir, { recursive: true })
const output = resolve(dir, `${env}-${stamp}.sql`)
runWrangler([
  'd1',
  'export',
  'DB',
  '--remote',
  '--env',
  env,
  '--output',
  output,
  ...TABLES.flatMap((t) => ['--table', t]),
])
console.log(`Backup written to ${output}`)
