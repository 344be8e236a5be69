import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { and, eq, inArray } from 'drizzle-orm'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { DEFAULT_D1_TIMEOUT_MS, d1TimeoutMs } from '../../src/db/guard'
import { articles, auditLog, captchaUses, comments } from '../../src/db/schema'
import { app } from '../../src/index'
import { solvedCaptcha } from '../captcha-helpers'
import {
  attrsOf,
  caseOrigin,
  insertArticle,
  SEED_SLUG,
  seedSample,
  testDb,
  textsOf,
} from '../helpers'
import { faultyD1, type Fault } from './fault-d1'

/**
 * Faults injected into D1 (errors, timeouts, a broken binding; on the first statement and in
 * the middle of a batch) and into the zone purge API. What readers, commenters and editors
 * get while they last, and what stays in the database afterwards.
 */

const ORIGIN = 'https://portal.test'
const ADMIN = { authorization: 'Bearer test-admin-token', 'content-type': 'application/json' }
/** The bound on a D1 call while a fault is injected, so a hung D1 is given up on quickly. */
const TIMEOUT_MS = 300
const BUSY = 'Hệ thống đang bận, vui lòng thử lại sau ít phút.'
const COMMENT_UNAVAILABLE =
  'Hệ thống đang bận nên bình luận chưa được lưu. Nội dung của bạn vẫn còn bên dưới, vui lòng gửi lại sau ít phút.'

/** Every fault case below adds itself here, so the file can report how many it injects. */
const faultCases = new Set<string>()

beforeAll(seedSample)
afterEach(() => {
  vi.restoreAllMocks()
})

/** Failures are logged on purpose; the logs are checked where they matter. */
const quietErrors = () => {
  const lines: string[] = []
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    lines.push(args.map(String).join(' '))
  })
  return lines
}

/**
 * Calls the app with a D1 that fails as `fault` says (or the real one), then releases any hung
 * call and waits for the background work (refreshes, view counts, purges) to finish.
 */
async function fetchWith(
  path: string,
  opts: { fault?: Fault; env?: Partial<Cloudflare.Env>; init?: RequestInit } = {},
) {
  const injected = opts.fault ? faultyD1(env.DB, opts.fault) : undefined
  const ctx = createExecutionContext()
  const started = Date.now()
  const res = await app.fetch(
    new Request(path.startsWith('https://') ? path : `${ORIGIN}${path}`, opts.init),
    {
      ...env,
      ...(injected ? { DB: injected.db, D1_TIMEOUT_MS: String(TIMEOUT_MS) } : {}),
      ...opts.env,
    },
    ctx,
  )
  const ms = Date.now() - started
  const body = await res.text()
  injected?.release()
  await waitOnExecutionContext(ctx)
  return { res, body, ms, faults: injected?.state.faults ?? 0 }
}

/** The reader routes and where a fault lands in the middle of their D1 work. */
const READER_ROUTES = [
  // One batch of two: categories and the list.
  { name: 'home', path: '/', mid: 2 },
  { name: 'category', path: '/chuyen-muc/kinh-te', mid: 2 },
  // One batch of eight: the article, its neighbours, comments, attachments, most read.
  { name: 'article', path: `/bai-viet/${SEED_SLUG}`, mid: 5 },
  // Three statements, no batch: categories, the full-text match, the summaries.
  { name: 'search', path: '/tim-kiem?q=thuong+tin', mid: 2 },
  { name: 'rss', path: '/rss.xml', mid: 2 },
  { name: 'category rss', path: '/chuyen-muc/kinh-te/rss.xml', mid: 2 },
  { name: 'sitemap', path: '/sitemap.xml', mid: 2 },
]

