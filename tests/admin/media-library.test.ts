import { beforeAll, describe, expect, it } from 'vitest'
import { AdminClient } from '../admin-client'
import { JPEG_1600X900, PNG_480X270 } from '../fixtures/images'
import { elementsOf, get, seedSample, textsOf } from '../helpers'

const auth = { authorization: 'Bearer test-admin-token' }
const json = { ...auth, 'content-type': 'application/json' }

async function upload(bytes: Uint8Array, name: string) {
  const form = new FormData()
  form.append('file', new File([bytes], name))
  const res = await get('/api/admin/media', { method: 'POST', headers: auth, body: form })
  expect(res.status).toBe(201)
  return (await res.json()) as { id: number; key: string; url: string }
}

let client: AdminClient
beforeAll(async () => {
  await seedSample()
  client = new AdminClient()
  await client.login()
})

describe('media library', () => {
  it('finds files by name as public search folds, with thumbnails', async () => {
    const party = await upload(JPEG_1600X900, 'Hội nghị Đảng bộ.jpg')
    await upload(PNG_480X270, 'cầu mới.png')
    for (const [q, names] of [
      ['dang bo', ['Hội nghị Đảng bộ.jpg']],
      ['ĐẢNG', ['Hội nghị Đảng bộ.jpg']],
      ['CẦU', ['cầu mới.png']],
      ['khong co', []],
    ] as const) {
      const page = await client.page(`/admin/media?q=${encodeURIComponent(q)}`)
      const rows = await textsOf(page.html, 'tbody tr td:first-child')
      expect(
        rows.map((r) => r.trim()),
        q,
      ).toEqual(names)
    }
    const page = await client.page('/admin/media?q=dang')
    expect(await elementsOf(page.html, 'tbody img', ['src'])).toEqual([
      { src: `/media/${party.key}.w320.webp` },
    ])
  })

  it('says where an image is used and deletes only images no article shows', async () => {
    const image = await upload(PNG_480X270, 'anh-bia-dang-dung.png')
    const created = await get('/api/admin/articles', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        title: 'Bài dùng ảnh bìa',
        categoryId: 1,
        coverImage: image.url,
        coverAlt: 'Ảnh bìa',
      }),
    })
    const { id } = (await created.json()) as { id: number }
    const inBody = await get('/api/admin/articles', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        title: 'Bài có ảnh trong thân',
        categoryId: 1,
        body: `![Ảnh](${image.url})`,
      }),
    })
    const { id: id2 } = (await inBody.json()) as { id: number }
    const page = await client.page('/admin/media?q=anh-bia-dang-dung')
    expect((await textsOf(page.html, '.used-by a')).sort()).toEqual([
      'Bài có ảnh trong thân',
      'Bài dùng ảnh bìa',
    ])
    expect(
      await elementsOf(page.html, `form[action="/admin/media/${image.id}/delete"]`, ['action']),
    ).toEqual([])
    // Refused while used, in the web admin and the API, with the articles named.
    const refused = await client.post(`/admin/media/${image.id}/delete`, {})
    expect(refused.status).toBe(409)
    expect(await refused.text()).toContain('Ảnh đang được dùng ở 2 bài viết')
    expect(
      (await get(`/api/admin/media/${image.id}`, { method: 'DELETE', headers: auth })).status,
    ).toBe(409)
    // Taken out of both articles, it can go.
    await get(`/api/admin/articles/${id}`, {
      method: 'PATCH',
      headers: json,
      body: JSON.stringify({ coverImage: null }),
    })
    await get(`/api/admin/articles/${id2}`, {
      method: 'PATCH',
      headers: json,
      body: JSON.stringify({ body: 'Không còn ảnh.' }),
    })
    const unused = await client.page('/admin/media?q=anh-bia-dang-dung')
    expect(await textsOf(unused.html, 'tbody td:nth-child(4)')).toEqual(['Chưa dùng'])
    const deleted = await client.post(`/admin/media/${image.id}/delete`, {})
    expect(deleted.status).toBe(303)
    expect((await get(image.url)).status).toBe(404)
  })

  it('offers the newest uploads in the cover field, by file name', async () => {
    const image = await upload(PNG_480X270, 'Lễ khánh thành cầu.png')
    const form = await client.page('/admin/articles/new')
    expect(await elementsOf(form.html, '#f-coverImage', ['list'])).toEqual([
      { list: 'thu-vien-anh' },
    ])
    const options = await elementsOf(form.html, '#thu-vien-anh option', ['value'])
    expect(options[0]).toEqual({ value: image.url })
    expect((await textsOf(form.html, '#thu-vien-anh option'))[0]).toBe('Lễ khánh thành cầu.png')
  })
})
