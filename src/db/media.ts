import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm'
import type { ImageSizes } from '../lib/markdown'
import { articleIdOf } from './articles'
import type { Database } from './client'
import { media } from './schema'

export type PublicAttachment = { key: string; fileName: string; size: number; contentType: string }

/** The attachments listed under the article with this slug ("Tệp đính kèm"). */
export function attachmentsQuery(db: Database, articleSlug: string) {
  return db
    .select({
      key: media.key,
      fileName: media.fileName,
      size: media.size,
      contentType: media.contentType,
    })
    .from(media)
    .where(and(eq(media.articleId, articleIdOf(db, articleSlug)), eq(media.kind, 'attachment')))
    .orderBy(asc(media.id))
}

/** Keys per statement: D1 binds at most 100 parameters to one query. */
const KEYS_PER_QUERY = 90

/**
 * The width and height in pixels of the uploaded images with these media keys, where known
 * (keys of unknown files and of images uploaded before sizes were recorded are left out).
 */
export async function imageSizes(db: Database, keys: readonly string[]): Promise<ImageSizes> {
  const sizes = new Map<string, { width: number; height: number }>()
  for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) {
    const rows = await db
      .select({ key: media.key, width: media.width, height: media.height })
      .from(media)
      .where(and(inArray(media.key, keys.slice(i, i + KEYS_PER_QUERY)), isNotNull(media.width)))
    for (const r of rows)
      if (r.width && r.height) sizes.set(r.key, { width: r.width, height: r.height })
  }
  return sizes
}
