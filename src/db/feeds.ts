import { and, count, desc, eq, gt } from 'drizzle-orm'
import { visibleToReaders } from './articles'
import type { Database } from './client'
import { articles, articleTopics, categories, topics } from './schema'

/** Items in an RSS feed. */
export const FEED_SIZE = 50
/** URLs in one sitemap file (the protocol's limit). */
export const SITEMAP_LIMIT = 50_000

/** What a feed item shows. */
const feedItemFields = {
  slug: articles.slug,
  title: articles.title,
  lead: articles.lead,
  author: articles.author,
  publishedAt: articles.publishedAt,
  categoryName: categories.name,
}

/** The newest visible articles for a feed, optionally of one category (by slug). */
export function feedItemsQuery(db: Database, now: Date, categorySlug?: string) {
  return db
    .select(feedItemFields)
    .from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .where(
      categorySlug
        ? and(visibleToReaders(now), eq(categories.slug, categorySlug))
        : visibleToReaders(now),
    )
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(FEED_SIZE)
}

/** The newest visible articles of one topic (by slug), for its feed. */
export function topicFeedItemsQuery(db: Database, now: Date, topicSlug: string) {
  return db
    .select(feedItemFields)
    .from(articleTopics)
    .innerJoin(articles, eq(articles.id, articleTopics.articleId))
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .innerJoin(topics, eq(topics.id, articleTopics.topicId))
    .where(and(visibleToReaders(now), eq(topics.slug, topicSlug)))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(FEED_SIZE)
}

/**
 * Visible articles' slugs and last changes, newest first, for a sitemap file: `limit` of them
 * from `offset` (SITEMAP_LIMIT from the newest by default).
 */
export function sitemapArticlesQuery(
  db: Database,
  now: Date,
  opts: { limit?: number; offset?: number } = {},
) {
  return db
    .select({ slug: articles.slug, updatedAt: articles.updatedAt })
    .from(articles)
    .where(visibleToReaders(now))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(opts.limit ?? SITEMAP_LIMIT)
    .offset(opts.offset ?? 0)
}

/** How many articles readers can see (for splitting the sitemap). */
export function visibleCountQuery(db: Database, now: Date) {
  return db.select({ n: count() }).from(articles).where(visibleToReaders(now))
}

/** Google News takes articles of the last two days, at most 1,000 in a sitemap. */
export const NEWS_SITEMAP_WINDOW_MS = 2 * 24 * 60 * 60 * 1000
export const NEWS_SITEMAP_LIMIT = 1000

/** Articles published in the last two days (Google News sitemap), newest first. */
export function newsSitemapQuery(db: Database, now: Date) {
  return db
    .select({ slug: articles.slug, title: articles.title, publishedAt: articles.publishedAt })
    .from(articles)
    .where(
      and(
        visibleToReaders(now),
        gt(articles.publishedAt, new Date(now.getTime() - NEWS_SITEMAP_WINDOW_MS)),
      ),
    )
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(NEWS_SITEMAP_LIMIT)
}

/** Every topic's slug, for the sitemap. */
export function sitemapTopicsQuery(db: Database) {
  return db.select({ slug: topics.slug }).from(topics).orderBy(topics.id)
}
