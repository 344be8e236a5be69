import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { deleteCookie, setCookie } from 'hono/cookie'
import { csrf } from 'hono/csrf'
import { createMiddleware } from 'hono/factory'
import { repeatedFields } from '../../lib/form-fields'
import {
  authenticateToken,
  createSession,
  SESSION_COOKIE,
  SESSION_TTL_MS,
} from '../../auth/session'
import { endSession } from '../../db/sessions'
import { AdminError } from '../../admin/errors'
import { MAX_ATTACHMENT_BYTES } from '../../admin/media'
import type { Permission } from '../../admin/permissions'
import { dashboardCounts } from '../../db/stats'
import type { AppEnv } from '../../env'
import { noStore, sessionAuth, tooManyFailures } from '../../admin/gate'
import { DashboardPage } from './views/dashboard'
import { LoginPage } from './views/login'
import { articlePages } from './articles'
import { revisionPages } from './revisions'
import { auditPages } from './audit'
import { importPages } from './imports'
import { sessionPages } from './sessions'
import { categoryPages } from './categories'
import { commentPages } from './comments'
import { editorPages } from './editors'
import { mediaPages } from './media'
import { settingsPages } from './settings'
import { homePages } from './home'
import { onError } from '../errors'
import { adminErrorHandler, common, messagePage, permitted, str } from './shared'

/** The web admin under `/admin`: sign-in with a token, then session-cookie pages. */
export const adminHtml = new Hono<AppEnv>()

// AdminErrors become the admin's own message pages; the rest go to the app's one handler.
adminHtml.onError(adminErrorHandler(onError))
adminHtml.use(noStore())
// Form posts must come from this origin (Origin or Sec-Fetch-Site), on top of the token below.
adminHtml.use(csrf())

// Sign-in
const safeNext = (next: string | undefined) =>
  next && /^\/admin(\/[A-Za-z0-9/_?=&%.-]*)?$/.test(next) && !next.startsWith('//')
    ? next
    : '/admin'

adminHtml.get('/login', (c) =>
  c.html(<LoginPage siteName={c.env.SITE_NAME} next={safeNext(c.req.query('next'))} />),
)

adminHtml.post(
  '/login',
  bodyLimit({ maxSize: 4096, onError: (c) => c.text('Yêu cầu quá lớn.', 413) }),
  async (c) => {
    let form: Record<string, unknown> = {}
    try {
      form = await c.req.parseBody({ all: true })
    } catch {
      // An unreadable body is just a failed sign-in.
    }
    // A repeated field is not a sign-in a browser sends: it signs in no one.
    if (repeatedFields(form).length > 0) form = { next: undefined, token: '' }
    const next = safeNext(str(form['next']))
    const principal = await authenticateToken(c.env, c.var.db, str(form['token']).trim())
    if (!principal) {
      const limited = await tooManyFailures(c)
      return c.html(
        <LoginPage
          siteName={c.env.SITE_NAME}
          next={next}
          error={
            limited
              ? 'Quá nhiều lần đăng nhập sai. Vui lòng thử lại sau một phút.'
              : 'Mã truy cập không đúng.'
          }
        />,
        limited ? 429 : 401,
      )
    }
    const session = await createSession(c.env, c.var.db, {
      principal,
      userAgent: c.req.header('user-agent'),
    })
    setCookie(c, SESSION_COOKIE, session, {
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
      path: '/',
      maxAge: SESSION_TTL_MS / 1000,
    })
    return c.redirect(next, 303)
  },
)

// Everything below needs a session.
const pages = new Hono<AppEnv>()
pages.use(sessionAuth())

/** How large a form may be, by path: articles 1 MB, attachments 20 MB, images 5 MB. */
function formLimit(path: string): { maxSize: number; message: string } | null {
  if (/^\/admin\/articles\/[^/]+\/attachments$/.test(path)) {
    return { maxSize: MAX_ATTACHMENT_BYTES + 64 * 1024, message: 'Tệp quá lớn: tối đa 20 MB.' }
  }
  if (path === '/admin/media' || path === '/admin/media/upload') {
    return { maxSize: 5 * 1024 * 1024 + 64 * 1024, message: 'Ảnh quá lớn: tối đa 5 MB.' }
  }
  if (/^\/admin\/articles(\/[^/]+)?$/.test(path)) {
    return { maxSize: 1024 * 1024, message: 'Bài viết quá lớn.' }
  }
  return null
}

/**
 * The body limits run before the CSRF check below, which reads the body: a limit after it
 * finds the body already read, and one sent without Content-Length (chunked) failed with a 500.
 */
pages.use(async function limitBody(c, next) {
  const limit = c.req.method === 'POST' ? formLimit(c.req.path) : null
  if (!limit) return next()
  return bodyLimit({ maxSize: limit.maxSize, onError: (c) => c.text(limit.message, 413) })(c, next)
})

/** State-changing requests must also carry the session's CSRF token. */
pages.use(async function csrfToken(c, next) {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
  let token = ''
  try {
    const form = await c.req.parseBody({ all: true })
    // A repeated token is no token (src/lib/form-fields.ts).
    token = repeatedFields(form).includes('_csrf') ? '' : str(form['_csrf'])
  } catch {
    // Unreadable form: no token.
  }
  if (token !== c.var.csrf) {
    return messagePage(
      c,
      403,
      'Phiên làm việc không hợp lệ',
      'Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và thử lại.',
    )
  }
  return next()
})

/** Pages that need more than signing in: a 403 page for roles without the right. */
const REQUIRED: [string, Permission, string][] = [
  ['/comments', 'comments.moderate', 'Bạn không có quyền duyệt bình luận.'],
  ['/categories', 'categories.write', 'Bạn không có quyền sửa chuyên mục.'],
  ['/editors', 'editors.manage', 'Chỉ quản trị viên quản lý biên tập viên.'],
  ['/audit', 'audit.read', 'Bạn không có quyền xem nhật ký.'],
  ['/nhap-du-lieu', 'audit.read', 'Bạn không có quyền xem các lần nhập dữ liệu.'],
  ['/home', 'home.edit', 'Bạn không có quyền sửa trang chủ.'],
  ['/settings', 'settings.manage', 'Chỉ quản trị viên sửa cài đặt cổng thông tin.'],
]
for (const [path, permission, message] of REQUIRED) {
  pages.use(path, requireRole(permission, message))
  pages.use(`${path}/*`, requireRole(permission, message))
}

function requireRole(permission: Permission, message: string) {
  return createMiddleware<AppEnv>(async function requireRole(c, next) {
    if (!permitted(c, permission)) throw new AdminError(403, 'forbidden', message)
    await next()
  })
}

pages.post('/logout', async (c) => {
  // Ends the session on the server too: the cookie, if kept, no longer signs anyone in.
  await endSession(c.var.db, c.var.sessionId, new Date())
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'Strict' })
  return c.redirect('/admin/login', 303)
})

pages.get('/', async (c) =>
  c.html(<DashboardPage {...common(c)} counts={await dashboardCounts(c.var.db, new Date())} />),
)

pages.route('/', articlePages)
pages.route('/', revisionPages)
pages.route('/', commentPages)
pages.route('/', categoryPages)
pages.route('/', mediaPages)
pages.route('/', editorPages)
pages.route('/', auditPages)
pages.route('/', importPages)
pages.route('/', settingsPages)
pages.route('/', homePages)
pages.route('/', sessionPages)

adminHtml.route('/', pages)
