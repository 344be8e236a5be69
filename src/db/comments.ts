import { and, asc, count, eq, inArray } from 'drizzle-orm'
import type { Database } from './client'
import { articles, comments } from './schema'

/** Most approved comments shown under one article; the count above them is always exact. */
export const COMMENTS_SHOWN = 200

/** What readers see of a comment. The phone number and IP hash are deliberately absent. */
export const publicCommentFields = {
  id: comments.id,
  name: comments.name,
  title: comments.title,
  content: comments.content,
  createdAt: comments.createdAt,
}

export type PublicComment = {
  id: number
  name: string
  title: string
  content: string
  createdAt: Date
}

function articleIdBySlug(db: Database, slug: string) {
  return db.select({ id: articles.id }).from(articles).where(eq(articles.slug, slug))
}

/** Approved comments of the article with this slug, oldest first. */
export function approvedCommentsQuery(db: Database, articleSlug: string, limit = COMMENTS_SHOWN) {
  return db
    .select(publicCommentFields)
    .from(comments)
    .where(
      and(
        inArray(comments.articleId, articleIdBySlug(db, articleSlug)),
        eq(comments.status, 'approved'),
      ),
    )
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .limit(limit)
}

/** How many approved comments the article with this slug has. */
export function approvedCommentCountQuery(db: Database, articleSlug: string) {
  return db
    .select({ total: count() })
    .from(comments)
    .where(
      and(
        inArray(comments.articleId, articleIdBySlug(db, articleSlug)),
        eq(comments.status, 'approved'),
      ),
    )
}
