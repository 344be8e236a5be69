import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { comments } from '../../src/db/schema'
import { findCommentTarget } from '../../src/db/comments'
import { get, inOneRateWindow, SEED_SLUG, seedSample, testDb, textsOf } from '../helpers'
import { PNG_2X1 } from '../fixtures/images'

const ADMIN = 'test-admin-token'
let ipCounter = 0
const nextIp = () => `203.0.113.${++ipCounter}`

type ApiInit = { token?: string | null; body?: unknown; ip?: string; form?: FormData }

/** Calls the admin API; JSON bodies are sent as JSON, forms as multipart. */
async function api(method: string, path: string, init: ApiInit = {}): Promise<Response> {
  const headers: Record<string, string> = { 'cf-connecting-ip': init.ip ?? '192.0.2.1' }
  const token = init.token === undefined ? ADMIN : init.token
  if (token !== null) headers.authorization = `Bearer ${token}`
  let body: BodyInit | undefined
  if (init.form) body = init.form
  else if (init.body !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(init.body)
  }
  return get(`/api/admin${path}`, { method, headers, body, redirect: 'manual' })
}

async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T
}

let editorToken = ''
let writerToken = ''
let categoryId = 0

beforeAll(async () => {
  await seedSample()
  const editor = await json<{ token: string }>(
    await api('POST', '/editors', { body: { name: 'Biên tập A', role: 'editor' } }),
  )
  const writer = await json<{ token: string }>(
    await api('POST', '/editors', { body: { name: 'Phóng viên B', role: 'writer' } }),
  )
  editorToken = editor.token
  writerToken = writer.token
  const cats = await json<{ items: { id: number; slug: string }[] }>(
    await api('GET', '/categories'),
  )
  categoryId = cats.items.find((c) => c.slug === 'kinh-te')!.id
})

const newArticle = (extra: Record<string, unknown> = {}) => ({
  title: 'Bài mới về kinh tế',
  lead: 'Tóm tắt bài mới.',
  body: 'Đoạn **một**.\n\nĐoạn hai <script>alert(1)</script>.',
  author: 'Phóng viên',
  source: 'HNP',
  categoryId,
  ...extra,
})

