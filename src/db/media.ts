import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Database } from './client'
import { articles, media } from './schema'

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
    .where(
      and(
        inArray(
          media.articleId,
          db.select({ id: articles.id }).from(articles).where(eq(articles.slug, articleSlug)),
        ),
        eq(media.kind, 'attachment'),
      ),
    )
    .orderBy(asc(media.id))
}