const UNCACHED_FAULTS: { name: string; fault: (mid: number) => Fault }[] = [
  { name: 'error on the first statement', fault: () => ({ kind: 'error', at: 1 }) },
  { name: 'error mid-batch', fault: (mid) => ({ kind: 'error', at: mid }) },
  { name: 'timeout on the first statement', fault: () => ({ kind: 'hang', at: 1 }) },
  { name: 'timeout mid-batch', fault: (mid) => ({ kind: 'hang', at: mid }) },
  { name: 'binding that throws', fault: () => ({ kind: 'throw' }) },
]

/** The page's URL on a host of its own, so each case has its own cache entry. */
const withParam = (path: string, value: string) => `${caseOrigin(value)}${path}`

describe('reader pages while D1 fails, with nothing cached', () => {
  it.each(
    READER_ROUTES.flatMap((route) =>
      UNCACHED_FAULTS.map((f) => ({
        label: `${route.name}: ${f.name}`,
        path: route.path,
        fault: f.fault(route.mid),
      })),
    ),
  )('$label: the Vietnamese 503 page with Retry-After, never cached', async (c) => {
    faultCases.add(`reader uncached / ${c.label}`)
    const logs = quietErrors()
    const path = withParam(c.path, c.label)
    const { res, body, ms, faults } = await fetchWith(path, { fault: c.fault })
    expect(faults).toBeGreaterThan(0)
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('30')
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    expect(res.headers.get('x-cache')).toBe('MISS')
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(body).toContain('<html lang="vi">')
    expect(await textsOf(body, 'h1.page-title')).toEqual(['Hệ thống đang bận'])
    expect(await textsOf(body, '.error-page p')).toContain(BUSY)
    // A hung D1 is given up on after the bound, not waited for.
    expect(ms).toBeLessThan(TIMEOUT_MS + 2_000)
    expect(logs.join('\n')).toContain('database unavailable')
    if (c.fault.kind === 'hang') expect(logs.join('\n')).toContain(`${TIMEOUT_MS} ms`)

    // The 503 was not stored: once D1 answers, the page renders (and is cached) as usual.
    const after = await fetchWith(path)
    expect(after.res.status).toBe(200)
    expect(after.res.headers.get('x-cache')).toBe('MISS')
    expect((await fetchWith(path)).res.headers.get('x-cache')).toBe('HIT')
  })

  it('keeps answering what needs no database (robots.txt, the security code)', async () => {
    faultCases.add('no-D1 routes / binding that throws')
    quietErrors()
    for (const path of ['/robots.txt', '/api/captcha']) {
      const { res, faults } = await fetchWith(path, { fault: { kind: 'throw' } })
      expect(res.status, path).toBe(200)
      // The database session is opened on the first query: these never touch D1.
      expect(faults, path).toBe(0)
    }
  })
})

describe('reader pages while D1 fails, with a cached copy', () => {
  it.each(
    READER_ROUTES.flatMap((route) =>
      (['error', 'hang'] as const).map((kind) => ({
        label: `${route.name}: ${kind === 'error' ? 'error' : 'timeout'}`,
        path: route.path,
        kind,
      })),
    ),
  )('$label: HIT while fresh, STALE after, and the good copy is kept', async (c) => {
    faultCases.add(`reader cached / ${c.label}`)
    quietErrors()
    const path = withParam(c.path, `cached ${c.label}`)
    const fault: Fault = { kind: c.kind, at: 1 }
    const good = await fetchWith(path)
    expect(good.res.status).toBe(200)

    const hit = await fetchWith(path, { fault })
    expect(hit.res.status).toBe(200)
    expect(hit.res.headers.get('x-cache')).toBe('HIT')
    expect(hit.body).toBe(good.body)

    // Past its TTL the copy is served at once; the background refresh fails and stores nothing.
    const stale = await fetchWith(path, { fault, env: { CACHE_TTL_SECONDS: '0' } })
    expect(stale.res.status).toBe(200)
    expect(stale.res.headers.get('x-cache')).toBe('STALE')
    expect(stale.body).toBe(good.body)
    expect(stale.faults).toBeGreaterThan(0)
    expect(stale.ms).toBeLessThan(TIMEOUT_MS + 2_000)

    const again = await fetchWith(path, { env: { CACHE_TTL_SECONDS: '3600' } })
    expect(again.res.headers.get('x-cache')).toBe('HIT')
    expect(again.body).toBe(good.body)
  })
})