describe('authentication and roles', () => {
  /** Every endpoint, with the least role allowed to call it. */
  const endpoints: [string, string, 'writer' | 'editor' | 'admin', unknown?][] = [
    ['GET', '/me', 'writer'],
    ['GET', '/articles', 'writer'],
    ['POST', '/articles', 'writer', {}],
    ['GET', '/articles/999999', 'writer'],
    ['PATCH', '/articles/999999', 'writer', {}],
    ['DELETE', '/articles/999999', 'editor'],
    ['POST', '/articles/999999/attachments', 'writer'],
    ['DELETE', '/redirects/khong-co-duong-dan-nay', 'editor'],
    ['GET', '/categories', 'writer'],
    ['POST', '/categories', 'editor', {}],
    ['PATCH', '/categories/999999', 'editor', {}],
    ['DELETE', '/categories/999999', 'editor'],
    ['GET', '/comments', 'editor'],
    ['POST', '/comments/moderate', 'editor', {}],
    ['PATCH', '/comments/999999', 'editor', {}],
    ['DELETE', '/comments/999999', 'editor'],
    ['GET', '/media', 'writer'],
    ['POST', '/media', 'writer'],
    // Who may delete a file depends on the file (an article's attachment follows the article's
    // rules, a library image needs an editor): the route lets writers through to that check.
    ['DELETE', '/media/999999', 'writer'],
    ['GET', '/editors', 'admin'],
    ['POST', '/editors', 'admin', {}],
    ['DELETE', '/editors/999999', 'admin'],
    ['GET', '/audit', 'editor'],
    ['POST', '/cache/purge', 'admin'],
  ]
  const rank = { writer: 0, editor: 1, admin: 2 }

  it.each(endpoints)(
    '%s %s: 401 without or with a wrong token, 403 below its role',
    async (method, path, least, body) => {
      for (const token of [null, 'wrong-token-value-123456']) {
        const res = await api(method, path, { token, body, ip: nextIp() })
        expect(res.status).toBe(401)
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/)
        expect(res.headers.get('cache-control')).toBe('private, no-store')
        expect((await json<{ error: { code: string } }>(res)).error.code).toBe('unauthorized')
      }
      const tokens = { writer: writerToken, editor: editorToken, admin: ADMIN }
      for (const role of ['writer', 'editor', 'admin'] as const) {
        const res = await api(method, path, { token: tokens[role], body })
        if (rank[role] < rank[least]) {
          expect(res.status, `${role} on ${method} ${path}`).toBe(403)
          expect((await json<{ error: { code: string } }>(res)).error.code).toBe('forbidden')
        } else {
          expect([401, 403], `${role} on ${method} ${path}`).not.toContain(res.status)
          expect(res.status, `${role} on ${method} ${path}`).toBeLessThan(500)
        }
      }
    },
  )

  it(
    'answers more than 10 failed attempts a minute from one client with 429',
    { timeout: 30_000 },
    async () => {
      const ip = nextIp()
      const statuses: number[] = []
      await inOneRateWindow(10)
      for (let i = 0; i < 12; i++)
        statuses.push((await api('GET', '/me', { token: `bad-token-${i}-xxxxxxxx`, ip })).status)
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401))
      expect(statuses.slice(10)).toEqual([429, 429])
      // Other clients are unaffected.
      expect(
        (await api('GET', '/me', { token: 'bad-token-other-xxxxxxxx', ip: nextIp() })).status,
      ).toBe(401)
    },
  )

  it('shows a new editor token once, stores only its hash, and revokes it', async () => {
    const created = await json<{ editor: { id: number }; token: string }>(
      await api('POST', '/editors', { body: { name: 'Tạm thời', role: 'editor' } }),
    )
    expect(created.token).toMatch(/^ctt_[A-Za-z0-9_-]{43}$/)
    expect(await json(await api('GET', '/me', { token: created.token }))).toMatchObject({
      name: 'Tạm thời',
      role: 'editor',
    })
    const list = await (await api('GET', '/editors')).text()
    expect(list).not.toContain(created.token)
    expect(list).not.toContain('tokenHash')
    expect((await api('DELETE', `/editors/${created.editor.id}`)).status).toBe(200)
    expect((await api('GET', '/me', { token: created.token })).status).toBe(401)
    expect((await api('DELETE', `/editors/${created.editor.id}`)).status).toBe(404)
  })

  it('rejects bad role and empty name with field messages', async () => {
    const res = await api('POST', '/editors', { body: { name: ' ', role: 'boss' } })
    expect(res.status).toBe(422)
    const body = await json<{ error: { code: string; fields: Record<string, string> } }>(res)
    expect(body.error.code).toBe('invalid')
    expect(Object.keys(body.error.fields).sort()).toEqual(['name', 'role'])
  })
})

