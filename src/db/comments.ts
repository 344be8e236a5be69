import { and, asc, count, eq, lt } from 'drizzle-orm'
import { articleIdOf, visibleToReaders } from './articles'
import type { Database } from './client'
import { isUniqueViolation } from './errors'
import { hidePhoneNumbers } from '../lib/phone'
import { articles, captchaUses, comments } from './schema'

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

/**
 * A comment as readers may see it: phone numbers in its name, title or text replaced by
 * HIDDEN_PHONE (hidePhoneNumbers). New comments are stored so already; this covers those stored
 * before that rule, restored from a backup or imported by an older importer. Idempotent.
 */
export function forReaders(comment: PublicComment): PublicComment {
  const [name, title, content] = [comment.name, comment.title, comment.content].map(
    (t) => hidePhoneNumbers(t).text,
  )
  return { ...comment, name: name!, title: title!, content: content! }
}

/** Approved comments of the article with this slug, oldest first. */
export function approvedCommentsQuery(db: Database, articleSlug: string, limit = COMMENTS_SHOWN) {
  return db
    .select(publicCommentFields)
    .from(comments)
    .where(
      and(eq(comments.articleId, articleIdOf(db, articleSlug)), eq(comments.status, 'approved')),
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
      and(eq(comments.articleId, articleIdOf(db, articleSlug)), eq(comments.status, 'approved')),
    )
}

export type NewCommentInput = {
  articleId: number
  name: string
  phone: string | null
  title: string
  content: string
  status: 'pending' | 'approved'
  ipHash: string | null
  /** The security-code challenge used, recorded in the same transaction. */
  captchaUse: { id: string; expiresAt: Date } | null
  now: Date
}

/** A security code was used a second time; nothing was stored. */
export class CaptchaReplayError extends Error {
  constructor() {
    super('captcha already used')
    this.name = 'CaptchaReplayError'
  }
}

/**
 * Stores a comment. The security-code use, the comment and the clean-up of expired uses go to
 * D1 in one batch, which runs as one transaction: a replayed code fails the whole batch on the
 * primary key, so a comment is stored exactly once per solved code or not at all.
 */
export async function createComment(db: Database, input: NewCommentInput): Promise<{ id: number }> {
  const insertComment = db
    .insert(comments)
    .values({
      articleId: input.articleId,
      name: input.name,
      phone: input.phone,
      title: input.title,
      content: input.content,
      status: input.status,
      ipHash: input.ipHash,
      createdAt: input.now,
    })
    .returning({ id: comments.id })
  try {
    if (!input.captchaUse) {
      const [row] = await insertComment
      return { id: row!.id }
    }
    const results = await db.batch([
      db.delete(captchaUses).where(lt(captchaUses.expiresAt, input.now)),
      db.insert(captchaUses).values(input.captchaUse),
      insertComment,
    ])
    return { id: results[2][0]!.id }
  } catch (err) {
    if (isUniqueViolation(err, 'captcha_uses.id')) throw new CaptchaReplayError()
    throw err
  }
}

/** What the comment route needs to know about the article. */
export async function findCommentTarget(
  db: Database,
  slug: string,
  now: Date,
): Promise<{ id: number; commentsEnabled: boolean } | null> {
  const [row] = await db
    .select({ id: articles.id, commentsEnabled: articles.commentsEnabled })
    .from(articles)
    .where(and(eq(articles.slug, slug), visibleToReaders(now)))
    .limit(1)
  return row ?? null
}
