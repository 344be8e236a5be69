import { BOOTSTRAP_ADMIN, createSession, SESSION_COOKIE } from '../../src/auth/session'
import { storedKey } from '../../src/cache/key'
import { ASSET_PATHS } from '../../src/generated/assets'
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { purgeTagsGlobally } from '../../src/cache/purge'
import { articles, categories, editors as editorsTable } from '../../src/db/schema'
import { runScheduled } from '../../src/scheduled'
import {
  appFetch,
  caseOrigin,
  countingD1,
  get,
  insertArticle,
  SEED_SLUG,
  seedSample,
  testDb,
  textsOf,
} from '../helpers'

const ORIGIN = 'https://portal.test'
const ADMIN = { authorization: 'Bearer test-admin-token', 'content-type': 'application/json' }

beforeAll(seedSample)
afterEach(() => {
  vi.restoreAllMocks()
})

const adminApi = (method: string, path: string, body?: unknown) =>
  get(`/api/admin${path}`, {
    method,
    headers: ADMIN,
    body: body === undefined ? undefined : JSON.stringify(body),
  })

describe('edge cache', () => {
  it('serves a HIT after a MISS without touching D1', async () => {
    const path = `${caseOrigin('hit')}/bai-viet/${SEED_SLUG}`
    const first = countingD1(env.DB)
    const miss = await appFetch(path, { env: { DB: first.db } })
    expect(miss.headers.get('x-cache')).toBe('MISS')
    // One batch for the page; views are the beacon's business, not the page's.
    expect(first.counts.batches).toBe(1)
    expect(first.counts.roundTrips).toBe(1)
    expect(miss.headers.get('server-timing')).toMatch(/d1;dur=/)
    const body = await miss.text()

    const second = countingD1(env.DB)
    const hit = await appFetch(path, { env: { DB: second.db } })
    expect(hit.headers.get('x-cache')).toBe('HIT')
    // No D1 call at all.
    expect(second.counts.roundTrips).toBe(0)
    expect(await hit.text()).toBe(body)
    expect(hit.headers.get('cache-control')).toBe(
      'public, max-age=30, s-maxage=60, stale-while-revalidate=60, stale-if-error=86400',
    )
    expect(hit.headers.get('cache-tag')).toMatch(
      /^article:\d+,slug:[a-z0-9-]+,category:xay-dung-dang,nav$/,
    )
  })

  it('answers a matching If-None-Match with 304', async () => {
    const first = await get('/chuyen-muc/kinh-te')
    const etag = first.headers.get('etag')
    expect(etag).toMatch(/^"[A-Za-z0-9]+"$/)
    const again = await get('/chuyen-muc/kinh-te', {
      headers: { 'if-none-match': `W/"x", ${etag}` },
    })
    expect(again.status).toBe(304)
    expect(again.headers.get('etag')).toBe(etag)
    const other = await get('/chuyen-muc/kinh-te', { headers: { 'if-none-match': '"other"' } })
    expect(other.status).toBe(200)
  })

  it('gives URLs that differ only by tracking parameters one entry', async () => {
    const a = await get('/chuyen-muc/van-hoa-xa-hoi?utm_source=zalo&fbclid=abc', {
      redirect: 'manual',
    })
    expect(a.status).toBe(301)
    expect(a.headers.get('location')).toBe('/chuyen-muc/van-hoa-xa-hoi')
    expect((await get('/chuyen-muc/van-hoa-xa-hoi?gclid=1')).headers.get('x-cache')).toBe('MISS')
    expect((await get('/chuyen-muc/van-hoa-xa-hoi?zarsrc=1')).headers.get('x-cache')).toBe('HIT')
  })

  it('renders each concurrent miss in its own request: none waits on another', async () => {
    const { db, counts } = countingD1(env.DB)
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        appFetch(`${caseOrigin('burst')}/chuyen-muc/quoc-phong-an-ninh`, { env: { DB: db } }),
      ),
    )
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200))
    expect(responses.every((r) => r.headers.get('x-cache') === 'MISS')).toBe(true)
    expect(counts.batches).toBe(10)
  })

  it('says how old a cached copy is (Age), in memory and in the Cache API', async () => {
    const path = `${caseOrigin('age header')}/chuyen-muc/tin-tuc-su-kien`
    const start = Date.now()
    const miss = await appFetch(path)
    expect(miss.headers.get('x-cache')).toBe('MISS')
    expect(miss.headers.get('age')).toBe('0')
    vi.spyOn(Date, 'now').mockReturnValue(start + 500)
    const fromMemory = await appFetch(path)
    expect(fromMemory.headers.get('x-cache')).toBe('HIT')
    expect(Number(fromMemory.headers.get('age'))).toBeLessThanOrEqual(1)
    vi.spyOn(Date, 'now').mockReturnValue(start + 25_000)
    const fromCache = await appFetch(path)
    expect(fromCache.headers.get('x-cache')).toBe('HIT')
    expect(Number(fromCache.headers.get('age'))).toBeGreaterThanOrEqual(24)
    expect(Number(fromCache.headers.get('age'))).toBeLessThanOrEqual(26)
  })

  it('serves a stale copy at once and refreshes it in the background', async () => {
    const path = `${caseOrigin('stale')}/chuyen-muc/tin-tuc-su-kien`
    await appFetch(path)
    const { db, counts } = countingD1(env.DB)
    const stale = await appFetch(path, { env: { DB: db, CACHE_TTL_SECONDS: '0' } })
    expect(stale.headers.get('x-cache')).toBe('STALE')
    // The background refresh ran (waitOnExecutionContext waited for it) and read D1 once.
    expect(counts.batches).toBe(1)
  })

  it('keeps serving the stale copy while D1 fails', async () => {
    const path = `${caseOrigin('d1-down')}/bai-viet/${SEED_SLUG}`
    const good = await (await appFetch(path)).text()
    const broken = new Proxy(env.DB, {
      get() {
        return () => {
          throw new Error('D1 is down')
        }
      },
    })
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const res = await appFetch(path, { env: { DB: broken as D1Database, CACHE_TTL_SECONDS: '0' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('x-cache')).toBe('STALE')
    expect(await res.text()).toBe(good)
    // The failed refresh did not replace the good copy.
    expect(await (await appFetch(path, { env: { CACHE_TTL_SECONDS: '3600' } })).text()).toBe(good)
  })

  it('never caches the admin, the API, posts or requests with an admin session', async () => {
    for (const path of ['/admin/login', '/api/captcha', '/api/admin/me']) {
      const res = await get(path)
      expect(res.headers.get('x-cache'), path).toBe('BYPASS')
      expect(res.headers.get('cache-control'), path).toBe('private, no-store')
    }
    const signed = await createSession(env, testDb(), { principal: BOOTSTRAP_ADMIN })
    const session = await get('/', { headers: { cookie: `${SESSION_COOKIE}=${signed}` } })
    expect(session.headers.get('x-cache')).toBe('BYPASS')
    const post = await get(`/bai-viet/${SEED_SLUG}/binh-luan`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'cf-connecting-ip': '192.0.2.77',
      },
      body: new URLSearchParams({ name: '', phone: '0912 000 111', title: 't', content: 'c' }),
    })
    expect(post.headers.get('x-cache')).toBe('BYPASS')
    // The re-rendered form held the phone number; nothing under the article's key has it.
    await get(`/bai-viet/${SEED_SLUG}`)
    const cached = await caches.default.match(storedKey(`${ORIGIN}/bai-viet/${SEED_SLUG}`))
    expect(cached).toBeDefined()
    expect(await cached!.text()).not.toContain('0912 000 111')
  })

  it('serves the cache to a revoked editor whose signed session has not expired', async () => {
    const [editor] = await testDb()
      .insert(editorsTable)
      .values({ name: 'Biên tập đã nghỉ', role: 'editor', tokenHash: 'revoked-editor-hash' })
      .returning()
    const cookie = `${SESSION_COOKIE}=${await createSession(env, testDb(), { principal: editor! })}`
    await get('/chuyen-muc/kinh-te')
    const active = await get('/chuyen-muc/kinh-te', { headers: { cookie } })
    expect(active.headers.get('x-cache')).toBe('BYPASS')
    await testDb()
      .update(editorsTable)
      .set({ revokedAt: new Date() })
      .where(eq(editorsTable.id, editor!.id))
    const revoked = await get('/chuyen-muc/kinh-te', { headers: { cookie } })
    expect(revoked.headers.get('x-cache')).toBe('HIT')
  })

  it('marks every answer with x-cache', async () => {
    for (const path of ['/', '/khong-co-trang-nay', ASSET_PATHS['site.css'], '/api/captcha']) {
      const res = await get(path)
      expect(res.headers.get('x-cache'), path).toMatch(/^(HIT|MISS|STALE|BYPASS)$/)
    }
  })
})

