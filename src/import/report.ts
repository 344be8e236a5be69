/** What an import did, counted per kind of record, for the terminal and the report file. */
import type { SkippedRecord } from './types'

export type ImportCounts = { created: number; updated: number; unchanged: number; skipped: number }

/** Something imported with a change the operator should know of (a hidden phone number…). */
export type ImportWarning = { kind: SkippedRecord['kind']; sourceId: string; message: string }

export type ImportReport = {
  source: string
  dryRun: boolean
  startedAt: string
  finishedAt: string
  /** Wall time of the run in milliseconds. */
  durationMs: number
  counts: Record<'category' | 'article' | 'comment' | 'media', ImportCounts>
  /** Records not imported, with why (the parser's and the importer's). */
  skipped: SkippedRecord[]
  warnings: ImportWarning[]
  /** D1 statements sent (each statement of a batch counts once; reads included). */
  statements: number
  /** D1 batches sent. */
  batches: number
  /** Bytes of files copied into R2. */
  mediaBytes: number
  /** The error that stopped the run, when it did not finish (a later run goes on from it). */
  error?: string
}

export const emptyCounts = (): ImportCounts => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  skipped: 0,
})

/** The report as text: counts per kind, then what was skipped and why, grouped by reason. */
export function formatReport(r: ImportReport): string {
  const lines = [
    `Import of ${r.source}${r.dryRun ? ' (dry run: no record or file was written)' : ''}`,
    `${r.startedAt} → ${r.finishedAt} (${(r.durationMs / 1000).toFixed(1)} s), ${r.statements} D1 statements in ${r.batches} batches, ${r.mediaBytes} bytes of files ${r.dryRun ? 'read' : 'copied'}`,
    '',
    'kind        created  updated  unchanged  skipped',
  ]
  for (const [kind, c] of Object.entries(r.counts)) {
    lines.push(
      `${kind.padEnd(10)} ${String(c.created).padStart(8)} ${String(c.updated).padStart(8)} ${String(c.unchanged).padStart(10)} ${String(c.skipped).padStart(8)}`,
    )
  }
  const grouped = (items: { kind: string; sourceId: string; text: string }[], title: string) => {
    if (items.length === 0) return
    lines.push('', `${title} (${items.length}):`)
    const byReason = new Map<string, string[]>()
    for (const i of items) {
      const key = `${i.kind}: ${i.text}`
      byReason.set(key, [...(byReason.get(key) ?? []), i.sourceId])
    }
    for (const [reason, ids] of byReason) {
      const shown = ids.slice(0, 20).join(', ')
      lines.push(`  ${reason} — ${ids.length}: ${shown}${ids.length > 20 ? ', …' : ''}`)
    }
  }
  grouped(
    r.skipped.map((s) => ({ kind: s.kind, sourceId: s.sourceId, text: s.reason })),
    'Skipped',
  )
  grouped(
    r.warnings.map((w) => ({ kind: w.kind, sourceId: w.sourceId, text: w.message })),
    'Imported with a change',
  )
  if (r.error)
    lines.push('', `Stopped by an error: ${r.error}`, 'Run the same command again to go on.')
  return `${lines.join('\n')}\n`
}

/** Most skipped records and warnings a stored report keeps of each (the counts stay whole). */
export const STORED_LIST_MAX = 500

/**
 * The report as stored with its run (import_runs): JSON, its skipped and warning lists cut to
 * STORED_LIST_MAX each, with how many there were (`skippedTotal`, `warningsTotal`).
 */
export function storedReport(r: ImportReport): string {
  return JSON.stringify({
    ...r,
    skipped: r.skipped.slice(0, STORED_LIST_MAX),
    warnings: r.warnings.slice(0, STORED_LIST_MAX),
    skippedTotal: r.skipped.length,
    warningsTotal: r.warnings.length,
  })
}

/** A stored report read back (storedReport), or null when it does not parse. */
export function readStoredReport(
  json: string,
): (ImportReport & { skippedTotal: number; warningsTotal: number }) | null {
  try {
    const r = JSON.parse(json) as ImportReport & { skippedTotal?: number; warningsTotal?: number }
    if (!r || typeof r !== 'object' || !r.counts) return null
    return {
      ...r,
      skipped: r.skipped ?? [],
      warnings: r.warnings ?? [],
      skippedTotal: r.skippedTotal ?? r.skipped?.length ?? 0,
      warningsTotal: r.warningsTotal ?? r.warnings?.length ?? 0,
    }
  } catch {
    return null
  }
}
