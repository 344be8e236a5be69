import { and, count, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm'
import { auditQuery } from '../db/audit'
import { isUniqueViolation } from '../db/errors'
import type { Database } from '../db/client'
import { articles, categories, media, slugRedirects, type ArticleStatus } from '../db/schema'
import { indexArticleStatements, queryTerms, unindexArticleStatement } from '../db/search'
import { coverSizeFields } from '../db/articles'
import { imageSizes } from '../db/media'
import { bodyImageKeys, renderMarkdown } from '../lib/markdown'
import { isImageAddress, mediaKeyOf } from '../lib/media-key'
import { SLUG_MAX_LENGTH, slugify } from '../lib/slug'
import {
  COVER_IMAGE_MESSAGE,
  parseArticleCreate,
  parseArticleUpdate,
  type ArticleCreateInput,
  type ArticleUpdateInput,
} from './article-input'
import { AdminError, forbidden, invalid, notFound } from './errors'
import { mayOnArticle, mayPublish, type Principal } from './permissions'

export const ADMIN_PAGE_SIZE = 20

/** An article as the admin shows and the API returns it. */
export type AdminArticle = typeof articles.$inferSelect & {
  categorySlug: string
  categoryName: string
  /** The cover image's size in pixels, when it is an upload whose size is known. */
  coverWidth: number | null
  coverHeight: number | null
}

/** What changed, for the audit log and for purging cached pages. */
export type ArticleChange = {
  article: AdminArticle
  /** Before the change (null for a new article). */
  before: AdminArticle | null
}

async function loadArticle(db: Database, id: number): Promise<AdminArticle | null> {
  const [row] = await db
    .select({
      article: articles,
      categorySlug: categories.slug,
      categoryName: categories.name,
      ...coverSizeFields,
    })
    .from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .where(eq(articles.id, id))
    .limit(1)
  return row
    ? {
        ...row.article,
        categorySlug: row.categorySlug,
        categoryName: row.categoryName,
        coverWidth: row.coverWidth,
        coverHeight: row.coverHeight,
      }
    : null
}

/** One article by id, or a 404. */
export async function getAdminArticle(db: Database, id: number): Promise<AdminArticle> {
  const article = await loadArticle(db, id)
  if (!article) throw notFound('Không tìm thấy bài viết.')
  return article
}

export type ArticleFilters = {
  status?: ArticleStatus
  categoryId?: number
  q?: string
  page?: number
}

/** Articles for the admin list, newest changes first, with filters. */
export async function listAdminArticles(db: Database, filters: ArticleFilters) {
  const conditions: SQL[] = []
  if (filters.status) conditions.push(eq(articles.status, filters.status))
  if (filters.categoryId) conditions.push(eq(articles.categoryId, filters.categoryId))
  const terms = queryTerms(filters.q ?? '')
  // A query with no words in it (only symbols, wildcards) matches nothing, as in public search.
  if (terms.length === 0 && (filters.q ?? '').trim() !== '') conditions.push(sql`0`)
  if (terms.length > 0) {
    // The public search's folding (case, marks, đ = d: queryTerms), on the same index, which
    // holds drafts too, in titles; each word also matches as the start of a longer one ("thuo"
    // finds "Thường"), as an editor types. Or the words joined as in a slug (instr, not LIKE:
    // D1 refuses LIKE patterns over 50 bytes).
    const match = terms.map((t) => `title : "${t}"*`).join(' AND ')
    conditions.push(
      or(
        sql`${articles.id} in (select rowid from articles_fts where articles_fts match ${match})`,
        sql`instr(${articles.slug}, ${terms.join('-')}) > 0`,
      )!,
    )
  }
  const where = conditions.length ? and(...conditions) : undefined
  const page = Math.max(1, filters.page ?? 1)
  const [items, [total]] = await db.batch([
    db
      .select({
        id: articles.id,
        slug: articles.slug,
        title: articles.title,
        status: articles.status,
        publishedAt: articles.publishedAt,
        updatedAt: articles.updatedAt,
        categoryId: articles.categoryId,
        categoryName: categories.name,
        viewCount: articles.viewCount,
      })
      .from(articles)
      .innerJoin(categories, eq(categories.id, articles.categoryId))
      .where(where)
      .orderBy(desc(articles.updatedAt), desc(articles.id))
      .limit(ADMIN_PAGE_SIZE)
      .offset((page - 1) * ADMIN_PAGE_SIZE),
    db.select({ n: count() }).from(articles).where(where),
  ])
  return { items, total: total?.n ?? 0, page, pageSize: ADMIN_PAGE_SIZE }
}

/**
 * `base`, or `base-2`, `base-3`, … whichever no other article uses, now or as an old URL (a
 * slug that redirects to another article stays that article's until an editor releases it:
 * `releaseRedirect`), never longer than SLUG_MAX_LENGTH: a numbered slug of a long base
 * shortens the base (at the character) to make room for its number, so every slug stays one
 * the article route accepts. Input: a valid slug; `exceptId`, the article being saved.
 */
export async function uniqueSlug(db: Database, base: string, exceptId?: number): Promise<string> {
  // Every candidate up to base-99999 starts with this prefix: `base-` when any such number fits
  // after base, else the part of base that is kept next to a five-digit number.
  const prefix =
    base.length + 6 <= SLUG_MAX_LENGTH
      ? `${base}-`
      : base.slice(0, SLUG_MAX_LENGTH - 6).replace(/-+$/, '')
  // `base` and the slugs starting with `prefix`, as a range on the slug index ('~' sorts after
  // every slug character). LIKE would also work, but D1 refuses patterns over 50 bytes.
  const [current, old] = await db.batch([
    db
      .select({ slug: articles.slug, id: articles.id })
      .from(articles)
      .where(
        or(
          eq(articles.slug, base),
          and(gte(articles.slug, prefix), lt(articles.slug, `${prefix}~`)),
        ),
      ),
    db
      .select({ slug: slugRedirects.oldSlug, id: slugRedirects.articleId })
      .from(slugRedirects)
      .where(
        or(
          eq(slugRedirects.oldSlug, base),
          and(gte(slugRedirects.oldSlug, prefix), lt(slugRedirects.oldSlug, `${prefix}~`)),
        ),
      ),
  ])
  const taken = new Set([...current, ...old].filter((r) => r.id !== exceptId).map((r) => r.slug))
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(numbered(base, n))) return numbered(base, n)
}

