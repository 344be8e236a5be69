import { Hono } from 'hono'
import { listModerationQueue, moderateComments } from '../../admin/comments'
import { AdminError } from '../../admin/errors'
import { COMMENT_STATUSES, type CommentStatus } from '../../db/schema'
import type { AppEnv } from '../../env'
import { purgeArticles } from '../purging'
import { CommentQueuePage } from '../../views/admin/comments'
import { adminErrorPage, common, formFields, str } from './shared'

/** The moderation queue. */
export const commentPages = new Hono<AppEnv>()

commentPages.get('/comments', async (c) => {
  const raw = c.req.query('status')
  const status = COMMENT_STATUSES.includes(raw as CommentStatus)
    ? (raw as CommentStatus)
    : undefined
  const queue = await listModerationQueue(c.var.db, { status })
  return c.html(
    <CommentQueuePage {...common(c)} items={queue.items} pending={queue.pending} status={status} />,
  )
})

commentPages.post('/comments', async (c) => {
  const form = await formFields(c, ['ids'])
  const ids = ([] as unknown[]).concat(form['ids'] ?? [])
  try {
    const result = await moderateComments(c.var.db, c.var.principal, {
      ids,
      action: str(form['action']),
    })
    await purgeArticles(c, result.articles)
    // The action passed validation, so it is one of the NOTICES codes.
    return c.redirect(`/admin/comments?ok=${str(form['action'])}`, 303)
  } catch (err) {
    if (err instanceof AdminError && err.status === 422) {
      const queue = await listModerationQueue(c.var.db)
      return c.html(
        <CommentQueuePage
          {...common(c)}
          items={queue.items}
          pending={queue.pending}
          error="Chọn ít nhất một bình luận và một thao tác."
        />,
        422,
      )
    }
    return adminErrorPage(c, err)
  }
})
