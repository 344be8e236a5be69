import { and, count, eq, gt, lte } from 'drizzle-orm'
import type { Database } from './client'
import { articles, comments } from './schema'

/** The admin dashboard's counts, in one round trip. */
export async function dashboardCounts(db: Database, now: Date) {
  const n = (rows: { n: number }[]) => rows[0]?.n ?? 0
  const [pendingComments, drafts, review, scheduled, published] = await db.batch([
    db.select({ n: count() }).from(comments).where(eq(comments.status, 'pending')),
    db.select({ n: count() }).from(articles).where(eq(articles.status, 'draft')),
    db.select({ n: count() }).from(articles).where(eq(articles.status, 'review')),
    db
      .select({ n: count() })
      .from(articles)
      .where(and(eq(articles.status, 'published'), gt(articles.publishedAt, now))),
    db
      .select({ n: count() })
      .from(articles)
      .where(and(eq(articles.status, 'published'), lte(articles.publishedAt, now))),
  ])
  return {
    pendingComments: n(pendingComments),
    drafts: n(drafts),
    review: n(review),
    scheduled: n(scheduled),
    published: n(published),
  }
}
