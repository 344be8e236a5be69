/**
 * The home page's data in one D1 round trip: "Tin nổi bật" chosen by editors, the newest
 * stories, a block per category editors put on the home page, "Đọc nhiều", and what every page
 * shows (categories, the portal's settings).
 */
import { and, asc, desc, eq, gt, isNull, notInArray, or } from 'drizzle-orm'
import {
  articleSummaryFields,
  mostReadQuery,
  visibleToReaders,
  type ArticleSummary,
} from './articles'
import { listCategoriesQuery, type CategorySummary } from './categories'
import type { Database } from './client'
import { articles, categories, featuredArticles } from './schema'
import { readSettings, settingsQuery, type PortalSettings } from './settings'

/** Featured stories shown at most: the lead story and four more. */
export const FEATURED_SIZE = 5
/** Newest stories listed beside the featured ones. */
export const NEWEST_SIZE = 8
/** Stories per category block. */
export const BLOCK_SIZE = 4

/**
 * The featured stories readers may see now, in the editors' order: published, their time come,
 * and their end time (`until`) not yet reached.
 */
export function featuredQuery(db: Database, now: Date, limit = FEATURED_SIZE) {
  return db
    .select(articleSummaryFields)
    .from(featuredArticles)
    .innerJoin(articles, eq(articles.id, featuredArticles.articleId))
    .where(
      and(
        visibleToReaders(now),
        or(isNull(featuredArticles.until), gt(featuredArticles.until, now)),
      ),
    )
    .orderBy(asc(featuredArticles.position), desc(articles.publishedAt))
    .limit(limit)
}

/** The categories editors put on the home page, in navigation order. */
function homeCategoriesQuery(db: Database) {
  return db
    .select({ id: categories.id })
    .from(categories)
    .where(eq(categories.onHome, true))
    .orderBy(asc(categories.position), asc(categories.id))
}

/** One category's newest visible stories, for its block. */
function blockQuery(db: Database, categoryId: number, now: Date) {
  return db
    .select(articleSummaryFields)
    .from(articles)
    .where(and(visibleToReaders(now), eq(articles.categoryId, categoryId)))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(BLOCK_SIZE)
}

export type HomePageData = {
  categories: CategorySummary[]
  settings: PortalSettings
  /** The lead story first; empty when editors feature nothing and nothing is published. */
  featured: ArticleSummary[]
  newest: ArticleSummary[]
  blocks: { category: CategorySummary; articles: ArticleSummary[] }[]
  mostRead: ArticleSummary[]
}

/**
 * Everything the home page shows. Two batches: the first finds which categories have blocks
 * (their number decides the second's queries). When editors feature nothing, the newest story
 * leads. Blocks of categories with nothing published are left out.
 */
export async function loadHomePage(
  db: Database,
  now: Date,
  siteName: string,
): Promise<HomePageData> {
  const [nav, settingsRows, featuredRows, homeCategories] = await db.batch([
    listCategoriesQuery(db),
    settingsQuery(db),
    featuredQuery(db, now),
    homeCategoriesQuery(db),
  ])
  const featuredIds = featuredRows.map((a) => a.id)
  const newestQuery = db
    .select(articleSummaryFields)
    .from(articles)
    .where(
      featuredIds.length
        ? and(visibleToReaders(now), notInArray(articles.id, featuredIds))
        : visibleToReaders(now),
    )
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(NEWEST_SIZE + (featuredIds.length ? 0 : 1))
  const [newestRows, mostRead, ...blockRows] = await db.batch([
    newestQuery,
    mostReadQuery(db, now),
    ...homeCategories.map((c) => blockQuery(db, c.id, now)),
  ])
  // Nothing featured: the newest story leads, and the list starts after it.
  const featured = featuredRows.length ? featuredRows : newestRows.slice(0, 1)
  const newest = featuredRows.length ? newestRows : newestRows.slice(1)
  const byId = new Map(nav.map((c) => [c.id, c]))
  return {
    categories: nav,
    settings: readSettings(settingsRows, siteName),
    featured,
    newest,
    blocks: homeCategories
      .map((c, i) => ({ category: byId.get(c.id)!, articles: blockRows[i] ?? [] }))
      .filter((b) => b.category && b.articles.length > 0),
    mostRead,
  }
}
