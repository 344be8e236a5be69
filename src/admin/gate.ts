import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import { authenticateToken, csrfTokenFor, readSession, SESSION_COOKIE } from '../auth/session'
import { AdminError, forbidden } from './errors'
import { can, type Permission } from './permissions'
import type { AppEnv } from '../env'
import { clientIp } from '../lib/client-ip'
import { PRIVATE_NO_STORE } from '../lib/cache-control'

/** Counts a failed sign-in; true when the client is over the limit (10 a minute). */
export async function tooManyFailures(c: Context<AppEnv>): Promise<boolean> {
  const limiter = c.env.AUTH_RATE_LIMITER
  return limiter ? !(await limiter.limit({ key: clientIp(c) ?? 'unknown' })).success : false
}

/** Admin pages and API answers are private: never stored by any cache. */
export const noStore = () =>
  createMiddleware<AppEnv>(async function noStore(c, next) {
    await next()
    c.res.headers.set('Cache-Control', PRIVATE_NO_STORE)
  })

/**
 * The API gate: `Authorization: Bearer <token>`. Missing or wrong tokens get 401 with
 * `WWW-Authenticate: Bearer`; more than 10 failures a minute from one client get 429.
 */
export const bearerAuth = () =>
  createMiddleware<AppEnv>(async function bearerAuth(c, next) {
    const header = c.req.header('authorization') ?? ''
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
    const principal = match ? await authenticateToken(c.env, c.var.db, match[1]!) : null
    if (!principal) {
      if (await tooManyFailures(c)) {
        throw new AdminError(
          429,
          'too_many_attempts',
          'Quá nhiều lần xác thực sai. Thử lại sau một phút.',
        )
      }
      throw new AdminError(
        401,
        'unauthorized',
        'Thiếu hoặc sai mã truy cập (Bearer token).',
        undefined,
        { 'WWW-Authenticate': 'Bearer realm="admin"' },
      )
    }
    c.set('principal', principal)
    await next()
  })

/**
 * The HTML admin gate: a valid session cookie, else a redirect to the login page. Sets the
 * CSRF token that forms must send back.
 */
export const sessionAuth = () =>
  createMiddleware<AppEnv>(async function sessionAuth(c, next) {
    const session = getCookie(c, SESSION_COOKIE)
    const principal = await readSession(c.env, c.var.db, session)
    if (!principal || !session) {
      const back = new URL(c.req.url)
      return c.redirect(`/admin/login?next=${encodeURIComponent(back.pathname + back.search)}`, 303)
    }
    c.set('principal', principal)
    c.set('sessionId', principal.sessionId)
    c.set('csrf', await csrfTokenFor(c.env, session))
    await next()
  })

/** Refuses with 403 unless the principal's role has the permission. */
export const requirePermission = (permission: Permission) =>
  createMiddleware<AppEnv>(async function requirePermission(c, next) {
    if (!can(c.var.principal.role, permission)) throw forbidden()
    await next()
  })
