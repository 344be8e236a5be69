import { and, desc, eq } from 'drizzle-orm'
import { visibleToReaders } from './articles'
import type { Database } from './client'
import { articles, articleTopics, categories, topics } from './schema'

/** Items in an RSS feed. */
export const FEED_SIZE = 50
/** URLs in one sitemap file (the protocol's limit). */
export const SITEMAP_LIMIT = 50_000

/** The newest visible articles for a feed, optionally of one category (by slug). */
export function feedItemsQuery(db: Database, now: Date, categorySlug?: string) {
  return db
    .select({
      slug: articles.slug,
      title: articles.title,
      lead: articles.lead,
      author: articles.author,
      publishedAt: articles.publishedAt,
      categoryName: categories.name,
    })
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
    .select({
      slug: articles.slug,
      title: articles.title,
      lead: articles.lead,
      author: articles.author,
      publishedAt: articles.publishedAt,
      categoryName: categories.name,
    })
    .from(articleTopics)
    .innerJoin(articles, eq(articles.id, articleTopics.articleId))
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .innerJoin(topics, eq(topics.id, articleTopics.topicId))
    .where(and(visibleToReaders(now), eq(topics.slug, topicSlug)))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(FEED_SIZE)
}

/** Every visible article's slug and last change, newest first, for the sitemap. */
export function sitemapArticlesQuery(db: Database, now: Date) {
  return db
    .select({ slug: articles.slug, updatedAt: articles.updatedAt })
    .from(articles)
    .where(visibleToReaders(now))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(SITEMAP_LIMIT)
}
