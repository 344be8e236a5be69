import { auditQuery } from '../db/audit'
import type { Database } from '../db/client'
import { insertEditorQuery, listEditorsQuery, revokeEditorQuery } from '../db/editors'
import { EDITOR_ROLES } from '../db/schema'
import { randomToken, sha256Hex } from '../lib/crypto'
import * as z from 'zod/mini'
import { fieldErrors, requiredText } from '../lib/validation'
import { invalid, notFound } from './errors'
import type { Principal } from './permissions'

const createSchema = z.object({
  name: requiredText('tên', 100),
  role: z.enum(EDITOR_ROLES, { error: 'Vai trò phải là admin, editor hoặc writer.' }),
})

export function listEditors(db: Database) {
  return listEditorsQuery(db)
}

/**
 * Creates an editor and returns their token. The token is shown this once: only its SHA-256
 * hash is stored.
 */
export async function createEditor(db: Database, actor: Principal, raw: unknown, now = new Date()) {
  const parsed = createSchema.safeParse(raw ?? {})
  if (!parsed.success) throw invalid(fieldErrors(parsed.error))
  const token = randomToken('ctt_')
  const [[editor]] = await db.batch([
    insertEditorQuery(db, { ...parsed.data, tokenHash: await sha256Hex(token), createdAt: now }),
    auditQuery(
      db,
      actor,
      {
        action: 'editor.create',
        targetType: 'editor',
        targetId: parsed.data.name,
        detail: { role: parsed.data.role },
      },
      now,
    ),
  ])
  return { editor: editor!, token }
}

/** Revokes an editor's token; their sessions end with it. */
export async function revokeEditor(db: Database, actor: Principal, id: number, now = new Date()) {
  const [[editor]] = await db.batch([
    revokeEditorQuery(db, id, now),
    auditQuery(db, actor, { action: 'editor.revoke', targetType: 'editor', targetId: id }, now),
  ])
  if (!editor) throw notFound('Không tìm thấy biên tập viên (hoặc đã bị thu hồi).')
  return editor
}