/** `base-n`, with base cut (and its trailing dashes dropped) so it fits SLUG_MAX_LENGTH. */
function numbered(base: string, n: number): string {
  const suffix = `-${n}`
  return `${base.slice(0, SLUG_MAX_LENGTH - suffix.length).replace(/-+$/, '')}${suffix}`
}

async function assertCategory(db: Database, categoryId: number) {
  const [row] = await db
    .select({ id: categories.id })
    .from(categories)
    .where(eq(categories.id, categoryId))
  if (!row) throw invalid({ categoryId: 'Chuyên mục không tồn tại.' })
}

/**
 * A cover image must name what it shows: an https address, or an upload that exists (a
 * `/media/…` path of ours whose item is in the media library).
 */
async function assertCoverImage(db: Database, url: string | null | undefined) {
  if (!url) return
  const key = mediaKeyOf(url)
  if (!key) {
    if (isImageAddress(url)) return
    throw invalid({ coverImage: COVER_IMAGE_MESSAGE })
  }
  const [row] = await db.select({ id: media.id }).from(media).where(eq(media.key, key)).limit(1)
  if (!row) throw invalid({ coverImage: 'Ảnh đại diện không có trong thư viện ảnh.' })
}

/** The stored HTML of a Markdown body, with the real size of each uploaded image it shows. */
async function renderBody(db: Database, markdown: string): Promise<string> {
  return renderMarkdown(markdown, await imageSizes(db, bodyImageKeys(markdown)))
}

/**
 * The article as it would read, from form or API input that is not saved (a preview, before the
 * first save or of unsaved edits): validated as a new article (AdminError 422 with the fields
 * otherwise), the body rendered as a save renders it. Nothing is written.
 */
