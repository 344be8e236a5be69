import { env } from 'cloudflare:workers'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { beforeAll, describe, expect, it } from 'vitest'
import { appFetch, get, seedSample } from '../helpers'

const ADMIN = { authorization: 'Bearer test-admin-token', 'content-type': 'application/json' }
const parser = new XMLParser({ ignoreAttributes: false })

async function create(fields: Record<string, unknown>) {
  const res = await get('/api/admin/articles', {
    method: 'POST',
    headers: ADMIN,
    body: JSON.stringify({ categoryId: 1, status: 'published', ...fields }),
  })
  expect(res.status).toBe(201)
  return (await res.json()) as { slug: string }
}

async function xmlOf(res: Response) {
  const text = await res.text()
  expect(XMLValidator.validate(text)).toBe(true)
  return parser.parse(text)
}

let fresh: { slug: string }
let old: { slug: string }

beforeAll(async () => {
  await seedSample()
  fresh = await create({ title: 'Tin vừa đăng & có "ký tự" <đặc biệt>', topics: 'Sáp nhập' })
  old = await create({
    title: 'Tin ba ngày trước',
    publishedAt: new Date(Date.now() - 3 * 24 * 3600 * 1000).toISOString(),
  })
})

const BASE = 'https://portal.test'

describe('the Google News sitemap', () => {
  it('is valid XML with only the last two days’ articles, each with its publication in Vietnamese', async () => {
    const res = await get('/sitemap-news.xml')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/xml/)
    const doc = await xmlOf(res)
    expect(doc.urlset['@_xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9')
    const urls = [doc.urlset.url ?? []].flat() as any[]
    const locs = urls.map((u) => u.loc)
    expect(locs).toContain(`${BASE}/bai-viet/${fresh.slug}`)
    expect(locs).not.toContain(`${BASE}/bai-viet/${old.slug}`)
    // The sample articles are years old: only what was published now is there.
    expect(locs).toHaveLength(1)
    const news = urls[0]['news:news']
    expect(news['news:publication']).toEqual({
      'news:name': 'Cổng thông tin điện tử huyện Thường Tín',
      'news:language': 'vi',
    })
    expect(news['news:title']).toBe('Tin vừa đăng & có "ký tự" <đặc biệt>')
    expect(Date.now() - Date.parse(news['news:publication_date'])).toBeLessThan(60_000)
    expect((await get('/robots.txt').then((r) => r.text())).split('\n')).toContain(
      `Sitemap: ${BASE}/sitemap-news.xml`,
    )
  })
})

describe('the sitemap', () => {
  it('lists the home page, categories, topics and every visible article while they fit one file', async () => {
    const doc = await xmlOf(await get('/sitemap.xml'))
    const locs = ([doc.urlset.url].flat() as any[]).map((u) => u.loc)
    expect(locs).toContain(`${BASE}/`)
    expect(locs).toContain(`${BASE}/chuyen-muc/kinh-te`)
    expect(locs).toContain(`${BASE}/chu-de/sap-nhap`)
    expect(locs).toContain(`${BASE}/bai-viet/${old.slug}`)
  })

  it('becomes an index of files past the limit per file (lowered here to 10), which together list every page once', async () => {
    // Answered by the worker itself, not the page cache (which holds the one-file sitemap).
    const small = { ...env, SITEMAP_URLS_PER_FILE: '10', EDGE_CACHE: 'workers' }
    const full = await xmlOf(await get('/sitemap.xml'))
    const everything = ([full.urlset.url].flat() as any[]).map((u) => u.loc as string)
    const index = await xmlOf(await appFetch('/sitemap.xml', { env: small }))
    expect(index.sitemapindex).toBeDefined()
    const files = ([index.sitemapindex.sitemap].flat() as any[]).map((s) => s.loc as string)
    const parts = files.filter((f) => /sitemap-\d+\.xml$/.test(f))
    expect(parts).toHaveLength(Math.ceil(everything.length / 10))
    expect(files).toContain(`${BASE}/sitemap-news.xml`)
    const seen: string[] = []
    for (const file of files.filter((f) => !f.endsWith('news.xml'))) {
      const doc = await xmlOf(await appFetch(new URL(file).pathname, { env: small }))
      const locs = ([doc.urlset.url].flat() as any[]).map((u) => u.loc as string)
      expect(locs.length, file).toBeLessThanOrEqual(10)
      seen.push(...locs)
    }
    expect(seen.sort()).toEqual(everything.sort())
    // Each file is a page the edge cache keeps, under one address.
    expect((await get('/sitemap-1.xml')).headers.get('x-cache')).toBe('MISS')
    expect((await get('/sitemap-1.xml')).headers.get('x-cache')).toBe('HIT')
    const past = await appFetch(`/sitemap-${parts.length + 1}.xml`, { env: small })
    expect(past.status).toBe(404)
  })
})
