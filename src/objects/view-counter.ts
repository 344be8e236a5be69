import { DurableObject } from 'cloudflare:workers'

/** How long views wait in the counter before they are written to D1 (milliseconds). */
export const VIEW_FLUSH_DELAY_MS = 30_000
/** Articles written per D1 batch (two bound parameters each, well under D1's 100). */
const FLUSH_BATCH = 50
/**
 * Most articles with views waiting at once. The beacon does not look the article up (that
 * would cost a D1 read per view), so made-up ids are possible; past this bound new ids wait for
 * the next write instead of growing the list.
 */
export const MAX_PENDING_ARTICLES = 10_000

/**
 * Adds up article views and writes them to D1 in one batch at most every VIEW_FLUSH_DELAY_MS,
 * so readers' views cost no D1 write each. Views are kept in the object's own SQLite storage
 * the moment they arrive, so none are lost when the object or its isolate goes away; the alarm
 * writes them to `articles.view_count` and, only once D1 has them, takes them off the pending
 * list (views that arrive meanwhile stay). A failed write throws, and the runtime retries the
 * alarm with backoff (https://developers.cloudflare.com/durable-objects/api/alarms/).
 *
 * One instance, named "views", serves the whole site: a district portal's readers are well
 * within what one object handles (thousands of requests a second).
 */
export class ViewCounter extends DurableObject<Cloudflare.Env> {
  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env)
    ctx.storage.sql.exec(
      'CREATE TABLE IF NOT EXISTS pending (article_id INTEGER PRIMARY KEY, views INTEGER NOT NULL)',
    )
  }

  /**
   * Counts one view of an article (id > 0); schedules the write to D1 if none is due. A new id
   * is dropped while MAX_PENDING_ARTICLES others wait.
   */
  async add(articleId: number): Promise<void> {
    const known = this.ctx.storage.sql
      .exec('SELECT 1 FROM pending WHERE article_id = ?', articleId)
      .toArray().length
    if (!known) {
      const [{ n }] = this.ctx.storage.sql
        .exec<{ n: number }>('SELECT COUNT(*) AS n FROM pending')
        .toArray() as [{ n: number }]
      if (n >= MAX_PENDING_ARTICLES) return
    }
    this.ctx.storage.sql.exec(
      'INSERT INTO pending (article_id, views) VALUES (?, 1) ON CONFLICT (article_id) DO UPDATE SET views = views + 1',
      articleId,
    )
    if ((await this.ctx.storage.getAlarm()) === null) {
      await this.ctx.storage.setAlarm(Date.now() + VIEW_FLUSH_DELAY_MS)
    }
  }

  /** Views counted and not yet written to D1, by article id (for tests and operators). */
  async pending(): Promise<Record<number, number>> {
    const rows = this.ctx.storage.sql
      .exec<{ article_id: number; views: number }>('SELECT article_id, views FROM pending')
      .toArray()
    return Object.fromEntries(rows.map((r) => [r.article_id, r.views]))
  }

  /** Writes every pending count to D1, then forgets what was written. */
  override async alarm(): Promise<void> {
    const rows = this.ctx.storage.sql
      .exec<{ article_id: number; views: number }>('SELECT article_id, views FROM pending')
      .toArray()
    for (let i = 0; i < rows.length; i += FLUSH_BATCH) {
      const chunk = rows.slice(i, i + FLUSH_BATCH)
      await this.env.DB.batch(
        chunk.map((r) =>
          this.env.DB.prepare('UPDATE articles SET view_count = view_count + ? WHERE id = ?').bind(
            r.views,
            r.article_id,
          ),
        ),
      )
      for (const r of chunk) {
        this.ctx.storage.sql.exec(
          'UPDATE pending SET views = views - ? WHERE article_id = ?',
          r.views,
          r.article_id,
        )
      }
    }
    this.ctx.storage.sql.exec('DELETE FROM pending WHERE views <= 0')
    // Views that arrived while this ran get their own write.
    const left = this.ctx.storage.sql.exec('SELECT 1 FROM pending LIMIT 1').toArray()
    if (left.length > 0) await this.ctx.storage.setAlarm(Date.now() + VIEW_FLUSH_DELAY_MS)
  }
}
