import { and, asc, eq } from 'drizzle-orm'
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { deleteCookie, setCookie } from 'hono/cookie'
import { csrf } from 'hono/csrf'
import { createMiddleware } from 'hono/factory'
import { HTTPException } from 'hono/http-exception'
import { repeatedFields } from '../lib/form-fields'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import {
  createArticle,
  deleteArticle,
  getAdminArticle,
  listAdminArticles,
  updateArticle,
} from '../admin/articles'
import { authenticateToken, createSession, SESSION_COOKIE, SESSION_TTL_MS } from '../admin/auth'
import {
  createCategory,
  deleteCategory,
  listAdminCategories,
  updateCategory,
} from '../admin/categories'
import { listModerationQueue, moderateComments } from '../admin/comments'
import { createEditor, listEditors, revokeEditor } from '../admin/editors'
import { AdminError, type FieldErrors } from '../admin/errors'
import { listMedia, MAX_ATTACHMENT_BYTES, uploadMedia } from '../admin/media'
import { can, type Permission } from '../admin/permissions'
import { listAudit } from '../db/audit'
import { listCategories } from '../db/categories'
import { dashboardCounts } from '../db/stats'
import {
  ARTICLE_STATUSES,
  COMMENT_STATUSES,
  media,
  type ArticleStatus,
  type CommentStatus,
} from '../db/schema'
import type { AppEnv } from '../env'
import { purgeArticleById, purgeArticles, purgeNavigation, purgingArticle } from './purging'
import { noStore, sessionAuth, tooManyFailures } from '../middleware/admin-gate'
import { ArticlePage } from '../views/article-page'
import {
  ArticleFormPage,
  ArticleListPage,
  articleFormValues,
  emptyArticleForm,
  type ArticleFormValues,
} from '../views/admin/articles'
import { CommentQueuePage } from '../views/admin/comments'
import { DashboardPage } from '../views/admin/dashboard'
import { AdminLayout } from '../views/admin/layout'
import { LoginPage } from '../views/admin/login'
import { AuditPage, CategoriesPage, EditorsPage, MediaPage } from '../views/admin/misc'

/** The web admin under `/admin`: sign-in with a token, then session-cookie pages. */
export const adminHtml = new Hono<AppEnv>()

/** Flash messages after Post/Redirect/Get, by code, so no text is taken from the URL. */
const NOTICES: Record<string, string> = {
  created: 'Đã tạo.',
  saved: 'Đã lưu.',
  deleted: 'Đã xóa.',
  approve: 'Đã duyệt các bình luận đã chọn; bạn đọc thấy chúng ngay.',
  reject: 'Đã từ chối các bình luận đã chọn.',
  delete: 'Đã xóa các bình luận đã chọn.',
  uploaded: 'Đã tải lên.',
  revoked: 'Đã thu hồi mã truy cập.',
}

type Ctx = Context<AppEnv>

const common = (c: Ctx) => ({
  siteName: c.env.SITE_NAME,
  principal: c.var.principal,
  csrf: c.var.csrf,
  notice: NOTICES[c.req.query('ok') ?? ''],
})

/**
 * Form fields as a plain object. Only the fields named in `lists` may repeat (they become
 * arrays); any other field sent twice is refused with a 400 page (src/lib/form-fields.ts).
 */
async function formFields(
  c: Ctx,
  lists: readonly string[] = [],
): Promise<Record<string, string | string[] | File | File[]>> {
  const form = (await c.req.parseBody({ all: true })) as Record<string, string | string[] | File>
  const repeated = repeatedFields(form, lists)
  if (repeated.length > 0) {
    const text = `Biểu mẫu gửi trường "${repeated[0]}" nhiều lần. Vui lòng mở lại trang và gửi lại.`
    throw new HTTPException(400, { res: await messagePage(c, 400, 'Không thực hiện được', text) })
  }
  return form
}

const str = (v: unknown): string =>
  typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : ''

/** A positive integer id from the path; anything else is a 404 page. */
function idParam(c: Ctx): number {
  const raw = c.req.param('id') ?? ''
  if (!/^[1-9]\d{0,11}$/.test(raw)) throw new HTTPException(404)
  return Number(raw)
}

/** A message page for refusals (403) and missing things (404) inside the admin. */
function messagePage(c: Ctx, status: ContentfulStatusCode, title: string, text: string) {
  return c.html(
    <AdminLayout title={title} {...common(c)}>
      <p>{text}</p>
      <p>
        <a href="/admin">Về trang tổng quan</a>
      </p>
    </AdminLayout>,
    status,
  )
}

