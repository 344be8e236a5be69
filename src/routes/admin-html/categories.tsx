import { Hono } from 'hono'
import {
  createCategory,
  deleteCategory,
  listAdminCategories,
  updateCategory,
} from '../../admin/categories'
import { AdminError } from '../../admin/errors'
import type { AppEnv } from '../../env'
import { purgeNavigation } from '../purging'
import { CategoriesPage } from './views/misc'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { idParam } from '../params'
import { common, formFields, formRoundTrip, str, type Ctx } from './shared'

/** Categories: list, create, rename, move, delete. */
export const categoryPages = new Hono<AppEnv>()

categoryPages.get('/categories', async (c) => {
  return c.html(<CategoriesPage {...common(c)} items={await listAdminCategories(c.var.db)} />)
})

/**
 * The categories page again with a refusal's message, in its status; `fields` marks the new
 * category form's fields (the only form whose fields the page can mark).
 */
async function refused(c: Ctx, err: AdminError, fields = false) {
  return c.html(
    <CategoriesPage
      {...common(c)}
      items={await listAdminCategories(c.var.db)}
      errors={fields ? err.fields : undefined}
      error={err.message}
    />,
    err.status as ContentfulStatusCode,
  )
}

categoryPages.post('/categories', async (c) => {
  const form = await formFields(c)
  return formRoundTrip(
    c,
    async () => {
      const created = await createCategory(c.var.db, c.var.principal, {
        name: str(form['name']),
        position: str(form['position']) || '0',
      })
      await purgeNavigation(c, [created.slug])
    },
    () => '/admin/categories?ok=created',
    (err) => refused(c, err, true),
  )
})

categoryPages.post('/categories/:id', async (c) => {
  const form = await formFields(c)
  return formRoundTrip(
    c,
    async () => {
      const { before, after } = await updateCategory(c.var.db, c.var.principal, idParam(c), {
        name: str(form['name']),
        ...(str(form['slug']) && { slug: str(form['slug']) }),
        position: str(form['position']) || '0',
      })
      await purgeNavigation(c, [before.slug, after.slug])
    },
    () => '/admin/categories?ok=saved',
    (err) => refused(c, err),
  )
})

categoryPages.post('/categories/:id/delete', async (c) =>
  formRoundTrip(
    c,
    async () => {
      const deleted = await deleteCategory(c.var.db, c.var.principal, idParam(c))
      await purgeNavigation(c, [deleted.slug])
    },
    () => '/admin/categories?ok=deleted',
    (err) => refused(c, err),
    [409],
  ),
)
