import { asc } from 'drizzle-orm'
import type { Database } from './client'
import { categories } from './schema'

/** What navigation and lists need of a category. */
export const categoryFields = {
  id: categories.id,
  name: categories.name,
  slug: categories.slug,
}

export type CategorySummary = { id: number; name: string; slug: string }

/** All categories in navigation order (a query to await or to put in a batch). */
export function listCategoriesQuery(db: Database) {
  return db
    .select(categoryFields)
    .from(categories)
    .orderBy(asc(categories.position), asc(categories.id))
}

/** All categories in navigation order. */
export async function listCategories(db: Database): Promise<CategorySummary[]> {
  return listCategoriesQuery(db)
}
