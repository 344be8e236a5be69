/**
 * Topics ("Chủ đề"): editors attach them to articles by name; each has a page and a feed.
 * Related stories ("Tin liên quan") come from shared topics first, then the same category.
 */
import { and, asc, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm'
import { slugify } from '../lib/slug'
import {
  articleIdOf,
  articleSummaryFields,
  visibleToReaders,
  type ArticleSummary,
} from './articles'
import type { Database } from './client'
import { articles, articleTopics, topics } from './schema'

export type TopicSummary = { name: string; slug: string }

/** Topics an article may carry at most. */
export const MAX_TOPICS = 10
/** "Tin liên quan" shown at most. */
export const RELATED_SIZE = 5

/** Topic names with their slugs (the portal's folding), once each by slug, in order. */
export function topicsFromNames(names: readonly string[]): TopicSummary[] {
  const seen = new Set<string>()
  const out: TopicSummary[] = []
  for (const name of names) {
    const slug = slugify(name)
    if (!slug || seen.has(slug)) continue
    seen.add(slug)
    out.push({ name, slug })
  }
  return out
}

/**
 * The statements that make an article's topics exactly `list` (for the batch that saves the
 * article): topics new to the portal are created (an existing slug keeps its name), the
 * article's links are replaced. `articleId` may be a subquery (a new article, found by slug).
 */
export function articleTopicsStatements(
  db: Database,
  articleId: number | SQL,
  list: readonly TopicSummary[],
) {
  return [
    db.delete(articleTopics).where(eq(articleTopics.articleId, articleId)),
    ...list.map((t) =>
      db.insert(topics).values({ name: t.name, slug: t.slug }).onConflictDoNothing(),
    ),
    ...list.map((t) =>
      db
        .insert(articleTopics)
        .values({
          articleId: articleId,
          topicId: sql`(select ${topics.id} from ${topics} where ${topics.slug} = ${t.slug})`,
        })
        .onConflictDoNothing(),
    ),
  ] as const
}

/** An article's topics by its id, in name order (case aside). */
export function topicsOfArticleQuery(db: Database, articleId: number | SQL) {
  return (
    db
      .select({ name: topics.name, slug: topics.slug })
      .from(articleTopics)
      .innerJoin(topics, eq(topics.id, articleTopics.topicId))
      .where(eq(articleTopics.articleId, articleId))
      // Names as readers sort them, not capitals first (lower() folds ASCII letters only, which
      // is what decides the order of most Vietnamese names' first letters).
      .orderBy(sql`lower(${topics.name})`, asc(topics.id))
  )
}

/** The topics of the article with this slug (for the article page's batch). */
export function topicsOfSlugQuery(db: Database, slug: string) {
  return topicsOfArticleQuery(db, articleIdOf(db, slug))
}

/**
 * Visible stories sharing a topic with the article `slug`, newest first, never the article
 * itself, each once.
 */
export function relatedByTopicQuery(db: Database, slug: string, now: Date, limit = RELATED_SIZE) {
  const id = articleIdOf(db, slug)
  return db
    .selectDistinct(articleSummaryFields)
    .from(articleTopics)
    .innerJoin(articles, eq(articles.id, articleTopics.articleId))
    .where(
      and(
        inArray(
          articleTopics.topicId,
          db
            .select({ id: articleTopics.topicId })
            .from(articleTopics)
            .where(eq(articleTopics.articleId, id)),
        ),
        ne(articles.id, id),
        visibleToReaders(now),
      ),
    )
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit)
}

/** Visible stories of the article's category, newest first, never the article itself. */
export function relatedByCategoryQuery(
  db: Database,
  slug: string,
  now: Date,
  limit = RELATED_SIZE,
) {
  const id = articleIdOf(db, slug)
  return db
    .select(articleSummaryFields)
    .from(articles)
    .where(
      and(
        visibleToReaders(now),
        eq(
          articles.categoryId,
          sql`(select ${articles.categoryId} from ${articles} where ${articles.slug} = ${slug})`,
        ),
        ne(articles.id, id),
      ),
    )
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit)
}

/** "Tin liên quan": shared topics first, then the category, each once, at most RELATED_SIZE. */
export function mergeRelated(byTopic: ArticleSummary[], byCategory: ArticleSummary[]) {
  const seen = new Set<number>()
  return [...byTopic, ...byCategory]
    .filter((a) => (seen.has(a.id) ? false : (seen.add(a.id), true)))
    .slice(0, RELATED_SIZE)
}

/** The topic with this slug. */
export function topicBySlugQuery(db: Database, slug: string) {
  return db
    .select({ id: topics.id, name: topics.name, slug: topics.slug })
    .from(topics)
    .where(eq(topics.slug, slug))
}

/** One page of a topic's visible stories, newest first, plus one row to tell if more follow. */
export function topicArticlesQuery(
  db: Database,
  opts: { slug: string; now: Date; page: number; pageSize: number },
) {
  return db
    .select(articleSummaryFields)
    .from(articleTopics)
    .innerJoin(articles, eq(articles.id, articleTopics.articleId))
    .where(
      and(
        eq(
          articleTopics.topicId,
          sql`(select ${topics.id} from ${topics} where ${topics.slug} = ${opts.slug})`,
        ),
        visibleToReaders(opts.now),
      ),
    )
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(opts.pageSize + 1)
    .offset((opts.page - 1) * opts.pageSize)
}
