import { desc, eq, lt, sql } from 'drizzle-orm'
import type { Database } from './client'
import { importRuns, type ImportRun } from './schema'

/** Runs on one page of the web admin's list of imports. */
export const IMPORT_RUNS_PAGE = 50

/** A run in the list: what it read and how it ended, its counts as JSON text. */
export type ImportRunSummary = Omit<ImportRun, 'report'> & { counts: string | null }

/** Records one finished or stopped import run (`report`: the report as JSON text). */
export function recordImportRunQuery(
  db: Database,
  run: { source: string; dryRun: boolean; error: string | null; startedAt: Date; report: string },
  now = new Date(),
) {
  return db.insert(importRuns).values({ ...run, finishedAt: now })
}

/**
 * The newest runs (IMPORT_RUNS_PAGE), or those before the run with id `before`; each with its
 * report's counts (read in SQL, so a page does not carry every report's lists).
 */
export async function listImportRuns(
  db: Database,
  opts: { before?: number } = {},
): Promise<ImportRunSummary[]> {
  return db
    .select({
      id: importRuns.id,
      source: importRuns.source,
      dryRun: importRuns.dryRun,
      error: importRuns.error,
      startedAt: importRuns.startedAt,
      finishedAt: importRuns.finishedAt,
      counts: sql<string | null>`json_extract(${importRuns.report}, '$.counts')`,
    })
    .from(importRuns)
    .where(opts.before ? lt(importRuns.id, opts.before) : undefined)
    .orderBy(desc(importRuns.id))
    .limit(IMPORT_RUNS_PAGE)
}

/** One run with its whole report (JSON text), or null. */
export async function importRunById(db: Database, id: number): Promise<ImportRun | null> {
  const [row] = await db.select().from(importRuns).where(eq(importRuns.id, id))
  return row ?? null
}