describe('article life cycle', () => {
  it('keeps an old URL for its article until an editor releases it', async () => {
    const created = await json<{ id: number; slug: string }>(
      await api('POST', '/articles', {
        body: newArticle({ title: 'Đường dẫn cũ giữ chỗ', status: 'published' }),
      }),
    )
    const oldSlug = created.slug
    await api('PATCH', `/articles/${created.id}`, { body: { slug: 'duong-dan-moi-giu-cho' } })
    // A writer's new draft asking for the old slug, by title or explicitly, gets another.
    for (const body of [
      newArticle({ title: 'Đường dẫn cũ giữ chỗ' }),
      newArticle({ title: 'Bài khác', slug: oldSlug }),
    ]) {
      const draft = await json<{ id: number; slug: string }>(
        await api('POST', '/articles', { body, token: writerToken }),
      )
      expect(draft.slug).not.toBe(oldSlug)
      // An editor renaming another article to it is refused the same way.
      const renamed = await json<{ slug: string }>(
        await api('PATCH', `/articles/${draft.id}`, { body: { slug: oldSlug } }),
      )
      expect(renamed.slug).not.toBe(oldSlug)
    }
    const old = await get(`/bai-viet/${oldSlug}`, { redirect: 'manual' })
    expect(old.status).toBe(301)
    expect(old.headers.get('location')).toBe('/bai-viet/duong-dan-moi-giu-cho')
    // The article itself may move back to its old URL.
    const back = await json<{ slug: string }>(
      await api('PATCH', `/articles/${created.id}`, { body: { slug: oldSlug } }),
    )
    expect(back.slug).toBe(oldSlug)
    await api('PATCH', `/articles/${created.id}`, { body: { slug: 'duong-dan-moi-giu-cho' } })
    // Releasing: writers may not; an editor may, and then the slug is free.
    expect((await api('DELETE', `/redirects/${oldSlug}`, { token: writerToken })).status).toBe(403)
    expect((await api('DELETE', `/redirects/${oldSlug}`, { token: editorToken })).status).toBe(204)
    expect((await api('DELETE', `/redirects/${oldSlug}`)).status).toBe(404)
    expect((await get(`/bai-viet/${oldSlug}`, { redirect: 'manual' })).status).toBe(404)
    const taker = await json<{ slug: string }>(
      await api('POST', '/articles', { body: newArticle({ title: 'Bài mới', slug: oldSlug }) }),
    )
    expect(taker.slug).toBe(oldSlug)
  })

  it('draft → publish → edit → slug change (301) → delete (404)', async () => {
    const created = await api('POST', '/articles', {
      body: newArticle({ title: 'Vòng đời bài viết' }),
    })
    expect(created.status).toBe(201)
    const draft = await json<{ id: number; slug: string; status: string; bodyHtml: string }>(
      created,
    )
    expect(draft.slug).toBe('vong-doi-bai-viet')
    expect(draft.status).toBe('draft')
    expect(draft.bodyHtml).toContain('<strong>một</strong>')
    expect(draft.bodyHtml).not.toContain('<script>')
    expect((await get(`/bai-viet/${draft.slug}`)).status).toBe(404)

    const published = await json<{ status: string; publishedAt: string }>(
      await api('PATCH', `/articles/${draft.id}`, { body: { status: 'published' } }),
    )
    expect(published.status).toBe('published')
    expect(Date.parse(published.publishedAt)).toBeLessThanOrEqual(Date.now())
    const page = await get(`/bai-viet/${draft.slug}`)
    expect(page.status).toBe(200)
    expect(await (await get('/chuyen-muc/kinh-te')).text()).toContain('Vòng đời bài viết')

    await api('PATCH', `/articles/${draft.id}`, { body: { title: 'Vòng đời bài viết (sửa)' } })
    const edited = await (await get(`/bai-viet/${draft.slug}`)).text()
    expect(await textsOf(edited, 'h1.article-title')).toEqual([
      expect.stringContaining('Vòng đời bài viết (sửa)'),
    ])

    const moved = await json<{ slug: string }>(
      await api('PATCH', `/articles/${draft.id}`, { body: { slug: 'vong-doi-moi' } }),
    )
    expect(moved.slug).toBe('vong-doi-moi')
    const old = await get(`/bai-viet/${draft.slug}`, { redirect: 'manual' })
    expect(old.status).toBe(301)
    expect(old.headers.get('location')).toBe('/bai-viet/vong-doi-moi')
    expect((await get('/bai-viet/vong-doi-moi')).status).toBe(200)

    expect((await api('DELETE', `/articles/${draft.id}`)).status).toBe(204)
    expect((await get('/bai-viet/vong-doi-moi')).status).toBe(404)
    expect((await get(`/bai-viet/${draft.slug}`, { redirect: 'manual' })).status).toBe(404)
    expect((await api('GET', `/articles/${draft.id}`)).status).toBe(404)
  })

  it('keeps a scheduled article invisible until its time', async () => {
    const future = new Date(Date.now() + 3_600_000).toISOString()
    const scheduled = await json<{ id: number; slug: string }>(
      await api('POST', '/articles', {
        body: newArticle({ title: 'Hẹn giờ đăng', status: 'published', publishedAt: future }),
      }),
    )
    expect((await get(`/bai-viet/${scheduled.slug}`)).status).toBe(404)
    expect(await (await get('/')).text()).not.toContain('Hẹn giờ đăng')
    await api('PATCH', `/articles/${scheduled.id}`, {
      body: { publishedAt: new Date(Date.now() - 1000).toISOString() },
    })
    expect((await get(`/bai-viet/${scheduled.slug}`)).status).toBe(200)
  })

  it('makes slugs unique with -2, -3 and folds Vietnamese titles', async () => {
    const slugs: string[] = []
    for (let i = 0; i < 3; i++) {
      slugs.push(
        (
          await json<{ slug: string }>(
            await api('POST', '/articles', {
              body: newArticle({ title: 'Trùng Tiêu Đề Đặc Biệt' }),
            }),
          )
        ).slug,
      )
    }
    expect(slugs).toEqual([
      'trung-tieu-de-dac-biet',
      'trung-tieu-de-dac-biet-2',
      'trung-tieu-de-dac-biet-3',
    ])
  })

  it('lets writers draft and submit for review, but not publish', async () => {
    const draft = await api('POST', '/articles', {
      token: writerToken,
      body: newArticle({ title: 'Bài của phóng viên' }),
    })
    expect(draft.status).toBe(201)
    const { id } = await json<{ id: number }>(draft)
    expect(
      (await api('PATCH', `/articles/${id}`, { token: writerToken, body: { status: 'review' } }))
        .status,
    ).toBe(200)
    expect(
      (await api('PATCH', `/articles/${id}`, { token: writerToken, body: { status: 'published' } }))
        .status,
    ).toBe(403)
    expect(
      (
        await api('POST', '/articles', {
          token: writerToken,
          body: newArticle({ status: 'published' }),
        })
      ).status,
    ).toBe(403)
    // An editor publishes it; then the writer can no longer change it.
    expect(
      (await api('PATCH', `/articles/${id}`, { token: editorToken, body: { status: 'published' } }))
        .status,
    ).toBe(200)
    expect(
      (await api('PATCH', `/articles/${id}`, { token: writerToken, body: { title: 'Sửa lén' } }))
        .status,
    ).toBe(403)
    const list = await json<{ items: { id: number }[] }>(
      await api('GET', '/articles?status=review'),
    )
    expect(list.items.some((a) => a.id === id)).toBe(false)
  })

  it('calls a required text that shows nothing missing, with one message, in every resource', async () => {
    const blanks = ['\u200B\u200C\u200D\u2060', '\u3164', ' \u00A0\uFEFF ', '\u2800']
    for (const blank of blanks) {
      const cases: [string, string, unknown, string, string][] = [
        ['POST', '/articles', newArticle({ title: blank }), 'title', 'Vui lòng nhập tiêu đề.'],
        ['POST', '/categories', { name: blank }, 'name', 'Vui lòng nhập tên chuyên mục.'],
        ['POST', '/editors', { name: blank, role: 'writer' }, 'name', 'Vui lòng nhập tên.'],
      ]
      for (const [method, path, body, field, message] of cases) {
        const res = await api(method, path, { body })
        expect(res.status, `${path} ${JSON.stringify(blank)}`).toBe(422)
        const { error } = await json<{ error: { fields: Record<string, string> } }>(res)
        expect(error.fields[field]).toBe(message)
      }
    }
    // A text field given as a list is refused, not read as its first item.
    const listed = await api('POST', '/articles', { body: newArticle({ title: ['A', 'B'] }) })
    expect(listed.status).toBe(422)
  })

  it('validates with field messages and never 500s on bad input', async () => {
    const res = await api('POST', '/articles', {
      body: {
        title: '',
        categoryId: 'abc',
        status: 'live',
        publishedAt: 'tomorrow',
        coverImage: 'javascript:alert(1)',
      },
    })
    expect(res.status).toBe(422)
    const { error } = await json<{ error: { fields: Record<string, string> } }>(res)
    expect(Object.keys(error.fields).sort()).toEqual([
      'categoryId',
      'coverImage',
      'publishedAt',
      'status',
      'title',
    ])
    expect(
      (await api('POST', '/articles', { body: newArticle({ categoryId: 999999 }) })).status,
    ).toBe(422)
    const badJson = await get('/api/admin/articles', {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: '{"title":',
    })
    expect(badJson.status).toBe(400)
    expect(await json(badJson)).toEqual({
      error: { code: 'bad_json', message: 'Dữ liệu JSON không hợp lệ.' },
    })
    expect((await api('GET', '/articles/abc')).status).toBe(404)
    expect((await api('GET', '/articles?status=nope')).status).toBe(400)
    expect((await api('GET', '/no-such-endpoint')).status).toBe(404)
  })

  it('searches titles with the public folding: case, marks, đ = d, word starts', async () => {
    const titles = async (q: string) =>
      (
        await json<{ items: { title: string }[]; total: number }>(
          await api('GET', `/articles?q=${encodeURIComponent(q)}`),
        )
      ).items.map((a) => a.title)
    const seed = 'Thường Tín tổ chức các hoạt động thông tin đối ngoại năm 2020'
    for (const q of ['thuong tin', 'THƯỜNG', 'Thường Tín', 'thuo doi ngo', 'doi ngoai 2020']) {
      expect(await titles(q), q).toContain(seed)
    }
    expect(await titles('đảng')).toEqual(await titles('Đảng'))
    expect(await titles('ĐẢNG')).toEqual(await titles('dang'))
    expect(await titles('"*( NEAR')).toEqual(expect.any(Array))
    // A draft is found as well, by a word of its title.
    await api('POST', '/articles', { body: newArticle({ title: 'Bản nháp Đường làng mới' }) })
    expect(await titles('duong lang')).toContain('Bản nháp Đường làng mới')
  })

  it('lists with filters and paging', async () => {
    const res = await json<{
      items: { title: string; status: string }[]
      total: number
      page: number
    }>(await api('GET', '/articles?status=published&q=Thường%20Tín&page=1'))
    expect(res.page).toBe(1)
    expect(res.items.length).toBeGreaterThan(0)
    expect(res.items.every((a) => a.status === 'published' && a.title.includes('Thường Tín'))).toBe(
      true,
    )
    const drafts = await json<{ items: { status: string }[] }>(
      await api('GET', '/articles?status=draft'),
    )
    expect(drafts.items.every((a) => a.status === 'draft')).toBe(true)
  })
})

