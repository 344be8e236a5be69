import { Hono } from 'hono'
import { getAdminArticle } from '../../admin/articles'
import { listModerationQueue, moderateComments } from '../../admin/comments'
import { COMMENT_STATUSES, type CommentStatus } from '../../db/schema'
import type { AppEnv } from '../../env'
import { purgeArticles } from '../purging'
import { CommentQueuePage } from './views/comments'
import { parseEnum, parseId } from '../params'
import { common, formFields, formRoundTrip, str, type Ctx } from './shared'

/** The moderation queue. */
export const commentPages = new Hono<AppEnv>()

/** The queue's filters from the query string: `status`, and `article` (an article id). */
function filters(query: (name: string) => string | undefined) {
  return {
    status: parseEnum(query('status'), COMMENT_STATUSES),
    articleId: parseId(query('article')),
  }
}

async function queuePage(
  c: Ctx,
  f: { status?: CommentStatus; articleId?: number },
  extra: { error?: string } = {},
  status: 200 | 422 = 200,
) {
  const queue = await listModerationQueue(c.var.db, f)
  const article = f.articleId
    ? await getAdminArticle(c.var.db, f.articleId).catch(() => undefined)
    : undefined
  return c.html(
    <CommentQueuePage
      {...common(c)}
      {...extra}
      items={queue.items}
      pending={queue.pending}
      status={f.status}
      article={article && { id: article.id, title: article.title }}
    />,
    status,
  )
}

commentPages.get('/comments', (c) =>
  queuePage(
    c,
    filters((n) => c.req.query(n)),
  ),
)

/**
 * Moderation: one row's own button (`one=approve:12`) or the ticked rows with a button under the
 * list (`ids`, `action`). Back to the queue as it was filtered (`back`), with a notice.
 */
commentPages.post('/comments', async (c) => {
  const form = await formFields(c, ['ids'])
  const one = /^(approve|reject|delete):([1-9]\d{0,11})$/.exec(str(form['one']))
  const ids = one ? [one[2]] : ([] as unknown[]).concat(form['ids'] ?? [])
  const action = one ? one[1]! : str(form['action'])
  const back = str(form['back'])
  const backUrl = /^\/admin\/comments(\?[a-z0-9=&_-]*)?$/i.test(back) ? back : '/admin/comments'
  return formRoundTrip(
    c,
    async () => {
      const result = await moderateComments(c.var.db, c.var.principal, { ids, action })
      await purgeArticles(c, result.articles)
    },
    // The action passed validation, so it is one of the NOTICES codes.
    () => `${backUrl}${backUrl.includes('?') ? '&' : '?'}ok=${action}`,
    () => {
      const url = new URL(backUrl, c.req.url)
      return queuePage(
        c,
        filters((n) => url.searchParams.get(n) ?? undefined),
        { error: 'Chọn ít nhất một bình luận và một thao tác.' },
        422,
      )
    },
    [422],
  )
})
