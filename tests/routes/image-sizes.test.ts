import { beforeAll, describe, expect, it } from 'vitest'
import { elementsOf, get, seedSample, textsOf } from '../helpers'
import { JPEG_1600X900, PNG_2X1, PNG_480X270, WEBP_300X400 } from '../fixtures/images'

const auth = { authorization: 'Bearer test-admin-token' }

async function upload(bytes: Uint8Array, name: string): Promise<Response> {
  const form = new FormData()
  form.append('file', new File([bytes], name))
  return get('/api/admin/media', { method: 'POST', headers: auth, body: form })
}

async function publish(fields: Record<string, unknown>): Promise<string> {
  const res = await get('/api/admin/articles', {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({
      title: 'Ảnh trong bài',
      lead: 'Tóm tắt.',
      body: 'Nội dung.',
      categoryId: 1,
      status: 'published',
      ...fields,
    }),
  })
  expect(res.status).toBe(201)
  return ((await res.json()) as { slug: string }).slug
}

beforeAll(seedSample)

describe('image sizes', () => {
  it('records the real width and height of each uploaded image', async () => {
    for (const [bytes, name, width, height] of [
      [PNG_2X1, 'a.png', 2, 1],
      [PNG_480X270, 'nho.png', 480, 270],
      [JPEG_1600X900, 'lon.jpg', 1600, 900],
      [WEBP_300X400, 'doc.webp', 300, 400],
    ] as const) {
      const res = await upload(bytes, name)
      expect(res.status, name).toBe(201)
      expect(await res.json(), name).toMatchObject({ width, height })
    }
  })

  it('refuses a file that starts like an image but does not decode', async () => {
    const broken = new Uint8Array(PNG_480X270.slice(0, 60))
    const res = await upload(broken, 'hong.png')
    expect(res.status).toBe(415)
    const body = (await res.json()) as { error: { message: string } }
    expect(body.error.message).toContain('Ảnh bị hỏng')
  })

  it('shows an uploaded cover at its own size: a 480 px cover is never stretched', async () => {
    const { url } = (await (await upload(PNG_480X270, 'bia.png')).json()) as { url: string }
    const slug = await publish({ title: 'Bìa nhỏ 480', coverImage: url })
    const page = await (await get(`/bai-viet/${slug}`)).text()
    const [img] = await elementsOf(page, '.article-cover img', ['src', 'width', 'height'])
    expect(img).toEqual({ src: url, width: '480', height: '270' })
    expect(await elementsOf(page, 'figure.article-cover-unsized', ['class'])).toEqual([])
  })

  it('fits a cover of unknown size inside a 16:9 box instead of claiming 1200x675 for it', async () => {
    const slug = await publish({
      title: 'Bìa ngoài',
      coverImage: 'https://example.com/anh/bia.jpg',
    })
    const page = await (await get(`/bai-viet/${slug}`)).text()
    expect(await elementsOf(page, 'figure.article-cover-unsized img', ['src'])).toEqual([
      { src: 'https://example.com/anh/bia.jpg' },
    ])
    expect(await elementsOf(page, 'figure.article-cover', ['class'])).toHaveLength(1)
  })

  it('gives body images their real size and their caption', async () => {
    const { url } = (await (await upload(JPEG_1600X900, 'than-bai.jpg')).json()) as {
      url: string
    }
    const slug = await publish({
      title: 'Ảnh có chú thích',
      body: `Mở đầu.\n\n![Hội nghị](${url} "Quang cảnh hội nghị")\n\nẢnh ngoài:\n\n![Cầu](https://example.com/cau.jpg)\n*Ảnh: Cầu mới*`,
    })
    const page = await (await get(`/bai-viet/${slug}`)).text()
    expect(
      await elementsOf(page, 'figure.body-image img', ['src', 'alt', 'width', 'height']),
    ).toEqual([
      { src: url, alt: 'Hội nghị', width: '1600', height: '900' },
      { src: 'https://example.com/cau.jpg', alt: 'Cầu', width: null, height: null },
    ])
    expect(await textsOf(page, 'figure.body-image figcaption')).toEqual([
      'Quang cảnh hội nghị',
      'Ảnh: Cầu mới',
    ])
  })
})
