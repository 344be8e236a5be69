/**
 * Loaders for the topic and author pages (one D1 round trip for a topic, two for an author:
 * the byline's slug is found among the portal's authors first).
 */
import { and, desc, inArray } from 'drizzle-orm'
import { PAGE_SIZE } from '../lib/pagination'
import { authorSlug } from '../lib/slug'
import { articleSummaryFields, visibleToReaders, type ArticleSummary } from './articles'
import { listCategoriesQuery, type CategorySummary } from './categories'
import type { Database } from './client'
import { articles } from './schema'
import { readSettings, settingsQuery, type PortalSettings } from './settings'
import { topicArticlesQuery, topicBySlugQuery, type TopicSummary } from './topics'

export type ArchivePageData = {
  categories: CategorySummary[]
  settings: PortalSettings
  articles: ArticleSummary[]
  hasNext: boolean
}

/** One page of a topic's stories, newest first; null when no topic has this slug. */
export async function loadTopicPage(
  db: Database,
  opts: { slug: string; page: number; now: Date; siteName: string },
): Promise<(ArchivePageData & { topic: TopicSummary }) | null> {
  const [categories, settingsRows, [topic], rows] = await db.batch([
    listCategoriesQuery(db),
    settingsQuery(db),
    topicBySlugQuery(db, opts.slug),
    topicArticlesQuery(db, { ...opts, pageSize: PAGE_SIZE }),
  ])
  if (!topic) return null
  return {
    categories,
    settings: readSettings(settingsRows, opts.siteName),
    topic: { name: topic.name, slug: topic.slug },
    articles: rows.slice(0, PAGE_SIZE),
    hasNext: rows.length > PAGE_SIZE,
  }
}

/**
 * One page of an author's published stories, newest first: every byline whose slug
 * (authorSlug) is `slug` (the same name typed with and without marks). Null when no visible
 * story has such a byline.
 */
export async function loadAuthorPage(
  db: Database,
  opts: { slug: string; page: number; now: Date; siteName: string },
): Promise<(ArchivePageData & { author: string }) | null> {
  const [categories, settingsRows, bylines] = await db.batch([
    listCategoriesQuery(db),
    settingsQuery(db),
    db.selectDistinct({ author: articles.author }).from(articles).where(visibleToReaders(opts.now)),
  ])
  const names = bylines.map((b) => b.author).filter((a) => a && authorSlug(a) === opts.slug)
  if (names.length === 0) return null
  const rows = await db
    .select(articleSummaryFields)
    .from(articles)
    .where(and(visibleToReaders(opts.now), inArray(articles.author, names.slice(0, 50))))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(PAGE_SIZE + 1)
    .offset((opts.page - 1) * PAGE_SIZE)
  return {
    categories,
    settings: readSettings(settingsRows, opts.siteName),
    author: names[0]!,
    articles: rows.slice(0, PAGE_SIZE),
    hasNext: rows.length > PAGE_SIZE,
  }
}

/** A topic's stories for its feed, newest first. */
export function topicFeedQuery(db: Database, slug: string, now: Date, limit = 20) {
  return topicArticlesQuery(db, { slug, now, page: 1, pageSize: limit - 1 })
}