describe('categories', () => {
  it('creates, renames, reorders and deletes; refuses deleting one in use with 409', async () => {
    const created = await json<{ id: number; slug: string }>(
      await api('POST', '/categories', { body: { name: 'Giáo dục - Đào tạo', position: 9 } }),
    )
    expect(created.slug).toBe('giao-duc-dao-tao')
    expect(
      (await api('POST', '/categories', { body: { name: 'Giáo dục - Đào tạo' } })).status,
    ).toBe(409)
    const renamed = await json<{ name: string; position: number }>(
      await api('PATCH', `/categories/${created.id}`, { body: { name: 'Giáo dục', position: 0 } }),
    )
    expect(renamed).toMatchObject({ name: 'Giáo dục', position: 0 })
    const nav = await textsOf(await (await get('/')).text(), '.site-nav a')
    expect(nav[1]).toBe('Giáo dục')

    const inUse = await api('DELETE', `/categories/${categoryId}`)
    expect(inUse.status).toBe(409)
    expect((await json<{ error: { code: string } }>(inUse)).error.code).toBe('category_in_use')
    expect((await api('DELETE', `/categories/${created.id}`)).status).toBe(204)
    expect((await get('/chuyen-muc/giao-duc-dao-tao')).status).toBe(404)
  })
})

