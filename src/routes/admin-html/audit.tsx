import { Hono } from 'hono'
import { listAudit } from '../../db/audit'
import type { AppEnv } from '../../env'
import { AuditPage } from './views/misc'
import { idQuery } from '../params'
import { common } from './shared'

/** The audit log. */
export const auditPages = new Hono<AppEnv>()

auditPages.get('/audit', async (c) => {
  const items = await listAudit(c.var.db, { before: idQuery(c, 'before') })
  return c.html(
    <AuditPage
      {...common(c)}
      items={items}
      nextBefore={items.length === 50 ? items.at(-1)?.id : undefined}
    />,
  )
})
