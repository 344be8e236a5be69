import { deleteCookie } from 'hono/cookie'
import { Hono } from 'hono'
import { SESSION_COOKIE } from '../../auth/session'
import { endEditorSessions, listLiveSessions } from '../../db/sessions'
import type { AppEnv } from '../../env'
import { SessionsPage } from './views/sessions'
import { common } from './shared'

/** The signed-in editor's own sessions: see them, end them all. */
export const sessionPages = new Hono<AppEnv>()

sessionPages.get('/sessions', async (c) =>
  c.html(
    <SessionsPage
      {...common(c)}
      items={await listLiveSessions(c.var.db, c.var.principal.id, new Date())}
      current={c.var.sessionId}
    />,
  ),
)

sessionPages.post('/sessions/end-all', async (c) => {
  await endEditorSessions(c.var.db, c.var.principal.id, new Date())
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'Strict' })
  return c.redirect('/admin/login', 303)
})