/** Turns an AdminError into a page; other errors go to the app's error handler. */
function adminErrorPage(c: Ctx, err: unknown) {
  if (err instanceof AdminError) {
    const titles: Partial<Record<number, string>> = { 403: 'Không có quyền', 404: 'Không tìm thấy' }
    return messagePage(
      c,
      err.status as ContentfulStatusCode,
      titles[err.status] ?? 'Không thực hiện được',
      err.message,
    )
  }
  throw err
}

function permitted(c: Ctx, permission: Permission) {
  return can(c.var.principal.role, permission)
}

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
    setCookie(c, SESSION_COOKIE, await createSession(c.env, principal), {
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
  if (path === '/admin/media') {
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
]
for (const [path, permission, message] of REQUIRED) {
  pages.use(path, requireRole(permission, message))
  pages.use(`${path}/*`, requireRole(permission, message))
}

function requireRole(permission: Permission, message: string) {
  return createMiddleware<AppEnv>(async function requireRole(c, next) {
    if (!permitted(c, permission))
      return adminErrorPage(c, new AdminError(403, 'forbidden', message))
    await next()
  })
}

pages.post('/logout', (c) => {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'Strict' })
  return c.redirect('/admin/login', 303)
})

pages.get('/', async (c) =>
  c.html(<DashboardPage {...common(c)} counts={await dashboardCounts(c.var.db, new Date())} />),
)

// Articles
pages.get('/articles', async (c) => {
  const statusRaw = c.req.query('status')
  const status = ARTICLE_STATUSES.includes(statusRaw as ArticleStatus)
    ? (statusRaw as ArticleStatus)
    : undefined
  const categoryRaw = c.req.query('categoryId')
  const categoryId = categoryRaw && /^\d{1,9}$/.test(categoryRaw) ? Number(categoryRaw) : undefined
  const q = c.req.query('q')?.slice(0, 200)
  const pageRaw = c.req.query('page')
  const page = pageRaw && /^[1-9]\d{0,5}$/.test(pageRaw) ? Number(pageRaw) : 1
  const [list, categories] = await Promise.all([
    listAdminArticles(c.var.db, { status, categoryId, q, page }),
    listCategories(c.var.db),
  ])
  return c.html(
    <ArticleListPage
      {...common(c)}
      {...list}
      categories={categories}
      filters={{ status, categoryId, q }}
      now={new Date()}
    />,
  )
})

/** The article form's fields as the service expects them. */
function articleInput(form: Record<string, unknown>, forUpdate: boolean) {
  const input: Record<string, unknown> = {
    title: str(form['title']),
    lead: str(form['lead']),
    body: str(form['body']),
    author: str(form['author']),
    source: str(form['source']),
    categoryId: str(form['categoryId']),
    status: str(form['status']) || 'draft',
    publishedAt: str(form['publishedAt']),
    coverImage: str(form['coverImage']),
    commentsEnabled: str(form['commentsEnabled']) === 'true',
  }
  const slug = str(form['slug']).trim()
  if (slug || !forUpdate) input.slug = slug
  return input
}

function typedValues(form: Record<string, unknown>): ArticleFormValues {
  return {
    title: str(form['title']),
    slug: str(form['slug']),
    lead: str(form['lead']),
    body: str(form['body']),
    author: str(form['author']),
    source: str(form['source']),
    categoryId: str(form['categoryId']),
    status: str(form['status']),
    publishedAt: str(form['publishedAt']),
    commentsEnabled: str(form['commentsEnabled']) === 'true',
    coverImage: str(form['coverImage']),
  }
}

async function attachmentsOf(c: Ctx, articleId: number) {
  return c.var.db
    .select({
      id: media.id,
      key: media.key,
      fileName: media.fileName,
      size: media.size,
      contentType: media.contentType,
    })
    .from(media)
    .where(and(eq(media.articleId, articleId), eq(media.kind, 'attachment')))
    .orderBy(asc(media.id))
}

pages.get('/articles/new', async (c) =>
  c.html(
    <ArticleFormPage
      {...common(c)}
      article={null}
      values={emptyArticleForm}
      categories={await listCategories(c.var.db)}
    />,
  ),
)

pages.post('/articles', async (c) => {
  const form = await formFields(c)
  try {
    const { article } = await purgingArticle(c, null, () =>
      createArticle(c.var.db, c.var.principal, articleInput(form, false)),
    )
    return c.redirect(`/admin/articles/${article.id}?ok=created`, 303)
  } catch (err) {
    if (err instanceof AdminError && (err.status === 422 || err.status === 409)) {
      return c.html(
        <ArticleFormPage
          {...common(c)}
          article={null}
          values={typedValues(form)}
          errors={err.fields as FieldErrors}
          error="Bài viết chưa được lưu. Vui lòng sửa các mục được đánh dấu."
          categories={await listCategories(c.var.db)}
        />,
        err.status,
      )
    }
    return adminErrorPage(c, err)
  }
})

