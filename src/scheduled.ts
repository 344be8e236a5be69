import { and, eq, gt, lte, lt } from 'drizzle-orm'
import { addArticleWithNeighbours, emptyPlan, runPurge } from './cache/purge'
import { createDb } from './db/client'
import { deleteOldSessionsQuery } from './db/sessions'
import { articles, captchaUses, categories } from './db/schema'
import { log } from './lib/log'

/** How far back the every-minute job looks for articles that just reached their time. */
export const SCHEDULE_WINDOW_MS = 5 * 60 * 1000

/**
 * The cron trigger (every minute): purges the pages of scheduled articles whose time has come,
 * so they appear without waiting for the cache TTL, and forgets expired security codes. Logs
 * one JSON line with what it did (`due`: articles purged, `expiredCodes`: rows deleted), so
 * an operator can see each run in `wrangler tail` or locally after
 * `curl http://localhost:8787/cdn-cgi/local/scheduled`.
 */
export async function runScheduled(
  controller: { scheduledTime: number },
  env: Cloudflare.Env,
  ctx: { waitUntil(p: Promise<unknown>): void; cache?: CacheContext },
): Promise<void> {
  const db = createDb(env.DB)
  const now = new Date(controller.scheduledTime)
  const due = await db
    .select({ id: articles.id, slug: articles.slug, categorySlug: categories.slug })
    .from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .where(
      and(
        eq(articles.status, 'published'),
        gt(articles.publishedAt, new Date(now.getTime() - SCHEDULE_WINDOW_MS)),
        lte(articles.publishedAt, now),
      ),
    )
  if (due.length > 0) {
    const plan = emptyPlan()
    for (const article of due) await addArticleWithNeighbours(plan, db, article, now)
    await runPurge(plan, {
      origins: [env.SITE_URL],
      env,
      cache: ctx.cache,
      waitUntil: (p) => ctx.waitUntil(p),
    })
  }
  const expired = await db.delete(captchaUses).where(lt(captchaUses.expiresAt, now))
  // Sessions over for a day are of no use, even to show.
  await deleteOldSessionsQuery(db, new Date(now.getTime() - 24 * 3600 * 1000))
  log.info('scheduled run', {
    scheduledTime: now.toISOString(),
    due: due.length,
    expiredCodes: expired.meta.changes,
  })
}