describe('the JSON API while D1 fails', () => {
  it.each([
    { label: 'error', fault: { kind: 'error', at: 1 } as Fault },
    { label: 'timeout', fault: { kind: 'hang', at: 1 } as Fault },
  ])('answers JSON 503 with Retry-After on a $label', async ({ label, fault }) => {
    faultCases.add(`api / ${label}`)
    quietErrors()
    const { res, body } = await fetchWith('/api/admin/articles', {
      fault,
      init: { headers: ADMIN },
    })
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('30')
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(JSON.parse(body)).toEqual({ error: { code: 'unavailable', message: BUSY } })
  })

  it('leaves an article unchanged when its save fails mid-batch', async () => {
    faultCases.add('api / admin save error mid-batch')
    const logs = quietErrors()
    const { id } = await insertArticle(testDb(), { categorySlug: 'kinh-te', title: 'Trước lỗi' })
    // Statements 1-2 load the article and its topics, 3-5 find the pages to purge (neighbours,
    // topics), 6-7 load it again, 8-12 are the update batch (article, redirects, search index
    // twice, audit): 9 fails inside D1.
    const { res } = await fetchWith(`/api/admin/articles/${id}`, {
      fault: { kind: 'error', at: 9 },
      init: { method: 'PATCH', headers: ADMIN, body: JSON.stringify({ title: 'Sau lỗi' }) },
    })
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('30')
    expect(logs.join('\n')).toContain('integer overflow')
    const [row] = await testDb().select().from(articles).where(eq(articles.id, id))
    expect(row!.title).toBe('Trước lỗi')
    const audit = await testDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'article'), eq(auditLog.targetId, String(id))))
    expect(audit).toEqual([])
  })
})

