import { Hono } from 'hono'
import { requirePermission } from '../../admin/gate'
import { auditQuery, listAudit } from '../../db/audit'
import type { AppEnv } from '../../env'
import { idQuery } from '../params'
import { purgeEverything } from '../purging'

/**
 * The audit log (`GET /audit?before=<id>`, 50 entries a page) and the purge of every cached
 * page, in the JSON admin API (under `/api/admin`).
 */
export const auditApi = new Hono<AppEnv>()

auditApi.get('/audit', requirePermission('audit.read'), async (c) =>
  c.json({ items: await listAudit(c.var.db, { before: idQuery(c, 'before') }) }),
)

// The edge cache: every page, e.g. after restoring a backup (npm run db:restore calls this).
auditApi.post('/cache/purge', requirePermission('cache.purge'), async (c) => {
  const plan = await purgeEverything(c)
  await auditQuery(
    c.var.db,
    c.var.principal,
    { action: 'cache.purge', targetType: 'cache', targetId: 'all', detail: {} },
    new Date(),
  )
  return c.json({ tags: [...plan.tags], paths: plan.paths.size })
})
