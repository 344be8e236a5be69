import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../env'

/**
 * One structured JSON line per request: method, path (never the query string, which may hold
 * what a reader typed), status, duration, cache result and a request id (`cf-ray`, or a new
 * one). Tokens, phone numbers and comment texts never reach this line.
 */
export const requestLog = () =>
  createMiddleware<AppEnv>(async function requestLog(c, next) {
    const started = Date.now()
    const requestId = c.req.header('cf-ray') ?? crypto.randomUUID()
    await next()
    console.log(
      JSON.stringify({
        level: 'info',
        requestId,
        method: c.req.method,
        path: new URL(c.req.url).pathname,
        status: c.res.status,
        durationMs: Date.now() - started,
        cache: c.res.headers.get('x-cache') ?? 'BYPASS',
      }),
    )
  })