pages.get('/articles/:id', async (c) => {
  try {
    const article = await getAdminArticle(c.var.db, idParam(c))
    return c.html(
      <ArticleFormPage
        {...common(c)}
        article={article}
        values={articleFormValues(article)}
        categories={await listCategories(c.var.db)}
        attachments={await attachmentsOf(c, article.id)}
      />,
    )
  } catch (err) {
    return adminErrorPage(c, err)
  }
})

pages.post('/articles/:id', async (c) => {
  const id = idParam(c)
  const form = await formFields(c)
  try {
    await purgingArticle(c, id, () =>
      updateArticle(c.var.db, c.var.principal, id, articleInput(form, true)),
    )
    return c.redirect(`/admin/articles/${id}?ok=saved`, 303)
  } catch (err) {
    if (err instanceof AdminError && (err.status === 422 || err.status === 409)) {
      const article = await getAdminArticle(c.var.db, id)
      return c.html(
        <ArticleFormPage
          {...common(c)}
          article={article}
          values={typedValues(form)}
          errors={err.fields as FieldErrors}
          error="Bài viết chưa được lưu. Vui lòng sửa các mục được đánh dấu."
          categories={await listCategories(c.var.db)}
          attachments={await attachmentsOf(c, id)}
        />,
        err.status,
      )
    }
    return adminErrorPage(c, err)
  }
})

pages.post('/articles/:id/delete', async (c) => {
  if (!permitted(c, 'articles.delete'))
    return adminErrorPage(c, new AdminError(403, 'forbidden', 'Bạn không có quyền xóa bài viết.'))
  try {
    const id = idParam(c)
    const { mediaKeys } = await purgingArticle(
      c,
      id,
      () => deleteArticle(c.var.db, c.var.principal, id),
      {
        deleted: true,
      },
    )
    if (mediaKeys.length > 0) await c.env.MEDIA.delete(mediaKeys)
    return c.redirect('/admin/articles?ok=deleted', 303)
  } catch (err) {
    return adminErrorPage(c, err)
  }
})

pages.post('/articles/:id/attachments', async (c) => {
  const id = idParam(c)
  try {
    const form = await formFields(c)
    const file = Array.isArray(form['file']) ? form['file'][0] : form['file']
    await uploadMedia(c.env.MEDIA, c.var.db, c.var.principal, file, {
      kind: 'attachment',
      articleId: id,
    })
    await purgeArticleById(c, id)
    return c.redirect(`/admin/articles/${id}?ok=uploaded`, 303)
  } catch (err) {
    return adminErrorPage(c, err)
  }
})

pages.get('/articles/:id/preview', async (c) => {
  try {
    const article = await getAdminArticle(c.var.db, idParam(c))
    return c.html(
      <ArticlePage
        siteName={c.env.SITE_NAME}
        categories={await listCategories(c.var.db)}
        article={article}
        newer={[]}
        older={[]}
        comments={[]}
        commentCount={0}
        attachments={await attachmentsOf(c, article.id)}
        mostRead={[]}
        captcha={{ provider: 'off' }}
        preview
        origin={new URL(c.req.url).origin}
      />,
    )
  } catch (err) {
    return adminErrorPage(c, err)
  }
})

// Comments
pages.get('/comments', async (c) => {
  const raw = c.req.query('status')
  const status = COMMENT_STATUSES.includes(raw as CommentStatus)
    ? (raw as CommentStatus)
    : undefined
  const queue = await listModerationQueue(c.var.db, { status })
  return c.html(
    <CommentQueuePage {...common(c)} items={queue.items} pending={queue.pending} status={status} />,
  )
})

pages.post('/comments', async (c) => {
  const form = await formFields(c, ['ids'])
  const ids = ([] as unknown[]).concat(form['ids'] ?? [])
  try {
    const result = await moderateComments(c.var.db, c.var.principal, {
      ids,
      action: str(form['action']),
    })
    await purgeArticles(c, result.articles)
    // The action passed validation, so it is one of the NOTICES codes.
    return c.redirect(`/admin/comments?ok=${str(form['action'])}`, 303)
  } catch (err) {
    if (err instanceof AdminError && err.status === 422) {
      const queue = await listModerationQueue(c.var.db)
      return c.html(
        <CommentQueuePage
          {...common(c)}
          items={queue.items}
          pending={queue.pending}
          error="Chọn ít nhất một bình luận và một thao tác."
        />,
        422,
      )
    }
    return adminErrorPage(c, err)
  }
})

