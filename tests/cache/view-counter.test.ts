import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { articleIdFromTags, FLUSH_INTERVAL_MS, flushViews } from '../../src/cache/view-counter'
import { articles } from '../../src/db/schema'
import { app } from '../../src/index'
import { countingD1, insertArticle, seedSample, testDb } from '../helpers'

beforeAll(seedSample)

async function viewCount(id: number) {
  const [row] = await testDb()
    .select({ n: articles.viewCount })
    .from(articles)
    .where(eq(articles.id, id))
  return row!.n
}

describe('view counts', () => {
  it('counts 1,000 views, cached ones included, with at most 20 D1 writes', async () => {
    const { id, slug } = await insertArticle(testDb(), {
      categorySlug: 'kinh-te',
      title: 'Bài được xem nhiều',
    })
    const before = await viewCount(id)
    const { db, counts } = countingD1(env.DB)
    const statuses = new Set<string>()
    for (let i = 0; i < 1000; i++) {
      const ctx = createExecutionContext()
      const res = await app.fetch(
        new Request(`https://portal.test/bai-viet/${slug}`),
        { ...env, DB: db },
        ctx,
      )
      statuses.add(res.headers.get('x-cache') ?? '')
      await res.arrayBuffer()
      await waitOnExecutionContext(ctx)
    }
    expect(statuses.has('HIT')).toBe(true)
    // One render (a batch) plus the view-count writes; everything else came from the cache.
    const writes = counts.roundTrips - counts.batches
    expect(writes).toBeGreaterThanOrEqual(1)
    expect(writes).toBeLessThanOrEqual(20)
    // Shown now: the views written so far; held back: at most the views since the last write.
    const written = (await viewCount(id)) - before
    expect(written).toBeGreaterThanOrEqual(1)
    expect(written).toBeLessThanOrEqual(1000)
    await flushViews(env)
    expect((await viewCount(id)) - before).toBe(1000)
  })

  it(`writes again once ${FLUSH_INTERVAL_MS / 1000} seconds have passed`, async () => {
    const { countView } = await import('../../src/cache/view-counter')
    const { id } = await insertArticle(testDb(), { categorySlug: 'kinh-te' })
    const before = await viewCount(id)
    const jobs: Promise<unknown>[] = []
    const t0 = 1_000_000_000_000
    countView(env, (p) => jobs.push(p), id, t0)
    countView(env, (p) => jobs.push(p), id, t0 + 1000)
    countView(env, (p) => jobs.push(p), id, t0 + FLUSH_INTERVAL_MS + 1)
    await Promise.all(jobs)
    expect(jobs).toHaveLength(2)
    expect((await viewCount(id)) - before).toBe(3)
  })

  it('reads the article id from a Cache-Tag', () => {
    expect(articleIdFromTags('article:42,category:kinh-te,nav')).toBe(42)
    expect(articleIdFromTags('home,nav')).toBeNull()
    expect(articleIdFromTags(null)).toBeNull()
  })
})
