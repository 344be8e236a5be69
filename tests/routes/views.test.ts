import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { articles } from '../../src/db/schema'
import { viewBeaconPath } from '../../src/lib/view-beacon'
import { MAX_PENDING_ARTICLES, type ViewCounter } from '../../src/objects/view-counter'
import { appFetch, get, inOneRateWindow, insertArticle, seedSample, testDb } from '../helpers'

beforeAll(seedSample)

const counter = () => env.VIEW_COUNTER.get(env.VIEW_COUNTER.idFromName('views'))

async function viewCount(id: number): Promise<number> {
  const [row] = await testDb()
    .select({ n: articles.viewCount })
    .from(articles)
    .where(eq(articles.id, id))
  return row!.n
}

let address = 0
/** A beacon as a browser sends it from an article page (same origin, its own address). */
async function beacon(id: number, headers: Record<string, string> = {}, path?: string) {
  return get(path ?? (await viewBeaconPath(env, id)), {
    method: 'POST',
    headers: {
      'sec-fetch-site': 'same-origin',
      'user-agent': 'Mozilla/5.0 (Linux; Android 14) Chrome/131 Mobile Safari/537.36',
      'cf-connecting-ip': `198.51.100.${(++address % 250) + 1}`,
      ...headers,
    },
  })
}

/** Writes what the counter holds to D1, as its alarm does within a minute. */
async function flush() {
  await runDurableObjectAlarm(counter())
}

