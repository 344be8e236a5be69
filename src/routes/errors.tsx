import type { Context, ErrorHandler, NotFoundHandler } from 'hono'
import { DrizzleQueryError } from 'drizzle-orm/errors'
import { HTTPException } from 'hono/http-exception'
import type { Child } from 'hono/jsx'
import { listCategories, type CategorySummary } from '../db/categories'
import { createDb } from '../db/client'
import { D1_RETRY_AFTER_SECONDS, d1Unavailable, type D1UnavailableError } from '../db/guard'
import type { AppEnv } from '../env'
import { BUSY_MESSAGE, ErrorPage } from '../views/error-page'
import { PRIVATE_NO_STORE } from '../cache/contract'
import { legacyRedirect } from './legacy'
import { log, requestFields } from '../lib/log'

/** Categories for an error page's navigation; an error page must render even if D1 cannot. */
async function navigationFor(c: Context<AppEnv>): Promise<CategorySummary[]> {
  try {
    return await listCategories(c.var.db ?? createDb(c.env.DB))
  } catch {
    return []
  }
}

/** The Vietnamese 404 page, in the layout. Pass `categories` when the route already has them. */
export async function renderNotFound(
  c: Context<AppEnv>,
  categories?: CategorySummary[],
  extraTags: string[] = [],
) {
  const nav = categories ?? (await navigationFor(c))
  // A stored 404 carries the tags of what it was asked for, so creating that clears it.
  c.header('Cache-Tag', [...extraTags, 'nav'].join(','))
  return c.html(<ErrorPage siteName={c.env.SITE_NAME} categories={nav} status={404} />, 404)
}

/**
 * The 404 page for a URL that cannot name anything the portal has (an unknown route, a path
 * segment that is not a slug, a bad page number): the same page without the category menu, so
 * that answering made-up URLs never reads D1.
 */
export function renderPathNotFound(c: Context<AppEnv>) {
  return c.html(<ErrorPage siteName={c.env.SITE_NAME} categories={[]} status={404} />, 404)
}

const isApi = (c: Context<AppEnv>) => new URL(c.req.url).pathname.startsWith('/api/')

/** Headers of every "database unavailable" answer: try again later, and never store this. */
export const unavailableHeaders = () => ({
  'Retry-After': String(D1_RETRY_AFTER_SECONDS),
  'Cache-Control': PRIVATE_NO_STORE,
})

/**
 * The Vietnamese 503 "busy" page, in the layout, for when D1 fails or does not answer in time.
 * It never queries D1 (so the navigation is empty); `children` go below the message, e.g. the
 * reader's comment form with what they typed.
 */
export function renderUnavailable(c: Context<AppEnv>, children?: Child) {
  return c.html(
    <ErrorPage siteName={c.env.SITE_NAME} categories={[]} status={503}>
      {children}
    </ErrorPage>,
    503,
    unavailableHeaders(),
  )
}

/** Logs a D1 failure once, with its cause, but without anything the reader sent. */
export function logUnavailable(c: Context<AppEnv>, err: D1UnavailableError, message: string) {
  log.error(message, {
    reason: err.reason,
    error: err.message,
    stack: err.stack,
    ...requestFields(c.req.raw),
  })
}

/**
 * An error as it may be logged. Drizzle puts a failed query's parameters (what a reader typed,
 * a phone number) into its message and stack; those keep the query and the database's own
 * error, not the parameters.
 */
export function loggableError(err: Error): { message: string; stack?: string } {
  if (err instanceof DrizzleQueryError) {
    const cause = err.cause instanceof Error ? err.cause : undefined
    return {
      message: `Failed query: ${err.query}${cause ? ` (${cause.message})` : ''}`,
      stack: cause?.stack,
    }
  }
  return { message: err.message, stack: err.stack }
}

/**
 * Unknown routes: an old address of imported content answers 301 to where it lives now
 * (src/routes/legacy.ts, one primary-key read); anything else gets the 404 page without the
 * category menu (JSON under /api).
 */
export const notFound: NotFoundHandler<AppEnv> = async (c) => {
  if (isApi(c)) return c.json({ error: { code: 'not_found', message: 'Không tìm thấy.' } }, 404)
  try {
    const moved = await legacyRedirect(c)
    if (moved) return moved
  } catch (err) {
    // The lookup is a courtesy: a 404 is still the right answer when D1 cannot be asked.
    const unavailable = d1Unavailable(err)
    if (!unavailable) throw err
    logUnavailable(c, unavailable, 'legacy address lookup failed')
  }
  return renderPathNotFound(c)
}

/**
 * The one error handler: HTTP errors raised on purpose keep their status; D1 failing or not
 * answering in time (D1UnavailableError, see src/db/guard.ts) gets 503 with Retry-After, the
 * Vietnamese "busy" page (JSON under /api) that no cache stores; anything else is logged with
 * its stack and answered with the Vietnamese 500 page, without details.
 */
export const onError: ErrorHandler<AppEnv> = async (err, c) => {
  if (err instanceof HTTPException) {
    if (err.status === 404 && !isApi(c)) return renderPathNotFound(c)
    // hono/csrf refuses a cross-site form post with a bare English "Forbidden".
    if (err.status === 403 && !isApi(c)) {
      return c.html(<ErrorPage siteName={c.env.SITE_NAME} categories={[]} status={403} />, 403)
    }
    return err.getResponse()
  }
  const unavailable = d1Unavailable(err)
  if (unavailable) {
    logUnavailable(c, unavailable, 'database unavailable')
    if (isApi(c)) {
      return c.json(
        { error: { code: 'unavailable', message: BUSY_MESSAGE } },
        503,
        unavailableHeaders(),
      )
    }
    return renderUnavailable(c)
  }
  const { message, stack } = loggableError(err)
  log.error('unhandled error', { error: message, stack, ...requestFields(c.req.raw) })
  if (isApi(c)) {
    return c.json({ error: { code: 'internal', message: 'Lỗi hệ thống. Vui lòng thử lại.' } }, 500)
  }
  return c.html(<ErrorPage siteName={c.env.SITE_NAME} categories={[]} status={500} />, 500)
}
