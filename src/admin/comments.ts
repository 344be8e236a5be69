import { and, count, desc, eq, inArray, sql } from 'drizzle-orm'
import { auditQuery } from '../db/audit'
import type { Database } from '../db/client'
import { articles, categories, comments, type CommentStatus } from '../db/schema'
import * as z from 'zod/mini'
import { fieldErrors } from '../lib/validation'
import { invalid, notFound } from './errors'
import type { Principal } from './permissions'

export const MODERATION_PAGE_SIZE = 50

/**
 * The moderation queue: pending first, newest first, with the article and the phone; optionally
 * one status and one article (`articleId`). MODERATION_PAGE_SIZE a page.
 */
export async function listModerationQueue(
  db: Database,
  opts: { status?: CommentStatus; page?: number; articleId?: number } = {},
) {
  const page = Math.max(1, opts.page ?? 1)
  const where = and(
    opts.status ? eq(comments.status, opts.status) : undefined,
    opts.articleId ? eq(comments.articleId, opts.articleId) : undefined,
  )
  const [items, [total], pendingRows] = await db.batch([
    db
      .select({
        id: comments.id,
        name: comments.name,
        phone: comments.phone,
        title: comments.title,
        content: comments.content,
        status: comments.status,
        createdAt: comments.createdAt,
        // Aliased: D1 batch rows are keyed by column name, and comments has `id` and `title` too.
        articleId: sql<number>`${articles.id}`.as('article_id'),
        articleSlug: sql<string>`${articles.slug}`.as('article_slug'),
        articleTitle: sql<string>`${articles.title}`.as('article_title'),
      })
      .from(comments)
      .innerJoin(articles, eq(articles.id, comments.articleId))
      .where(where)
      .orderBy(
        sql`case ${comments.status} when 'pending' then 0 else 1 end`,
        desc(comments.createdAt),
        desc(comments.id),
      )
      .limit(MODERATION_PAGE_SIZE)
      .offset((page - 1) * MODERATION_PAGE_SIZE),
    db.select({ n: count() }).from(comments).where(where),
    db.select({ n: count() }).from(comments).where(eq(comments.status, 'pending')),
  ])
  return {
    items,
    total: total?.n ?? 0,
    pending: pendingRows[0]?.n ?? 0,
    page,
    pageSize: MODERATION_PAGE_SIZE,
  }
}

export const MODERATION_ACTIONS = ['approve', 'reject', 'delete'] as const
export type ModerationAction = (typeof MODERATION_ACTIONS)[number]

const bulkSchema = z.object({
  ids: z
    .array(
      z.coerce
        .number()
        .check(z.refine((v) => Number.isInteger(v) && v > 0, 'Mã bình luận không hợp lệ.')),
      { error: 'Chọn ít nhất một bình luận.' },
    )
    // Each id is one bound parameter; D1 allows 100 per query.
    .check(
      z.minLength(1, 'Chọn ít nhất một bình luận.'),
      z.maxLength(90, 'Tối đa 90 bình luận một lần.'),
    ),
  action: z.enum(MODERATION_ACTIONS, { error: 'Thao tác không hợp lệ.' }),
})

/** Articles touched by a moderation, so their pages can be purged. */
export type ModeratedArticle = { id: number; slug: string; categorySlug: string }

/**
 * Approves, rejects or deletes comments (one or many). Unknown ids are ignored; if none exist,
 * 404. Returns the articles whose pages change.
 */
export async function moderateComments(
  db: Database,
  actor: Principal,
  raw: unknown,
  now = new Date(),
): Promise<{ count: number; articles: ModeratedArticle[] }> {
  const parsed = bulkSchema.safeParse(raw ?? {})
  if (!parsed.success) throw invalid(fieldErrors(parsed.error))
  const ids = [...new Set(parsed.data.ids)]
  const found = await db
    .select({
      id: comments.id,
      articleId: articles.id,
      slug: articles.slug,
      categorySlug: categories.slug,
    })
    .from(comments)
    .innerJoin(articles, eq(articles.id, comments.articleId))
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .where(inArray(comments.id, ids))
  if (found.length === 0) throw notFound('Không tìm thấy bình luận.')
  const foundIds = found.map((f) => f.id)
  const action = parsed.data.action
  const change =
    action === 'delete'
      ? db.delete(comments).where(inArray(comments.id, foundIds))
      : db
          .update(comments)
          .set({ status: action === 'approve' ? 'approved' : 'rejected' })
          .where(inArray(comments.id, foundIds))
  await db.batch([
    change,
    auditQuery(
      db,
      actor,
      {
        action: `comment.${action}`,
        targetType: 'comment',
        targetId: foundIds.join(','),
        detail: { ids: foundIds },
      },
      now,
    ),
  ])
  const byArticle = new Map(
    found.map((f) => [
      f.articleId,
      { id: f.articleId, slug: f.slug, categorySlug: f.categorySlug },
    ]),
  )
  return { count: foundIds.length, articles: [...byArticle.values()] }
}