describe('view beacon and counter', () => {
  it('counts each beacon, and writes them to D1 in one go when the alarm runs', async () => {
    const { id } = await insertArticle(testDb(), { categorySlug: 'kinh-te' })
    const before = await viewCount(id)
    for (let i = 0; i < 200; i++) {
      const res = await beacon(id)
      expect(res.status).toBe(204)
      expect(res.headers.get('cache-control')).toBe('private, no-store')
    }
    expect(await counter().pending()).toMatchObject({ [id]: 200 })
    expect(await viewCount(id)).toBe(before)
    await flush()
    expect(await viewCount(id)).toBe(before + 200)
    expect(await counter().pending()).toEqual({})
  })

  it('keeps counted views when the counter is evicted before it writes them', async () => {
    const { id } = await insertArticle(testDb(), { categorySlug: 'kinh-te' })
    const before = await viewCount(id)
    for (let i = 0; i < 3; i++) await beacon(id)
    await evictDurableObject(counter())
    expect(await counter().pending()).toMatchObject({ [id]: 3 })
    await flush()
    expect(await viewCount(id)).toBe(before + 3)
  })

  it(
    'does not count page loads, other sites, bots, or a flood beyond the limit',
    { timeout: 30_000 },
    async () => {
      const { id, slug } = await insertArticle(testDb(), { categorySlug: 'kinh-te' })
      // A bot that only GETs pages: cached or not, no view.
      for (let i = 0; i < 20; i++) expect((await get(`/bai-viet/${slug}`)).status).toBe(200)
      await beacon(id, { 'sec-fetch-site': 'cross-site' })
      await beacon(id, { 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1)' })
      await beacon(id, { 'user-agent': 'Mozilla/5.0 HeadlessChrome/131' })
      expect(await counter().pending()).toEqual({})
      // One address sending 100 for one article: counted up to that limit (2 a minute).
      await inOneRateWindow(10)
      for (let i = 0; i < 100; i++) await beacon(id, { 'cf-connecting-ip': '203.0.113.9' })
      expect((await counter().pending())[id]).toBe(2)
      await flush()
    },
  )

  it(
    'counts one address up to 60 beacons a minute over all articles, 2 for each',
    { timeout: 30_000 },
    async () => {
      const ids: number[] = []
      for (let i = 0; i < 35; i++) {
        ids.push((await insertArticle(testDb(), { categorySlug: 'van-hoa-xa-hoi' })).id)
      }
      await inOneRateWindow(10)
      try {
        // 70 beacons from one address, 2 per article: the first 60 count, the rest do not.
        for (const id of ids) {
          for (let i = 0; i < 2; i++) await beacon(id, { 'cf-connecting-ip': '203.0.113.10' })
        }
        const pending = await counter().pending()
        const held = ids.map((id) => pending[id] ?? 0)
        expect(held).toEqual([...Array(30).fill(2), ...Array(5).fill(0)])
        // Another address is counted for the same articles.
        await beacon(ids[34]!, { 'cf-connecting-ip': '203.0.113.11' })
        expect((await counter().pending())[ids[34]!]).toBe(1)
      } finally {
        await flush()
      }
    },
  )

  it('holds at most MAX_PENDING_ARTICLES articles at once; those already held still count', async () => {
    await runInDurableObject(counter(), async (_instance, state: DurableObjectState) => {
      state.storage.sql.exec(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${MAX_PENDING_ARTICLES})
         INSERT INTO pending (article_id, views) SELECT 1000000 + i, 1 FROM n`,
      )
    })
    await counter().add(999_999_999)
    await counter().add(1_000_001)
    const pending = await counter().pending()
    expect(Object.keys(pending)).toHaveLength(MAX_PENDING_ARTICLES)
    expect(pending[999_999_999]).toBeUndefined()
    expect(pending[1_000_001]).toBe(2)
    await flush()
    expect(await counter().pending()).toEqual({})
  })

  it('tells the page where to report its view, with a token only the portal can make', async () => {
    const { id, slug } = await insertArticle(testDb(), { categorySlug: 'kinh-te' })
    const html = await (await get(`/bai-viet/${slug}`)).text()
    const path = /data-view-beacon="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&')
    expect(path).toMatch(new RegExp(`^/api/luot-xem/${id}\\?k=[0-9a-f]{16}$`))
    expect(path).toBe(await viewBeaconPath(env, id))
    expect((await get('/api/luot-xem/abc', { method: 'POST' })).status).toBe(404)
  })

  it('does not count an id without its token, or with the token of another article', async () => {
    const { id } = await insertArticle(testDb(), { categorySlug: 'kinh-te' })
    const other = await viewBeaconPath(env, id + 1)
    const token = new URL(other, 'http://x').searchParams.get('k')!
    for (const path of [
      `/api/luot-xem/${id}`,
      `/api/luot-xem/${id}?k=`,
      `/api/luot-xem/${id}?k=${token}`,
      `/api/luot-xem/${id}?k=${'0'.repeat(16)}`,
      `/api/luot-xem/987654321`,
    ]) {
      expect((await beacon(id, {}, path)).status).toBe(204)
    }
    expect(await counter().pending()).toEqual({})
    await beacon(id)
    expect(await counter().pending()).toEqual({ [id]: 1 })
    await flush()
  })

  it('without a server secret (no tokens), counts only articles readers can see', async () => {
    const noSecret = { SECRET_KEY: '', ADMIN_TOKEN: '' }
    const visible = await insertArticle(testDb(), { categorySlug: 'kinh-te' })
    const draft = await insertArticle(testDb(), { categorySlug: 'kinh-te', status: 'draft' })
    const send = (id: number) =>
      appFetch(`/api/luot-xem/${id}`, {
        env: noSecret,
        init: {
          method: 'POST',
          headers: {
            'sec-fetch-site': 'same-origin',
            'user-agent': 'Mozilla/5.0 Chrome/131',
            'cf-connecting-ip': `198.51.100.${(++address % 250) + 1}`,
          },
        },
      })
    expect(await viewBeaconPath(noSecret, visible.id)).toBe(`/api/luot-xem/${visible.id}`)
    for (const id of [987654321, draft.id, visible.id]) expect((await send(id)).status).toBe(204)
    expect(await counter().pending()).toEqual({ [visible.id]: 1 })
    await flush()
  })

  it('counts a write once when D1 applied it but its answer was lost', async () => {
    const { id } = await insertArticle(testDb(), { categorySlug: 'kinh-te' })
    const before = await viewCount(id)
    for (let i = 0; i < 4; i++) await beacon(id)
    // The alarm staged the write and D1 applied it, then the answer never came back: the
    // object still holds the write under its id, and D1 holds the id with the views.
    const batchId = await runInDurableObject(
      counter(),
      async (instance: ViewCounter, state: DurableObjectState) => {
        ;(instance as unknown as { stagePending(): void }).stagePending()
        return state.storage.sql
          .exec<{ batch_id: string }>('SELECT batch_id FROM inflight LIMIT 1')
          .one().batch_id
      },
    )
    await env.DB.batch([
      env.DB.prepare('INSERT INTO view_flushes (id, flushed_at) VALUES (?, ?)').bind(
        batchId,
        Date.now(),
      ),
      env.DB.prepare('UPDATE articles SET view_count = view_count + 4 WHERE id = ?').bind(id),
    ])
    // Views that come meanwhile are written as usual.
    await beacon(id)
    expect(await counter().pending()).toEqual({ [id]: 5 })
    await flush()
    expect(await viewCount(id)).toBe(before + 5)
    expect(await counter().pending()).toEqual({})
  })

  it('sends an unanswered write again, and counts it once it lands', async () => {
    const { id } = await insertArticle(testDb(), { categorySlug: 'kinh-te' })
    const before = await viewCount(id)
    for (let i = 0; i < 3; i++) await beacon(id)
    await runInDurableObject(counter(), async (instance: ViewCounter) => {
      ;(instance as unknown as { stagePending(): void }).stagePending()
    })
    await evictDurableObject(counter())
    expect(await counter().pending()).toEqual({ [id]: 3 })
    await flush()
    expect(await viewCount(id)).toBe(before + 3)
    const [{ n }] = (
      await env.DB.prepare('SELECT COUNT(*) AS n FROM view_flushes').all<{ n: number }>()
    ).results as [{ n: number }]
    expect(n).toBeGreaterThan(0)
  })
})