describe('comment moderation', () => {
  async function pendingComment(title: string) {
    const db = testDb()
    const target = (await findCommentTarget(db, SEED_SLUG, new Date()))!
    const [row] = await db
      .insert(comments)
      .values({
        articleId: target.id,
        name: 'Bạn đọc',
        phone: '0911222333',
        title,
        content: 'Nội dung',
        status: 'pending',
      })
      .returning({ id: comments.id })
    return row!.id
  }

  it('shows the queue pending first with the phone, and approval changes what readers see', async () => {
    const id = await pendingComment('Chờ kiểm duyệt API')
    const queue = await json<{
      items: { id: number; status: string; phone: string; articleSlug: string }[]
      pending: number
    }>(await api('GET', '/comments'))
    expect(queue.pending).toBeGreaterThan(0)
    expect(queue.items[0]!.status).toBe('pending')
    const item = queue.items.find((c) => c.id === id)
    expect(item).toMatchObject({ phone: '0911222333', articleSlug: SEED_SLUG })

    expect(await (await get(`/bai-viet/${SEED_SLUG}`)).text()).not.toContain('Chờ kiểm duyệt API')
    expect((await api('PATCH', `/comments/${id}`, { body: { status: 'approved' } })).status).toBe(
      200,
    )
    expect(await (await get(`/bai-viet/${SEED_SLUG}`)).text()).toContain('Chờ kiểm duyệt API')
    expect((await api('PATCH', `/comments/${id}`, { body: { status: 'rejected' } })).status).toBe(
      200,
    )
    expect(await (await get(`/bai-viet/${SEED_SLUG}`)).text()).not.toContain('Chờ kiểm duyệt API')
  })

  it('approves and deletes in bulk', async () => {
    const ids = [await pendingComment('Hàng loạt 1'), await pendingComment('Hàng loạt 2')]
    const approved = await api('POST', '/comments/moderate', { body: { ids, action: 'approve' } })
    expect(await json(approved)).toEqual({ count: 2 })
    const html = await (await get(`/bai-viet/${SEED_SLUG}`)).text()
    expect(html).toContain('Hàng loạt 1')
    expect(html).toContain('Hàng loạt 2')
    expect(
      await json(await api('POST', '/comments/moderate', { body: { ids, action: 'delete' } })),
    ).toEqual({ count: 2 })
    expect(await testDb().select().from(comments).where(eq(comments.title, 'Hàng loạt 1'))).toEqual(
      [],
    )
    expect(
      (await api('POST', '/comments/moderate', { body: { ids: [], action: 'approve' } })).status,
    ).toBe(422)
    expect(
      (await api('POST', '/comments/moderate', { body: { ids: [1], action: 'explode' } })).status,
    ).toBe(422)
  })
})