export async function previewArticle(
  db: Database,
  raw: unknown,
  now = new Date(),
): Promise<AdminArticle> {
  const parsed = parseArticleCreate(raw)
  if (!parsed.ok) throw invalid(parsed.errors)
  const input = parsed.input
  const [category] = await db
    .select({ slug: categories.slug, name: categories.name })
    .from(categories)
    .where(eq(categories.id, input.categoryId))
  if (!category) throw invalid({ categoryId: 'Chuyên mục không tồn tại.' })
  await assertCoverImage(db, input.coverImage)
  const [size] = input.coverImage
    ? await db
        .select({ width: media.width, height: media.height })
        .from(media)
        .where(eq(media.key, mediaKeyOf(input.coverImage) ?? ''))
    : []
  return {
    id: 0,
    slug: input.slug || slugify(input.title) || 'bai-viet',
    title: input.title,
    source: input.source ?? '',
    lead: input.lead ?? '',
    body: input.body,
    bodyHtml: await renderBody(db, input.body),
    author: input.author ?? '',
    ownerId: null,
    categoryId: input.categoryId,
    status: input.status ?? 'draft',
    publishedAt: input.publishedAt ?? null,
    createdAt: now,
    updatedAt: now,
    commentsEnabled: input.commentsEnabled ?? true,
    viewCount: 0,
    coverImage: input.coverImage ?? null,
    categorySlug: category.slug,
    categoryName: category.name,
    coverWidth: size?.width ?? null,
    coverHeight: size?.height ?? null,
  }
}

/** Writers write drafts and submit them for review; only editors and admins publish. */
function assertMayUseStatus(actor: Principal, status: ArticleStatus | undefined) {
  if (status === 'published' && !mayPublish(actor.role)) throw forbidden()
}

/** Creates an article from API JSON or form fields. */
export async function createArticle(
  db: Database,
  actor: Principal,
  raw: unknown,
  now = new Date(),
): Promise<ArticleChange> {
  const parsed = parseArticleCreate(raw)
  if (!parsed.ok) throw invalid(parsed.errors)
  const input: ArticleCreateInput = parsed.input
  assertMayUseStatus(actor, input.status)
  await assertCategory(db, input.categoryId)
  await assertCoverImage(db, input.coverImage)
  const base = input.slug || slugify(input.title) || 'bai-viet'
  const slug = await uniqueSlug(db, base)
  const publishedAt = input.publishedAt ?? (input.status === 'published' ? now : null)
  const bodyHtml = await renderBody(db, input.body)
  try {
    const [[created]] = await db.batch([
      db
        .insert(articles)
        .values({
          slug,
          title: input.title,
          lead: input.lead,
          body: input.body,
          bodyHtml,
          author: input.author,
          source: input.source,
          ownerId: actor.id,
          categoryId: input.categoryId,
          status: input.status,
          publishedAt,
          commentsEnabled: input.commentsEnabled,
          coverImage: input.coverImage ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: articles.id }),
      ...indexArticleStatements(db, {
        id: sql`(select ${articles.id} from ${articles} where ${articles.slug} = ${slug})`,
        title: input.title,
        lead: input.lead,
        body: input.body,
      }),
      auditQuery(
        db,
        actor,
        {
          action: 'article.create',
          targetType: 'article',
          // The new id, found by the unique slug inside the same transaction.
          targetId: sql`(select ${articles.id} from ${articles} where ${articles.slug} = ${slug})`,
          detail: { slug, title: input.title, status: input.status },
        },
        now,
      ),
    ])
    return { article: await getAdminArticle(db, created!.id), before: null }
  } catch (err) {
    if (isUniqueViolation(err, 'articles.slug')) {
      throw new AdminError(409, 'slug_taken', 'Đường dẫn này vừa được bài khác sử dụng.', {
        slug: 'Đường dẫn đã có bài viết khác sử dụng.',
      })
    }
    throw err
  }
}

