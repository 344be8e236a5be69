import { beforeAll, describe, expect, it } from 'vitest'
import { AdminClient } from '../admin-client'
import { elementsOf, get, seedSample, textsOf } from '../helpers'

const ADMIN = { authorization: 'Bearer test-admin-token', 'content-type': 'application/json' }

/** As text converted from a legacy encoding writes it: Ð is U+00D0 (Latin capital eth). */
const TITLE = '\u00d0à Nẵng hoà nhịp thuỷ lợi mùa khô'
const LEAD = 'Tỉnh \u00d0ồng Nai và thành phố \u00d0à Nẵng ký kết hợp tác thuỷ lợi.'

let slug = ''

beforeAll(async () => {
  await seedSample()
  const res = await get('/api/admin/articles', {
    method: 'POST',
    headers: ADMIN,
    body: JSON.stringify({
      title: TITLE,
      lead: LEAD,
      body: 'Nội dung.',
      categoryId: 1,
      status: 'published',
    }),
  })
  expect(res.status).toBe(201)
  slug = ((await res.json()) as { slug: string }).slug
})

async function searchLinks(q: string): Promise<string[]> {
  const html = await (await get(`/tim-kiem?q=${encodeURIComponent(q)}`)).text()
  return (await elementsOf(html, '.article-item-title a', ['href'])).map((a) => a.href!)
}

describe('look-alike letters (Ð for Đ)', () => {
  it('slug the look-alike as the letter it stands for, and show the title as typed', async () => {
    expect(slug).toBe('da-nang-hoa-nhip-thuy-loi-mua-kho')
    const page = await (await get(`/bai-viet/${slug}`)).text()
    expect((await textsOf(page, 'h1.article-title'))[0]).toContain(TITLE)
  })

  it.each(['da nang', 'Đà Nẵng', 'dong nai', 'Đồng Nai', 'ĐỒNG NAI', '\u00d0ồng Nai', 'thuy loi'])(
    'public search for %j finds it',
    async (q) => {
      expect(await searchLinks(q)).toContain(`/bai-viet/${slug}`)
    },
  )

  it('highlights the words the look-alike spells', async () => {
    const html = await (await get('/tim-kiem?q=dong+nai')).text()
    expect(await textsOf(html, '.article-item-lead mark')).toEqual(['\u00d0ồng', 'Nai'])
  })

  it.each(['da nang', 'Đà Nẵng', '\u00d0à'])('admin search for %j finds it', async (q) => {
    const client = new AdminClient()
    await client.login('test-admin-token')
    const list = await client.page(`/admin/articles?q=${encodeURIComponent(q)}`)
    const titles = await textsOf(list.html, 'tbody td a')
    expect(titles.join('|')).toContain(TITLE)
  })
})
