import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import {
  adjacentArticlesQuery,
  listPublishedQuery,
  mostReadQuery,
  visibleArticleBySlugQuery,
} from '../../src/db/articles'
import { approvedCommentCountQuery, approvedCommentsQuery } from '../../src/db/comments'
import { feedItemsQuery } from '../../src/db/feeds'
import { attachmentsQuery } from '../../src/db/media'
import { testDb } from '../helpers'

type Query = { toSQL(): { sql: string; params: unknown[] } }

/** SQLite's plan for a query as D1 would run it, one line per step. */
async function planOf(query: Query): Promise<string[]> {
  const { sql, params } = query.toSQL()
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>()
  return results.map((r) => r.detail)
}

/**
 * Every query a reader page runs walks an index in the order it returns rows: no full scan of a
 * table that grows with the archive, and no sort of all matching rows before the LIMIT. Either
 * would make a page slower with every article published (measured: the "Đọc nhiều" box sorted
 * every published article, 2 s per article page at 100,000 articles in `npm run bench`).
 */
describe('query plans of the reader pages', () => {
  const db = testDb()
  const now = new Date()
  const slug = 'bai-viet'
  const queries: Record<string, Query> = {
    'home list': listPublishedQuery(db, { now, page: 3, pageSize: 20 }),
    'category list': listPublishedQuery(db, {
      now,
      page: 3,
      pageSize: 20,
      categorySlug: 'kinh-te',
    }),
    article: visibleArticleBySlugQuery(db, slug, now),
    'newer articles': adjacentArticlesQuery(db, slug, now, 'newer'),
    'older articles': adjacentArticlesQuery(db, slug, now, 'older'),
    'most read': mostReadQuery(db, now),
    comments: approvedCommentsQuery(db, slug),
    'comment count': approvedCommentCountQuery(db, slug),
    attachments: attachmentsQuery(db, slug),
    'site feed': feedItemsQuery(db, now),
    'category feed': feedItemsQuery(db, now, 'kinh-te'),
  }
  for (const [name, query] of Object.entries(queries)) {
    it(`${name}: no full scan of articles or comments, no sort before the limit`, async () => {
      const plan = await planOf(query)
      expect(plan.filter((step) => /^SCAN (articles|comments)\b/.test(step))).toEqual([])
      expect(plan.filter((step) => step.includes('TEMP B-TREE'))).toEqual([])
    })
  }
})
