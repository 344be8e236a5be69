import { Hono } from 'hono'
import { getAdminArticle } from '../../admin/articles'
import { articlePermissions } from '../../admin/permissions'
import { articleHistory, restoreRevision, revisionWithDiff } from '../../admin/revisions'
import type { AppEnv } from '../../env'
import { RevisionListPage, RevisionPage } from './views/revisions'
import { purgingArticle } from '../purging'
import { idParam } from '../params'
import { common, formFields } from './shared'

/** An article's history in the web admin: the list, one revision's changes, restore. */
export const revisionPages = new Hono<AppEnv>()

revisionPages.get('/articles/:id/revisions', async (c) => {
  const id = idParam(c)
  const revisions = await articleHistory(c.var.db, id)
  const article = await getAdminArticle(c.var.db, id)
  return c.html(<RevisionListPage {...common(c)} article={article} revisions={revisions} />)
})

revisionPages.get('/articles/:id/revisions/:rid', async (c) => {
  const id = idParam(c)
  const article = await getAdminArticle(c.var.db, id)
  const found = await revisionWithDiff(c.var.db, id, idParam(c, 'rid'))
  const allowed = articlePermissions(c.var.principal, article, new Date())
  return c.html(
    <RevisionPage {...common(c)} article={article} {...found} mayRestore={allowed.edit} />,
  )
})

revisionPages.post('/articles/:id/revisions/:rid/restore', async (c) => {
  await formFields(c)
  const id = idParam(c)
  await purgingArticle(c, id, () =>
    restoreRevision(c.var.db, c.var.principal, id, idParam(c, 'rid')),
  )
  return c.redirect(`/admin/articles/${id}?ok=restored`, 303)
})
