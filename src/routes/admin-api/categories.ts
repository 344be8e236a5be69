import { Hono } from 'hono'
import {
  createCategory,
  deleteCategory,
  listAdminCategories,
  updateCategory,
} from '../../admin/categories'
import { requirePermission } from '../../admin/gate'
import type { AppEnv } from '../../env'
import { idParam } from '../params'
import { purgeNavigation } from '../purging'
import { jsonBody, jsonLimit } from './input'

/** Categories in the JSON admin API (under `/api/admin`); each change purges the menus. */
export const categoriesApi = new Hono<AppEnv>()

categoriesApi.get('/categories', requirePermission('categories.read'), async (c) =>
  c.json({ items: await listAdminCategories(c.var.db) }),
)

categoriesApi.post('/categories', requirePermission('categories.write'), jsonLimit, async (c) => {
  const created = await createCategory(c.var.db, c.var.principal, await jsonBody(c))
  await purgeNavigation(c, [created.slug])
  return c.json(created, 201)
})

categoriesApi.patch(
  '/categories/:id',
  requirePermission('categories.write'),
  jsonLimit,
  async (c) => {
    const { before, after } = await updateCategory(
      c.var.db,
      c.var.principal,
      idParam(c),
      await jsonBody(c),
    )
    await purgeNavigation(c, [before.slug, after.slug])
    return c.json(after)
  },
)

categoriesApi.delete('/categories/:id', requirePermission('categories.write'), async (c) => {
  const deleted = await deleteCategory(c.var.db, c.var.principal, idParam(c))
  await purgeNavigation(c, [deleted.slug])
  return c.body(null, 204)
})
