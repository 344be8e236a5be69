/**
 * `npm run db:backup -- [--local [--persist-to DIR] | --env staging|production] [--out DIR]`
 *
 * Copies D1 (every row of every table; the schema comes back from the migrations and the search
 * index from the articles) and R2 (every object with its metadata) into a new directory under
 * `--out` (default `backups/`), with a manifest of counts, and prints that directory last.
 * Local by default. See docs/operations.md, "Backups and restore".
 */
import { createHash } from 'node:crypto'
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { once } from 'node:events'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { pathToFileURL } from 'node:url'
import { contentTables, dumpTable } from './lib/backup/d1'
import { FORMAT, paths, writeManifest, type Manifest } from './lib/backup/manifest'
import { listObjects, readObject } from './lib/backup/r2'
import { openTarget, targetSpec, type OpenTarget } from './lib/backup/target'

/** Writes lines to a file, waiting when the stream asks to. */
async function writeLines(file: string, lines: AsyncIterable<string>): Promise<number> {
  const out = createWriteStream(file)
  let n = 0
  for await (const line of lines) {
    if (!out.write(`${line}\n`)) await once(out, 'drain')
    n++
  }
  out.end()
  await once(out, 'finish')
  return n
}

/** The last migration applied to the database: the schema its rows belong to. */
async function schemaVersion(db: D1Database): Promise<string> {
  const row = await db
    .prepare('select name from d1_migrations order by id desc limit 1')
    .first<{ name: string }>()
    .catch(() => null)
  if (!row) throw new Error('the database has no migrations applied: there is nothing to back up')
  return row.name
}

function notesFor(target: OpenTarget, createdAt: string): string[] {
  if (target.spec.kind === 'local') return []
  const env = target.spec.env
  return [
    `D1 Time Travel is the first answer to "undo the last hour": ` +
      `npx wrangler d1 time-travel restore DB --env ${env} --timestamp ${createdAt} ` +
      `brings the database back to when this backup started, without it (30 days on paid plans).`,
    'This backup reads D1 page by page through queries: it does not block the database the way ' +
      '`wrangler d1 export` does, and a row written while it ran may or may not be in it. ' +
      'For an exact point in time, back up while editors do not write, or use Time Travel.',
  ]
}

export async function backup(argv: string[]): Promise<string> {
  const { values } = parseArgs({
    args: argv,
    options: {
      local: { type: 'boolean' },
      env: { type: 'string' },
      'persist-to': { type: 'string' },
      out: { type: 'string', default: 'backups' },
    },
  })
  const target = await openTarget(targetSpec(values))
  try {
    const createdAt = new Date().toISOString()
    const dir = resolve(values.out!, `${target.label}-${createdAt.replace(/[:.]/g, '-')}`)
    const p = paths(dir)
    mkdirSync(resolve(dir, 'd1'), { recursive: true })
    mkdirSync(resolve(dir, 'r2', 'objects'), { recursive: true })
    const version = await schemaVersion(target.DB)
    const tables: Record<string, number> = {}
    const tableSha256: Record<string, string> = {}
    for (const table of await contentTables(target.DB)) {
      tables[table] = await writeLines(p.table(table), dumpTable(target.DB, table))
      tableSha256[table] = createHash('sha256')
        .update(readFileSync(p.table(table)))
        .digest('hex')
      console.log(`D1 ${table}: ${tables[table]} rows`)
    }
    const media = { objects: 0, bytes: 0 }
    const index: string[] = []
    for await (const object of listObjects(target.MEDIA)) {
      const { entry, bytes } = await readObject(target.MEDIA, object.key)
      writeFileSync(p.object(entry.file), bytes)
      index.push(JSON.stringify(entry))
      media.objects++
      media.bytes += entry.size
    }
    writeFileSync(p.objectIndex, index.map((l) => `${l}\n`).join(''))
    console.log(`R2: ${media.objects} objects, ${media.bytes} bytes`)
    const manifest: Manifest = {
      format: FORMAT,
      createdAt,
      source: target.label,
      schemaVersion: version,
      tables,
      tableSha256,
      media,
      notes: notesFor(target, createdAt),
    }
    writeManifest(dir, manifest)
    for (const note of manifest.notes) console.log(`Note: ${note}`)
    console.log(`Schema ${version}; manifest with the counts in manifest.json.`)
    console.log(`Backup written to ${dir}`)
    return dir
  } finally {
    await target.close()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    await backup(process.argv.slice(2))
  } catch (err) {
    console.error(`Backup failed: ${err instanceof Error ? err.message : String(err)}`)
    process.exit(1)
  }
}
