import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { BOOTSTRAP_ADMIN, createSession, SESSION_COOKIE } from '../../src/auth/session'
import { storedKey } from '../../src/cache/key'
import { categories } from '../../src/db/schema'
import { appFetch, get, SEED_SLUG, seedSample, testDb, textsOf } from '../helpers'

beforeAll(seedSample)
afterEach(() => {
  vi.restoreAllMocks()
  vi.useRealTimers()
})

const SEED = `/bai-viet/${SEED_SLUG}`
const PUBLIC = /^public, max-age=30, s-maxage=60, stale-while-revalidate=60, stale-if-error=\d+$/
const PRIVATE = 'private, no-store'
const manual = { redirect: 'manual' } as const

describe('one page, one URL', () => {
  it('redirects repeated parameters to the first value, so the key and the page agree', async () => {
    for (const [asked, canonical] of [
      ['/?page=3&page=2', '/?page=3'],
      ['/?page=2&page=3', '/?page=2'],
      ['/tim-kiem?page=2&q=thuong+tin', '/tim-kiem?q=thuong+tin&page=2'],
    ]) {
      const res = await get(asked!, manual)
      expect(res.status, asked).toBe(301)
      expect(res.headers.get('location'), asked).toBe(canonical)
    }
    const page3 = await get('/?page=3')
    expect(page3.status).toBe(200)
    expect(await textsOf(await page3.text(), '.pagination [aria-current="page"]')).toEqual(['3'])
  })

  it('redirects every other spelling of an article URL to the canonical one, never stored', async () => {
    const encoded = `/bai-viet/%${SEED_SLUG.charCodeAt(0).toString(16)}${SEED_SLUG.slice(1)}`
    for (const variant of [
      `${SEED}?ref=zalo`,
      `${SEED}?utm_source=facebook&fbclid=abc`,
      encoded,
      `${SEED}/`,
      SEED.toUpperCase().replace('/BAI-VIET/', '/bai-viet/'),
      `${SEED}?binh-luan=khong-co&x=1`,
    ]) {
      const res = await get(variant, manual)
      expect(res.status, variant).toBe(301)
      expect(res.headers.get('location'), variant).toBe(SEED)
      expect(res.headers.get('cache-control'), variant).toBe(PRIVATE)
    }
  })

  it('creates no cache entry for unknown parameters', async () => {
    const res = await get('/chuyen-muc/kinh-te?junk=1', manual)
    expect(res.status).toBe(301)
    const asIs = new URL('https://portal.test/chuyen-muc/kinh-te?junk=1')
    const key = new URL(storedKey(asIs))
    expect(key.searchParams.has('junk')).toBe(false)
    expect(await caches.default.match(`${asIs}&__assets=x`)).toBeUndefined()
  })
})

