import { Hono } from 'hono'
import { requirePermission } from '../../admin/gate'
import { auditQuery, listAudit } from '../../db/audit'
import { notFound } from '../../admin/errors'
import { importRunById, listImportRuns } from '../../db/import-runs'
import { readStoredReport } from '../../import/report'
import type { AppEnv } from '../../env'
import { idParam, idQuery } from '../params'
import { purgeEverything } from '../purging'

/**
 * The audit log (`GET /audit?before=<id>`, 50 entries a page), the imports run on the portal
 * (`GET /imports?before=<id>`, `GET /imports/<id>` with its report) and the purge of every
 * cached page, in the JSON admin API (under `/api/admin`).
 */
export const auditApi = new Hono<AppEnv>()

auditApi.get('/audit', requirePermission('audit.read'), async (c) =>
  c.json({ items: await listAudit(c.var.db, { before: idQuery(c, 'before') }) }),
)

auditApi.get('/imports', requirePermission('audit.read'), async (c) => {
  const items = await listImportRuns(c.var.db, { before: idQuery(c, 'before') })
  return c.json({
    items: items.map(({ counts, ...run }) => ({
      ...run,
      counts: counts ? JSON.parse(counts) : null,
    })),
  })
})

auditApi.get('/imports/:id', requirePermission('audit.read'), async (c) => {
  const run = await importRunById(c.var.db, idParam(c))
  if (!run) throw notFound('Không tìm thấy lần nhập này.')
  return c.json({ ...run, report: readStoredReport(run.report) })
})

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
