import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cleanText } from '../../src/lib/text'
import { attrsOf, SEED_SLUG, seedSample } from '../helpers'
import {
  asHeaderValue,
  BYTE_PAYLOADS,
  URL_BYTE_PAYLOADS,
  MAX_URL_PAYLOAD,
  NUMBERS,
  PAYLOADS,
  percentBytes,
  RAW_HEADER_VALUES,
  REQUIRED_CATEGORIES,
  urlEncode,
  wellFormed,
  type Payload,
} from './corpus'
import { freshIp, isLocalPath, liveInjections, pool, Tally } from './harness'
import { PNG_2X1 } from '../fixtures/images'

/**
 * Every reader input (path segments, query parameters, headers) against the whole corpus, over
 * HTTP. Readers only read: each payload gets a page (200, 301, 304) or the Vietnamese 404 page.
 */

const tally = new Tally('reader')
const CONCURRENCY = 4
const LONG = { timeout: 180_000 }

type UrlPayload = { name: string; encoded: string }
const toUrl = (p: Payload): UrlPayload => ({
  name: p.name,
  encoded: urlEncode(p.value.slice(0, MAX_URL_PAYLOAD)),
})
/** Text payloads and invalid UTF-8 (percent-encoded bytes), ready for a URL. */
const URL_PAYLOADS: UrlPayload[] = [
  ...PAYLOADS.map(toUrl),
  ...URL_BYTE_PAYLOADS.map((b) => ({ name: b.name, encoded: percentBytes(b.bytes) })),
]
/** Numeric inputs get the numbers corpus as well. */
const URL_NUMBERS: UrlPayload[] = NUMBERS.map(toUrl)

let mediaKey = ''

beforeAll(async () => {
  await seedSample()
  // One real image in R2, so that conditional headers reach the media route's R2 lookup.
  const png = PNG_2X1
  const form = new FormData()
  form.set('file', new File([png], 'anh.png', { type: 'image/png' }))
  const res = await tally.fetch('POST /api/admin/media', 'setup', '/api/admin/media', {
    method: 'POST',
    headers: { authorization: 'Bearer test-admin-token' },
    body: form,
  })
  expect(res.status).toBe(201)
  mediaKey = ((await res.json()) as { key: string }).key
})

afterAll(() => {
  tally.report({
    payloads: PAYLOADS.length,
    numbers: NUMBERS.length,
    bytePayloads: BYTE_PAYLOADS.length,
  })
})

type Case = {
  route: string
  input: string
  path: (encoded: string) => string
  allowed: number[]
  numeric?: boolean
}

/** Sends one URL payload and checks the answer; a 404 must be the Vietnamese error page. */
async function urlCase(c: Case, p: UrlPayload) {
  const where = `${c.route} ${c.input}`
  const res = await tally.fetch(
    c.route,
    c.input,
    c.path(p.encoded),
    { method: c.route.split(' ')[0] },
    p.name,
  )
  if (!tally.status(res, c.allowed, where, p)) return void (await res.body?.cancel())
  if (res.status === 301) {
    const location = res.headers.get('location') ?? ''
    if (!isLocalPath(location)) tally.fail(where, p, `redirects off the site to ${location}`)
    return
  }
  if (res.status === 404) return void (await tally.readerError(res, where, p))
  if (res.status === 200 && (res.headers.get('content-type') ?? '').startsWith('text/html')) {
    const live = await liveInjections(await res.text())
    if (live.length > 0) tally.fail(where, p, `live markup ${live.join(' ')}`)
  } else {
    await res.body?.cancel()
  }
}

