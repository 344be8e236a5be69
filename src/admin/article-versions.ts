/**
 * Saves conditional on what the editor saw: every save of an article raises its `version`, and
 * a save names the version it was made on (the web admin's form carries it; the API takes
 * `If-Match: "<version>"` or `version` in the body). A save made on an older version, or one
 * that lost a race with another save between its read and its write, is refused with 409 and
 * the article as it is now, so nobody's change silently undoes another's (RFC 9110 §13.1.1).
 */
import { sql } from 'drizzle-orm'
import type { Database } from '../db/client'
import { listRevisions } from '../db/revisions'
import { formatVnDateTime } from '../lib/time'
import { AdminError } from './errors'

/** The message SQLite gives json() of the guard's marker: how a lost race is recognised. */
const LOST_RACE = 'malformed JSON'

/**
 * A statement for a save's batch, right after its conditional UPDATE: it fails when that UPDATE
 * changed no row (another save raised the version first), which rolls the whole batch back, so
 * no revision, audit entry or index row of the lost save is kept. D1 runs a batch's statements
 * in order on one connection, so `changes()` is the UPDATE's.
 */
export function savedOrAbort(db: Database) {
  return db.run(sql`select json(case changes() when 0 then 'lost race' else '1' end)`)
}

/** Whether a batch failed because its guard (savedOrAbort) found the UPDATE lost the race. */
export function lostRace(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (e.message.includes(LOST_RACE)) return true
  }
  return false
}

/**
 * The refusal of a save made on an older version than `current`: 409 `conflict`, or 412
 * `precondition_failed` when the version came in `If-Match` (RFC 9110 §13.1.1). Names who saved
 * last and when, and carries `current` (the API's `error.current`) for the caller to show.
 */
export async function versionConflict(
  db: Database,
  current: { id: number; version: number },
  status: 409 | 412 = 409,
): Promise<AdminError> {
  const [last] = await listRevisions(db, current.id, 1)
  const who = last
    ? `${last.actorName || 'người khác'} lúc ${formatVnDateTime(last.createdAt)}`
    : ''
  const message =
    `Bài viết vừa được ${who || 'người khác'} sửa sau khi bạn mở nó, nên thay đổi của bạn chưa ` +
    'được lưu. Hãy xem thay đổi của họ; lưu lần nữa sẽ ghi đè lên đó.'
  const code = status === 412 ? 'precondition_failed' : 'conflict'
  return new AdminError(
    status,
    code,
    message,
    undefined,
    {},
    {
      current,
      version: current.version,
    },
  )
}
