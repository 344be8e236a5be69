import { Hono } from 'hono'
import { listAdminCategories } from '../../admin/categories'
import { invalid } from '../../admin/errors'
import { listFeatured, setFeatured, setHomeCategories } from '../../admin/home'
import type { AppEnv } from '../../env'
import { requirePermission } from '../../admin/gate'
import { jsonBody, bodyLimitOf } from './input'
import { purgeHome } from '../purging'

/**
 * The home page's choices in the JSON admin API (under `/api/admin`; editors and
 * administrators): GET `/home` gives `{ featured, blocks }`; PUT `/home/featured` replaces the
 * featured stories with `{ featured: [{ articleId, position?, until? }] }`; PUT `/home/blocks` sets which
 * categories get a block, `{ categoryIds: number[] }`. Both purge the home page.
 */
export const homeApi = new Hono<AppEnv>()

homeApi.get('/home', requirePermission('home.edit'), async (c) => {
  const [featured, categories] = await Promise.all([
    listFeatured(c.var.db),
    listAdminCategories(c.var.db),
  ])
  return c.json({
    featured,
    blocks: categories.filter((cat) => cat.onHome).map((cat) => cat.id),
  })
})

homeApi.put('/home/featured', requirePermission('home.edit'), bodyLimitOf(64 * 1024), async (c) => {
  const result = await setFeatured(c.var.db, c.var.principal, (await jsonBody(c)).featured)
  await purgeHome(c)
  return c.json({ featured: result.after })
})

homeApi.put('/home/blocks', requirePermission('home.edit'), bodyLimitOf(64 * 1024), async (c) => {
  const body = (await jsonBody(c)) as { categoryIds?: unknown }
  const ids = body?.categoryIds
  if (!Array.isArray(ids) || !ids.every((id) => Number.isInteger(id))) {
    throw invalid({ categoryIds: 'categoryIds phải là danh sách mã chuyên mục (số nguyên).' })
  }
  await setHomeCategories(c.var.db, c.var.principal, ids as number[])
  await purgeHome(c)
  return c.json({ blocks: ids })
})
