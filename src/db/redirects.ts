import { and, eq } from 'drizzle-orm'
import { visibleToReaders } from './articles'
import type { Database } from './client'
import { articles, slugRedirects } from './schema'

/** The current slug of a visible article that used to live at `oldSlug`, if any. */
export async function findRedirect(
  db: Database,
  oldSlug: string,
  now: Date,
): Promise<string | null> {
  const [row] = await db
    .select({ slug: articles.slug })
    .from(slugRedirects)
    .innerJoin(articles, eq(articles.id, slugRedirects.articleId))
    .where(and(eq(slugRedirects.oldSlug, oldSlug), visibleToReaders(now)))
    .limit(1)
  return row?.slug ?? null
}
