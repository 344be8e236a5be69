/**
 * An import run: an export read by one of `sources/` (ImportBundle) written into the portal's
 * D1 and R2: categories, then articles (with their files, topics, search entries and old
 * addresses), then comments. Runs the same in workerd (the tests) and in Node through wrangler's
 * bindings (`npm run import`, scripts/import.ts).
 */
import { auditQuery } from '../db/audit'
import type { Database } from '../db/client'
import { importArticles } from './articles'
import { importCategories } from './categories'
import { importComments } from './comments'
import { send, type ImportProgress, type RunContext } from './context'
import { IMPORT_ACTOR_NAME, MediaImport, type UploadsReader } from './media'
import { emptyCounts, type ImportReport } from './report'
import { oldLinksOf } from './old-links'
import { loadImportState } from './state'
import { recordImportRunQuery } from '../db/import-runs'
import { log } from '../lib/log'
import { storedReport } from './report'
import type { ImportBundle } from './types'

/**
 * Most articles per batch: the batch's new articles are read back by slug in one statement,
 * and D1 binds at most 100 parameters a statement (Cloudflare D1 limits).
 */
export const MAX_BATCH = 50

export type ImportOptions = {
  /** The old site's uploads folder; null when the operator gave none (every file is missing). */
  files?: UploadsReader | null
  /** Where files are copied (the MEDIA bucket); null on a dry run. */
  bucket?: R2Bucket | null
  /** The Images binding: imported images are decoded and stored without metadata (cleanImage). */
  images: ImagesBinding
  /** Read, check and count everything, write nothing. */
  dryRun?: boolean
  now?: Date
  /** Articles per D1 batch (comments: five times as many). Default 20, at most MAX_BATCH. */
  batchSize?: number
  onProgress?: (p: ImportProgress) => void
}

/** Who an import is recorded as in the audit log (the operator, through the command line). */
export const IMPORT_ACTOR = { id: 0, name: IMPORT_ACTOR_NAME, role: 'admin' } as const

/**
 * Imports `bundle` into `db` (and the bucket) and returns the report. Idempotent: a record this
 * source imported before is updated when it changed and left alone when not (by its checksum),
 * never created twice. Resumable: each batch is all or nothing, so after a failure the same
 * run again finds what was written and goes on. A failure is thrown after `report.error` is set
 * (the caller writes the report either way). After a real import the caller purges the cache.
 */
export async function runImport(
  db: Database,
  bundle: ImportBundle,
  opts: ImportOptions,
): Promise<ImportReport> {
  const now = opts.now ?? new Date()
  const started = Date.now()
  const dryRun = opts.dryRun ?? false
  const report: ImportReport = {
    source: bundle.source.name,
    dryRun,
    startedAt: now.toISOString(),
    finishedAt: '',
    durationMs: 0,
    counts: {
      category: emptyCounts(),
      article: emptyCounts(),
      comment: emptyCounts(),
      media: emptyCounts(),
    },
    skipped: [...bundle.skipped],
    warnings: [],
    statements: 0,
    batches: 0,
    mediaBytes: 0,
  }
  // What the parser could not use counts as skipped too (a comment of a page, a trashed post…).
  for (const s of bundle.skipped) {
    if (s.kind !== 'topic') report.counts[s.kind].skipped++
  }
  const state = await loadImportState(db, bundle.source.name)
  report.statements += state.statements
  const media = new MediaImport({
    source: bundle.source,
    bucket: dryRun ? null : (opts.bucket ?? null),
    files: opts.files ?? null,
    images: opts.images,
    known: state.media,
    now,
  })
  const ctx: RunContext = {
    db,
    bundle,
    state,
    media,
    oldLinks: oldLinksOf(bundle),
    report,
    now,
    dryRun,
    batchSize: Math.min(MAX_BATCH, Math.max(1, opts.batchSize ?? 20)),
    onProgress: opts.onProgress ?? (() => {}),
  }
  const finish = () => {
    report.finishedAt = new Date(now.getTime() + (Date.now() - started)).toISOString()
    report.durationMs = Date.now() - started
    report.mediaBytes = media.bytes
  }
  try {
    const categoryIds = await importCategories(ctx)
    const articleIds = await importArticles(ctx, categoryIds)
    await importComments(ctx, articleIds)
    const { counts } = report
    await send(ctx, [
      auditQuery(
        db,
        IMPORT_ACTOR,
        {
          action: 'import.run',
          targetType: 'import',
          targetId: bundle.source.name,
          detail: {
            articles: counts.article,
            comments: counts.comment,
            categories: counts.category,
            media: counts.media,
            skipped: report.skipped.length,
          },
        },
        now,
      ),
    ])
  } catch (err) {
    report.error = err instanceof Error ? err.message : String(err)
    finish()
    await recordRun(db, report, now)
    throw Object.assign(err instanceof Error ? err : new Error(String(err)), { report })
  }
  finish()
  await recordRun(db, report, now)
  return report
}

/**
 * Keeps the run and its report for the web admin's list of imports (not on a dry run, which
 * writes nothing). A failure to record is logged: the import itself is what matters.
 */
async function recordRun(db: Database, report: ImportReport, startedAt: Date): Promise<void> {
  if (report.dryRun) return
  try {
    await recordImportRunQuery(db, {
      source: report.source,
      dryRun: false,
      error: report.error ?? null,
      startedAt,
      report: storedReport(report),
    })
  } catch (err) {
    log.error('import run not recorded', { source: report.source, error: err })
  }
}
