import { Hono } from 'hono'
import { listModerationQueue, moderateComments } from '../../admin/comments'
import { requirePermission } from '../../admin/gate'
import { COMMENT_STATUSES } from '../../db/schema'
import type { AppEnv } from '../../env'
import { enumQuery, idParam, pageParam } from '../params'
import { purgeArticles } from '../purging'
import { jsonBody, jsonLimit } from './input'

/**
 * Comment moderation in the JSON admin API (under `/api/admin`): the queue, one comment or many
 * at once; each change purges the articles it shows on.
 */
export const commentsApi = new Hono<AppEnv>()

commentsApi.get('/comments', requirePermission('comments.moderate'), async (c) =>
  c.json(
    await listModerationQueue(c.var.db, {
      status: enumQuery(c, 'status', COMMENT_STATUSES),
      page: pageParam(c),
    }),
  ),
)

commentsApi.post(
  '/comments/moderate',
  requirePermission('comments.moderate'),
  jsonLimit,
  async (c) => {
    const result = await moderateComments(c.var.db, c.var.principal, await jsonBody(c))
    await purgeArticles(c, result.articles)
    return c.json({ count: result.count })
  },
)

commentsApi.patch('/comments/:id', requirePermission('comments.moderate'), jsonLimit, async (c) => {
  const body = await jsonBody(c)
  const action =
    body.status === 'approved' ? 'approve' : body.status === 'rejected' ? 'reject' : body.status
  const result = await moderateComments(c.var.db, c.var.principal, { ids: [idParam(c)], action })
  await purgeArticles(c, result.articles)
  return c.json({ count: result.count })
})

commentsApi.delete('/comments/:id', requirePermission('comments.moderate'), async (c) => {
  const result = await moderateComments(c.var.db, c.var.principal, {
    ids: [idParam(c)],
    action: 'delete',
  })
  await purgeArticles(c, result.articles)
  return c.body(null, 204)
})
