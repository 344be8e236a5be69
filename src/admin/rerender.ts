import { asc, eq, gt } from 'drizzle-orm'
import { auditQuery } from '../db/audit'
import type { Database } from '../db/client'
import { articles } from '../db/schema'
import { renderBody } from './article-rules'
import type { Principal } from './permissions'

/** Articles read per call: each costs a query for its images' sizes at most. */
export const RERENDER_PAGE = 100

/**
 * Renders the stored HTML of the articles after id `afterId` (up to `limit`, in id order) again
 * from their Markdown with today's renderer, and stores what changed (one batch, audited). For
 * after an upgrade of the Markdown rules (a safety fix: the text after an inline <kbd> is now
 * escaped): the bodies saved before it hold the old HTML until re-rendered. Returns how many
 * were read and changed, and the id to continue after (null at the end).
 */
export async function rerenderBodies(
  db: Database,
  actor: Principal,
  opts: { afterId?: number; limit?: number } = {},
  now = new Date(),
): Promise<{ checked: number; changed: number[]; nextAfterId: number | null }> {
  const limit = Math.min(Math.max(opts.limit ?? RERENDER_PAGE, 1), RERENDER_PAGE)
  const rows = await db
    .select({ id: articles.id, body: articles.body, bodyHtml: articles.bodyHtml })
    .from(articles)
    .where(gt(articles.id, opts.afterId ?? 0))
    .orderBy(asc(articles.id))
    .limit(limit)
  const changed: { id: number; html: string }[] = []
  for (const row of rows) {
    const html = await renderBody(db, row.body)
    if (html !== row.bodyHtml) changed.push({ id: row.id, html })
  }
  if (changed.length > 0) {
    const [first, ...rest] = changed.map((c) =>
      db.update(articles).set({ bodyHtml: c.html }).where(eq(articles.id, c.id)),
    )
    await db.batch([
      first!,
      ...rest,
      auditQuery(
        db,
        actor,
        {
          action: 'articles.rerender',
          targetType: 'article',
          targetId: changed.map((c) => c.id).join(','),
          detail: { count: changed.length },
        },
        now,
      ),
    ])
  }
  return {
    checked: rows.length,
    changed: changed.map((c) => c.id),
    nextAfterId: rows.length === limit ? rows[rows.length - 1]!.id : null,
  }
}
