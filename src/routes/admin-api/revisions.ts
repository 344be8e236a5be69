import { Hono } from 'hono'
import { articleHistory, restoreRevision, revisionWithDiff } from '../../admin/revisions'
import type { AppEnv } from '../../env'
import { requirePermission } from '../../admin/gate'
import { idParam } from '../params'
import { purgingArticle } from '../purging'

/** An article's revisions in the JSON admin API (mounted under `/api/admin`). */
export const revisionsApi = new Hono<AppEnv>()

revisionsApi.get('/articles/:id/revisions', requirePermission('articles.read'), async (c) =>
  c.json({ items: await articleHistory(c.var.db, idParam(c)) }),
)

revisionsApi.get('/articles/:id/revisions/:rid', requirePermission('articles.read'), async (c) =>
  c.json(await revisionWithDiff(c.var.db, idParam(c), idParam(c, 'rid'))),
)

revisionsApi.post(
  '/articles/:id/revisions/:rid/restore',
  requirePermission('articles.write'),
  async (c) => {
    const id = idParam(c)
    const { article } = await purgingArticle(c, id, () =>
      restoreRevision(c.var.db, c.var.principal, id, idParam(c, 'rid')),
    )
    return c.json(article)
  },
)
