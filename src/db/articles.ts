import { and, asc, desc, eq, lte, sql, type SQL } from 'drizzle-orm'
import { PAGE_SIZE } from '../lib/pagination'
import type { Database } from './client'
import { articles, categories, media } from './schema'

/** Articles listed beside an article: "Các bài mới đăng" and "Các bài đã đăng". */
export const RELATED_LIST_SIZE = 5

/**
 * The cover image's size in pixels, when the cover is an upload whose size was read (null for an
 * https address or an older upload): found by the media key after `/media/`, on its unique index.
 */
export const coverSizeFields = {
  coverWidth: sql<
    number | null
  >`(select ${media.width} from ${media} where ${media.key} = substr(${articles.coverImage}, 8) and substr(${articles.coverImage}, 1, 7) = '/media/')`.as(
    'cover_width',
  ),
  coverHeight: sql<
    number | null
  >`(select ${media.height} from ${media} where ${media.key} = substr(${articles.coverImage}, 8) and substr(${articles.coverImage}, 1, 7) = '/media/')`.as(
    'cover_height',
  ),
}

/** What a list entry shows. */
export const articleSummaryFields = {
  id: articles.id,
  slug: articles.slug,
  title: articles.title,
  lead: articles.lead,
  source: articles.source,
  publishedAt: articles.publishedAt,
  viewCount: articles.viewCount,
  categoryId: articles.categoryId,
  coverImage: articles.coverImage,
  // For the thumbnail's srcset: which WebP copies exist.
  coverWidth: coverSizeFields.coverWidth,
}

export type ArticleSummary = {
  id: number
  slug: string
  title: string
  lead: string
  source: string
  publishedAt: Date | null
  viewCount: number
  categoryId: number
  coverImage: string | null
  coverWidth: number | null
}

/**
 * Readers see an article once it is published and its time has come; drafts, articles in
 * review and scheduled ones stay hidden.
 */
export function visibleToReaders(now: Date): SQL {
  return and(eq(articles.status, 'published'), lte(articles.publishedAt, now))!
}

/** Newest first, with the id as a tie-breaker so that pages never overlap. */
const newestFirst = [desc(articles.publishedAt), desc(articles.id)]

/** A subquery giving the id of the category with this slug. */
function categoryIdBySlug(db: Database, categorySlug: string) {
  return db.select({ id: categories.id }).from(categories).where(eq(categories.slug, categorySlug))
}

/**
 * One page of the newest visible articles, optionally in one category (by slug), plus one
 * more row that tells whether a next page exists. There is no total count: counting every
 * visible article costs time that grows with the archive on every list page.
 */
export function listPublishedQuery(
  db: Database,
  opts: { now: Date; page: number; categorySlug?: string; pageSize?: number },
) {
  const pageSize = opts.pageSize ?? PAGE_SIZE
  const where = opts.categorySlug
    ? and(
        visibleToReaders(opts.now),
        eq(articles.categoryId, categoryIdBySlug(db, opts.categorySlug)),
      )
    : visibleToReaders(opts.now)
  return db
    .select(articleSummaryFields)
    .from(articles)
    .where(where)
    .orderBy(...newestFirst)
    .limit(pageSize + 1)
    .offset((opts.page - 1) * pageSize)
}

/** The fields of the article page itself, with its category. */
export const articleDetailFields = {
  ...articleSummaryFields,
  // The Markdown source stays in D1: readers get the HTML rendered at save time.
  bodyHtml: articles.bodyHtml,
  author: articles.author,
  status: articles.status,
  updatedAt: articles.updatedAt,
  commentsEnabled: articles.commentsEnabled,
  coverAlt: articles.coverAlt,
  ...coverSizeFields,
  // Aliased: D1 returns batched rows keyed by column name, so a second `slug` or `name` column
  // would overwrite the article's own.
  categoryName: sql<string>`${categories.name}`.as('category_name'),
  categorySlug: sql<string>`${categories.slug}`.as('category_slug'),
}

/** A visible article by slug, with its category name and slug. */
export function visibleArticleBySlugQuery(db: Database, slug: string, now: Date) {
  return db
    .select(articleDetailFields)
    .from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .where(and(eq(articles.slug, slug), visibleToReaders(now)))
    .limit(1)
}

/**
 * The visible articles of the same category published just after (`newer`) or just before
 * (`older`) the article with this slug, nearest first. The anchor is found in the same statement
 * by a subquery, so the article page can send every query in one batch.
 */
export function adjacentArticlesQuery(
  db: Database,
  slug: string,
  now: Date,
  direction: 'newer' | 'older',
  limit = RELATED_LIST_SIZE,
) {
  const anchor = db
    .select({
      id: articles.id,
      categoryId: articles.categoryId,
      publishedAt: articles.publishedAt,
    })
    .from(articles)
    .where(and(eq(articles.slug, slug), visibleToReaders(now)))
    .as('anchor')
  // A row-value comparison lets SQLite range-scan the (category, status, published_at, id)
  // index from the anchor; the equivalent OR of two conditions scans the whole category.
  const beyond =
    direction === 'newer'
      ? sql`(${articles.publishedAt}, ${articles.id}) > (${anchor.publishedAt}, ${anchor.id})`
      : sql`(${articles.publishedAt}, ${articles.id}) < (${anchor.publishedAt}, ${anchor.id})`
  return db
    .select(articleSummaryFields)
    .from(anchor)
    .innerJoin(articles, eq(articles.categoryId, anchor.categoryId))
    .where(and(visibleToReaders(now), beyond))
    .orderBy(
      ...(direction === 'newer'
        ? [asc(articles.publishedAt), asc(articles.id)]
        : [desc(articles.publishedAt), desc(articles.id)]),
    )
    .limit(limit)
}

/** Articles in the "Đọc nhiều" (most read) box. */
export const MOST_READ_SIZE = 5

/**
 * The most read visible articles, site-wide. The time test is written `+published_at` so that
 * SQLite cannot use it to pick the published-time index (which would make it sort every
 * published article): with it, the plan walks `articles_status_views_idx` in view order and
 * stops after `limit` rows (see https://sqlite.org/optoverview.html#disqualifying_where_clause_terms_using_unary_).
 */
export function mostReadQuery(db: Database, now: Date, limit = MOST_READ_SIZE) {
  return db
    .select(articleSummaryFields)
    .from(articles)
    .where(and(eq(articles.status, 'published'), sql`+${articles.publishedAt} <= ${now.getTime()}`))
    .orderBy(desc(articles.viewCount), desc(articles.id))
    .limit(limit)
}

/**
 * The id of the article with this slug, as a scalar subquery (`= (select id …)`), so a query on
 * a child table is an equality on its article index and can walk it in order; `IN (select …)`
 * made SQLite sort the rows instead.
 */
export function articleIdOf(db: Database, slug: string): SQL {
  return sql`(${db.select({ id: articles.id }).from(articles).where(eq(articles.slug, slug))})`
}

/** Whether an article with this id is one readers can see now (visibleToReaders). One read. */
export async function isVisibleArticle(db: Database, id: number, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: articles.id })
    .from(articles)
    .where(and(eq(articles.id, id), visibleToReaders(now)))
  return row !== undefined
}
