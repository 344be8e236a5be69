import { eq, inArray, type SQL } from 'drizzle-orm'
import { bodyImageKeys } from '../lib/markdown'
import { mediaKeyOf } from '../media/media-key'
import type { Database } from './client'
import { articles, mediaUsage } from './schema'

/** The uploads an article shows: its cover (when it is one of ours) and its body's images. */
export function usedMediaKeys(article: { body: string; coverImage: string | null }): string[] {
  const keys = new Set(bodyImageKeys(article.body))
  const cover = article.coverImage ? mediaKeyOf(article.coverImage) : null
  if (cover) keys.add(cover)
  return [...keys]
}

/**
 * Statements that record which uploads an article shows (replacing what was recorded), for the
 * save's own batch. `articleId` may be a subquery when the article is created in the batch.
 */
export function mediaUsageStatements(db: Database, articleId: number | SQL, keys: string[]) {
  return [
    db.delete(mediaUsage).where(eq(mediaUsage.articleId, articleId as number)),
    ...keys.map((k) =>
      db
        .insert(mediaUsage)
        .values({ articleId: articleId as number, mediaKey: k })
        .onConflictDoNothing(),
    ),
  ]
}

/** For each of these media keys, the articles that show it (id and title), by key. */
export async function mediaUsedBy(
  db: Database,
  keys: string[],
): Promise<Map<string, { id: number; title: string }[]>> {
  const used = new Map<string, { id: number; title: string }[]>()
  // D1 binds at most 100 parameters to one statement.
  for (let i = 0; i < keys.length; i += 90) {
    const rows = await db
      .select({ key: mediaUsage.mediaKey, id: articles.id, title: articles.title })
      .from(mediaUsage)
      .innerJoin(articles, eq(articles.id, mediaUsage.articleId))
      .where(inArray(mediaUsage.mediaKey, keys.slice(i, i + 90)))
    for (const r of rows)
      used.set(r.key, [...(used.get(r.key) ?? []), { id: r.id, title: r.title }])
  }
  return used
}
