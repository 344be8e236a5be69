import { Hono } from 'hono'
import { listAdminArticles } from '../../admin/article-list'
import { createArticle, getAdminArticle, updateArticle } from '../../admin/articles'
import { notFound } from '../../admin/errors'
import { requirePermission } from '../../admin/gate'
import { uploadMedia } from '../../admin/media'
import { releaseRedirect } from '../../admin/redirects'
import { rerenderBodies } from '../../admin/rerender'
import { tags } from '../../cache/purge'
import { ARTICLE_STATUSES } from '../../db/schema'
import type { AppEnv } from '../../env'
import { isSlug } from '../../lib/slug'
import { enumQuery, idParam, idQuery, pageParam, textQuery } from '../params'
import {
  deletingArticle,
  purge,
  purgeArticleById,
  purgeEverything,
  purgingArticle,
} from '../purging'
import {
  expectedVersion,
  jsonBody,
  jsonLimit,
  uploadLimit,
  uploadedFile,
  versionTag,
} from './input'

/**
 * Articles in the JSON admin API (under `/api/admin`): list, create, read, change, delete,
 * attachments, old slugs, and the re-render after an upgrade of the Markdown rules.
 */
export const articlesApi = new Hono<AppEnv>()
articlesApi.get('/articles', requirePermission('articles.read'), async (c) =>
  c.json(
    await listAdminArticles(c.var.db, {
      status: enumQuery(c, 'status', ARTICLE_STATUSES),
      categoryId: idQuery(c, 'categoryId'),
      q: textQuery(c, 'q', 200),
      page: pageParam(c),
    }),
  ),
)

articlesApi.post('/articles', requirePermission('articles.write'), jsonLimit, async (c) => {
  const body = await jsonBody(c)
  const { article } = await purgingArticle(c, null, () =>
    createArticle(c.var.db, c.var.principal, body),
  )
  return c.json(article, 201, { Location: `/api/admin/articles/${article.id}` })
})

// After an upgrade of the Markdown rules: every article's HTML rendered again from its Markdown,
// 100 at a time (`?after=<id>` continues; the answer's `nextAfterId` is null at the end), and
// every page purged when any changed. Administrators only (cache.purge). Before
// `/articles/:id`, so "rerender" is not read as an id.
articlesApi.post('/articles/rerender', requirePermission('cache.purge'), async (c) => {
  const result = await rerenderBodies(c.var.db, c.var.principal, {
    afterId: idQuery(c, 'after') ?? 0,
  })
  if (result.changed.length > 0) await purgeEverything(c)
  return c.json(result)
})

articlesApi.get('/articles/:id', requirePermission('articles.read'), async (c) => {
  const article = await getAdminArticle(c.var.db, idParam(c))
  return c.json(article, 200, { ETag: versionTag(article.version) })
})

// A change made on a version (If-Match or `version`) is refused when the article has moved on
// since (409, or 412 for If-Match; src/admin/article-versions.ts).
articlesApi.patch('/articles/:id', requirePermission('articles.write'), jsonLimit, async (c) => {
  const id = idParam(c)
  const body = await jsonBody(c)
  const { version, from } = expectedVersion(c, body)
  const { article } = await purgingArticle(c, id, () =>
    updateArticle(c.var.db, c.var.principal, id, body, new Date(), {
      version,
      conflictStatus: from === 'if-match' ? 412 : 409,
    }),
  )
  return c.json(article, 200, { ETag: versionTag(article.version) })
})

articlesApi.delete('/articles/:id', requirePermission('articles.delete'), async (c) => {
  await deletingArticle(c, idParam(c))
  return c.body(null, 204)
})

articlesApi.post(
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

/** Releases an old slug of a renamed article: it stops redirecting and may be given again. */
articlesApi.delete('/redirects/:slug', requirePermission('articles.publish'), async (c) => {
  const slug = c.req.param('slug')
  if (!isSlug(slug)) throw notFound('Không có đường dẫn cũ này.')
  await releaseRedirect(c.var.db, c.var.principal, slug)
  // The old URL's 301 is not stored, but a 404 stored under it before it redirected might be.
  await purge(c, { paths: new Set([`/bai-viet/${slug}`]), tags: new Set([tags.slug(slug)]) })
  return c.body(null, 204)
})
