import { XMLParser } from 'fast-xml-parser'
import { beforeAll, describe, expect, it } from 'vitest'
import { attrsOf, get, seedSample, textsOf } from '../helpers'

const ADMIN = { authorization: 'Bearer test-admin-token', 'content-type': 'application/json' }

async function create(fields: Record<string, unknown>) {
  const res = await get('/api/admin/articles', {
    method: 'POST',
    headers: ADMIN,
    body: JSON.stringify({ categoryId: 1, status: 'published', ...fields }),
  })
  expect(res.status, JSON.stringify(fields)).toBe(201)
  return (await res.json()) as {
    id: number
    slug: string
    topics: { name: string; slug: string }[]
  }
}

async function categoryId(slug: string) {
  const res = await get('/api/admin/categories', { headers: ADMIN })
  const { items } = (await res.json()) as { items: { id: number; slug: string }[] }
  return items.find((c) => c.slug === slug)!.id
}

let a: { id: number; slug: string }
let b: { id: number; slug: string }
let draft: { id: number; slug: string }
let sameCategory: { id: number; slug: string }

beforeAll(async () => {
  await seedSample()
  const economy = await categoryId('kinh-te')
  const culture = await categoryId('van-hoa-xa-hoi')
  const minute = (n: number) => new Date(Date.UTC(2026, 10, 1, 1, n)).toISOString()
  sameCategory = await create({
    title: 'Cùng chuyên mục, không chủ đề',
    categoryId: economy,
    publishedAt: minute(1),
    author: 'Lê Văn Cường',
  })
  b = await create({
    title: 'Chuyển đổi số ở trường học',
    categoryId: culture,
    topics: 'chuyển đổi số',
    publishedAt: minute(2),
    author: 'Nguyễn Thị Hoa',
  })
  draft = await create({
    title: 'Bản nháp về chuyển đổi số',
    categoryId: culture,
    topics: ['Chuyển đổi số'],
    status: 'draft',
  })
  a = await create({
    title: 'Chuyển đổi số trong nông nghiệp',
    categoryId: economy,
    topics: 'Chuyển đổi số, Nông thôn mới',
    publishedAt: minute(3),
    author: 'Nguyễn Thị Hoa'.normalize('NFD'),
  })
})

describe('topics', () => {
  it('are attached by name, once per slug, and shown on the article with links', async () => {
    const html = await (await get(`/bai-viet/${a.slug}`)).text()
    expect(await attrsOf(html, '.topics a', 'href')).toEqual([
      '/chu-de/chuyen-doi-so',
      '/chu-de/nong-thon-moi',
    ])
    // The first name typed for a slug stays the topic's name.
    expect(await textsOf(html, '.topics a')).toEqual(['chuyển đổi số', 'Nông thôn mới'])
    const api = await get(`/api/admin/articles/${a.id}`, { headers: ADMIN })
    expect(
      ((await api.json()) as { topics: { slug: string }[] }).topics.map((t) => t.slug),
    ).toEqual(['chuyen-doi-so', 'nong-thon-moi'])
  })

  it('relate stories: shared topics first, then the category; never the article itself nor unpublished ones', async () => {
    const html = await (await get(`/bai-viet/${a.slug}`)).text()
    const related = await attrsOf(html, 'section[aria-labelledby="tin-lien-quan"] a', 'href')
    expect(related[0]).toBe(`/bai-viet/${b.slug}`)
    expect(related).toContain(`/bai-viet/${sameCategory.slug}`)
    expect(related).not.toContain(`/bai-viet/${a.slug}`)
    expect(related).not.toContain(`/bai-viet/${draft.slug}`)
    expect(related.length).toBeLessThanOrEqual(5)
    expect(new Set(related).size).toBe(related.length)
  })

  it('have a page, newest first, published stories only, paged, with a feed; unknown ones are 404s', async () => {
    const page = await get('/chu-de/chuyen-doi-so')
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(await textsOf(html, 'h1')).toEqual(['Chủ đề: chuyển đổi số'])
    expect(await attrsOf(html, '.article-item-title a', 'href')).toEqual([
      `/bai-viet/${a.slug}`,
      `/bai-viet/${b.slug}`,
    ])
    expect(await attrsOf(html, 'link[type="application/rss+xml"]', 'href')).toContain(
      '/chu-de/chuyen-doi-so/rss.xml',
    )
    const feed = await get('/chu-de/chuyen-doi-so/rss.xml')
    expect(feed.headers.get('content-type')).toMatch(/^application\/rss\+xml/)
    const parsed = new XMLParser().parse(await feed.text())
    const items = [parsed.rss.channel.item].flat()
    expect(items.map((i: { title: string }) => i.title)).toEqual([
      'Chuyển đổi số trong nông nghiệp',
      'Chuyển đổi số ở trường học',
    ])
    expect((await get('/chu-de/chuyen-doi-so?page=2')).status).toBe(404)
    expect((await get('/chu-de/khong-co-chu-de-nay')).status).toBe(404)
    expect((await get('/chu-de/khong-co-chu-de-nay/rss.xml')).status).toBe(404)
  })

  it('page past 20 stories, and a new story reaches its topic page at once (purged)', async () => {
    for (let i = 0; i < 20; i++) {
      await create({ title: `Nông thôn mới, bài ${i + 1}`, topics: 'Nông thôn mới' })
    }
    const first = await (await get('/chu-de/nong-thon-moi')).text()
    expect(await attrsOf(first, '.pagination a[rel="next"]', 'href')).toEqual([
      '/chu-de/nong-thon-moi?page=2',
    ])
    const second = await (await get('/chu-de/nong-thon-moi?page=2')).text()
    expect((await textsOf(second, '.article-item-title')).length).toBe(1)
    expect((await get('/chu-de/nong-thon-moi')).headers.get('x-cache')).toBe('HIT')
    await create({ title: 'Nông thôn mới, bài mới nhất', topics: ['Nông thôn mới'] })
    const after = await get('/chu-de/nong-thon-moi')
    expect(after.headers.get('x-cache')).not.toBe('HIT')
    expect((await textsOf(await after.text(), '.article-item-title'))[0]).toBe(
      'Nông thôn mới, bài mới nhất',
    )
  })

  it('refuses more than 10 topics or a topic over 60 characters', async () => {
    const res = await get('/api/admin/articles', {
      method: 'POST',
      headers: ADMIN,
      body: JSON.stringify({
        title: 'Quá nhiều chủ đề',
        categoryId: 1,
        topics: Array.from({ length: 11 }, (_, i) => `Chủ đề ${i}`),
      }),
    })
    expect(res.status).toBe(422)
  })
})

describe('author pages', () => {
  it('list an author’s published stories, however the name was typed; unknown authors are 404s', async () => {
    const html = await (await get(`/bai-viet/${a.slug}`)).text()
    expect(await attrsOf(html, '.author a', 'href')).toEqual(['/tac-gia/nguyen-thi-hoa'])
    const page = await get('/tac-gia/nguyen-thi-hoa')
    expect(page.status).toBe(200)
    const list = await page.text()
    expect(await textsOf(list, 'h1')).toEqual([expect.stringMatching(/^Tác giả: Nguyễn Thị Hoa$/)])
    expect(await attrsOf(list, '.article-item-title a', 'href')).toEqual([
      `/bai-viet/${a.slug}`,
      `/bai-viet/${b.slug}`,
    ])
    expect((await get('/tac-gia/khong-co-tac-gia-nay')).status).toBe(404)
    expect((await get('/tac-gia/nguyen-thi-hoa?page=2')).status).toBe(404)
  })
})
