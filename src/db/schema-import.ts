/** The tables of imports (src/import): what each export brought in, and each run's report. */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { nowMs } from './schema-time'

export const IMPORT_RECORD_KINDS = ['category', 'article', 'comment', 'media'] as const
export type ImportRecordKind = (typeof IMPORT_RECORD_KINDS)[number]

/**
 * What an import (src/import) brought in, by the export's own ids: a later run of the same export
 * finds each record here and updates it (or, when its checksum is the same, leaves it alone)
 * instead of creating it again, and a run stopped half-way goes on from what is recorded. Each
 * row is written in the same batch as what it records.
 */
export const importRecords = sqliteTable(
  'import_records',
  {
    /** The export's stable name (ImportBundle.source.name), e.g. `nukeviet:nv4_vi_news`. */
    source: text('source').notNull(),
    kind: text('kind', { enum: IMPORT_RECORD_KINDS }).notNull(),
    /** The record's id in the export (NukeViet id, WordPress post_id, a feed's guid…). */
    sourceId: text('source_id').notNull(),
    /** What it became: the portal's id (articles, categories, comments) or media key. */
    targetId: text('target_id').notNull(),
    /** SHA-256 of the record as read: the same checksum means nothing to do. */
    checksum: text('checksum').notNull(),
    importedAt: integer('imported_at', { mode: 'timestamp_ms' }).notNull().default(nowMs),
  },
  (t) => [primaryKey({ columns: [t.source, t.kind, t.sourceId] })],
)

/**
 * One run of `npm run import` (or a dry run): when, which export, how it ended, and its report
 * (src/import/report.ts) as JSON, for the web admin's list of imports. Written when the run
 * ends, whether it finished or stopped.
 */
export const importRuns = sqliteTable(
  'import_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    source: text('source').notNull(),
    dryRun: integer('dry_run', { mode: 'boolean' }).notNull(),
    /** Null when it finished; the reason it stopped otherwise. */
    error: text('error'),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    finishedAt: integer('finished_at', { mode: 'timestamp_ms' }).notNull().default(nowMs),
    /** The ImportReport as JSON, its skipped and warning lists cut to REPORT_LIST_MAX each. */
    report: text('report').notNull(),
  },
  (t) => [index('import_runs_finished_idx').on(t.finishedAt)],
)

export type ImportRun = typeof importRuns.$inferSelect
