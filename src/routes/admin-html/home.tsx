import { Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AdminError } from '../../admin/errors'
import { featureCandidates, listFeatured, setFeatured, setHomeCategories } from '../../admin/home'
import { listAdminCategories } from '../../admin/categories'
import type { AppEnv } from '../../env'
import { HomeSettingsPage } from './views/home'
import { purgeHome } from '../purging'
import { common, formFields, formRoundTrip, str, type Ctx } from './shared'

/** "Trang chủ": featured stories and category blocks (editors and administrators). */
export const homePages = new Hono<AppEnv>()

async function page(c: Ctx, err?: AdminError) {
  const [featured, candidates, categories] = await Promise.all([
    listFeatured(c.var.db),
    featureCandidates(c.var.db),
    listAdminCategories(c.var.db),
  ])
  return c.html(
    <HomeSettingsPage
      {...common(c)}
      featured={featured}
      candidates={candidates}
      categories={categories}
      errors={err?.fields}
      error={err?.message}
      now={new Date()}
    />,
    (err?.status ?? 200) as ContentfulStatusCode,
  )
}

homePages.get('/home', (c) => page(c))

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v ? [String(v)] : [])

homePages.post('/home/featured', async (c) => {
  const form = await formFields(c, ['articleId', 'position', 'until', 'remove'])
  const ids = list(form['articleId'])
  const positions = list(form['position'])
  const untils = list(form['until'])
  const removed = new Set(list(form['remove']))
  const items = ids
    .map((articleId, i) => ({ articleId, position: positions[i] ?? '0', until: untils[i] ?? '' }))
    .filter((i) => !removed.has(i.articleId))
  if (str(form['add'])) {
    items.push({
      articleId: str(form['add']),
      position: str(form['addPosition']) || '0',
      until: str(form['addUntil']),
    })
  }
  return formRoundTrip(
    c,
    async () => {
      await setFeatured(c.var.db, c.var.principal, items)
      await purgeHome(c)
    },
    () => '/admin/home?ok=saved',
    (err) => page(c, err),
  )
})

homePages.post('/home/blocks', async (c) => {
  const form = await formFields(c, ['category'])
  const ids = list(form['category']).map(Number).filter(Number.isInteger)
  return formRoundTrip(
    c,
    async () => {
      await setHomeCategories(c.var.db, c.var.principal, ids)
      await purgeHome(c)
    },
    () => '/admin/home?ok=saved',
    (err) => page(c, err),
  )
})