/** Applies a partial update; changing a published article's slug keeps the old URL as a 301. */
export async function updateArticle(
  db: Database,
  actor: Principal,
  id: number,
  raw: unknown,
  now = new Date(),
): Promise<ArticleChange> {
  const parsed = parseArticleUpdate(raw)
  if (!parsed.ok) throw invalid(parsed.errors)
  const input: ArticleUpdateInput = parsed.input
  const before = await getAdminArticle(db, id)
  // Writers may not touch what is already published, nor publish.
  // Writers change only their own drafts and articles in review (permissions.ts).
  if (!mayOnArticle(actor, 'edit', before, now)) throw forbidden()
  assertMayUseStatus(actor, input.status)
  if (input.categoryId !== undefined) await assertCategory(db, input.categoryId)
  await assertCoverImage(db, input.coverImage)

  const slug =
    input.slug && input.slug !== before.slug ? await uniqueSlug(db, input.slug, id) : before.slug
  const status = input.status ?? before.status
  let publishedAt = input.publishedAt === undefined ? before.publishedAt : input.publishedAt
  if (status === 'published' && !publishedAt) publishedAt = now

  const bodyHtml = input.body === undefined ? undefined : await renderBody(db, input.body)
  const changes = {
    ...(input.title !== undefined && { title: input.title }),
    ...(input.lead !== undefined && { lead: input.lead }),
    ...(input.body !== undefined && { body: input.body, bodyHtml }),
    ...(input.author !== undefined && { author: input.author }),
    ...(input.source !== undefined && { source: input.source }),
    ...(input.categoryId !== undefined && { categoryId: input.categoryId }),
    ...(input.commentsEnabled !== undefined && { commentsEnabled: input.commentsEnabled }),
    ...(input.coverImage !== undefined && { coverImage: input.coverImage }),
    slug,
    status,
    publishedAt,
    updatedAt: now,
  }
  const action =
    status === 'published' && before.status !== 'published'
      ? 'article.publish'
      : status !== 'published' && before.status === 'published'
        ? 'article.unpublish'
        : 'article.update'
  const slugMoved = slug !== before.slug && before.status === 'published'
  try {
    await db.batch([
      db.update(articles).set(changes).where(eq(articles.id, id)),
      // Moving back to one of its own old slugs: that old URL is the article's URL again.
      db
        .delete(slugRedirects)
        .where(and(eq(slugRedirects.oldSlug, slug), eq(slugRedirects.articleId, id))),
      ...indexArticleStatements(db, {
        id,
        title: input.title ?? before.title,
        lead: input.lead ?? before.lead,
        body: input.body ?? before.body,
      }),
      ...(slugMoved
        ? [
            db
              .insert(slugRedirects)
              .values({ oldSlug: before.slug, articleId: id, createdAt: now })
              .onConflictDoUpdate({
                target: slugRedirects.oldSlug,
                set: { articleId: id, createdAt: now },
              }),
          ]
        : []),
      auditQuery(
        db,
        actor,
        {
          action,
          targetType: 'article',
          targetId: id,
          detail: {
            fields: Object.keys(input),
            ...(slug !== before.slug && { from: before.slug, to: slug }),
          },
        },
        now,
      ),
    ])
  } catch (err) {
    if (isUniqueViolation(err, 'articles.slug')) {
      throw new AdminError(409, 'slug_taken', 'Đường dẫn này vừa được bài khác sử dụng.', {
        slug: 'Đường dẫn đã có bài viết khác sử dụng.',
      })
    }
    throw err
  }
  return { article: await getAdminArticle(db, id), before }
}

/**
 * Deletes an article with its comments, redirects and attachment records. Returns the R2 keys
 * of its attachments so the caller can remove the files too.
 */
export async function deleteArticle(
  db: Database,
  actor: Principal,
  id: number,
  now = new Date(),
): Promise<ArticleChange & { mediaKeys: string[] }> {
  const before = await getAdminArticle(db, id)
  if (!mayOnArticle(actor, 'delete', before, now)) throw forbidden()
  const files = await db.select({ key: media.key }).from(media).where(eq(media.articleId, id))
  await db.batch([
    db.delete(articles).where(eq(articles.id, id)),
    unindexArticleStatement(db, id),
    auditQuery(
      db,
      actor,
      {
        action: 'article.delete',
        targetType: 'article',
        targetId: id,
        detail: { slug: before.slug, title: before.title },
      },
      now,
    ),
  ])
  return { article: before, before, mediaKeys: files.map((f) => f.key) }
}