describe('who skips the cache', () => {
  it('serves a HIT to requests with a made-up session or bookmark cookie', async () => {
    await get('/chuyen-muc/kinh-te')
    for (const cookie of [
      `${SESSION_COOKIE}=whatever`,
      `${SESSION_COOKIE}=1.admin.99999999999999.${'0'.repeat(64)}`,
      'd1b=00000000-junk',
    ]) {
      const res = await get('/chuyen-muc/kinh-te', { headers: { cookie } })
      expect(res.headers.get('x-cache'), cookie).toBe('HIT')
    }
  })

  it('lets a signed editor session through, answered private', async () => {
    const session = await createSession(env, testDb(), { principal: BOOTSTRAP_ADMIN })
    const res = await get('/chuyen-muc/kinh-te', {
      headers: { cookie: `${SESSION_COOKIE}=${session}` },
    })
    expect(res.headers.get('x-cache')).toBe('BYPASS')
    expect(res.headers.get('cache-control')).toBe(PRIVATE)
  })

  it('answers a hit before the app runs with the same headers the cache middleware gives', async () => {
    const page = '/chuyen-muc/xay-dung-dang'
    await get(page)
    const fast = await get(page)
    // A cookie sends the request through the app (it might be an editor's session).
    const viaApp = await get(page, { headers: { cookie: 'theme=dark' } })
    const headersOf = (r: Response) =>
      [...r.headers].filter(([name]) => name !== 'date' && name !== 'content-length')
    expect(fast.headers.get('x-cache')).toBe('HIT')
    expect(headersOf(fast)).toEqual(headersOf(viaApp))
    expect(fast.headers.get('server-timing')).toBeNull()
    expect(fast.headers.get('x-cache-stored-at')).toBeNull()
    expect(fast.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(await fast.text()).toBe(await viaApp.text())
  })

  it('answers HEAD from the cache, without a body', async () => {
    await get('/chuyen-muc/tin-tuc-su-kien')
    const res = await get('/chuyen-muc/tin-tuc-su-kien', { method: 'HEAD' })
    expect(res.status).toBe(200)
    expect(res.headers.get('x-cache')).toBe('HIT')
    expect(await res.text()).toBe('')
  })

  it('honours a writer’s bookmark on the render after the purge, not as a cache skip', async () => {
    const res = await get('/api/admin/categories', {
      method: 'POST',
      headers: { authorization: 'Bearer test-admin-token', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Đọc lại điều vừa ghi' }),
    })
    expect(res.status).toBe(201)
    const bookmark = res.headers.get('x-d1-bookmark')!
    const next = await get('/', { headers: { cookie: `d1b=${bookmark}` } })
    expect(next.headers.get('x-cache')).toBe('MISS')
    expect(await textsOf(await next.text(), '.site-nav a')).toContain('Đọc lại điều vừa ghi')
    expect(
      (await get('/', { headers: { cookie: `d1b=${bookmark}` } })).headers.get('x-cache'),
    ).toBe('HIT')
  })
})

describe('every response states its cache contract', () => {
  it('public pages, feeds and 404s: shared with s-maxage and bounded staleness', async () => {
    for (const path of [
      '/',
      SEED,
      '/chuyen-muc/kinh-te',
      '/tim-kiem?q=thuong+tin',
      '/rss.xml',
      '/sitemap.xml',
      '/bai-viet/khong-co-bai-nay',
    ]) {
      for (const round of ['first', 'second']) {
        const res = await get(path)
        expect(res.headers.get('cache-control'), `${path} ${round}`).toMatch(PUBLIC)
      }
    }
    const missing = await get('/bai-viet/khong-co-bai-nay')
    expect(missing.status).toBe(404)
    expect(missing.headers.get('cache-tag')).toBe('slug:khong-co-bai-nay,nav')
  })

  it('everything else: private, no-store', async () => {
    const post = {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=&title=&content=',
    }
    for (const [path, init] of [
      ['/admin/login', undefined],
      ['/admin', undefined],
      ['/api/captcha', undefined],
      ['/api/admin/me', undefined],
      ['/healthz', undefined],
      [`${SEED}/binh-luan`, post],
      [`${SEED}?ref=x`, manual],
      ['/khong-co-trang-nay', undefined],
    ] as const) {
      const res = await get(path, init)
      expect(res.headers.get('cache-control'), path).toBe(PRIVATE)
    }
  })

  it('a page while D1 is down and nothing is cached: a 503 that nobody stores', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const broken = new Proxy(env.DB, {
      get() {
        return () => {
          throw new Error('D1 is down')
        }
      },
    })
    const res = await appFetch('/chuyen-muc/an-ninh-trat-tu', {
      env: { DB: broken as D1Database },
    })
    expect(res.status).toBe(503)
    expect(res.headers.get('cache-control')).toBe(PRIVATE)
  })
})

describe('bounded staleness', () => {
  it('shows a category rename within TTL + the stale window, even with no purge at all', async () => {
    // The clock the cache reads is moved by hand, so the ages below are exact on any machine.
    vi.useFakeTimers({ toFake: ['Date'] })
    const start = Date.now()
    const short = { CACHE_TTL_SECONDS: '1', CACHE_STALE_SECONDS: '1' }
    const page = '/chuyen-muc/kinh-te?page=2'
    await appFetch(page, { env: short })
    // Renamed behind the cache's back (as in a data centre no purge reached).
    await testDb()
      .update(categories)
      .set({ name: 'Kinh tế đổi tên' })
      .where(eq(categories.slug, 'kinh-te'))
    vi.setSystemTime(start + 999)
    const hit = await appFetch(page, { env: short })
    expect(hit.headers.get('x-cache')).toBe('HIT')
    // Within the stale window: still the old page, while a refresh is started.
    vi.setSystemTime(start + 1500)
    expect((await appFetch(page, { env: short })).headers.get('x-cache')).toBe('STALE')
    // Past TTL + the stale window (of the copy the refresh stored at +1.5 s).
    vi.setSystemTime(start + 3600)
    const later = await appFetch(page, { env: short })
    expect(later.headers.get('x-cache')).toBe('MISS')
    expect(await textsOf(await later.text(), '.site-nav a')).toContain('Kinh tế đổi tên')
  })
})
