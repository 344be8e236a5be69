import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import { createDb } from '../db/client'
import { d1TimeoutMs, guardD1 } from '../db/guard'
import type { AppEnv } from '../env'

/** The cookie that carries a D1 session bookmark after a write, so the writer reads it back. */
export const BOOKMARK_COOKIE = 'd1b'
/** Long enough for replicas to catch up; after that any replica is current enough. */
const BOOKMARK_MAX_AGE = 60

const isRead = (method: string) => method === 'GET' || method === 'HEAD'

/** Bookmarks are opaque strings from D1; anything else is ignored. */
function bookmarkFrom(c: Context<AppEnv>): string | undefined {
  const value = c.req.header('x-d1-bookmark') ?? getCookie(c, BOOKMARK_COOKIE)
  return value && /^[A-Za-z0-9_-]{1,200}$/.test(value) ? value : undefined
}

/**
 * Puts a Drizzle handle in `c.var.db`, on a D1 session (the Sessions API): reads may go to a
 * nearby replica, or to one at least as new as the reader's bookmark; writes go to the primary.
 * After a write the response carries the new bookmark (cookie and header), so the writer's
 * next reads include their own change.
 *
 * The session is opened on the first query, and every query is guarded (src/db/guard.ts): a
 * D1 that fails or takes longer than D1_TIMEOUT_MS (5 s by default) throws D1UnavailableError,
 * which the error handler answers with 503 and Retry-After.
 */
export const database = () =>
  createMiddleware<AppEnv>(async function database(c, next) {
    const read = isRead(c.req.method)
    const guarded = guardD1(
      () =>
        c.env.DB.withSession(read ? (bookmarkFrom(c) ?? 'first-unconstrained') : 'first-primary'),
      { timeoutMs: d1TimeoutMs(c.env) },
    )
    // Drizzle needs only prepare() and batch(), which a session has.
    c.set('db', createDb(guarded.d1))
    await next()
    // Only a request that may have written has a bookmark worth following.
    const session = guarded.opened()
    if (read || c.res.status >= 400 || !session) return
    const bookmark = session.getBookmark()
    if (!bookmark) return
    c.res.headers.set('x-d1-bookmark', bookmark)
    setCookie(c, BOOKMARK_COOKIE, bookmark, {
      path: '/',
      httpOnly: true,
      secure: true,
      sameSite: 'Lax',
      maxAge: BOOKMARK_MAX_AGE,
    })
  })
