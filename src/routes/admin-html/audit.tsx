import { Hono } from 'hono'
import { listAudit } from '../../db/audit'
import type { AppEnv } from '../../env'
import { AuditPage } from '../../views/admin/misc'
import { common } from './shared'

/** The audit log. */
export const auditPages = new Hono<AppEnv>()

auditPages.get('/audit', async (c) => {
  const before = c.req.query('before')
  const items = await listAudit(c.var.db, {
    before: before && /^\d{1,12}$/.test(before) ? Number(before) : undefined,
  })
  return c.html(
    <AuditPage
      {...common(c)}
      items={items}
      nextBefore={items.length === 50 ? items.at(-1)?.id : undefined}
    />,
  )
})
