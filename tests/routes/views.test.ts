import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { articles } from '../../src/db/schema'
import { MAX_PENDING_ARTICLES } from '../../src/objects/view-counter'
import { get, insertArticle, seedSample, testDb } from '../helpers'

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
function beacon(id: number, headers: Record<string, string> = {}) {
  return get(`/api/luot-xem/${id}`, {
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

  it('does not count page loads, other sites, bots, or a flood beyond the limit', async () => {
    const { id, slug } = await insertArticle(testDb(), { categorySlug: 'kinh-te' })
    // A bot that only GETs pages: cached or not, no view.
    for (let i = 0; i < 20; i++) expect((await get(`/bai-viet/${slug}`)).status).toBe(200)
    await beacon(id, { 'sec-fetch-site': 'cross-site' })
    await beacon(id, { 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1)' })
    await beacon(id, { 'user-agent': 'Mozilla/5.0 HeadlessChrome/131' })
    expect(await counter().pending()).toEqual({})
    // One address sending 100: counted up to the limit (60 a minute).
    for (let i = 0; i < 100; i++) await beacon(id, { 'cf-connecting-ip': '203.0.113.9' })
    const held = (await counter().pending())[id]
    expect(held).toBeGreaterThan(0)
    expect(held).toBeLessThanOrEqual(60)
    await flush()
  })

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

  it('tells the page where to report its view, except in the editor’s preview', async () => {
    const { id, slug } = await insertArticle(testDb(), { categorySlug: 'kinh-te' })
    const html = await (await get(`/bai-viet/${slug}`)).text()
    expect(html).toContain(`data-view-beacon="/api/luot-xem/${id}"`)
    expect((await get('/api/luot-xem/abc', { method: 'POST' })).status).toBe(404)
  })
})