const URL_CASES: Case[] = [
  {
    route: 'GET /',
    input: 'query page',
    path: (v) => `/?page=${v}`,
    allowed: [200, 301, 404],
    numeric: true,
  },
  {
    route: 'GET /chuyen-muc/:slug',
    input: 'path slug',
    path: (v) => `/chuyen-muc/${v}`,
    allowed: [200, 301, 404],
  },
  {
    route: 'GET /chuyen-muc/:slug',
    input: 'query page',
    path: (v) => `/chuyen-muc/kinh-te?page=${v}`,
    allowed: [200, 301, 404],
    numeric: true,
  },
  {
    route: 'GET /chuyen-muc/:slug/rss.xml',
    input: 'path slug',
    path: (v) => `/chuyen-muc/${v}/rss.xml`,
    allowed: [200, 301, 404],
  },
  {
    route: 'GET /bai-viet/:slug',
    input: 'path slug',
    path: (v) => `/bai-viet/${v}`,
    allowed: [200, 301, 404],
  },
  {
    route: 'GET /bai-viet/:slug',
    input: 'query binh-luan',
    path: (v) => `/bai-viet/${SEED_SLUG}?binh-luan=${v}`,
    allowed: [200, 301],
  },
  {
    route: 'POST /bai-viet/:slug/binh-luan',
    input: 'path slug',
    path: (v) => `/bai-viet/${v}/binh-luan`,
    allowed: [404],
  },
  {
    route: 'GET /tim-kiem',
    input: 'query page',
    path: (v) => `/tim-kiem?q=thuong+tin&page=${v}`,
    allowed: [200, 301, 404],
    numeric: true,
  },
  { route: 'GET /media/*', input: 'path key', path: (v) => `/media/${v}`, allowed: [404] },
  {
    route: 'GET /media/*',
    input: 'path file name',
    path: (v) => `/media/anh/2026/01/${v}.png`,
    allowed: [404],
  },
  { route: 'GET /*', input: 'unknown path', path: (v) => `/${v}`, allowed: [200, 301, 404] },
]

/** Every GET route, with arbitrary extra query parameters (names and values) from the corpus. */
const QUERY_ROUTES: { route: string; path: string; allowed: number[] }[] = [
  // Public pages: extra parameters are dropped by a 301 to the canonical URL.
  { route: 'GET /', path: '/', allowed: [301] },
  { route: 'GET /chuyen-muc/:slug', path: '/chuyen-muc/kinh-te', allowed: [301] },
  { route: 'GET /chuyen-muc/:slug/rss.xml', path: '/chuyen-muc/kinh-te/rss.xml', allowed: [301] },
  { route: 'GET /bai-viet/:slug', path: `/bai-viet/${SEED_SLUG}`, allowed: [301] },
  { route: 'GET /tim-kiem', path: '/tim-kiem', allowed: [301] },
  { route: 'GET /rss.xml', path: '/rss.xml', allowed: [301] },
  { route: 'GET /sitemap.xml', path: '/sitemap.xml', allowed: [301] },
  { route: 'GET /robots.txt', path: '/robots.txt', allowed: [301] },
  { route: 'GET /healthz', path: '/healthz', allowed: [200] },
  { route: 'GET /api/captcha', path: '/api/captcha', allowed: [200] },
]