describe('posting a comment while D1 fails', () => {
  const valid = {
    name: 'Trần Văn Bình',
    phone: '0912 345 678',
    title: 'Góp ý khi hệ thống lỗi',
    content: 'Nội dung tôi đã gõ\nvà không muốn mất.',
  }
  let ip = 0

  async function postWith(fields: Record<string, string>, captcha: string, fault?: Fault) {
    return fetchWith(`/bai-viet/${SEED_SLUG}/binh-luan`, {
      fault,
      init: {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'cf-connecting-ip': `203.0.113.${++ip}`,
        },
        body: new URLSearchParams({ ...fields, altcha: captcha }),
        redirect: 'manual',
      },
    })
  }

  const nonceOf = (captcha: string) =>
    (JSON.parse(atob(captcha)) as { challenge: { parameters: { nonce: string } } }).challenge
      .parameters.nonce

  /**
   * Statements of a post: 1 finds the article; 2-4 are one batch (delete expired code uses,
   * record this code's use, insert the comment).
   */
  it.each([
    { label: 'error finding the article', fault: { kind: 'error', at: 1 } as Fault, page: 'busy' },
    { label: 'timeout finding the article', fault: { kind: 'hang', at: 1 } as Fault, page: 'busy' },
    { label: 'binding that throws', fault: { kind: 'throw' } as Fault, page: 'busy' },
    { label: 'batch rejected whole', fault: { kind: 'error', at: 2 } as Fault, page: 'busy' },
    {
      label: 'error on the 2nd batch statement (the code use)',
      fault: { kind: 'error', at: 3 } as Fault,
      page: 'busy',
    },
    {
      label: 'error on the 3rd batch statement (the comment)',
      fault: { kind: 'error', at: 4 } as Fault,
      page: 'busy',
    },
    {
      label: 'one-off error on the comment insert, D1 back at once',
      fault: { kind: 'error', at: 4, persist: false } as Fault,
      page: 'article',
    },
    { label: 'timeout on the batch', fault: { kind: 'hang', at: 2 } as Fault, page: 'busy' },
  ])(
    '$label: 503 with the form and the text kept, nothing half-written',
    async ({ label, fault, page }) => {
      faultCases.add(`comment / ${label}`)
      const logs = quietErrors()
      // An expired code use: the batch's first statement deletes it, unless rolled back.
      const expired = `expired-${label}`
      await testDb()
        .insert(captchaUses)
        .values({ id: expired, expiresAt: new Date(Date.now() - 60_000) })
      const usesBefore = (await testDb().select({ id: captchaUses.id }).from(captchaUses)).map(
        (r) => r.id,
      )
      const marker = `${valid.title} (${label})`
      const captcha = await solvedCaptcha()
      const { res, body, ms, faults } = await postWith({ ...valid, title: marker }, captcha, fault)

      expect(faults).toBeGreaterThan(0)
      expect(res.status).toBe(503)
      expect(res.headers.get('retry-after')).toBe('30')
      expect(res.headers.get('cache-control')).toBe('private, no-store')
      expect(ms).toBeLessThan(TIMEOUT_MS * 2 + 2_000)
      expect(body).toContain('<html lang="vi">')
      expect(await textsOf(body, '.form-error')).toEqual([COMMENT_UNAVAILABLE])
      expect(await attrsOf(body, '#cf-name', 'value')).toEqual([valid.name])
      expect(await attrsOf(body, '#cf-phone', 'value')).toEqual([valid.phone])
      expect(await attrsOf(body, '#cf-title', 'value')).toEqual([marker])
      expect(await textsOf(body, '#cf-content')).toEqual([valid.content])
      expect(await attrsOf(body, 'form[method="post"]', 'action')).toContain(
        `/bai-viet/${SEED_SLUG}/binh-luan`,
      )
      if (page === 'busy') {
        expect(await textsOf(body, 'h1.page-title')).toEqual(['Hệ thống đang bận'])
      } else {
        expect(await textsOf(body, 'h1.article-title')).toHaveLength(1)
      }
      // What was logged says why, without what the reader typed.
      expect(logs.join('\n')).toContain('comment not stored')
      // A mid-batch fault really failed inside D1, after the statements before it ran.
      if (fault.kind === 'error' && fault.at > 2) {
        expect(logs.join('\n')).toContain('integer overflow')
      }
      expect(logs.join('\n')).not.toContain(valid.content.split('\n')[0])
      expect(logs.join('\n')).not.toContain('0912')

      // Nothing half-written: no comment, no use of the code, and the expired use that the
      // batch's first statement deletes is still there (its delete was rolled back too).
      expect(await testDb().select().from(comments).where(eq(comments.title, marker))).toEqual([])
      const usesAfter = (await testDb().select({ id: captchaUses.id }).from(captchaUses)).map(
        (r) => r.id,
      )
      expect(usesAfter.sort()).toEqual(usesBefore.sort())
      expect(usesAfter).not.toContain(nonceOf(captcha))

      // The code was not spent: the same post goes through once D1 is back, exactly once.
      const retry = await postWith({ ...valid, title: marker }, captcha)
      expect(retry.res.status).toBe(303)
      expect(await testDb().select().from(comments).where(eq(comments.title, marker))).toHaveLength(
        1,
      )
      expect(
        await testDb()
          .select()
          .from(captchaUses)
          .where(inArray(captchaUses.id, [nonceOf(captcha), expired])),
      ).toEqual([{ id: nonceOf(captcha), expiresAt: expect.any(Date) }])
    },
  )
})

