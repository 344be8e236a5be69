/** What the phases of one import run share: the database, the state read at the start, the report. */
import type { BatchItem } from 'drizzle-orm/batch'
import type { Database } from '../db/client'
import type { ImportRecordKind } from '../db/schema'
import type { MediaImport } from './media'
import type { OldLinks } from './old-links'
import type { ImportReport } from './report'
import type { ImportState } from './state'
import type { ImportBundle } from './types'

/** Progress of a run, for a progress bar: records handled of the phase's total. */
export type ImportProgress = {
  phase: 'categories' | 'articles' | 'comments'
  done: number
  total: number
}

export type RunContext = {
  db: Database
  bundle: ImportBundle
  state: ImportState
  media: MediaImport
  /** The old site's addresses of the export's items, for links inside bodies. */
  oldLinks: OldLinks
  report: ImportReport
  now: Date
  dryRun: boolean
  batchSize: number
  onProgress: (p: ImportProgress) => void
}

/** SHA-256 (hex) of a record as read: what tells a later run whether it changed. */
export async function checksumOf(record: unknown): Promise<string> {
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(JSON.stringify(record)),
  )
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * Sends one batch (all or nothing: D1 runs a batch as one transaction) and counts it; on a dry
 * run nothing is sent.
 */
export async function send(ctx: RunContext, statements: BatchItem<'sqlite'>[]): Promise<void> {
  if (ctx.dryRun || statements.length === 0) return
  ctx.report.statements += statements.length
  ctx.report.batches++
  await ctx.db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]])
}

/** What an earlier run made of a record, when that still exists; else undefined. */
export function recorded(
  ctx: RunContext,
  kind: ImportRecordKind,
  sourceId: string,
  exists: (targetId: string) => boolean,
) {
  const r = ctx.state.records[kind].get(sourceId)
  return r && exists(r.targetId) ? r : undefined
}
