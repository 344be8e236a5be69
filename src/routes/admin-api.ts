import { Hono } from 'hono'
import { listAdminArticles } from '../admin/article-list'
import { createArticle, deleteArticle, getAdminArticle, updateArticle } from '../admin/articles'
import {
  createCategory,
  deleteCategory,
  listAdminCategories,
  updateCategory,
} from '../admin/categories'
import { listModerationQueue, moderateComments } from '../admin/comments'
import { createEditor, listEditors, revokeEditor } from '../admin/editors'
import { notFound } from '../admin/errors'
import { deleteMedia, listMedia, MAX_ATTACHMENT_BYTES, uploadMedia } from '../admin/media'
import { releaseRedirect } from '../admin/redirects'
import { tags } from '../cache/purge'
import { auditQuery, listAudit } from '../db/audit'
import {
  ARTICLE_STATUSES,
  COMMENT_STATUSES,
  type ArticleStatus,
  type CommentStatus,
} from '../db/schema'
import { endEditorSessions, listLiveSessions } from '../db/sessions'
import type { AppEnv } from '../env'
import { isSlug } from '../lib/slug'
import { bearerAuth, noStore, requirePermission } from '../middleware/admin-gate'
import { rerenderBodies } from '../admin/rerender'
import { revisionsApi } from './admin-api-revisions'
import { settingsApi } from './admin-api-settings'
import { homeApi } from './admin-api-home'
import {
  enumParam,
  idParam,
  jsonBody,
  bodyLimitOf,
  pageParam,
  uploadedFile,
} from './admin-api-input'
import {
  purge,
  purgeArticleById,
  purgeArticles,
  purgeEverything,
  purgeNavigation,
  purgingArticle,
} from './purging'

/** The JSON admin API under `/api/admin`, for scripts and deploy tooling. */
export const adminApi = new Hono<AppEnv>()

const jsonLimit = bodyLimitOf(1024 * 1024)
const uploadLimit = bodyLimitOf(MAX_ATTACHMENT_BYTES + 64 * 1024)

adminApi.use(noStore(), bearerAuth())

adminApi.get('/me', (c) => c.json(c.var.principal))

// Articles
adminApi.get('/articles', requirePermission('articles.read'), async (c) => {
  const categoryId = c.req.query('categoryId')
  return c.json(
    await listAdminArticles(c.var.db, {
      status: enumParam<ArticleStatus>(c.req.query('status'), ARTICLE_STATUSES),
      categoryId: categoryId && /^\d{1,9}$/.test(categoryId) ? Number(categoryId) : undefined,
      q: c.req.query('q')?.slice(0, 200),
      page: pageParam(c),
    }),
  )
})

adminApi.post('/articles', requirePermission('articles.write'), jsonLimit, async (c) => {
  const body = await jsonBody(c)
  const { article } = await purgingArticle(c, null, () =>
    createArticle(c.var.db, c.var.principal, body),
  )
  return c.json(article, 201, { Location: `/api/admin/articles/${article.id}` })
})

adminApi.get('/articles/:id', requirePermission('articles.read'), async (c) =>
  c.json(await getAdminArticle(c.var.db, idParam(c))),
)

adminApi.patch('/articles/:id', requirePermission('articles.write'), jsonLimit, async (c) => {
  const id = idParam(c)
  const body = await jsonBody(c)
  const { article } = await purgingArticle(c, id, () =>
    updateArticle(c.var.db, c.var.principal, id, body),
  )
  return c.json(article)
})

adminApi.route('/', revisionsApi)
adminApi.route('/', settingsApi)
adminApi.route('/', homeApi)

adminApi.delete('/articles/:id', requirePermission('articles.delete'), async (c) => {
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
  return c.body(null, 204)
})

adminApi.post(
  '/articles/:id/attachments',
  requirePermission('media.write'),
  uploadLimit,
  async (c) => {
    const id = idParam(c)
    const file = await uploadedFile(c)
    const row = await uploadMedia(c.env, c.var.db, c.var.principal, file, {
      kind: 'attachment',
      articleId: id,
    })
    await purgeArticleById(c, id)
    return c.json(row, 201)
  },
)

// The caller's own web-admin sessions
adminApi.get('/sessions', async (c) => {
  const items = await listLiveSessions(c.var.db, c.var.principal.id, new Date())
  // Ids stay out of answers: with the cookie's signature they are the session.
  return c.json({ items: items.map(({ id: _id, ...rest }) => rest) })
})
/** Ends every web-admin session of the token's holder (a lost laptop, a shared computer). */
adminApi.post('/sessions/end-all', async (c) =>
  c.json({ ended: await endEditorSessions(c.var.db, c.var.principal.id, new Date()) }),
)

// Old URLs of renamed articles
/** Releases an old slug: it stops redirecting and may be given to another article. */
adminApi.delete('/redirects/:slug', requirePermission('articles.publish'), async (c) => {
  const slug = c.req.param('slug')
  if (!isSlug(slug)) throw notFound('Không có đường dẫn cũ này.')
  await releaseRedirect(c.var.db, c.var.principal, slug)
  // The old URL's 301 is not stored, but a 404 stored under it before it redirected might be.
  await purge(c, { paths: new Set([`/bai-viet/${slug}`]), tags: new Set([tags.slug(slug)]) })
  return c.body(null, 204)
})

