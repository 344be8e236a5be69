/**
 * Loaders for whole reader pages. Each sends every query its page needs to D1 in one `batch()`,
 * so a page costs one round trip however many lists it shows.
 */
import {
  adjacentArticlesQuery,
  listPublishedQuery,
  mostReadQuery,
  visibleArticleBySlugQuery,
  type ArticleSummary,
} from './articles'
import { listCategoriesQuery, type CategorySummary } from './categories'
import { PAGE_SIZE } from '../lib/pagination'
import type { Database } from './client'
import {
  approvedCommentCountQuery,
  approvedCommentsQuery,
  forReaders,
  type PublicComment,
} from './comments'
import { attachmentsQuery, type PublicAttachment } from './media'
import { readSettings, settingsQuery, type PortalSettings } from './settings'
import {
  mergeRelated,
  relatedByCategoryQuery,
  relatedByTopicQuery,
  topicsOfSlugQuery,
  type TopicSummary,
} from './topics'

export type ListPageData = {
  categories: CategorySummary[]
  settings: PortalSettings
  /** The category shown, or null on the home page. */
  category: CategorySummary | null
  articles: ArticleSummary[]
  /** Whether there is a page after this one. */
  hasNext: boolean
}

/**
 * One page of the newest articles, site-wide or in one category. Returns null when the category
 * does not exist.
 */
export async function loadListPage(
  db: Database,
  opts: { now: Date; page: number; categorySlug?: string; siteName?: string },
): Promise<ListPageData | null> {
  const pageSize = PAGE_SIZE
  const [categories, settingsRows, rows] = await db.batch([
    listCategoriesQuery(db),
    settingsQuery(db),
    listPublishedQuery(db, { ...opts, pageSize }),
  ])
  const category = opts.categorySlug
    ? (categories.find((c) => c.slug === opts.categorySlug) ?? null)
    : null
  if (opts.categorySlug && !category) return null
  return {
    categories,
    settings: readSettings(settingsRows, opts.siteName ?? ''),
    category,
    articles: rows.slice(0, pageSize),
    hasNext: rows.length > pageSize,
  }
}

export type ArticleDetail = Awaited<ReturnType<typeof visibleArticleBySlugQuery>>[number]

export type ArticlePageData = {
  categories: CategorySummary[]
  settings: PortalSettings
  article: ArticleDetail
  /** Published just after this one, newest first. */
  newer: ArticleSummary[]
  /** Published just before this one, newest first. */
  older: ArticleSummary[]
  comments: PublicComment[]
  commentCount: number
  attachments: PublicAttachment[]
  /** The "Đọc nhiều" box. */
  mostRead: ArticleSummary[]
  topics: TopicSummary[]
  /** "Tin liên quan": shared topics first, then the same category. */
  related: ArticleSummary[]
}

/**
 * Everything the article page shows, in one round trip. Returns the categories alone (for the
 * 404 page's navigation) when no visible article has this slug.
 */
export async function loadArticlePage(
  db: Database,
  slug: string,
  now: Date,
  siteName = '',
): Promise<ArticlePageData | { categories: CategorySummary[]; article: null }> {
  const [
    categories,
    settingsRows,
    [article],
    newer,
    older,
    comments,
    [commentCount],
    attachments,
    mostRead,
    topics,
    byTopic,
    byCategory,
  ] = await db.batch([
    listCategoriesQuery(db),
    settingsQuery(db),
    visibleArticleBySlugQuery(db, slug, now),
    adjacentArticlesQuery(db, slug, now, 'newer'),
    adjacentArticlesQuery(db, slug, now, 'older'),
    approvedCommentsQuery(db, slug),
    approvedCommentCountQuery(db, slug),
    attachmentsQuery(db, slug),
    mostReadQuery(db, now),
    topicsOfSlugQuery(db, slug),
    relatedByTopicQuery(db, slug, now),
    relatedByCategoryQuery(db, slug, now),
  ])
  if (!article) return { categories, article: null }
  return {
    categories,
    settings: readSettings(settingsRows, siteName),
    article,
    // Fetched nearest first; shown newest first like every other list on the site.
    newer: newer.reverse(),
    older,
    comments: comments.map(forReaders),
    commentCount: commentCount?.total ?? 0,
    attachments,
    mostRead,
    topics,
    related: mergeRelated(byTopic, byCategory),
  }
}
