import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../env'

const TURNSTILE = 'https://challenges.cloudflare.com'

/**
 * The Content-Security-Policy of HTML pages. Scripts only from this origin (no inline script
 * at all, so no 'unsafe-inline'); the ALTCHA widget solves in workers it creates from blob:
 * and data: URLs and injects its own styles, hence those sources. Turnstile's host is added
 * only when Turnstile is configured. Admin pages may not be framed at all.
 */
export function contentSecurityPolicy(opts: { admin: boolean; turnstile: boolean }): string {
  const key = `${opts.admin}${opts.turnstile}`
  return (cspCache[key] ??= buildPolicy(opts))
}

/** The four possible policies, built once per isolate. */
const cspCache: Record<string, string> = {}

function buildPolicy(opts: { admin: boolean; turnstile: boolean }): string {
  const extra = opts.turnstile ? ` ${TURNSTILE}` : ''
  return [
    "default-src 'self'",
    `script-src 'self'${extra}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "worker-src 'self' blob: data:",
    `connect-src 'self'${extra}`,
    `frame-src${opts.turnstile ? extra : " 'none'"}`,
    `frame-ancestors ${opts.admin ? "'none'" : "'self'"}`,
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ')
}

/**
 * Sets the security headers every response carries: nosniff, Referrer-Policy,
 * Permissions-Policy; on HTML the CSP and X-Frame-Options; HSTS on HTTPS outside local hosts.
 * For answers made outside the middleware chain (the cache's redirects) as well as in it.
 */
export function setSecurityHeaders(
  headers: Headers,
  url: URL,
  env: { TURNSTILE_SITE_KEY?: string; TURNSTILE_SECRET_KEY?: string },
): void {
  headers.set('X-Content-Type-Options', 'nosniff')
  headers.set('Referrer-Policy', 'strict-origin-when-cross-origin')
  headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()')
  if ((headers.get('content-type') ?? '').startsWith('text/html')) {
    const admin = url.pathname === '/admin' || url.pathname.startsWith('/admin/')
    headers.set(
      'Content-Security-Policy',
      contentSecurityPolicy({
        admin,
        turnstile: Boolean(env.TURNSTILE_SITE_KEY && env.TURNSTILE_SECRET_KEY),
      }),
    )
    headers.set('X-Frame-Options', admin ? 'DENY' : 'SAMEORIGIN')
  }
  if (url.protocol === 'https:' && !['localhost', '127.0.0.1'].includes(url.hostname)) {
    headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
  }
}

/** Security headers on every response (setSecurityHeaders). */
export const securityHeaders = () =>
  createMiddleware<AppEnv>(async function securityHeaders(c, next) {
    await next()
    setSecurityHeaders(c.res.headers, new URL(c.req.url), c.env)
  })
