import { and, desc, eq, gt, isNull, lt, or } from 'drizzle-orm'
import type { Database } from './client'
import { adminSessions } from './schema'

export type AdminSession = typeof adminSessions.$inferSelect

/** Sessions not ended and not expired at `now`. */
const live = (now: Date) => and(isNull(adminSessions.endedAt), gt(adminSessions.expiresAt, now))

/** The session with this id if it has not ended or expired at `now`, as a query (for batches). */
export function liveSessionQuery(db: Database, id: string, now: Date) {
  return db
    .select()
    .from(adminSessions)
    .where(and(eq(adminSessions.id, id), live(now)))
    .limit(1)
}

/** Records a new session. */
export async function insertSession(db: Database, session: typeof adminSessions.$inferInsert) {
  await db.insert(adminSessions).values(session)
}

/** Ends one session (logout). */
export async function endSession(db: Database, id: string, now: Date) {
  await db
    .update(adminSessions)
    .set({ endedAt: now })
    .where(and(eq(adminSessions.id, id), isNull(adminSessions.endedAt)))
}

/** Ends every live session of an editor (0: the bootstrap administrator); returns how many. */
export async function endEditorSessions(db: Database, editorId: number, now: Date) {
  const ended = await db
    .update(adminSessions)
    .set({ endedAt: now })
    .where(and(eq(adminSessions.editorId, editorId), live(now)))
    .returning({ id: adminSessions.id })
  return ended.length
}

/** An editor's live sessions, newest first (at most 50). */
export async function listLiveSessions(db: Database, editorId: number, now: Date) {
  return db
    .select({
      id: adminSessions.id,
      userAgent: adminSessions.userAgent,
      createdAt: adminSessions.createdAt,
      expiresAt: adminSessions.expiresAt,
    })
    .from(adminSessions)
    .where(and(eq(adminSessions.editorId, editorId), live(now)))
    .orderBy(desc(adminSessions.createdAt))
    .limit(50)
}

/** Deletes sessions that ended or expired before `before` (the cron keeps the table small). */
export function deleteOldSessionsQuery(db: Database, before: Date) {
  return db
    .delete(adminSessions)
    .where(or(lt(adminSessions.expiresAt, before), lt(adminSessions.endedAt, before)))
}
