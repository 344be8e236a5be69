/** The admin article list: filters, search with the public folding, pages. */
import { and, count, desc, eq, or, sql, type SQL } from 'drizzle-orm'
import type { Database } from '../db/client'
import { articles, categories, type ArticleStatus } from '../db/schema'
import { queryTerms } from '../db/search'

/** Articles on one page of the admin list. */
export const ADMIN_PAGE_SIZE = 20

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
