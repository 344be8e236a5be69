import type { Context, ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { listCategories, type CategorySummary } from '../db/categories'
import { createDb } from '../db/client'
import type { AppEnv } from '../env'
import { ErrorPage } from '../views/error-page'

/** Categories for an error page's navigation; an error page must render even if D1 cannot. */
async function navigationFor(c: Context<AppEnv>): Promise<CategorySummary[]> {
  try {
    return await listCategories(c.var.db ?? createDb(c.env.DB))
  } catch {
    return []
  }
}

/** The Vietnamese 404 page, in the layout. Pass `categories` when the route already has them. */
export async function renderNotFound(c: Context<AppEnv>, categories?: CategorySummary[]) {
  const nav = categories ?? (await navigationFor(c))
  c.header('Cache-Tag', 'nav')
  return c.html(<ErrorPage siteName={c.env.SITE_NAME} categories={nav} status={404} />, 404)
}

const isApi = (c: Context<AppEnv>) => new URL(c.req.url).pathname.startsWith('/api/')

/** Unknown routes get the same 404 page as unknown articles (JSON under /api). */
export const notFound: NotFoundHandler<AppEnv> = (c) =>
  isApi(c)
    ? c.json({ error: { code: 'not_found', message: 'Không tìm thấy.' } }, 404)
    : renderNotFound(c)

/**
 * The one error handler: HTTP errors raised on purpose keep their status; anything else is
 * logged with its stack and answered with the Vietnamese 500 page, without details.
 */
export const onError: ErrorHandler<AppEnv> = async (err, c) => {
  if (err instanceof HTTPException) {
    if (err.status === 404 && !isApi(c)) return renderNotFound(c)
    return err.getResponse()
  }
  console.error(
    JSON.stringify({
      level: 'error',
      message: err.message,
      stack: err.stack,
      method: c.req.method,
      path: new URL(c.req.url).pathname,
    }),
  )
  if (isApi(c)) {
    return c.json({ error: { code: 'internal', message: 'Lỗi hệ thống. Vui lòng thử lại.' } }, 500)
  }
  return c.html(<ErrorPage siteName={c.env.SITE_NAME} categories={[]} status={500} />, 500)
}