describe('saving while the zone purge API fails', () => {
  // tests/cache/page-cache.test.ts checks the purge call itself and its retry; these check
  // that an editor's save never depends on it.
  const ZONE = { CF_ZONE_ID: 'zone-faults', CF_API_TOKEN: 'cf-token-faults' }

  const purgeCalls = (spy: { mock: { calls: unknown[][] } }) =>
    spy.mock.calls.filter(([url]) => String(url).includes('/purge_cache'))

  it.each([
    { label: 'answers 500', answer: () => Promise.resolve(new Response('no', { status: 500 })) },
    { label: 'is unreachable', answer: () => Promise.reject(new TypeError('Network error')) },
  ])('saves, answers 200 and logs when the purge API $label', async ({ label, answer }) => {
    faultCases.add(`purge / ${label}`)
    const logs = quietErrors()
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(answer)
    const { id, slug } = await insertArticle(testDb(), { categorySlug: 'kinh-te' })
    await fetchWith(`/bai-viet/${slug}`)
    const title = `Sửa khi không xóa được bộ nhớ đệm (${label})`
    const { res, body } = await fetchWith(`/api/admin/articles/${id}`, {
      env: ZONE,
      init: { method: 'PATCH', headers: ADMIN, body: JSON.stringify({ title }) },
    })
    expect(res.status).toBe(200)
    expect(JSON.parse(body)).toMatchObject({ id, title })
    const [row] = await testDb().select().from(articles).where(eq(articles.id, id))
    expect(row!.title).toBe(title)
    // Tried, retried once, logged each time, without the token.
    expect(purgeCalls(spy)).toHaveLength(2)
    expect(logs.filter((l) => l.includes('cache purge failed'))).toHaveLength(2)
    expect(logs.join('\n')).not.toContain(ZONE.CF_API_TOKEN)
    // This data centre's copy was purged all the same.
    spy.mockRestore()
    const page = await fetchWith(`/bai-viet/${slug}`)
    expect(page.res.headers.get('x-cache')).toBe('MISS')
    expect(await textsOf(page.body, 'h1.article-title')).toEqual([expect.stringContaining(title)])
  })

  it('answers the save before a hung purge API call returns', async () => {
    faultCases.add('purge / hangs')
    quietErrors()
    let releasePurge!: () => void
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(
      () =>
        new Promise<Response>((resolve) => {
          releasePurge = () => resolve(Response.json({ success: true }))
        }),
    )
    const { id } = await insertArticle(testDb(), { categorySlug: 'kinh-te' })
    const ctx = createExecutionContext()
    const res = await app.fetch(
      new Request(`${ORIGIN}/api/admin/articles/${id}`, {
        method: 'PATCH',
        headers: ADMIN,
        body: JSON.stringify({ title: 'Lưu dù xóa bộ nhớ đệm bị treo' }),
      }),
      { ...env, ...ZONE },
      ctx,
    )
    // The purge is still pending (background work), the save is done.
    expect(purgeCalls(spy)).toHaveLength(1)
    expect(res.status).toBe(200)
    const [row] = await testDb().select().from(articles).where(eq(articles.id, id))
    expect(row!.title).toBe('Lưu dù xóa bộ nhớ đệm bị treo')
    releasePurge()
    await waitOnExecutionContext(ctx)
  })
})

describe('the bound on a D1 call', () => {
  it('is 5 s unless D1_TIMEOUT_MS sets another positive number', () => {
    expect(DEFAULT_D1_TIMEOUT_MS).toBe(5000)
    expect(d1TimeoutMs({})).toBe(5000)
    expect(d1TimeoutMs({ D1_TIMEOUT_MS: '250' })).toBe(250)
    expect(d1TimeoutMs({ D1_TIMEOUT_MS: '0' })).toBe(5000)
    expect(d1TimeoutMs({ D1_TIMEOUT_MS: 'soon' })).toBe(5000)
  })

  it('counts the distinct fault cases of this file', () => {
    // Reported by the run: how many distinct fault cases this file injects.
    console.warn(JSON.stringify({ level: 'warn', message: 'fault cases', count: faultCases.size }))
    expect(faultCases.size).toBeGreaterThanOrEqual(60)
  })
})
