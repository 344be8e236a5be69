import { beforeAll, describe, expect, it } from 'vitest'
import { AdminClient } from '../admin-client'
import { JPEG_1600X900, PNG_480X270, WEBP_300X400 } from '../fixtures/images'
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

describe("the article editor's image endpoints", () => {
  it('uploads an image from the editor and answers JSON: address, name, size, a small copy', async () => {
    // The CSRF token comes from any admin page of the session.
    await client.page('/admin/articles/new')
    const form = new FormData()
    form.append('file', new File([JPEG_1600X900], 'đê sông Hồng.jpg'))
    const res = await client.upload('/admin/media/upload', form)
    expect(res.status).toBe(201)
    const image = (await res.json()) as Record<string, unknown>
    expect(image).toEqual({
      url: expect.stringMatching(/^\/media\/anh\/\d{4}\/\d{2}\/[\w-]+\.jpg$/),
      fileName: 'đê sông Hồng.jpg',
      width: 1600,
      height: 900,
      thumbnail: `${image.url}.w320.webp`,
    })
    // The small copy exists and is what it says.
    const thumb = await get(image.thumbnail as string)
    expect(thumb.status).toBe(200)
    expect(thumb.headers.get('content-type')).toBe('image/webp')
  })

  it('refuses what is not an image with a JSON message the editor shows, and needs the CSRF token', async () => {
    await client.page('/admin/articles/new')
    const bad = new FormData()
    bad.append('file', new File([new TextEncoder().encode('%PDF-1.4 không phải ảnh')], 'a.jpg'))
    const refused = await client.upload('/admin/media/upload', bad)
    expect(refused.status).toBe(415)
    expect(refused.headers.get('content-type')).toMatch(/^application\/json/)
    expect(((await refused.json()) as { error: string }).error).toMatch(/ảnh|Ảnh|tệp/)
    const noToken = new FormData()
    noToken.append('file', new File([PNG_480X270], 'b.png'))
    const res = await get('/admin/media/upload', {
      method: 'POST',
      body: noToken,
      headers: { cookie: client.cookie, origin: 'http://localhost' },
      redirect: 'manual',
    })
    expect(res.status).toBe(403)
  })

  it('lists the library as JSON for the picker, searched and paged as the library page is', async () => {
    await upload(PNG_480X270, 'Trường mầm non Hoa Sen.png')
    const res = await client.request('/admin/media/library.json?q=hoa%20sen')
    expect(res.status).toBe(200)
    const page = (await res.json()) as {
      items: { url: string; fileName: string; width: number; thumbnail: string }[]
      total: number
      page: number
      pageSize: number
    }
    expect(page.items.map((i) => i.fileName)).toEqual(['Trường mầm non Hoa Sen.png'])
    expect(page).toMatchObject({ total: 1, page: 1, pageSize: 30 })
    expect(page.items[0]!.thumbnail).toBe(`${page.items[0]!.url}.w320.webp`)
    // Narrower than the smallest copy: the original is its own thumbnail.
    await upload(WEBP_300X400, 'ảnh nhỏ.webp')
    const small = (await (
      await client.request('/admin/media/library.json?q=anh%20nho')
    ).json()) as {
      items: { url: string; thumbnail: string }[]
    }
    expect(small.items.map((i) => i.thumbnail)).toEqual([small.items[0]!.url])
    const beyond = (await (await client.request('/admin/media/library.json?page=99')).json()) as {
      items: unknown[]
    }
    expect(beyond.items).toEqual([])
    const signedOut = await get('/admin/media/library.json', { redirect: 'manual' })
    expect(signedOut.status).toBe(303)
  })
})