// Categories
pages.get('/categories', async (c) => {
  return c.html(<CategoriesPage {...common(c)} items={await listAdminCategories(c.var.db)} />)
})

pages.post('/categories', async (c) => {
  const form = await formFields(c)
  try {
    const created = await createCategory(c.var.db, c.var.principal, {
      name: str(form['name']),
      position: str(form['position']) || '0',
    })
    await purgeNavigation(c, [created.slug])
    return c.redirect('/admin/categories?ok=created', 303)
  } catch (err) {
    if (err instanceof AdminError && (err.status === 422 || err.status === 409)) {
      return c.html(
        <CategoriesPage
          {...common(c)}
          items={await listAdminCategories(c.var.db)}
          errors={err.fields}
          error={err.message}
        />,
        err.status,
      )
    }
    return adminErrorPage(c, err)
  }
})

pages.post('/categories/:id', async (c) => {
  const form = await formFields(c)
  try {
    const { before, after } = await updateCategory(c.var.db, c.var.principal, idParam(c), {
      name: str(form['name']),
      ...(str(form['slug']) && { slug: str(form['slug']) }),
      position: str(form['position']) || '0',
    })
    await purgeNavigation(c, [before.slug, after.slug])
    return c.redirect('/admin/categories?ok=saved', 303)
  } catch (err) {
    if (err instanceof AdminError && (err.status === 422 || err.status === 409)) {
      return c.html(
        <CategoriesPage
          {...common(c)}
          items={await listAdminCategories(c.var.db)}
          error={err.message}
        />,
        err.status,
      )
    }
    return adminErrorPage(c, err)
  }
})

pages.post('/categories/:id/delete', async (c) => {
  try {
    const deleted = await deleteCategory(c.var.db, c.var.principal, idParam(c))
    await purgeNavigation(c, [deleted.slug])
    return c.redirect('/admin/categories?ok=deleted', 303)
  } catch (err) {
    if (err instanceof AdminError && err.status === 409) {
      return c.html(
        <CategoriesPage
          {...common(c)}
          items={await listAdminCategories(c.var.db)}
          error={err.message}
        />,
        409,
      )
    }
    return adminErrorPage(c, err)
  }
})

// Media
pages.get('/media', async (c) =>
  c.html(<MediaPage {...common(c)} items={await listMedia(c.var.db)} />),
)

pages.post('/media', async (c) => {
  try {
    const form = await formFields(c)
    const file = Array.isArray(form['file']) ? form['file'][0] : form['file']
    await uploadMedia(c.env.MEDIA, c.var.db, c.var.principal, file, { kind: 'image' })
    return c.redirect('/admin/media?ok=uploaded', 303)
  } catch (err) {
    if (err instanceof AdminError && err.status !== 403) {
      return c.html(
        <MediaPage {...common(c)} items={await listMedia(c.var.db)} error={err.message} />,
        err.status as ContentfulStatusCode,
      )
    }
    return adminErrorPage(c, err)
  }
})

// Editors
pages.get('/editors', async (c) => {
  return c.html(<EditorsPage {...common(c)} items={await listEditors(c.var.db)} />)
})

pages.post('/editors', async (c) => {
  const form = await formFields(c)
  try {
    const { editor, token } = await createEditor(c.var.db, c.var.principal, {
      name: str(form['name']),
      role: str(form['role']),
    })
    // Shown in this response only (never in a URL or a redirect), as tokens are not stored.
    return c.html(
      <EditorsPage
        {...common(c)}
        items={await listEditors(c.var.db)}
        newToken={{ name: editor.name, token }}
      />,
      201,
    )
  } catch (err) {
    if (err instanceof AdminError && err.status === 422) {
      return c.html(
        <EditorsPage
          {...common(c)}
          items={await listEditors(c.var.db)}
          errors={err.fields}
          error={err.message}
        />,
        422,
      )
    }
    return adminErrorPage(c, err)
  }
})

pages.post('/editors/:id/revoke', async (c) => {
  try {
    await revokeEditor(c.var.db, c.var.principal, idParam(c))
    return c.redirect('/admin/editors?ok=revoked', 303)
  } catch (err) {
    return adminErrorPage(c, err)
  }
})

// Audit log
pages.get('/audit', async (c) => {
  const before = c.req.query('before')
  const items = await listAudit(c.var.db, {
    before: before && /^\d{1,12}$/.test(before) ? Number(before) : undefined,
  })
  return c.html(
    <AuditPage
      {...common(c)}
      items={items}
      nextBefore={items.length === 50 ? items.at(-1)?.id : undefined}
    />,
  )
})

adminHtml.route('/', pages)
