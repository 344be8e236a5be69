import { Hono } from 'hono'
import { notFound } from '../../admin/errors'
import { IMPORT_RUNS_PAGE, importRunById, listImportRuns } from '../../db/import-runs'
import type { AppEnv } from '../../env'
import { formatReport, readStoredReport } from '../../import/report'
import { idParam, idQuery } from '../params'
import { common } from './shared'
import { ImportRunPage, ImportsPage } from './views/imports'

/** The imports run on this portal (`npm run import`) and each one's report. */
export const importPages = new Hono<AppEnv>()

importPages.get('/nhap-du-lieu', async (c) => {
  const items = await listImportRuns(c.var.db, { before: idQuery(c, 'before') })
  return c.html(
    <ImportsPage
      {...common(c)}
      items={items}
      nextBefore={items.length === IMPORT_RUNS_PAGE ? items.at(-1)?.id : undefined}
    />,
  )
})

importPages.get('/nhap-du-lieu/:id', async (c) => {
  const run = await importRunById(c.var.db, idParam(c, 'id', 'Không tìm thấy lần nhập này.'))
  if (!run) throw notFound('Không tìm thấy lần nhập này.')
  const report = readStoredReport(run.report)
  return c.html(
    <ImportRunPage
      {...common(c)}
      id={run.id}
      finishedAt={run.finishedAt}
      report={report}
      text={report ? formatReport(report) : ''}
    />,
  )
})
