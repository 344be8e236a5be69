import { eq } from 'drizzle-orm'
import { auditQuery } from '../db/audit'
import type { Database } from '../db/client'
import { slugRedirects } from '../db/schema'
import { notFound } from './errors'
import type { Principal } from './permissions'

/**
 * Releases an old URL: `/bai-viet/<oldSlug>` stops redirecting to its article, and the slug may
 * be given to another article. Old URLs are otherwise kept for good (`uniqueSlug` never hands
 * one out), so links from elsewhere keep working; releasing is an editor's deliberate act,
 * audited. Returns the released row. Raises AdminError 404 when no such old URL exists.
 */
export async function releaseRedirect(
  db: Database,
  actor: Principal,
  oldSlug: string,
  now = new Date(),
) {
  const [row] = await db.select().from(slugRedirects).where(eq(slugRedirects.oldSlug, oldSlug))
  if (!row) throw notFound('Không có đường dẫn cũ này.')
  await db.batch([
    db.delete(slugRedirects).where(eq(slugRedirects.oldSlug, oldSlug)),
    auditQuery(
      db,
      actor,
      {
        action: 'redirect.release',
        targetType: 'article',
        targetId: row.articleId,
        detail: { oldSlug },
      },
      now,
    ),
  ])
  return row
}