describe('hostile input: reader routes', () => {
  it('covers every category of the brief, and its checks catch live markup', async () => {
    const categories = new Set([...PAYLOADS, ...NUMBERS].map((p) => p.category))
    for (const c of REQUIRED_CATEGORIES) expect(categories, c).toContain(c)
    expect(BYTE_PAYLOADS.length).toBeGreaterThan(0)
    // The check finds what an unescaped payload would have put in a page...
    const injected =
      '<p>"><img src=x onerror=alert(1)><a href=" JaVa\tScRiPt:alert(1)">x</a></p>' +
      '<script>alert(1)</script><svg/onload=alert(1)><iframe srcdoc="x"></iframe>'
    expect(await liveInjections(injected)).toHaveLength(7)
    // ...and nothing in the portal's own pages.
    const page = await tally.fetch('GET /bai-viet/:slug', 'setup', `/bai-viet/${SEED_SLUG}`)
    expect(await liveInjections(await page.text())).toEqual([])
  })

  it(
    'answers every payload in every path segment and query parameter without a 5xx',
    LONG,
    async () => {
      const jobs = URL_CASES.flatMap((c) =>
        [...URL_PAYLOADS, ...(c.numeric ? URL_NUMBERS : [])].map((p) => () => urlCase(c, p)),
      )
      // Path traversal also as typed, not encoded: the URL parser resolves the dots itself.
      for (const p of PAYLOADS.filter((x) => x.category === 'traversal')) {
        const raw = { name: `${p.name} (raw)`, encoded: p.value }
        for (const c of URL_CASES) jobs.push(() => urlCase(c, raw))
      }
      await pool(jobs, CONCURRENCY, (job) => job())
      tally.assertClean()
    },
  )

  it(
    'shows every search query back as text, cleaned and in NFC, never as markup',
    LONG,
    async () => {
      await pool(PAYLOADS, CONCURRENCY, async (p) => {
        const where = 'GET /tim-kiem query q'
        const value = p.value.slice(0, MAX_URL_PAYLOAD)
        const path = `/tim-kiem?q=${urlEncode(value)}`
        const res = await tally.fetchCanonical('GET /tim-kiem', 'query q', path, {}, p.name)
        if (!tally.status(res, [200], where, p)) return
        const html = await res.text()
        const live = await liveInjections(html)
        if (live.length > 0) tally.fail(where, p, `live markup ${live.join(' ')}`)
        // The search box shows the query back exactly as cleaned (cut to the longest query).
        const expected = cleanText(wellFormed(value)).slice(0, 200)
        const [shown] = await attrsOf(html, 'input[name="q"]', 'value')
        if (shown !== expected) {
          tally.fail(where, p, `search box shows ${JSON.stringify(shown?.slice(0, 60))}`)
        }
      })
      await pool(BYTE_PAYLOADS, CONCURRENCY, async (p) => {
        const where = 'GET /tim-kiem query q'
        const res = await tally.fetchCanonical(
          'GET /tim-kiem',
          'query q',
          `/tim-kiem?q=${percentBytes(p.bytes)}`,
          {},
          p.name,
        )
        if (!tally.status(res, [200], where, p)) return
        // Invalid bytes are shown as U+FFFD, or (Hono leaves a query it cannot decode as it
        // came) as the percent-encoded text that was sent; never as anything else.
        const [shown] = await attrsOf(await res.text(), 'input[name="q"]', 'value')
        const decoded = cleanText(new TextDecoder().decode(p.bytes))
        if (shown !== decoded && shown !== percentBytes(p.bytes)) {
          tally.fail(where, p, `search box shows ${JSON.stringify(shown)}`)
        }
      })
      tally.assertClean()
    },
  )

  it('accepts any extra query parameter, name or value, on every GET route', LONG, async () => {
    const jobs = QUERY_ROUTES.flatMap((r) =>
      URL_PAYLOADS.map((p) => async () => {
        const where = `${r.route} extra query`
        const path = `${r.path}?${p.encoded}=${p.encoded}&utm_source=${p.encoded}&${p.encoded}`
        const res = await tally.fetch(r.route, 'extra query parameters', path, {}, p.name)
        if (tally.status(res, r.allowed, where, p)) await res.body?.cancel()
      }),
    )
    await pool(jobs, CONCURRENCY, (job) => job())
    tally.assertClean()
  })

  /**
   * Request headers a reader (or anything in between) controls, each on a route that reads it:
   * cookies and the bookmark on pages that reach D1, validators on cached pages and on R2.
   */
  const headerCases = () => {
    const article = { route: 'GET /bai-viet/:slug', path: `/bai-viet/${SEED_SLUG}` }
    const media = { route: 'GET /media/*', path: `/media/${mediaKey}` }
    const mediaAllowed = [200, 206, 304, 412, 416]
    return [
      { ...article, header: 'Cookie', value: (v: string) => v, allowed: [200], raw: true },
      { ...article, header: 'Cookie', value: (v: string) => `d1b=${v}`, allowed: [200] },
      {
        ...article,
        header: 'Cookie',
        value: (v: string) => `__Host-ctt_admin=${v}; d1b=${v}`,
        allowed: [200],
        raw: true,
      },
      {
        ...article,
        header: 'If-None-Match',
        value: (v: string) => v,
        allowed: [200, 304],
        raw: true,
      },
      {
        ...article,
        header: 'If-None-Match',
        value: (v: string) => `W/"${v}", "x"`,
        allowed: [200, 304],
      },
      {
        route: 'GET /chuyen-muc/:slug',
        path: '/chuyen-muc/kinh-te',
        header: 'x-d1-bookmark',
        value: (v: string) => v,
        allowed: [200],
        numeric: true,
        raw: true,
        // A new host each time, so the request misses the cache and reaches D1.
        unique: true,
      },
      { ...article, header: 'Accept', value: (v: string) => v, allowed: [200] },
      { ...article, header: 'cf-ray', value: (v: string) => v, allowed: [200] },
      { ...article, header: 'x-cache-refresh', value: (v: string) => v, allowed: [200] },
      {
        ...media,
        header: 'If-None-Match',
        value: (v: string) => v,
        allowed: mediaAllowed,
        raw: true,
      },
      { ...media, header: 'If-Match', value: (v: string) => v, allowed: mediaAllowed },
      {
        ...media,
        header: 'If-Modified-Since',
        value: (v: string) => v,
        allowed: mediaAllowed,
        numeric: true,
      },
      {
        ...media,
        header: 'If-Unmodified-Since',
        value: (v: string) => v,
        allowed: mediaAllowed,
        numeric: true,
      },
      {
        ...media,
        header: 'Range',
        value: (v: string) => `bytes=${v}`,
        allowed: mediaAllowed,
        numeric: true,
      },
    ]
  }

  it('answers every payload in every request header without a 5xx', LONG, async () => {
    let n = 0
    const jobs = headerCases().flatMap((h) => {
      const values: (Payload & { raw?: boolean })[] = [
        ...PAYLOADS,
        // Raw UTF-8 only where the header is parsed (workerd warns loudly about each one).
        ...(h.raw ? RAW_HEADER_VALUES.map((p) => ({ ...p, raw: true })) : []),
        ...(h.numeric ? NUMBERS : []),
      ]
      return values.map((p) => async () => {
        const where = `${h.route} header ${h.header}`
        const value = p.raw ? h.value(p.value) : asHeaderValue(h.value(p.value))
        const path = h.unique ? `https://bookmark-${++n}.portal.test${h.path}` : h.path
        const res = await tally.fetch(
          h.route,
          `header ${h.header}`,
          path,
          { headers: { [h.header]: value } },
          p.name,
        )
        if (!tally.status(res, h.allowed, where, p)) return void (await res.body?.cancel())
        if (res.status === 200 && (res.headers.get('content-type') ?? '').startsWith('text/html')) {
          const live = await liveInjections(await res.text())
          if (live.length > 0) tally.fail(where, p, `live markup ${live.join(' ')}`)
        } else {
          await res.body?.cancel()
        }
        if (/pwned/.test(res.headers.get('set-cookie') ?? '')) {
          tally.fail(where, p, 'a header value reached Set-Cookie')
        }
      })
    })
    await pool(jobs, CONCURRENCY, (job) => job())
    tally.assertClean()
  })

  it('still answers matching validators with 304', LONG, async () => {
    const route = 'GET /media/*'
    const first = await tally.fetch(route, 'header If-None-Match', `/media/${mediaKey}`)
    expect(first.status).toBe(200)
    const etag = first.headers.get('etag')!
    await first.body?.cancel()
    const again = await tally.fetch(route, 'header If-None-Match', `/media/${mediaKey}`, {
      headers: { 'if-none-match': etag },
    })
    expect(again.status).toBe(304)
    const path = `/bai-viet/${SEED_SLUG}`
    const page = await tally.fetch('GET /bai-viet/:slug', 'header If-None-Match', path)
    const pageEtag = page.headers.get('etag')
    await page.body?.cancel()
    expect(pageEtag).toBeTruthy()
    const cached = await tally.fetch('GET /bai-viet/:slug', 'header If-None-Match', path, {
      headers: { 'if-none-match': `"x", ${pageEtag}` },
    })
    expect(cached.status).toBe(304)
  })

  it('answers client addresses of any shape on the comment form without a 5xx', LONG, async () => {
    // The address only keys the rate limit and the IP hash; without a security code: 422.
    await pool([...PAYLOADS, ...RAW_HEADER_VALUES], CONCURRENCY, async (p) => {
      const where = 'POST /bai-viet/:slug/binh-luan header cf-connecting-ip'
      const ip = RAW_HEADER_VALUES.includes(p) ? p.value : asHeaderValue(p.value)
      const res = await tally.fetch(
        'POST /bai-viet/:slug/binh-luan',
        'header cf-connecting-ip',
        `/bai-viet/${SEED_SLUG}/binh-luan`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'cf-connecting-ip': ip || freshIp('198.18'),
          },
          body: new URLSearchParams({ name: 'A', title: 'B', content: 'C' }),
        },
        p.name,
      )
      // Payloads that clean to the same address share its limit of 5 a minute: 429.
      if (tally.status(res, [422, 429], where, p)) await res.body?.cancel()
    })
    tally.assertClean()
  })
})
