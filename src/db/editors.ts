import { and, desc, eq, isNull } from 'drizzle-orm'
import type { Database } from './client'
import { editors, type EditorRole } from './schema'

export type EditorSummary = {
  id: number
  name: string
  role: EditorRole
  createdAt: Date
  revokedAt: Date | null
}

const summaryFields = {
  id: editors.id,
  name: editors.name,
  role: editors.role,
  createdAt: editors.createdAt,
  revokedAt: editors.revokedAt,
}

/** The active (not revoked) editor holding the token with this SHA-256 hash. */
export async function findActiveEditorByTokenHash(db: Database, tokenHash: string) {
  const [row] = await db
    .select({ id: editors.id, name: editors.name, role: editors.role })
    .from(editors)
    .where(and(eq(editors.tokenHash, tokenHash), isNull(editors.revokedAt)))
    .limit(1)
  return row ?? null
}

/** An active editor by id (sessions re-check that access was not revoked). */
/** The active (not revoked) editor with this id, as a query (for batches). */
export function findActiveEditorByIdQuery(db: Database, id: number) {
  return db
    .select({ id: editors.id, name: editors.name, role: editors.role })
    .from(editors)
    .where(and(eq(editors.id, id), isNull(editors.revokedAt)))
    .limit(1)
}

/** The active (not revoked) editor with this id. */
export async function findActiveEditorById(db: Database, id: number) {
  const [row] = await findActiveEditorByIdQuery(db, id)
  return row ?? null
}

export function listEditorsQuery(db: Database) {
  return db.select(summaryFields).from(editors).orderBy(desc(editors.id))
}

export function insertEditorQuery(
  db: Database,
  values: { name: string; role: EditorRole; tokenHash: string; createdAt: Date },
) {
  return db.insert(editors).values(values).returning(summaryFields)
}

export function revokeEditorQuery(db: Database, id: number, now: Date) {
  return db
    .update(editors)
    .set({ revokedAt: now })
    .where(and(eq(editors.id, id), isNull(editors.revokedAt)))
    .returning(summaryFields)
}
