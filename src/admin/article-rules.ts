/** The checks and derivations an article save shares with its preview: slugs, category, cover, body. */
import { and, eq, gte, lt, or } from 'drizzle-orm'
import type { Database } from '../db/client'
import { imageSizes } from '../db/media'
import { articles, categories, media, slugRedirects, type ArticleStatus } from '../db/schema'
import { bodyImageKeys, renderMarkdown } from '../lib/markdown'
import { isImageAddress, mediaKeyOf } from '../media/media-key'
import { SLUG_MAX_LENGTH } from '../lib/slug'
import { isBlank } from '../lib/text'
import { COVER_ALT_MESSAGE, COVER_IMAGE_MESSAGE } from './article-input'
import { forbidden, invalid } from './errors'
import { mayPublish, type Principal } from './permissions'

/**
 * `base`, or `base-2`, `base-3`, … whichever no other article uses, now or as an old URL (a
 * slug that redirects to another article stays that article's until an editor releases it:
 * `releaseRedirect`), never longer than SLUG_MAX_LENGTH: a numbered slug of a long base
 * shortens the base (at the character) to make room for its number, so every slug stays one
 * the article route accepts. Input: a valid slug; `exceptId`, the article being saved.
 */
export async function uniqueSlug(db: Database, base: string, exceptId?: number): Promise<string> {
  // Every candidate up to base-99999 starts with this prefix: `base-` when any such number fits
  // after base, else the part of base that is kept next to a five-digit number.
  const prefix =
    base.length + 6 <= SLUG_MAX_LENGTH
      ? `${base}-`
      : base.slice(0, SLUG_MAX_LENGTH - 6).replace(/-+$/, '')
  // `base` and the slugs starting with `prefix`, as a range on the slug index ('~' sorts after
  // every slug character). LIKE would also work, but D1 refuses patterns over 50 bytes.
  const [current, old] = await db.batch([
    db
      .select({ slug: articles.slug, id: articles.id })
      .from(articles)
      .where(
        or(
          eq(articles.slug, base),
          and(gte(articles.slug, prefix), lt(articles.slug, `${prefix}~`)),
        ),
      ),
    db
      .select({ slug: slugRedirects.oldSlug, id: slugRedirects.articleId })
      .from(slugRedirects)
      .where(
        or(
          eq(slugRedirects.oldSlug, base),
          and(gte(slugRedirects.oldSlug, prefix), lt(slugRedirects.oldSlug, `${prefix}~`)),
        ),
      ),
  ])
  const taken = new Set([...current, ...old].filter((r) => r.id !== exceptId).map((r) => r.slug))
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(numbered(base, n))) return numbered(base, n)
}

/** `base-n`, with base cut (and its trailing dashes dropped) so it fits SLUG_MAX_LENGTH. */
export function numbered(base: string, n: number): string {
  const suffix = `-${n}`
  return `${base.slice(0, SLUG_MAX_LENGTH - suffix.length).replace(/-+$/, '')}${suffix}`
}

export async function assertCategory(db: Database, categoryId: number) {
  const [row] = await db
    .select({ id: categories.id })
    .from(categories)
    .where(eq(categories.id, categoryId))
  if (!row) throw invalid({ categoryId: 'Chuyên mục không tồn tại.' })
}

/**
 * A cover image must name what it shows: an https address, or an upload that exists (a
 * `/media/…` path of ours whose item is in the media library).
 */
export async function assertCoverImage(db: Database, url: string | null | undefined) {
  if (!url) return
  const key = mediaKeyOf(url)
  if (!key) {
    if (isImageAddress(url)) return
    throw invalid({ coverImage: COVER_IMAGE_MESSAGE })
  }
  const [row] = await db.select({ id: media.id }).from(media).where(eq(media.key, key)).limit(1)
  if (!row) throw invalid({ coverImage: 'Ảnh đại diện không có trong thư viện ảnh.' })
}

/** The stored HTML of a Markdown body, with the real size of each uploaded image it shows. */
export async function renderBody(db: Database, markdown: string): Promise<string> {
  return renderMarkdown(markdown, await imageSizes(db, bodyImageKeys(markdown)))
}

/** Writers write drafts and submit them for review; only editors and admins publish. */
export function assertMayUseStatus(actor: Principal, status: ArticleStatus | undefined) {
  if (status === 'published' && !mayPublish(actor.role)) throw forbidden()
}

/**
 * A cover needs its description (alt): raises AdminError 422 on `coverAlt` when the article will
 * have a cover image and its alt shows nothing.
 */
export function assertCoverAlt(coverImage: string | null | undefined, coverAlt: string) {
  if (coverImage && isBlank(coverAlt)) throw invalid({ coverAlt: COVER_ALT_MESSAGE })
}
