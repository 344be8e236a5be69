/**
 * `npm run import -- <nukeviet|wordpress|feed> <path> [--uploads DIR] [--dry-run]
 *   [--local [--persist-to DIR] | --env staging|production] [--report FILE]
 *   [--prefix nv4 --lang vi --module news] [--batch 20] [--encoding windows-1258|tcvn3|…]`
 *
 * Brings an existing site's archive in (src/import): a NukeViet 4 news module from a mysqldump
 * file, a WordPress export (WXR), or an RSS/Atom feed; `path` is the file, or a folder holding
 * it (then its `uploads/` or `wp-content/uploads/` is found there too). Files the export names
 * are copied from the uploads folder into R2; nothing is fetched from the network. A second run
 * of the same export updates what changed and creates nothing twice; after a failure the same
 * command goes on from where it stopped. Prints a progress bar on a terminal and writes the
 * report (text and JSON) to `--report` or `import-reports/`. Then purges the edge cache.
 * Exit codes: 0 imported, 1 failed (see the report). See docs/import.md.
 */
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { createDb } from '../src/db/client'
import type { ImportProgress } from '../src/import/context'
import { formatReport, type ImportReport } from '../src/import/report'
import { runImport } from '../src/import/run'
import { parseFeed } from '../src/import/sources/feed'
import { nukevietWanted, parseNukeViet, type NukeVietOptions } from '../src/import/sources/nukeviet'
import { readDumpChunks } from '../src/import/sources/sql-dump'
import { parseWordPress } from '../src/import/sources/wordpress'
import type { ImportBundle } from '../src/import/types'
import { appliedMigrations, applyMigrations, migrationNames } from './lib/backup/migrations'
import { openTarget, TARGET_OPTIONS, targetSpec, type OpenTarget } from './lib/backup/target'
import { importLocally } from './lib/import-worker'
import { purgeEdgeCache } from './lib/purge'
import { uploadsFolder } from './lib/uploads'
import { decodeExport } from './lib/export-text'

const SOURCES = ['nukeviet', 'wordpress', 'feed'] as const
type Source = (typeof SOURCES)[number]

/** The export file and uploads folder `path` names: a file, or a folder holding one. */
export function locate(
  source: Source,
  path: string,
  uploads?: string,
): { file: string; uploads: string | null } {
  const full = resolve(path)
  if (!existsSync(full)) throw new Error(`${path} does not exist.`)
  let file = full
  if (statSync(full).isDirectory()) {
    const ext = source === 'nukeviet' ? /\.sql$/i : /\.(xml|rss|atom)$/i
    const found = readdirSync(full)
      .filter((n) => ext.test(n))
      .sort()
    if (found.length !== 1) {
      throw new Error(
        `${path} is a folder: it should hold one ${source === 'nukeviet' ? '.sql dump' : '.xml file'}, it holds ${found.length}. Name the file instead.`,
      )
    }
    file = join(full, found[0]!)
  }
  if (uploads) {
    if (!existsSync(uploads)) throw new Error(`--uploads ${uploads} does not exist.`)
    return { file, uploads: resolve(uploads) }
  }
  const dir = dirname(file)
  const guess = [join(dir, 'wp-content', 'uploads'), join(dir, 'uploads')].find((d) =>
    existsSync(d),
  )
  return { file, uploads: source === 'feed' ? null : (guess ?? null) }
}

/**
 * Reads the export into records (the dump streams: it may be hundreds of MB). An XML export is
 * read in its declared encoding or `encoding` (decodeExport: UTF-8, Windows-1258, TCVN3,
 * ISO-8859-1…); one that is not UTF-8 and says nothing is refused. Errors: what the readers
 * throw (ExportEncodingError, a cut or malformed file, SqlDumpError).
 */
export async function readExport(
  source: Source,
  file: string,
  nukeviet: NukeVietOptions = {},
  encoding?: string,
): Promise<ImportBundle> {
  if (source === 'nukeviet') {
    const tables = await readDumpChunks(createReadStream(file), nukevietWanted(nukeviet))
    return parseNukeViet(tables, nukeviet)
  }
  const { text: xml, encoding: read } = decodeExport(readFileSync(file), encoding)
  if (read !== 'utf-8') console.log(`Read as ${read}.`)
  return source === 'wordpress' ? parseWordPress(xml) : parseFeed(xml)
}

/**
 * The target must have every migration of this code (the import writes its tables). Locally
 * they are applied, as `npm start` would; an environment's are the deploy's job, so there the
 * import stops with the command to run.
 */