describe('purging on every change', () => {
  it('shows publish, edit, unpublish and delete on the next read', async () => {
    const [category] = await testDb()
      .select()
      .from(categories)
      .where(eq(categories.slug, 'kinh-te'))
    // Warm the pages that will change.
    await get('/')
    await get('/chuyen-muc/kinh-te')
    const created = await (
      await adminApi('POST', '/articles', {
        title: 'Tin nóng về bộ nhớ đệm',
        categoryId: category!.id,
        status: 'published',
      })
    ).json<{ id: number; slug: string }>()
    expect(await (await get('/')).text()).toContain('Tin nóng về bộ nhớ đệm')
    expect(await (await get('/chuyen-muc/kinh-te')).text()).toContain('Tin nóng về bộ nhớ đệm')
    const page = `/bai-viet/${created.slug}`
    expect((await get(page)).status).toBe(200)
    expect((await get(page)).headers.get('x-cache')).toBe('HIT')

    await adminApi('PATCH', `/articles/${created.id}`, { title: 'Tin nóng đã sửa' })
    expect(await textsOf(await (await get(page)).text(), 'h1.article-title')).toEqual([
      expect.stringContaining('Tin nóng đã sửa'),
    ])
    expect(await (await get('/')).text()).toContain('Tin nóng đã sửa')

    await adminApi('PATCH', `/articles/${created.id}`, { status: 'draft' })
    expect((await get(page)).status).toBe(404)
    expect(await (await get('/')).text()).not.toContain('Tin nóng đã sửa')

    await adminApi('PATCH', `/articles/${created.id}`, { status: 'published' })
    expect((await get(page)).status).toBe(200)
    await adminApi('DELETE', `/articles/${created.id}`)
    expect((await get(page)).status).toBe(404)
  })

  it('takes an article down at the public address when the editor works from another', async () => {
    const site = caseOrigin('public address')
    const editorOrigin = caseOrigin('editor address')
    const withSite = { SITE_URL: site }
    const { id, slug } = await insertArticle(testDb(), { categorySlug: 'kinh-te' })
    const page = `${site}/bai-viet/${slug}`
    expect((await appFetch(page, { env: withSite })).headers.get('x-cache')).toBe('MISS')
    expect((await appFetch(page, { env: withSite })).headers.get('x-cache')).toBe('HIT')
    const res = await appFetch(`${editorOrigin}/api/admin/articles/${id}`, {
      env: withSite,
      init: { method: 'PATCH', headers: ADMIN, body: JSON.stringify({ status: 'draft' }) },
    })
    expect(res.status).toBe(200)
    expect((await appFetch(page, { env: withSite })).status).toBe(404)
  })

  it('updates the newer/older lists of neighbouring articles', async () => {
    const older = (await testDb().select().from(articles).where(eq(articles.slug, SEED_SLUG)))[0]!
    await get(`/bai-viet/${SEED_SLUG}`)
    const [category] = await testDb()
      .select()
      .from(categories)
      .where(eq(categories.id, older.categoryId))
    // Published just after the seed article: it becomes the seed's nearest newer article.
    const { slug } = await insertArticle(testDb(), {
      categorySlug: category!.slug,
      title: 'Bài chen giữa',
      status: 'draft',
      publishedAt: new Date(older.publishedAt!.getTime() + 60_000),
    })
    const [row] = await testDb()
      .select({ id: articles.id })
      .from(articles)
      .where(eq(articles.slug, slug))
    await adminApi('PATCH', `/articles/${row!.id}`, { status: 'published' })
    const html = await (await get(`/bai-viet/${SEED_SLUG}`)).text()
    expect(await textsOf(html, 'section[aria-labelledby="bai-moi"] li a')).toContain(
      'Bài chen giữa',
    )
  })

  it('shows comment moderation and category changes on the next read', async () => {
    const seed = `/bai-viet/${SEED_SLUG}`
    await get(seed)
    const queue = await (
      await adminApi('GET', '/comments?status=pending')
    ).json<{ items: { id: number; title: string }[] }>()
    const pending = queue.items.find((c) => c.title === 'Chờ duyệt')!
    await adminApi('POST', '/comments/moderate', { ids: [pending.id], action: 'approve' })
    expect(await (await get(seed)).text()).toContain('Bình luận này đang chờ kiểm duyệt')
    await adminApi('POST', '/comments/moderate', { ids: [pending.id], action: 'reject' })
    expect(await (await get(seed)).text()).not.toContain('Bình luận này đang chờ kiểm duyệt')

    await get('/')
    const cats = await (
      await adminApi('GET', '/categories')
    ).json<{ items: { id: number; slug: string }[] }>()
    const id = cats.items.find((c) => c.slug === 'van-hoa-xa-hoi')!.id
    await adminApi('PATCH', `/categories/${id}`, { name: 'Văn hóa' })
    expect(await textsOf(await (await get('/')).text(), '.site-nav a')).toContain('Văn hóa')
  })

  it('shows a scheduled article once its time comes, through the cron purge', async () => {
    await get('/')
    const { slug } = await insertArticle(testDb(), {
      categorySlug: 'kinh-te',
      title: 'Đăng theo lịch hẹn',
      publishedAt: new Date(Date.now() - 30_000),
    })
    // Cached before its time: the home page does not list it yet.
    expect(await (await get('/')).text()).not.toContain('Đăng theo lịch hẹn')
    const ctx = createExecutionContext()
    await runScheduled({ scheduledTime: Date.now() }, { ...env, SITE_URL: ORIGIN }, ctx)
    await waitOnExecutionContext(ctx)
    expect(await (await get('/')).text()).toContain('Đăng theo lịch hẹn')
    expect((await get(`/bai-viet/${slug}`)).status).toBe(200)
  })

  it('calls the zone purge API with the affected tags when configured', async () => {
    const fetchSpy = vi
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(Response.json({ success: true }))
    const [category] = await testDb()
      .select()
      .from(categories)
      .where(eq(categories.slug, 'kinh-te'))
    const res = await appFetch('/api/admin/articles', {
      env: { CF_ZONE_ID: 'zone123', CF_API_TOKEN: 'cf-token' },
      init: {
        method: 'POST',
        headers: ADMIN,
        body: JSON.stringify({
          title: 'Bài xóa toàn mạng',
          categoryId: category!.id,
          status: 'published',
        }),
      },
    })
    expect(res.status).toBe(201)
    const { id } = await res.json<{ id: number }>()
    const calls = fetchSpy.mock.calls.filter(([url]) => String(url).includes('/purge_cache'))
    expect(calls).toHaveLength(1)
    const [url, init] = calls[0]!
    expect(String(url)).toBe('https://api.cloudflare.com/client/v4/zones/zone123/purge_cache')
    expect((init?.headers as Record<string, string>).Authorization).toBe('Bearer cf-token')
    const sent = JSON.parse(String(init?.body)) as { tags: string[] }
    expect(sent.tags).toEqual(
      expect.arrayContaining([`article:${id}`, 'category:kinh-te', 'home', 'feeds']),
    )
  })

  it('logs and retries a failing purge API without failing the save', async () => {
    const fetchSpy = vi
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(new Response('no', { status: 500 }))
    const errors: string[] = []
    vi.spyOn(console, 'error').mockImplementation((m: unknown) => void errors.push(String(m)))
    await purgeTagsGlobally({ CF_ZONE_ID: 'z', CF_API_TOKEN: 't' }, ['home'])
    expect(fetchSpy).toHaveBeenCalledTimes(2)
    expect(errors.filter((e) => e.includes('cache purge failed'))).toHaveLength(2)
    expect(errors.join('\n')).not.toContain('Bearer t')
  })
})
