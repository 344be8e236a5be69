/**
 * View counts without a D1 write per view. Each isolate adds up views in memory and writes an
 * article's count at most once a minute: the first view of an article in an isolate is
 * written at once, later ones are added up and written with the first view after the minute
 * has passed (`ctx.waitUntil`, so the reader never waits). Cached pages count too: the cache
 * layer reports every article page it serves.
 *
 * What can be lost: when an isolate is evicted, the views it added up since its last write for
 * each article, i.e. at most one minute of that isolate's views of that article.
 */
export const FLUSH_INTERVAL_MS = 60_000

type Pending = { count: number; lastFlush: number }
const pending = new Map<number, Pending>()

type DbEnv = { DB: D1Database }

async function write(env: DbEnv, articleId: number, count: number) {
  try {
    await env.DB.prepare('update articles set view_count = view_count + ? where id = ?')
      .bind(count, articleId)
      .run()
  } catch (err) {
    // A lost batch of views is not worth an error page; it is logged.
    console.error(
      JSON.stringify({
        level: 'error',
        message: 'view count not written',
        articleId,
        count,
        error: String(err),
      }),
    )
  }
}

/** Counts one view of an article; writes to D1 at most once a minute per article and isolate. */
export function countView(
  env: DbEnv,
  waitUntil: (p: Promise<unknown>) => void,
  articleId: number,
  now = Date.now(),
) {
  const entry = pending.get(articleId) ?? { count: 0, lastFlush: 0 }
  entry.count += 1
  pending.set(articleId, entry)
  if (now - entry.lastFlush < FLUSH_INTERVAL_MS) return
  const count = entry.count
  entry.count = 0
  entry.lastFlush = now
  waitUntil(write(env, articleId, count))
}

/** Writes every count still held in memory (for tests and for a graceful end). */
export async function flushViews(env: DbEnv) {
  const writes = [...pending]
    .filter(([, p]) => p.count > 0)
    .map(([id, p]) => {
      const count = p.count
      p.count = 0
      return write(env, id, count)
    })
  await Promise.all(writes)
}

/** The article id a cached article page carries in its Cache-Tag, if any. */
export function articleIdFromTags(cacheTag: string | null): number | null {
  const match = cacheTag ? /(?:^|,)article:(\d+)(?:,|$)/.exec(cacheTag) : null
  return match ? Number(match[1]) : null
}
