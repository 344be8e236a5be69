import { beforeAll, describe, expect, it } from 'vitest'
import { seedArticle } from '../../src/content/sample'
import { highlight } from '../../src/lib/highlight'
import { get, SEED_SLUG, seedSample, textsOf } from '../helpers'

const ADMIN = { authorization: 'Bearer test-admin-token', 'content-type': 'application/json' }

beforeAll(seedSample)

/** Result links of a search, in rank order. */
async function results(q: string): Promise<string[]> {
  const res = await get(`/tim-kiem?q=${encodeURIComponent(q)}`)
  expect(res.status).toBe(200)
  const html = await res.text()
  const links: string[] = []
  await new HTMLRewriter()
    .on('.article-item-title a', {
      element: (el) => void links.push(el.getAttribute('href') ?? ''),
    })
    .transform(new Response(html))
    .text()
  return links
}

describe('GET /tim-kiem', () => {
  it.each([
    ['thuong tin doi ngoai'],
    ['Thường Tín đối ngoại'],
    ['THUONG TÍN DOI NGOAI'],
    ['thông tin đối ngoại năm 2020'],
    ['doi ngoai 2020'],
  ])('finds the seed article first for %j', async (q) => {
    expect((await results(q))[0]).toBe(`/bai-viet/${SEED_SLUG}`)
  })

  it('matches đ and d both ways, and ranks by relevance', async () => {
    const withD = await results('Đảng bộ')
    const plain = await results('dang bo')
    expect(withD.length).toBeGreaterThan(0)
    expect(plain).toEqual(withD)
  })

  it('finds nothing for words not in any article, and says so', async () => {
    const res = await get('/tim-kiem?q=xyzzyqwerty')
    expect(await textsOf(await res.text(), '.empty')).toEqual([
      'Không tìm thấy bài viết nào phù hợp với “xyzzyqwerty”.',
    ])
  })

  it.each(['"', '*', 'NEAR', 'thuong -tin', '(', 'a OR b', 'title:x', '^', '""*()'])(
    'never errors on FTS syntax: %j',
    async (q) => {
      const res = await get(`/tim-kiem?q=${encodeURIComponent(q)}`)
      expect(res.status).toBe(200)
    },
  )

  it('gives a friendly page for an empty or over-long query', async () => {
    const empty = await (await get('/tim-kiem?q=')).text()
    expect(await textsOf(empty, '.empty')).toEqual([
      'Nhập từ khóa để tìm bài viết, ví dụ: thông tin đối ngoại.',
    ])
    const long = await get(`/tim-kiem?q=${'a'.repeat(201)}`)
    expect(long.status).toBe(200)
    expect(await textsOf(await long.text(), '.empty')).toEqual([
      'Từ khóa quá dài: tối đa 200 ký tự. Vui lòng rút gọn.',
    ])
  })

  it('says how many articles match in all, on every page', async () => {
    for (let i = 1; i <= 23; i++) {
      const res = await get('/api/admin/articles', {
        method: 'POST',
        headers: ADMIN,
        body: JSON.stringify({ title: `Đếm kếtquả số ${i}`, categoryId: 1, status: 'published' }),
      })
      expect(res.status).toBe(201)
    }
    const first = await (await get('/tim-kiem?q=ketqua')).text()
    expect(await textsOf(first, '.search-count')).toEqual([
      'Tìm thấy 23 bài viết phù hợp với “ketqua”.',
    ])
    expect(await results('ketqua')).toHaveLength(20)
    const second = await (await get('/tim-kiem?q=ketqua&page=2')).text()
    expect(await textsOf(second, '.search-count')).toEqual([
      'Tìm thấy 23 bài viết phù hợp với “ketqua”.',
    ])
  })

  it('highlights the matching words in the title and lead', async () => {
    const html = await (await get('/tim-kiem?q=thuong%20tin%20doi%20ngoai')).text()
    const marks = await textsOf(html, '.article-item:first-child mark')
    expect(marks).toEqual(expect.arrayContaining(['Thường', 'Tín', 'đối', 'ngoại']))
    expect(html).toContain(seedArticle.title.slice(0, 10))
  })

  it('keeps the index in step with create, edit and delete, and hides drafts', async () => {
    const api = (method: string, path: string, body?: unknown) =>
      get(`/api/admin${path}`, {
        method,
        headers: ADMIN,
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    const create = await api('POST', '/articles', {
      title: 'Lễ hội hoa sen Quảng Phú Cầu',
      categoryId: 1,
      status: 'published',
      body: 'Nghề làm hương truyền thống.',
    })
    const { id, slug } = await create.json<{ id: number; slug: string }>()
    const link = `/bai-viet/${slug}`
    expect(await results('hoa sen quang phu cau')).toEqual([link])
    expect(await results('nghe lam huong')).toEqual([link])
    await api('PATCH', `/articles/${id}`, { title: 'Lễ hội làng Vân Tảo' })
    expect(await results('van tao le hoi')).toContain(link)
    expect(await results('quang phu cau')).toEqual([])
    // Search pages are cached like any page (up to CACHE_TTL_SECONDS), so each step asks anew.
    await api('PATCH', `/articles/${id}`, { status: 'draft' })
    expect(await results('le hoi van tao')).not.toContain(link)
    await api('PATCH', `/articles/${id}`, { status: 'published' })
    expect(await results('lang van tao')).toContain(link)
    await api('DELETE', `/articles/${id}`)
    expect(await results('huong truyen thong nghe')).toEqual([])
  })
})

describe('highlight', () => {
  it('marks whole words regardless of marks and case, keeping the original text', () => {
    expect(highlight('Huyện Thường Tín tổ chức', ['thuong', 'tin'])).toEqual([
      { text: 'Huyện ', match: false },
      { text: 'Thường', match: true },
      { text: ' ', match: false },
      { text: 'Tín', match: true },
      { text: ' tổ chức', match: false },
    ])
    // Only what the index matched: whole words. Not the start of "tình" or "tinh", nor the
    // middle of "xtin".
    for (const text of ['tính toán', 'tình cảm', 'mít tinh', 'xtin']) {
      expect(
        highlight(text, ['tin']).some((s) => s.match),
        text,
      ).toBe(false)
    }
    expect(highlight('thông tin, tín dụng', ['tin'])).toEqual([
      { text: 'thông ', match: false },
      { text: 'tin', match: true },
      { text: ', ', match: false },
      { text: 'tín', match: true },
      { text: ' dụng', match: false },
    ])
    expect(highlight('Đảng bộ', ['dang'])).toEqual([
      { text: 'Đảng', match: true },
      { text: ' bộ', match: false },
    ])
  })
})
