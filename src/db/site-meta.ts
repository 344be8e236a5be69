import { eq } from 'drizzle-orm'
import type { Database } from './client'
import { siteMeta } from './schema'

/** What `npm run db:restore` records in the database it restores into (site_meta `restore`). */
export type RestoreRecord = {
  /** The backup's directory name, e.g. `local-2026-11-30T10-00-00-000Z`. */
  backup: string
  /** Where the backup was restored from (absolute path on the operator's machine). */
  backupPath?: string
  /** When the backup was made (ISO 8601). */
  backupCreatedAt: string
  /** When the restore started and finished (ISO 8601); `finishedAt` null while it runs. */
  startedAt: string
  finishedAt: string | null
}

const RESTORE_KEY = 'restore'

/** The last restore into this database, or null if there was none. */
export async function getRestoreRecord(db: Database): Promise<RestoreRecord | null> {
  const [row] = await db.select().from(siteMeta).where(eq(siteMeta.key, RESTORE_KEY))
  return row ? (JSON.parse(row.value) as RestoreRecord) : null
}

/** Records a restore (started or finished), replacing the previous record. */
export async function setRestoreRecord(
  db: Database,
  record: RestoreRecord,
  now = new Date(),
): Promise<void> {
  const value = JSON.stringify(record)
  await db
    .insert(siteMeta)
    .values({ key: RESTORE_KEY, value, updatedAt: now })
    .onConflictDoUpdate({ target: siteMeta.key, set: { value, updatedAt: now } })
}
