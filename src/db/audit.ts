import { desc, lt, SQL } from 'drizzle-orm'
import type { Database } from './client'
import { auditLog } from './schema'

/** Who made a change, as the log records it: the editor's id (0 for ADMIN_TOKEN) and name. */
export type Actor = { id: number; name: string }

export type AuditRecord = {
  action: string
  targetType: string
  /** The target's id, or a subquery that finds it in the same batch. */
  targetId: string | number | SQL
  detail?: Record<string, unknown>
}

/** An audit insert, to put in the same batch as the change it records. */
export function auditQuery(db: Database, actor: Actor, record: AuditRecord, now: Date) {
  return db.insert(auditLog).values({
    actorId: actor.id,
    actorName: actor.name,
    action: record.action,
    targetType: record.targetType,
    targetId: record.targetId instanceof SQL ? record.targetId : String(record.targetId),
    detail: JSON.stringify(record.detail ?? {}),
    createdAt: now,
  })
}

/** Newest entries first, 50 a page, optionally before an entry id (keyset paging). */
export async function listAudit(db: Database, opts: { before?: number; limit?: number } = {}) {
  const limit = Math.min(opts.limit ?? 50, 200)
  const rows = await db
    .select()
    .from(auditLog)
    .where(opts.before ? lt(auditLog.id, opts.before) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(limit)
  return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }))
}
