import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { beforeAll, describe, expect, it } from 'vitest'
import { seedArticle } from '../../src/content/sample'
import { attrsOf, get, insertArticle, SEED_SLUG, seedSample, testDb, textsOf } from '../helpers'

const ORIGIN = 'https://portal.test'
const parser = new XMLParser({ ignoreAttributes: false })

type RssItem = {
  title: string
  link: string
  guid: unknown
  description: string
  pubDate: string
  category: string
}

async function xml(path: string) {
  const res = await get(path)
  const text = await res.text()
  expect(XMLValidator.validate(text), `${path} is well-formed XML`).toBe(true)
  return { res, doc: parser.parse(text) as Record<string, any> }
}

/** The text a feed reader shows for an HTML description. */
async function htmlText(html: string): Promise<string> {
  return (await textsOf(`<p>${html}</p>`, 'p'))[0]!
}

const asArray = <T>(v: T | T[] | undefined): T[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v]

beforeAll(async () => {
  await seedSample()
  // Markup and ampersands in a title must come out escaped, and drafts never appear.
  await insertArticle(testDb(), {
    categorySlug: 'kinh-te',
    title: 'Giá <b>lúa</b> & "gạo" tăng',
    lead: 'Tóm tắt có <b>thẻ</b> & <img src=x onerror=alert(1)> viết như chữ',
    publishedAt: new Date('2021-01-01T00:00:00Z'),
  })
  await insertArticle(testDb(), {
    categorySlug: 'kinh-te',
    title: 'Bản nháp không lên RSS',
    status: 'draft',
  })
})

describe('RSS', () => {
  it('lists the newest articles site-wide as valid RSS 2.0 with absolute URLs', async () => {
    const { res, doc } = await xml('/rss.xml')
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=UTF-8')
    const channel = doc.rss.channel
    expect(doc.rss['@_version']).toBe('2.0')
    expect(channel.language).toBe('vi')
    expect(channel.link).toBe(`${ORIGIN}/`)
    const items = asArray<RssItem>(channel.item)
    expect(items.length).toBeGreaterThan(40)
    expect(items.length).toBeLessThanOrEqual(50)
    expect(items.every((i) => i.link.startsWith(`${ORIGIN}/bai-viet/`))).toBe(true)
    const times = items.map((i) => Date.parse(i.pubDate))
    expect([...times].sort((a, b) => b - a)).toEqual(times)
    const seed = items.find((i) => i.link === `${ORIGIN}/bai-viet/${SEED_SLUG}`)
    expect(seed?.title).toBe(seedArticle.title)
    expect(await htmlText(seed!.description)).toBe(seedArticle.lead)
    expect(seed?.pubDate).toBe('Sat, 30 Nov 2019 08:19:00 GMT')
    expect(items.map((i) => i.title)).toContain('Giá <b>lúa</b> & "gạo" tăng')
    // A description is HTML to a feed reader: the lead's markup is shown as the text it is.
    const marked = items.find((i) => i.title === 'Giá <b>lúa</b> & "gạo" tăng')!
    expect(await htmlText(marked.description)).toBe(
      'Tóm tắt có <b>thẻ</b> & <img src=x onerror=alert(1)> viết như chữ',
    )
    expect(marked.description).not.toContain('<b>')
    expect(items.map((i) => i.title)).not.toContain('Bản nháp không lên RSS')
  })

  it('has a feed per category, and 404 for an unknown one', async () => {
    const { doc } = await xml('/chuyen-muc/xay-dung-dang/rss.xml')
    const items = asArray<RssItem>(doc.rss.channel.item)
    expect(items.length).toBeGreaterThan(5)
    expect(items.every((i) => i.category === 'Xây dựng Đảng')).toBe(true)
    expect((await get('/chuyen-muc/khong-co/rss.xml')).status).toBe(404)
  })
})

describe('sitemap and robots', () => {
  it('lists home, categories and published articles with lastmod', async () => {
    const { doc } = await xml('/sitemap.xml')
    const urls = asArray<{ loc: string; lastmod?: string }>(doc.urlset.url)
    const seed = urls.find((u) => u.loc === `${ORIGIN}/bai-viet/${SEED_SLUG}`)
    expect(seed?.lastmod).toBe('2019-11-30T08:19:00.000Z')
    expect(urls.map((u) => u.loc)).toContain(`${ORIGIN}/chuyen-muc/kinh-te`)
    expect(urls.map((u) => u.loc)).toContain(`${ORIGIN}/`)
    expect(urls.some((u) => u.loc.includes('ban-nhap'))).toBe(false)
  })

  it('points robots at the sitemap and keeps them out of the admin', async () => {
    const text = await (await get('/robots.txt')).text()
    expect(text).toContain('Disallow: /admin')
    expect(text).toContain(`Sitemap: ${ORIGIN}/sitemap.xml`)
  })
})

describe('SEO and sharing on the seed article', () => {
  it('has canonical, description, Open Graph, Twitter card and NewsArticle JSON-LD', async () => {
    const html = await (await get(`/bai-viet/${SEED_SLUG}`)).text()
    const url = `${ORIGIN}/bai-viet/${SEED_SLUG}`
    expect(await attrsOf(html, 'link[rel="canonical"]', 'href')).toEqual([url])
    expect(await attrsOf(html, 'meta[name="description"]', 'content')).toEqual([seedArticle.lead])
    expect(await attrsOf(html, 'meta[property="og:type"]', 'content')).toEqual(['article'])
    expect(await attrsOf(html, 'meta[property="og:title"]', 'content')).toEqual([seedArticle.title])
    expect(await attrsOf(html, 'meta[property="og:url"]', 'content')).toEqual([url])
    expect(await attrsOf(html, 'meta[name="twitter:card"]', 'content')).toEqual(['summary'])
    const [json] = await textsOf(html, 'script[type="application/ld+json"]')
    expect(JSON.parse(json!)).toMatchObject({
      '@type': 'NewsArticle',
      headline: seedArticle.title,
      datePublished: '2019-11-30T15:19:00+07:00',
      author: { '@type': 'Person', name: 'Thanh Tình' },
      mainEntityOfPage: url,
    })
    expect(await attrsOf(html, '.share a', 'href')).toEqual([
      `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}`,
    ])
    expect(await attrsOf(html, 'button.copy-link', 'data-copy')).toEqual([url])
    // Zalo and other apps through the device's share sheet, hidden until the script finds one.
    expect(await attrsOf(html, 'button.share-native', 'data-share-url')).toEqual([url])
    expect(await attrsOf(html, 'button.share-native', 'data-share-title')).toEqual([
      seedArticle.title,
    ])
    expect(await attrsOf(html, 'button.share-native', 'hidden')).toEqual([''])
  })

  it('keeps JSON-LD from closing its script element early', async () => {
    const { slug } = await insertArticle(testDb(), {
      categorySlug: 'kinh-te',
      title: 'Tiêu đề </script><script>alert(1)</script>',
    })
    const html = await (await get(`/bai-viet/${slug}`)).text()
    expect(html).not.toContain('</script><script>alert(1)')
    const [json] = await textsOf(html, 'script[type="application/ld+json"]')
    expect(JSON.parse(json!).headline).toBe('Tiêu đề </script><script>alert(1)</script>')
  })
})
