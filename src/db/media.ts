import { and, asc, eq } from 'drizzle-orm'
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
