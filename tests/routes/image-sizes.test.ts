import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { BODY_ALT_MESSAGE, COVER_ALT_MESSAGE } from '../../src/admin/article-input'
import { articles } from '../../src/db/schema'
import { JPEG_1600X900, PNG_2X1, PNG_480X270, WEBP_300X400 } from '../fixtures/images'
import { elementsOf, get, seedSample, testDb, textsOf } from '../helpers'

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
    const slug = await publish({ title: 'Bìa nhỏ 480', coverImage: url, coverAlt: 'Bìa nhỏ' })
    const page = await (await get(`/bai-viet/${slug}`)).text()
    const [img] = await elementsOf(page, '.article-cover img', ['src', 'width', 'height'])
    expect(img).toEqual({ src: url, width: '480', height: '270' })
    expect(await elementsOf(page, 'figure.article-cover-unsized', ['class'])).toEqual([])
  })

  it('fits a cover of unknown size inside a 16:9 box instead of claiming 1200x675 for it', async () => {
    const slug = await publish({
      title: 'Bìa ngoài',
      coverImage: 'https://example.com/anh/bia.jpg',
      coverAlt: 'Bìa ngoài',
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

  it('makes WebP copies of the stated widths on upload, offered in srcset, deleted with the image', async () => {
    const res = await upload(JPEG_1600X900, 'rong.jpg')
    const { id, key, url } = (await res.json()) as { id: number; key: string; url: string }
    const slug = await publish({ title: 'Bìa có bản sao', coverImage: url, coverAlt: 'Bìa rộng' })
    const page = await (await get(`/bai-viet/${slug}`)).text()
    const [cover] = await elementsOf(page, '.article-cover img', ['srcset', 'sizes'])
    const offered = cover!.srcset!.split(', ').map((e) => e.split(' ') as [string, string])
    expect(offered.map(([, w]) => w)).toEqual(['320w', '640w', '960w', '1280w', '1600w'])
    expect(cover!.sizes).toBe('(min-width: 64rem) 62rem, calc(100vw - 2rem)')
    // Each copy exists, is WebP, and is as wide as its descriptor says.
    for (const [href, w] of offered) {
      const file = await get(href)
      expect(file.status, href).toBe(200)
      expect(file.headers.get('cache-control')).toBe(
        'public, max-age=86400, s-maxage=31536000, immutable',
      )
      expect(file.headers.get('cache-tag')).toBe(`media:${key}`)
      const info = await env.IMAGES.info(file.body!)
      expect(info, href).toMatchObject({ width: Number.parseInt(w) })
      if (href !== url) expect(info, href).toMatchObject({ format: 'image/webp' })
    }
    // The list's thumbnail and the home page's lead story offer the same copies.
    const list = await (await get('/tin-moi')).text()
    const thumbs = await elementsOf(list, 'img.article-item-cover', ['src', 'srcset'])
    expect(thumbs.find((t) => t.src === url)?.srcset).toBe(cover!.srcset)
    const home = await (await get('/')).text()
    const stories = await elementsOf(home, 'img.story-cover', ['src', 'srcset'])
    expect(stories.find((t) => t.src === url)?.srcset).toBe(cover!.srcset)

    // A copy that went missing is made again when first asked for.
    await env.MEDIA.delete(`${key}.w640.webp`)
    const again = await get(`/media/${key}.w640.webp`)
    expect(again.status).toBe(200)
    expect(await env.IMAGES.info(again.body!)).toMatchObject({ width: 640, format: 'image/webp' })
    // Widths we do not make, and copies of what is not an image of ours, are 404s.
    expect((await get(`/media/${key}.w641.webp`)).status).toBe(404)
    expect((await get(`/media/anh/2026/11/khongcoanhnaydau.jpg.w320.webp`)).status).toBe(404)
    // Another spelling of a stored copy's width is not a copy: 404, and nothing made or stored.
    const put = vi.spyOn(env.MEDIA, 'put')
    for (const padded of [`${key}.w0640.webp`, `${key}.w01280.webp`]) {
      const res = await get(`/media/${padded}`)
      expect(res.status, padded).toBe(404)
      expect(res.headers.get('cache-control'), padded).not.toContain('immutable')
      expect(await env.MEDIA.head(padded), padded).toBeNull()
    }
    expect(put).not.toHaveBeenCalled()
    put.mockRestore()
    // Other spellings of a stored file's URL are sent to the one URL, without reading R2.
    const read = vi.spyOn(env.MEDIA, 'get')
    for (const other of [
      `/media/${key}?v=2`,
      `/media/${key}.w640.webp?utm_source=zalo`,
      `/media/${key.replaceAll('/', '%2F')}`,
      `/media/${key.replace('anh', '%61nh')}.w320.webp`,
    ]) {
      const res = await get(other, { redirect: 'manual' })
      expect(res.status, other).toBe(301)
      expect(new URL(res.headers.get('location')!, 'https://portal.test').pathname, other).toBe(
        decodeURIComponent(new URL(other, 'https://portal.test').pathname),
      )
      expect(res.headers.get('location'), other).not.toContain('?')
    }
    expect(read).not.toHaveBeenCalled()
    read.mockRestore()

    // In use as a cover, it cannot be deleted; once the cover is taken off, it can.
    expect((await get(`/api/admin/media/${id}`, { method: 'DELETE', headers: auth })).status).toBe(
      409,
    )
    const [article] = await testDb().select().from(articles).where(eq(articles.slug, slug))
    await get(`/api/admin/articles/${article!.id}`, {
      method: 'PATCH',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ coverImage: null }),
    })
    const deleted = await get(`/api/admin/media/${id}`, { method: 'DELETE', headers: auth })
    expect(deleted.status).toBe(204)
    for (const w of [320, 640, 960, 1280]) {
      expect(await env.MEDIA.head(`${key}.w${w}.webp`), String(w)).toBeNull()
    }
  })

  it('never enlarges: a 480 px image gets only a 320 px copy, a 300 px one none', async () => {
    const small = (await (await upload(PNG_480X270, 'nho2.png')).json()) as { key: string }
    expect(await env.MEDIA.head(`${small.key}.w320.webp`)).not.toBeNull()
    expect(await env.MEDIA.head(`${small.key}.w640.webp`)).toBeNull()
    const narrow = (await (await upload(WEBP_300X400, 'hep.webp')).json()) as { key: string }
    expect(await env.MEDIA.head(`${narrow.key}.w320.webp`)).toBeNull()
  })

  it('requires a description (alt) for the cover and for every image in the body', async () => {
    const { url } = (await (await upload(PNG_480X270, 'can-mo-ta.png')).json()) as { url: string }
    const post = (fields: Record<string, unknown>) =>
      get('/api/admin/articles', {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Thiếu mô tả', categoryId: 1, ...fields }),
      })
    const errorsOf = async (res: Response) =>
      ((await res.json()) as { error: { fields: Record<string, string> } }).error.fields
    for (const alt of [undefined, '', '   ', '\u200b']) {
      const res = await post({ coverImage: url, ...(alt !== undefined && { coverAlt: alt }) })
      expect(res.status, String(alt)).toBe(422)
      expect(await errorsOf(res)).toEqual({ coverAlt: COVER_ALT_MESSAGE })
    }
    for (const body of [
      `![](${url})`,
      `Chữ ![ ](${url}) chữ`,
      `![\u200b](https://example.com/a.jpg)`,
    ]) {
      const res = await post({ body })
      expect(res.status, body).toBe(422)
      expect(await errorsOf(res)).toEqual({ body: BODY_ALT_MESSAGE })
    }
    const ok = await post({
      coverImage: url,
      coverAlt: 'Cây cầu mới',
      body: `![Cầu](${url})`,
      status: 'published',
    })
    expect(ok.status).toBe(201)
    const { id, slug } = (await ok.json()) as { id: number; slug: string }
    const page = await (await get(`/bai-viet/${slug}`)).text()
    expect(await elementsOf(page, '.article-cover img', ['alt'])).toEqual([{ alt: 'Cây cầu mới' }])
    // Emptying the description of an existing cover is refused too; other edits are not held up.
    const edit = (body: Record<string, unknown>) =>
      get(`/api/admin/articles/${id}`, {
        method: 'PATCH',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    expect((await edit({ coverAlt: '' })).status).toBe(422)
    expect((await edit({ lead: 'Tóm tắt mới' })).status).toBe(200)
  })
})
