import { and, asc, desc, eq, inArray } from 'drizzle-orm'
import * as z from 'zod/mini'
import { auditQuery } from '../db/audit'
import type { Database } from '../db/client'
import { articles, categories, featuredArticles } from '../db/schema'
import { fieldErrors } from '../lib/validation'
import { optionalTime } from './article-input'
import { invalid } from './errors'
import type { Principal } from './permissions'

/** Stories editors may feature at once (the home page shows the first five that are live). */
export const MAX_FEATURED = 20

export type FeaturedItem = {
  articleId: number
  title: string
  slug: string
  status: string
  publishedAt: Date | null
  position: number
  until: Date | null
}

/** The featured stories in the editors' order, with their titles, ended ones included. */
export async function listFeatured(db: Database): Promise<FeaturedItem[]> {
  return db
    .select({
      articleId: featuredArticles.articleId,
      title: articles.title,
      slug: articles.slug,
      status: articles.status,
      publishedAt: articles.publishedAt,
      position: featuredArticles.position,
      until: featuredArticles.until,
    })
    .from(featuredArticles)
    .innerJoin(articles, eq(articles.id, featuredArticles.articleId))
    .orderBy(asc(featuredArticles.position), desc(articles.publishedAt))
}

/** The newest published stories, for the "add a featured story" choice. */
export async function featureCandidates(db: Database, limit = 50) {
  return db
    .select({ id: articles.id, title: articles.title })
    .from(articles)
    .where(eq(articles.status, 'published'))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit)
}

const itemSchema = z.object({
  articleId: z.coerce
    .number({ error: 'Mã bài viết phải là số.' })
    .check(z.refine((v) => Number.isInteger(v) && v > 0, 'Mã bài viết không hợp lệ.')),
  position: z._default(
    z.coerce
      .number({ error: 'Thứ tự phải là số.' })
      .check(z.refine((v) => Number.isInteger(v) && v >= 0 && v <= 1000, 'Thứ tự từ 0 đến 1000.')),
    0,
  ),
  until: z._default(optionalTime('Thời gian kết thúc'), null),
})

const featuredSchema = z
  .array(itemSchema, { error: 'Danh sách tin nổi bật không hợp lệ.' })
  .check(z.maxLength(MAX_FEATURED, `Tối đa ${MAX_FEATURED} tin nổi bật.`))

/**
 * Replaces the featured stories with `raw`: a list of { articleId, position (0–1000, the
 * lead story first), until (a time, ISO 8601 or Vietnamese local `datetime-local`; '' or null:
 * no end) }. Only published articles may be featured (a scheduled one shows from its time).
 * Audited. Returns the ids before and after, for purging. Raises AdminError 422.
 */
export async function setFeatured(
  db: Database,
  actor: Principal,
  raw: unknown,
  now = new Date(),
): Promise<{ before: number[]; after: number[] }> {
  const parsed = featuredSchema.safeParse(raw)
  if (!parsed.success) throw invalid(fieldErrors(parsed.error))
  const items = new Map(parsed.data.map((i) => [i.articleId, i]))
  const ids = [...items.keys()]
  const found = ids.length
    ? await db
        .select({ id: articles.id })
        .from(articles)
        .where(and(inArray(articles.id, ids), eq(articles.status, 'published')))
    : []
  const missing = ids.filter((id) => !found.some((f) => f.id === id))
  if (missing.length > 0) {
    throw invalid({
      featured: `Chỉ nêu bật được bài đã đăng (không dùng được bài số ${missing.join(', ')}).`,
    })
  }
  const before = (await db.select({ id: featuredArticles.articleId }).from(featuredArticles)).map(
    (r) => r.id,
  )
  await db.batch([
    db.delete(featuredArticles),
    ...[...items.values()].map((i) =>
      db.insert(featuredArticles).values({
        articleId: i.articleId,
        position: i.position,
        until: i.until,
        createdAt: now,
      }),
    ),
    auditQuery(
      db,
      actor,
      { action: 'home.featured', targetType: 'home', targetId: 'featured', detail: { ids } },
      now,
    ),
  ])
  return { before, after: ids }
}

/**
 * Which categories have a block on the home page (`ids`; the rest get none). Audited.
 * Raises AdminError 422 for ids that are not categories.
 */
export async function setHomeCategories(
  db: Database,
  actor: Principal,
  ids: number[],
  now = new Date(),
): Promise<void> {
  const all = await db.select({ id: categories.id }).from(categories)
  const unknown = ids.filter((id) => !all.some((c) => c.id === id))
  if (unknown.length > 0) throw invalid({ categories: 'Có chuyên mục không tồn tại.' })
  await db.batch([
    db.update(categories).set({ onHome: false }),
    ...(ids.length
      ? [db.update(categories).set({ onHome: true }).where(inArray(categories.id, ids))]
      : []),
    auditQuery(
      db,
      actor,
      { action: 'home.blocks', targetType: 'home', targetId: 'blocks', detail: { ids } },
      now,
    ),
  ])
}
