/**
 * The schema of a restored database, built from the project's migrations (the SQL files
 * drizzle-kit writes into migrations/) and logged in `d1_migrations` as
 * `wrangler d1 migrations apply` logs them, so wrangler sees them as applied afterwards.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { unstable_splitSqlQuery } from 'wrangler'

const dir = resolve(import.meta.dirname, '../../../migrations')

/** The migration file names in the order they apply, e.g. `0000_init.sql`. */
export function migrationNames(): string[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort()
}

/** The migration log table, as wrangler creates it. */
const LOG_TABLE = `create table if not exists d1_migrations(
  id integer primary key autoincrement,
  name text unique,
  applied_at timestamp default current_timestamp not null
)`

/** Migrations already applied to `db`, in order. */
export async function appliedMigrations(db: D1Database): Promise<string[]> {
  await db.prepare(LOG_TABLE).run()
  const { results } = await db
    .prepare('select name from d1_migrations order by id')
    .all<{ name: string }>()
  return results.map((r) => r.name)
}

/**
 * Applies the migrations not yet applied, in order, up to and including `upTo` (all when
 * undefined). Each file and its log row go in one batch (one transaction). Returns the names
 * applied. Throws if `upTo` is not a migration of this code.
 */
export async function applyMigrations(db: D1Database, upTo?: string): Promise<string[]> {
  const names = migrationNames()
  if (upTo !== undefined && !names.includes(upTo)) {
    throw new Error(`migration ${upTo} is not in migrations/: this code is older than the backup`)
  }
  const done = new Set(await appliedMigrations(db))
  const applied: string[] = []
  for (const name of names) {
    if (!done.has(name)) {
      // Split as wrangler splits a migration (comments, strings and trigger bodies kept whole).
      const statements = unstable_splitSqlQuery(readFileSync(resolve(dir, name), 'utf8'))
      await db.batch([
        ...statements.map((s) => db.prepare(s)),
        db.prepare('insert into d1_migrations (name) values (?)').bind(name),
      ])
      applied.push(name)
    }
    if (name === upTo) break
  }
  return applied
}

/** The migration that creates `site_meta`, where a restore records itself (IF NOT EXISTS). */
const SITE_META_MIGRATION = '0009_site_meta.sql'

/**
 * Creates `site_meta` if it is not there, with the statement its migration uses, so a restore can
 * record that it started before it drops anything (the table is kept through the drop).
 */
export async function ensureSiteMeta(db: D1Database): Promise<void> {
  for (const statement of unstable_splitSqlQuery(
    readFileSync(resolve(dir, SITE_META_MIGRATION), 'utf8'),
  )) {
    await db.prepare(statement).run()
  }
}
