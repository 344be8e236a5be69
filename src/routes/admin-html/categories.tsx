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
import { CategoriesPage } from '../../views/admin/misc'
import { adminErrorPage, common, formFields, idParam, str } from './shared'

/** Categories: list, create, rename, move, delete. */
export const categoryPages = new Hono<AppEnv>()

categoryPages.get('/categories', async (c) => {
  return c.html(<CategoriesPage {...common(c)} items={await listAdminCategories(c.var.db)} />)
})

categoryPages.post('/categories', async (c) => {
  const form = await formFields(c)
  try {
    const created = await createCategory(c.var.db, c.var.principal, {
      name: str(form['name']),
      position: str(form['position']) || '0',
    })
    await purgeNavigation(c, [created.slug])
    return c.redirect('/admin/categories?ok=created', 303)
  } catch (err) {
    if (err instanceof AdminError && (err.status === 422 || err.status === 409)) {
      return c.html(
        <CategoriesPage
          {...common(c)}
          items={await listAdminCategories(c.var.db)}
          errors={err.fields}
          error={err.message}
        />,
        err.status,
      )
    }
    return adminErrorPage(c, err)
  }
})

categoryPages.post('/categories/:id', async (c) => {
  const form = await formFields(c)
  try {
    const { before, after } = await updateCategory(c.var.db, c.var.principal, idParam(c), {
      name: str(form['name']),
      ...(str(form['slug']) && { slug: str(form['slug']) }),
      position: str(form['position']) || '0',
    })
    await purgeNavigation(c, [before.slug, after.slug])
    return c.redirect('/admin/categories?ok=saved', 303)
  } catch (err) {
    if (err instanceof AdminError && (err.status === 422 || err.status === 409)) {
      return c.html(
        <CategoriesPage
          {...common(c)}
          items={await listAdminCategories(c.var.db)}
          error={err.message}
        />,
        err.status,
      )
    }
    return adminErrorPage(c, err)
  }
})

categoryPages.post('/categories/:id/delete', async (c) => {
  try {
    const deleted = await deleteCategory(c.var.db, c.var.principal, idParam(c))
    await purgeNavigation(c, [deleted.slug])
    return c.redirect('/admin/categories?ok=deleted', 303)
  } catch (err) {
    if (err instanceof AdminError && err.status === 409) {
      return c.html(
        <CategoriesPage
          {...common(c)}
          items={await listAdminCategories(c.var.db)}
          error={err.message}
        />,
        409,
      )
    }
    return adminErrorPage(c, err)
  }
})
