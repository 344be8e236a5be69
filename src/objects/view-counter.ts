import { DurableObject } from 'cloudflare:workers'
import { isUniqueViolation } from '../db/errors'

/** How long views wait in the counter before they are written to D1 (milliseconds). */
export const VIEW_FLUSH_DELAY_MS = 30_000
/** Articles written per D1 batch (each its own statement with two bound parameters). */
const FLUSH_BATCH = 50
/**
 * Most articles with views waiting at once. The beacon does not look the article up (that
 * would cost a D1 read per view); it takes only ids the portal signed (src/lib/view-beacon.ts).
 * Past this bound, should that ever fail, new ids wait for the next write instead of growing
 * the list.
 */
export const MAX_PENDING_ARTICLES = 10_000

/** How long D1 remembers an applied write (milliseconds): far longer than alarm retries take. */
export const VIEW_FLUSH_MEMORY_MS = 7 * 24 * 3600 * 1000

/**
 * Adds up article views and writes them to D1 in one batch at most every VIEW_FLUSH_DELAY_MS,
 * so readers' views cost no D1 write each. Views are kept in the object's own SQLite storage
 * the moment they arrive, so none are lost when the object or its isolate goes away.
 *
 * Each write has an id: the alarm first moves what is pending into `inflight` under a new id,
 * then sends one D1 batch (a transaction) that records the id in `view_flushes` and adds the
 * views. Only once D1 answers are those rows dropped. A write whose answer was lost is sent
 * again with the same id; if D1 had applied it, recording the id fails and the whole batch
 * rolls back, so the views are counted exactly once. Any other failure throws, and the runtime
 * retries the alarm with backoff (https://developers.cloudflare.com/durable-objects/api/alarms/;
 * D1 batches: https://developers.cloudflare.com/d1/worker-api/d1-database/#batch).
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
    ctx.storage.sql.exec(
      `CREATE TABLE IF NOT EXISTS inflight (batch_id TEXT NOT NULL, article_id INTEGER NOT NULL,
        views INTEGER NOT NULL, PRIMARY KEY (batch_id, article_id))`,
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

  /** Views counted and not yet known to be in D1, by article id (for tests and operators). */
  async pending(): Promise<Record<number, number>> {
    const rows = this.ctx.storage.sql
      .exec<{ article_id: number; views: number }>(
        `SELECT article_id, SUM(views) AS views FROM (
           SELECT article_id, views FROM pending UNION ALL SELECT article_id, views FROM inflight
         ) GROUP BY article_id`,
      )
      .toArray()
    return Object.fromEntries(rows.map((r) => [r.article_id, r.views]))
  }

  /** Writes every pending count to D1 (writes left unanswered before go first, as they were). */
  override async alarm(): Promise<void> {
    this.stagePending()
    const batches = this.ctx.storage.sql
      .exec<{ batch_id: string }>(
        'SELECT batch_id FROM inflight GROUP BY batch_id ORDER BY MIN(rowid)',
      )
      .toArray()
    for (const { batch_id } of batches) await this.send(batch_id)
    // Views that arrived while this ran get their own write.
    const left = this.ctx.storage.sql.exec('SELECT 1 FROM pending LIMIT 1').toArray()
    if (left.length > 0) await this.ctx.storage.setAlarm(Date.now() + VIEW_FLUSH_DELAY_MS)
  }

  /** Moves what is pending into writes of FLUSH_BATCH articles, each under a new id. */
  private stagePending() {
    this.ctx.storage.transactionSync(() => {
      const rows = this.ctx.storage.sql
        .exec<{ article_id: number; views: number }>('SELECT article_id, views FROM pending')
        .toArray()
      for (let i = 0; i < rows.length; i += FLUSH_BATCH) {
        const batchId = crypto.randomUUID()
        for (const r of rows.slice(i, i + FLUSH_BATCH)) {
          this.ctx.storage.sql.exec(
            'INSERT INTO inflight (batch_id, article_id, views) VALUES (?, ?, ?)',
            batchId,
            r.article_id,
            r.views,
          )
        }
      }
      this.ctx.storage.sql.exec('DELETE FROM pending')
    })
  }

  /** Sends one write to D1; forgets it once D1 has it (now, or from an earlier attempt). */
  private async send(batchId: string) {
    const rows = this.ctx.storage.sql
      .exec<{
        article_id: number
        views: number
      }>('SELECT article_id, views FROM inflight WHERE batch_id = ?', batchId)
      .toArray()
    const now = Date.now()
    const db = this.env.DB
    try {
      await db.batch([
        db.prepare('INSERT INTO view_flushes (id, flushed_at) VALUES (?, ?)').bind(batchId, now),
        ...rows.map((r) =>
          db
            .prepare('UPDATE articles SET view_count = view_count + ? WHERE id = ?')
            .bind(r.views, r.article_id),
        ),
        db
          .prepare('DELETE FROM view_flushes WHERE flushed_at < ?')
          .bind(now - VIEW_FLUSH_MEMORY_MS),
      ])
    } catch (err) {
      if (!isUniqueViolation(err, 'view_flushes.id')) throw err
    }
    this.ctx.storage.sql.exec('DELETE FROM inflight WHERE batch_id = ?', batchId)
  }
}
