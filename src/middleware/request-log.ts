import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../env'
import { log, requestFields } from '../lib/log'

/** Share of cache hits that get a log line (misses, bypasses and errors always do). */
export const HIT_LOG_SAMPLE_RATE = 0.01

/**
 * One structured JSON line per request that did work: method, path (never the query string,
 * which may hold what a reader typed), status, duration, cache result and a request id
 * (`cf-ray`, or a new one). Cache hits are logged at HIT_LOG_SAMPLE_RATE, so a hit costs no
 * log line (`"sampled": true` marks those). Tokens, phone numbers and comment texts never
 * reach this line.
 */
export const requestLog = () =>
  createMiddleware<AppEnv>(async function requestLog(c, next) {
    const started = Date.now()
    await next()
    logRequest(c.req.raw, c.res, started)
  })

/**
 * Writes the request's log line (see above), or nothing for an unsampled cache hit. Shared by
 * the middleware and the memory tier's fast path, which answers before the app runs.
 */
export function logRequest(req: Request, res: Response, started: number): void {
  const cache = res.headers.get('x-cache') ?? 'BYPASS'
  const sampled = cache === 'HIT' && res.status < 400
  if (sampled && Math.random() >= HIT_LOG_SAMPLE_RATE) return
  const requestId = req.headers.get('cf-ray') ?? crypto.randomUUID()
  log.info('request', {
    requestId,
    ...requestFields(req),
    status: res.status,
    durationMs: Date.now() - started,
    cache,
    sampled: sampled || undefined,
  })
}
