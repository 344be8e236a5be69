import { Hono } from 'hono'
import { createEditor, listEditors, revokeEditor } from '../../admin/editors'
import { requirePermission } from '../../admin/gate'
import { endEditorSessions, listLiveSessions } from '../../db/sessions'
import type { AppEnv } from '../../env'
import { idParam } from '../params'
import { bodyLimitOf, jsonBody } from './input'

/**
 * Editors and their tokens (administrators), and the caller's own web-admin sessions (anyone
 * signed in), in the JSON admin API (under `/api/admin`).
 */
export const editorsApi = new Hono<AppEnv>()

editorsApi.get('/editors', requirePermission('editors.manage'), async (c) =>
  c.json({ items: await listEditors(c.var.db) }),
)

editorsApi.post(
  '/editors',
  requirePermission('editors.manage'),
  bodyLimitOf(64 * 1024),
  async (c) => c.json(await createEditor(c.var.db, c.var.principal, await jsonBody(c)), 201),
)

editorsApi.delete('/editors/:id', requirePermission('editors.manage'), async (c) =>
  c.json(await revokeEditor(c.var.db, c.var.principal, idParam(c))),
)

editorsApi.get('/sessions', async (c) => {
  const items = await listLiveSessions(c.var.db, c.var.principal.id, new Date())
  // Ids stay out of answers: with the cookie's signature they are the session.
  return c.json({ items: items.map(({ id: _id, ...rest }) => rest) })
})

/** Ends every web-admin session of the token's holder (a lost laptop, a shared computer). */
editorsApi.post('/sessions/end-all', async (c) =>
  c.json({ ended: await endEditorSessions(c.var.db, c.var.principal.id, new Date()) }),
)
