/**
 * `npm run db:restore -- <backup dir> [--local [--persist-to DIR] | --env staging|production] [--force]`
 *
 * Puts a backup (scripts/backup.ts) back: refuses a database or bucket that holds anything unless
 * `--force` (then nothing is changed); otherwise empties both, builds the schema from the
 * migrations up to the backup's, loads the rows parents first, applies the newer migrations,
 * rebuilds the search index, writes the R2 objects back, checks every count against the
 * manifest and purges the edge cache. Exit codes: 0 restored, 1 failed, 2 refused.
 * See docs/operations.md, "Backups and restore".
 */
import { createReadStream, readFileSync, rmSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { pathToFileURL } from 'node:url'
import { createDb } from '../src/db/client'
import { rebuildSearchIndex } from '../src/db/search'
import { getRestoreRecord, setRestoreRecord, type RestoreRecord } from '../src/db/site-meta'
import { contentTables, countRows, dropEverything, loadTable } from './lib/backup/d1'
import { paths, readManifest, type Manifest } from './lib/backup/manifest'
import { backupProblems } from './lib/backup/check'
import { applyMigrations, ensureSiteMeta, migrationNames } from './lib/backup/migrations'
import { emptyBucket, listObjects, writeObject, type ObjectEntry } from './lib/backup/r2'
import { purgeEdgeCache } from './lib/purge'
import { openTarget, TARGET_OPTIONS, targetSpec, type OpenTarget } from './lib/backup/target'

/** Thrown when the target holds data and `--force` was not given: nothing was changed. */
export class RestoreRefused extends Error {}

const lines = (file: string) =>
  createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })

/** What the target holds now, as "table: n rows" lines (empty when it holds nothing). */
async function whatIsThere(target: OpenTarget): Promise<string[]> {
  const found: string[] = []
  for (const table of await contentTables(target.DB)) {
    const n = await countRows(target.DB, table)
    if (n > 0) found.push(`${table}: ${n} rows`)
  }
  let objects = 0
  for await (const _ of listObjects(target.MEDIA)) objects++
  if (objects > 0) found.push(`R2: ${objects} objects`)
  return found
}

async function hasTable(db: D1Database, name: string): Promise<boolean> {
  const row = await db
    .prepare("select 1 as ok from sqlite_master where type = 'table' and name = ?")
    .bind(name)
    .first()
  return row !== null
}

/** Checks that what the target holds now is what the manifest lists. Throws on a difference. */
async function verify(target: OpenTarget, manifest: Manifest): Promise<void> {
  const wrong: string[] = []
  for (const [table, expected] of Object.entries(manifest.tables)) {
    const n = await countRows(target.DB, table)
    if (n !== expected) wrong.push(`${table}: ${n} rows, backup has ${expected}`)
  }
  let objects = 0
  let bytes = 0
  for await (const o of listObjects(target.MEDIA)) {
    objects++
    bytes += o.size
  }
  if (objects !== manifest.media.objects || bytes !== manifest.media.bytes) {
    wrong.push(
      `R2: ${objects} objects (${bytes} bytes), backup has ${manifest.media.objects} (${manifest.media.bytes} bytes)`,
    )
  }
  if (wrong.length > 0)
    throw new Error(`the restored data differs from the backup:\n  ${wrong.join('\n  ')}`)
}

export async function restore(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...TARGET_OPTIONS,
      force: { type: 'boolean' },
    },
  })
  const dir = positionals[0]
  if (!dir || positionals.length > 1) throw new Error('Give one backup directory to restore.')
  const backupDir = resolve(dir)
  const manifest = readManifest(backupDir)
  if (!migrationNames().includes(manifest.schemaVersion)) {
    throw new Error(
      `the backup's schema ${manifest.schemaVersion} is newer than this code's migrations: update the code first`,
    )
  }
  const p = paths(backupDir)
  // Before anything is touched: with --force the target is emptied first.
  const problems = backupProblems(backupDir, manifest)
  if (problems.length > 0) {
    throw new Error(`the backup is damaged, so nothing was changed:\n  ${problems.join('\n  ')}`)
  }
  const target = await openTarget(targetSpec(values))
  try {
    const there = await whatIsThere(target)
    const db = createDb(target.DB)
    const previous = (await hasTable(target.DB, 'site_meta')) ? await getRestoreRecord(db) : null
    const unfinished = previous && !previous.finishedAt ? previous : null
    if ((there.length > 0 || unfinished) && !values.force) {
      throw new RestoreRefused(
        `The ${target.label} database is not empty, so nothing was changed:\n  ${
          there.join('\n  ') ||
          `an unfinished restore of ${unfinished?.backupPath ?? unfinished?.backup}`
        }\nRun again with --force to replace all of it with the backup.`,
      )
    }
    for (const note of manifest.notes) console.log(`Note: ${note}`)
    console.log(
      `Restoring ${basename(backupDir)} (${manifest.source}, ${manifest.createdAt}) into ${target.label}…`,
    )
    const record: RestoreRecord = {
      backup: basename(backupDir),
      backupPath: backupDir,
      backupCreatedAt: manifest.createdAt,
      startedAt: new Date().toISOString(),
      finishedAt: null,
    }
    // Recorded before anything is dropped, in a table the drop keeps: a restore interrupted at
    // any point is never taken for a new database (npm start would seed sample content into one)
    // and stops npm start until it is done again.
    await ensureSiteMeta(target.DB)
    await setRestoreRecord(db, record)
    await dropEverything(target.DB, ['site_meta'])
    const emptied = await emptyBucket(target.MEDIA)
    if (emptied > 0) console.log(`R2: ${emptied} objects deleted`)
    await applyMigrations(target.DB, manifest.schemaVersion)
    for (const [table, expected] of Object.entries(manifest.tables)) {
      const n = await loadTable(target.DB, table, lines(p.table(table)))
      if (n !== expected)
        throw new Error(`${table}: ${n} rows in the file, manifest says ${expected}`)
      console.log(`D1 ${table}: ${n} rows`)
    }
    const newer = await applyMigrations(target.DB)
    if (newer.length > 0) console.log(`Migrations applied after loading: ${newer.join(', ')}`)
    console.log(`Search index: ${await rebuildSearchIndex(db)} articles`)
    const index = readFileSync(p.objectIndex, 'utf8').split('\n').filter(Boolean)
    for (const line of index) {
      const entry = JSON.parse(line) as ObjectEntry
      await writeObject(target.MEDIA, entry, readFileSync(p.object(entry.file)))
    }
    console.log(`R2: ${index.length} objects`)
    await verify(target, manifest)
    await setRestoreRecord(db, { ...record, finishedAt: new Date().toISOString() })
    await purgeEdgeCache(target)
    console.log(
      'Restored; every count matches the manifest. Secrets are not in backups: see docs/operations.md.',
    )
  } finally {
    await target.close()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    await restore(process.argv.slice(2))
  } catch (err) {
    console.error(
      err instanceof RestoreRefused
        ? err.message
        : `Restore failed: ${err instanceof Error ? err.message : String(err)}`,
    )
    process.exit(err instanceof RestoreRefused ? 2 : 1)
  }
}
