/** An unsaved article as readers would see it (the form's "Xem trước"). */
import { eq } from 'drizzle-orm'
import type { Database } from '../db/client'
import { categories, media } from '../db/schema'
import { mediaKeyOf } from '../media/media-key'
import { topicsFromNames } from '../db/topics'
import { slugify } from '../lib/slug'
import { parseArticleCreate } from './article-input'
import { invalid } from './errors'

import { assertCoverImage, renderBody } from './article-rules'
import type { AdminArticle } from './articles'

/**
 * The article as it would read, from form or API input that is not saved (a preview, before the
 * first save or of unsaved edits): validated as a new article (AdminError 422 with the fields
 * otherwise), the body rendered as a save renders it. Nothing is written.
 */
export async function previewArticle(
  db: Database,
  raw: unknown,
  now = new Date(),
): Promise<AdminArticle> {
  const parsed = parseArticleCreate(raw)
  if (!parsed.ok) throw invalid(parsed.errors)
  const input = parsed.input
  const [category] = await db
    .select({ slug: categories.slug, name: categories.name })
    .from(categories)
    .where(eq(categories.id, input.categoryId))
  if (!category) throw invalid({ categoryId: 'Chuyên mục không tồn tại.' })
  await assertCoverImage(db, input.coverImage)
  const [size] = input.coverImage
    ? await db
        .select({ width: media.width, height: media.height })
        .from(media)
        .where(eq(media.key, mediaKeyOf(input.coverImage) ?? ''))
    : []
  return {
    id: 0,
    version: 0,
    slug: input.slug || slugify(input.title) || 'bai-viet',
    title: input.title,
    source: input.source ?? '',
    lead: input.lead ?? '',
    body: input.body,
    bodyHtml: await renderBody(db, input.body),
    author: input.author ?? '',
    ownerId: null,
    categoryId: input.categoryId,
    status: input.status ?? 'draft',
    publishedAt: input.publishedAt ?? null,
    createdAt: now,
    updatedAt: now,
    commentsEnabled: input.commentsEnabled ?? true,
    viewCount: 0,
    coverImage: input.coverImage ?? null,
    coverAlt: input.coverAlt,
    categorySlug: category.slug,
    categoryName: category.name,
    coverWidth: size?.width ?? null,
    coverHeight: size?.height ?? null,
    topics: topicsFromNames(input.topics),
  }
}