async function ensureSchema(target: OpenTarget): Promise<void> {
  const done = new Set(await appliedMigrations(target.DB))
  const missing = migrationNames().filter((n) => !done.has(n))
  if (missing.length === 0) return
  if (target.spec.kind === 'remote') {
    throw new Error(
      `the ${target.label} database lacks ${missing.length} migrations (${missing.join(', ')}): run npx wrangler d1 migrations apply DB --remote --env ${target.spec.env} first.`,
    )
  }
  // Even on a dry run: the schema is the code's (as `npm start` applies it), not content.
  const applied = await applyMigrations(target.DB)
  console.log(`Applied ${applied.length} migrations to the local D1 (schema only).`)
}

/** A one-line progress bar on a terminal; a line per phase otherwise. */
function progressPrinter(): (p: ImportProgress) => void {
  const tty = process.stderr.isTTY
  let last = ''
  return (p) => {
    if (tty) {
      const width = 30
      const filled = p.total ? Math.round((p.done / p.total) * width) : width
      process.stderr.write(
        `\r${p.phase.padEnd(10)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total}`,
      )
      if (p.done >= p.total) process.stderr.write('\n')
    } else if (p.done >= p.total && last !== p.phase) {
      last = p.phase
      console.error(`${p.phase}: ${p.total} read`)
    }
  }
}

/** Writes the report as text and JSON; returns the text file's path. */
function writeReport(report: ImportReport, file: string | undefined, source: Source): string {
  const stamp = report.startedAt.replace(/[:.]/g, '-')
  const txt = resolve(file ?? join('import-reports', `${source}-${stamp}.txt`))
  mkdirSync(dirname(txt), { recursive: true })
  writeFileSync(txt, formatReport(report))
  writeFileSync(txt.replace(/\.txt$/, '') + '.json', `${JSON.stringify(report, null, 2)}\n`)
  return txt
}

export async function importCommand(argv: string[]): Promise<ImportReport> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...TARGET_OPTIONS,
      uploads: { type: 'string' },
      'dry-run': { type: 'boolean' },
      report: { type: 'string' },
      prefix: { type: 'string' },
      lang: { type: 'string' },
      module: { type: 'string' },
      batch: { type: 'string' },
      encoding: { type: 'string' },
    },
  })
  const [source, path] = positionals as [Source | undefined, string | undefined]
  if (!source || !SOURCES.includes(source) || !path || positionals.length > 2) {
    throw new Error(`Usage: npm run import -- <${SOURCES.join('|')}> <file or folder> [options]`)
  }
  const where = locate(source, path, values.uploads)
  console.log(
    `Reading ${where.file}${where.uploads ? `, files from ${where.uploads}` : ', no uploads folder'}`,
  )
  const bundle = await readExport(
    source,
    where.file,
    { prefix: values.prefix, lang: values.lang, module: values.module },
    values.encoding,
  )
  console.log(
    `Read ${bundle.categories.length} categories, ${bundle.articles.length} articles, ${bundle.comments.length} comments (${bundle.source.name}).`,
  )
  const files = where.uploads ? await uploadsFolder(where.uploads) : null
  const spec = targetSpec(values)
  const target = await openTarget(spec)
  const run = {
    files,
    dryRun: values['dry-run'] ?? false,
    batchSize: values.batch ? Number(values.batch) : undefined,
    onProgress: progressPrinter(),
  }
  let report: ImportReport
  let open = true
  try {
    await ensureSchema(target)
    if (spec.kind === 'local') {
      // Locally the importer runs inside workerd (one process on the state at a time).
      await target.close()
      open = false
      report = await importLocally(spec.persistTo, bundle, run)
    } else {
      report = await runImport(createDb(target.DB), bundle, {
        ...run,
        bucket: target.MEDIA,
        images: target.IMAGES,
      })
    }
  } catch (err) {
    const partial = (err as { report?: ImportReport }).report
    if (partial) console.error(`Report: ${writeReport(partial, values.report, source)}`)
    throw err
  } finally {
    if (open) await target.close()
  }
  const file = writeReport(report, values.report, source)
  console.log(formatReport(report))
  console.log(`Report: ${file}`)
  if (!report.dryRun) await purgeEdgeCache(target)
  return report
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  importCommand(process.argv.slice(2)).catch((err: Error) => {
    console.error(`Import failed: ${err.message}`)
    process.exitCode = 1
  })
}