// Categories
adminApi.get('/categories', requirePermission('categories.read'), async (c) =>
  c.json({ items: await listAdminCategories(c.var.db) }),
)

adminApi.post('/categories', requirePermission('categories.write'), jsonLimit, async (c) => {
  const created = await createCategory(c.var.db, c.var.principal, await jsonBody(c))
  await purgeNavigation(c, [created.slug])
  return c.json(created, 201)
})

adminApi.patch('/categories/:id', requirePermission('categories.write'), jsonLimit, async (c) => {
  const { before, after } = await updateCategory(
    c.var.db,
    c.var.principal,
    idParam(c),
    await jsonBody(c),
  )
  await purgeNavigation(c, [before.slug, after.slug])
  return c.json(after)
})

adminApi.delete('/categories/:id', requirePermission('categories.write'), async (c) => {
  const deleted = await deleteCategory(c.var.db, c.var.principal, idParam(c))
  await purgeNavigation(c, [deleted.slug])
  return c.body(null, 204)
})

// Comments
adminApi.get('/comments', requirePermission('comments.moderate'), async (c) =>
  c.json(
    await listModerationQueue(c.var.db, {
      status: enumParam<CommentStatus>(c.req.query('status'), COMMENT_STATUSES),
      page: pageParam(c),
    }),
  ),
)

adminApi.post(
  '/comments/moderate',
  requirePermission('comments.moderate'),
  jsonLimit,
  async (c) => {
    const result = await moderateComments(c.var.db, c.var.principal, await jsonBody(c))
    await purgeArticles(c, result.articles)
    return c.json({ count: result.count })
  },
)

adminApi.patch('/comments/:id', requirePermission('comments.moderate'), jsonLimit, async (c) => {
  const body = await jsonBody(c)
  const action =
    body.status === 'approved' ? 'approve' : body.status === 'rejected' ? 'reject' : body.status
  const result = await moderateComments(c.var.db, c.var.principal, { ids: [idParam(c)], action })
  await purgeArticles(c, result.articles)
  return c.json({ count: result.count })
})

adminApi.delete('/comments/:id', requirePermission('comments.moderate'), async (c) => {
  const result = await moderateComments(c.var.db, c.var.principal, {
    ids: [idParam(c)],
    action: 'delete',
  })
  await purgeArticles(c, result.articles)
  return c.body(null, 204)
})

// Media
adminApi.get('/media', requirePermission('media.write'), async (c) =>
  c.json({ items: await listMedia(c.var.db) }),
)

adminApi.post('/media', requirePermission('media.write'), uploadLimit, async (c) => {
  const file = await uploadedFile(c)
  return c.json(await uploadMedia(c.env, c.var.db, c.var.principal, file, { kind: 'image' }), 201)
})

adminApi.delete('/media/:id', requirePermission('media.write'), async (c) => {
  const row = await deleteMedia(c.env.MEDIA, c.var.db, c.var.principal, idParam(c))
  // An attachment is listed on its article's page, which must not link to a file now gone.
  if (row.articleId !== null) await purgeArticleById(c, row.articleId)
  return c.body(null, 204)
})

// Editors
adminApi.get('/editors', requirePermission('editors.manage'), async (c) =>
  c.json({ items: await listEditors(c.var.db) }),
)

adminApi.post('/editors', requirePermission('editors.manage'), jsonLimit, async (c) =>
  c.json(await createEditor(c.var.db, c.var.principal, await jsonBody(c)), 201),
)

adminApi.delete('/editors/:id', requirePermission('editors.manage'), async (c) =>
  c.json(await revokeEditor(c.var.db, c.var.principal, idParam(c))),
)

// Audit log
adminApi.get('/audit', requirePermission('audit.read'), async (c) => {
  const before = c.req.query('before')
  return c.json({
    items: await listAudit(c.var.db, {
      before: before && /^\d{1,12}$/.test(before) ? Number(before) : undefined,
    }),
  })
})

// After an upgrade of the Markdown rules: every article's HTML rendered again from its Markdown,
// 100 at a time (`?after=<id>` continues; the answer's `nextAfterId` is null at the end), and
// every page purged when any changed. Administrators only (cache.purge).
adminApi.post('/articles/rerender', requirePermission('cache.purge'), async (c) => {
  const raw = c.req.query('after')
  const afterId = raw && /^\d{1,12}$/.test(raw) ? Number(raw) : 0
  const result = await rerenderBodies(c.var.db, c.var.principal, { afterId })
  if (result.changed.length > 0) await purgeEverything(c)
  return c.json(result)
})

// The edge cache: every page, e.g. after restoring a backup (npm run db:restore calls this).
adminApi.post('/cache/purge', requirePermission('cache.purge'), async (c) => {
  const plan = await purgeEverything(c)
  await auditQuery(
    c.var.db,
    c.var.principal,
    { action: 'cache.purge', targetType: 'cache', targetId: 'all', detail: {} },
    new Date(),
  )
  return c.json({ tags: [...plan.tags], paths: plan.paths.size })
})

adminApi.all('*', () => {
  throw notFound('Không có đường dẫn API này.')
})
