import { sql } from 'drizzle-orm'
import { visibleToReaders } from './articles'
import type { Database } from './client'
import { articles, categories, legacyPaths } from './schema'

/**
 * Where an old address of imported content (legacyKey, src/lib/legacy-path.ts) lives today:
 * `/bai-viet/<slug>` of an article readers may see, or `/chuyen-muc/<slug>` of a category;
 * null for an unknown key, and for an article that is a draft or not yet published (its old
 * address then answers 404 until it is, as the article's own address does). `any` tells
 * whether the portal has old addresses at all. One statement (a primary-key lookup).
 */
export async function findLegacyTarget(
  db: Database,
  key: string,
  now: Date,
): Promise<{ target: string | null; any: boolean }> {
  // One row always: the lookup is left-joined to a constant row, so the existence check
  // answers even when the key is unknown.
  const [row] = await db.all<{
    articleSlug: string | null
    visible: number | null
    categorySlug: string | null
    anyPaths: number
  }>(sql`
    select ${articles.slug} as articleSlug, ${visibleToReaders(now)} as visible,
      ${categories.slug} as categorySlug,
      exists (select 1 from ${legacyPaths}) as anyPaths
    from (select 1) as one
    left join ${legacyPaths} on ${legacyPaths.path} = ${key}
    left join ${articles} on ${articles.id} = ${legacyPaths.articleId}
    left join ${categories} on ${categories.id} = ${legacyPaths.categoryId}`)
  const any = Boolean(row?.anyPaths)
  if (row?.articleSlug) return { target: row.visible ? `/bai-viet/${row.articleSlug}` : null, any }
  if (row?.categorySlug) return { target: `/chuyen-muc/${row.categorySlug}`, any }
  return { target: null, any }
}