describe('media', () => {
  const png = () => PNG_2X1
  const upload = (bytes: Uint8Array, name: string, type = 'application/octet-stream') => {
    const form = new FormData()
    form.append('file', new File([bytes], name, { type }))
    return form
  }

  it('accepts an image by its bytes and serves it a year at the edge, tagged, a day in browsers', async () => {
    const res = await api('POST', '/media', { form: upload(png(), 'ảnh bìa.png') })
    expect(res.status).toBe(201)
    const { url, contentType } = await json<{ url: string; contentType: string }>(res)
    expect(contentType).toBe('image/png')
    const served = await get(url)
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(served.headers.get('cache-control')).toBe(
      'public, max-age=86400, s-maxage=31536000, immutable',
    )
    expect(served.headers.get('cache-tag')).toBe(`media:${url.slice('/media/'.length)}`)
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(png())
    const again = await get(url, { headers: { 'if-none-match': served.headers.get('etag')! } })
    expect(again.status).toBe(304)
  })

  it('stores as a cover image only an https address or an upload that exists', async () => {
    const uploaded = await json<{ url: string }>(
      await api('POST', '/media', { form: upload(png(), 'bìa.png') }),
    )
    for (const coverImage of [
      '/media/../../admin',
      '/media/anh/2026/11/../../../admin',
      '/media/anh/2026/11/khongcotrongthuvien.png',
      '/admin',
      'http://example.com/a.jpg',
      'https://user:pass@example.com/a.jpg',
      'javascript:alert(1)',
    ]) {
      const res = await api('POST', '/articles', { body: newArticle({ coverImage }) })
      expect(res.status, coverImage).toBe(422)
      const { error } = await json<{ error: { fields: Record<string, string> } }>(res)
      expect(Object.keys(error.fields), coverImage).toEqual(['coverImage'])
    }
    for (const coverImage of [uploaded.url, 'https://example.com/anh/bia.jpg']) {
      const res = await api('POST', '/articles', {
        body: newArticle({ coverImage, coverAlt: 'Ảnh bìa' }),
      })
      expect(res.status, coverImage).toBe(201)
      const { id } = await json<{ id: number }>(res)
      // An edit checks it the same way.
      const edit = await api('PATCH', `/articles/${id}`, { body: { coverImage: '/media/x/../y' } })
      expect(edit.status).toBe(422)
    }
  })

  it('refuses files that are not what they claim, empty files and files over 5 MB', async () => {
    const fake = await api('POST', '/media', {
      form: upload(new TextEncoder().encode('<svg onload=alert(1)>'), 'x.png', 'image/png'),
    })
    expect(fake.status).toBe(415)
    expect(
      (await api('POST', '/media', { form: upload(new Uint8Array(0), 'empty.png') })).status,
    ).toBe(422)
    const big = new Uint8Array(5 * 1024 * 1024 + 1)
    big.set(png())
    expect((await api('POST', '/media', { form: upload(big, 'big.png') })).status).toBe(413)
    expect((await api('POST', '/media', { body: { file: 'x' } })).status).toBe(415)
    expect((await get('/media/anh/2020/01/khong-co-tep-nay.png')).status).toBe(404)
    expect((await get('/media/../../etc/passwd')).status).toBe(404)
  })

  it('attaches a PDF to an article, listed under it and downloaded under its name', async () => {
    const { id, slug } = await json<{ id: number; slug: string }>(
      await api('POST', '/articles', {
        body: newArticle({ title: 'Bài có tệp đính kèm', status: 'published' }),
      }),
    )
    const pdf = new TextEncoder().encode('%PDF-1.4\n%test\n')
    const res = await api('POST', `/articles/${id}/attachments`, {
      form: upload(pdf, 'Kế hoạch 242.pdf'),
    })
    expect(res.status).toBe(201)
    const { url } = await json<{ url: string }>(res)
    const page = await (await get(`/bai-viet/${slug}`)).text()
    expect(await textsOf(page, '#tep-dinh-kem')).toEqual(['Tệp đính kèm'])
    expect(page).toContain('Kế hoạch 242.pdf')
    const file = await get(url)
    expect(file.headers.get('content-type')).toBe('application/pdf')
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="Ke hoach 242.pdf"; filename*=UTF-8''${encodeURIComponent('Kế hoạch 242.pdf')}`,
    )
    // A PDF under another name is stored and downloaded as what it is.
    for (const [typed, stored] of [
      ['Quyet-dinh.html', 'Quyet-dinh.pdf'],
      ['Thong-bao.pdf.exe', 'Thong-bao.pdf'],
      ['x.svg', 'x.pdf'],
    ]) {
      const renamed = await api('POST', `/articles/${id}/attachments`, {
        form: upload(pdf, typed!),
      })
      const row = await json<{ url: string; fileName: string }>(renamed)
      expect(row.fileName, typed).toBe(stored)
      expect((await get(row.url)).headers.get('content-disposition'), typed).toContain(
        `filename="${stored}"`,
      )
    }
    // An image is not an attachment, and a PDF is not an image.
    expect(
      (await api('POST', `/articles/${id}/attachments`, { form: upload(png(), 'a.png') })).status,
    ).toBe(415)
    expect((await api('POST', '/media', { form: upload(pdf, 'a.pdf') })).status).toBe(415)
  })
})

describe('audit log', () => {
  it('records who did what, newest first', async () => {
    const { id } = await json<{ id: number }>(
      await api('POST', '/articles', {
        token: editorToken,
        body: newArticle({ title: 'Kiểm toán' }),
      }),
    )
    await api('PATCH', `/articles/${id}`, { token: editorToken, body: { status: 'published' } })
    const { items } = await json<{
      items: { actorName: string; action: string; targetType: string; targetId: string }[]
    }>(await api('GET', '/audit'))
    expect(items[0]).toMatchObject({
      actorName: 'Biên tập A',
      action: 'article.publish',
      targetType: 'article',
      targetId: String(id),
    })
    expect(items[1]).toMatchObject({
      actorName: 'Biên tập A',
      action: 'article.create',
      targetId: String(id),
    })
  })
})
