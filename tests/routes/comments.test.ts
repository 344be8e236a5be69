import { env } from 'cloudflare:workers'
import { and, eq } from 'drizzle-orm'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createAltchaChallenge, CHALLENGE_TTL_MS } from '../../src/captcha/altcha'
import { captchaSettings } from '../../src/captcha'
import { comments } from '../../src/db/schema'
import { formatPhoneNational, HIDDEN_PHONE, PHONE_MESSAGE } from '../../src/lib/phone'
import { MAX_COMMENT_BODY_BYTES } from '../../src/routes/comments'
import { solveAltcha, solvedCaptcha } from '../captcha-helpers'
import { INVALID_PHONES, VALID_PHONES } from '../vietnamese-phones'
import { AdminClient } from '../admin-client'
import {
  appFetch,
  attrsOf,
  elementsOf,
  get,
  inOneRateWindow,
  insertArticle,
  SEED_SLUG,
  seedSample,
  testDb,
  textsOf,
} from '../helpers'

beforeAll(seedSample)
afterEach(() => {
  vi.restoreAllMocks()
})

let ipCounter = 0
/** A fresh client address per test, so the rate limit of one test does not touch another. */
const nextIp = () => `198.51.100.${++ipCounter}`

type Fields = Record<string, string>

async function post(
  slug: string,
  fields: Fields,
  opts: { ip?: string; captcha?: string | null; headers?: Record<string, string> } = {},
): Promise<Response> {
  const body = new URLSearchParams(fields)
  const captcha = opts.captcha === undefined ? await solvedCaptcha() : opts.captcha
  if (captcha !== null) body.set('altcha', captcha)
  return get(`/bai-viet/${slug}/binh-luan`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'cf-connecting-ip': opts.ip ?? nextIp(),
      ...opts.headers,
    },
    body,
    redirect: 'manual',
  })
}

const valid: Fields = {
  name: 'Nguyễn Thị Lan',
  phone: '',
  title: 'Ý kiến bạn đọc',
  content: 'Bài viết rất hữu ích.\nXin cảm ơn!',
}

/** Approves comments through the admin API, as a moderator would (which purges the page). */
async function approve(where: ReturnType<typeof eq>) {
  const ids = (await testDb().select({ id: comments.id }).from(comments).where(where)).map(
    (r) => r.id,
  )
  const res = await get('/api/admin/comments/moderate', {
    method: 'POST',
    headers: { authorization: 'Bearer test-admin-token', 'content-type': 'application/json' },
    body: JSON.stringify({ ids, action: 'approve' }),
  })
  expect(res.status).toBe(200)
}

async function storedComments(marker: string) {
  return testDb().select().from(comments).where(eq(comments.title, marker))
}

/**
 * A new client address that has just posted its 5 comments of the minute (titled `marker 1` to
 * `marker 5`, each accepted), inside one limiter window, so its next post is over the limit.
 */
async function limitReached(marker: string): Promise<string> {
  const ip = nextIp()
  await inOneRateWindow(10)
  for (let i = 1; i <= 5; i++) {
    expect((await post(SEED_SLUG, { ...valid, title: `${marker} ${i}` }, { ip })).status).toBe(303)
  }
  return ip
}

/** Form values as the re-rendered page shows them. */
async function formValues(html: string) {
  return {
    name: (await attrsOf(html, '#cf-name', 'value'))[0],
    phone: (await attrsOf(html, '#cf-phone', 'value'))[0],
    title: (await attrsOf(html, '#cf-title', 'value'))[0],
    content: (await textsOf(html, '#cf-content'))[0],
  }
}

describe('posting a comment', () => {
  it('stores a valid comment as pending and redirects back with the moderation notice', async () => {
    const marker = 'Tiêu đề thành công'
    const res = await post(SEED_SLUG, { ...valid, title: marker, phone: '+84 912.345-678' })
    expect(res.status).toBe(303)
    const location = res.headers.get('location')!
    expect(location).toBe(`/bai-viet/${SEED_SLUG}?binh-luan=cho-duyet#binh-luan`)

    const page = await (await get(location)).text()
    expect(await textsOf(page, '.notice')).toEqual([
      'Bình luận của bạn đang chờ duyệt. Cảm ơn bạn đã góp ý!',
    ])
    // Pending comments are not shown.
    expect(page).not.toContain(marker)

    const [row, ...rest] = await storedComments(marker)
    expect(rest).toEqual([])
    expect(row).toMatchObject({
      name: 'Nguyễn Thị Lan',
      phone: '+84912345678',
      content: 'Bài viết rất hữu ích.\nXin cảm ơn!',
      status: 'pending',
    })
    expect(row!.ipHash).toMatch(/^[0-9a-f]{32}$/)
    expect(row!.ipHash).not.toContain('198.51.100')
  })

  it('re-renders with 422, a message beside each wrong field and everything typed', async () => {
    const typed = {
      name: '',
      phone: '12 34',
      title: 'T'.repeat(201),
      content: 'Nội dung của tôi <b>giữ nguyên</b>\nhai dòng',
    }
    const res = await post(SEED_SLUG, typed)
    const html = await res.text()
    expect(res.status).toBe(422)
    expect(await textsOf(html, '#loi-name')).toEqual(['Vui lòng nhập họ tên.'])
    expect(await textsOf(html, '#loi-phone')).toEqual([PHONE_MESSAGE])
    expect(await textsOf(html, '#loi-title')).toEqual(['Tiêu đề không được dài quá 200 ký tự.'])
    expect(await textsOf(html, '.form-error')).toEqual([
      'Bình luận chưa được gửi. Vui lòng sửa các mục được đánh dấu bên dưới.',
    ])
    expect(await formValues(html)).toEqual({
      name: '',
      phone: '12 34',
      title: 'T'.repeat(201),
      content: 'Nội dung của tôi <b>giữ nguyên</b>\nhai dòng',
    })
    expect(await attrsOf(html, '#cf-name', 'aria-invalid')).toEqual(['true'])
    // The page opens at the first wrong field, focused; no other field takes the focus.
    expect(await attrsOf(html, '[autofocus]', 'id')).toEqual(['cf-name'])
    // The browser never stops what the server accepts: maxlength counts UTF-16 units.
    expect(await attrsOf(html, '#cf-content', 'maxlength')).toEqual(['8000'])
    expect(await storedComments('T'.repeat(201))).toEqual([])
  })

  it.each([
    ['missing', null, 'Vui lòng hoàn thành mã xác nhận.'],
    [
      'garbled',
      'bm90IGEgcGF5bG9hZA==',
      'Mã xác nhận không đúng. Vui lòng bấm "Lấy lại mã bảo mật" và thử lại.',
    ],
  ])('rejects a %s security code with 422 and keeps the text', async (_, captcha, message) => {
    const marker = `Mã ${_}`
    const res = await post(SEED_SLUG, { ...valid, title: marker }, { captcha })
    const html = await res.text()
    expect(res.status).toBe(422)
    expect(await textsOf(html, '#loi-captcha')).toEqual([message])
    expect((await formValues(html)).title).toBe(marker)
    expect(await storedComments(marker)).toEqual([])
  })

  it('rejects a wrong solution and an expired challenge', async () => {
    const settings = await captchaSettings(env)
    if (settings.provider !== 'altcha') throw new Error('expected altcha')
    const fresh = await createAltchaChallenge(settings.altcha)
    const wrong = JSON.parse(atob(await solveAltcha(fresh)))
    wrong.solution.derivedKey = 'cd'.repeat(32)
    const res1 = await post(
      SEED_SLUG,
      { ...valid, title: 'Sai mã' },
      { captcha: btoa(JSON.stringify(wrong)) },
    )
    expect(res1.status).toBe(422)
    expect(await textsOf(await res1.text(), '#loi-captcha')).toEqual([
      'Mã xác nhận không đúng. Vui lòng bấm "Lấy lại mã bảo mật" và thử lại.',
    ])

    const old = await createAltchaChallenge(settings.altcha, Date.now() - CHALLENGE_TTL_MS - 60_000)
    const res2 = await post(
      SEED_SLUG,
      { ...valid, title: 'Mã hết hạn' },
      { captcha: await solveAltcha(old) },
    )
    expect(res2.status).toBe(422)
    expect(await textsOf(await res2.text(), '#loi-captcha')).toEqual([
      'Mã xác nhận đã hết hạn. Vui lòng bấm "Lấy lại mã bảo mật".',
    ])
    expect(await storedComments('Sai mã')).toEqual([])
    expect(await storedComments('Mã hết hạn')).toEqual([])
  })

  it('accepts a solved code once and rejects its replay', async () => {
    const captcha = await solvedCaptcha()
    const first = await post(SEED_SLUG, { ...valid, title: 'Lần một' }, { captcha })
    expect(first.status).toBe(303)
    const replay = await post(SEED_SLUG, { ...valid, title: 'Lần hai' }, { captcha })
    const html = await replay.text()
    expect(replay.status).toBe(422)
    expect(await textsOf(html, '#loi-captcha')).toEqual([
      'Mã xác nhận này đã được dùng. Vui lòng bấm "Lấy lại mã bảo mật".',
    ])
    expect((await formValues(html)).title).toBe('Lần hai')
    expect(await storedComments('Lần một')).toHaveLength(1)
    expect(await storedComments('Lần hai')).toEqual([])
  })

  it('answers a filled honeypot like a success and stores nothing', async () => {
    const res = await post(SEED_SLUG, {
      ...valid,
      title: 'Mồi bẫy',
      website: 'http://spam.example',
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/bai-viet/${SEED_SLUG}?binh-luan=cho-duyet#binh-luan`)
    expect(await storedComments('Mồi bẫy')).toEqual([])
  })

  it('hides phone numbers typed into the text, keeping the first for editors only', async () => {
    const title = 'Phản ánh đèn đường'
    const content = 'Đèn đường hỏng ba hôm. Gọi tôi: 0912 345 678 hoặc (024) 3825 1234 nhé.'
    const res = await post(SEED_SLUG, { ...valid, title, content, phone: '' })
    expect(res.status).toBe(303)
    const [stored] = await storedComments(title)
    expect(stored!.content).toBe(
      `Đèn đường hỏng ba hôm. Gọi tôi: ${HIDDEN_PHONE} hoặc ${HIDDEN_PHONE} nhé.`,
    )
    expect(stored!.phone).toBe('+84912345678')
    // A phone typed in its own field stays the comment's phone; the one in the text is hidden.
    const own = 'Góp ý có số riêng'
    await post(SEED_SLUG, {
      ...valid,
      title: own,
      content: 'Số khác: 0987654321.',
      phone: '0901234567',
    })
    const [withOwn] = await storedComments(own)
    expect([withOwn!.content, withOwn!.phone]).toEqual([
      `Số khác: ${HIDDEN_PHONE}.`,
      '+84901234567',
    ])
    // Approved, the page shows neither number.
    await testDb().update(comments).set({ status: 'approved' }).where(eq(comments.id, stored!.id))
    const page = await (
      await get(`/bai-viet/${SEED_SLUG}`, { headers: { 'cache-control': 'no-cache' } })
    ).text()
    expect(page).toContain('Đèn đường hỏng ba hôm.')
    for (const digits of ['0912', '912 345', '3825']) expect(page).not.toContain(digits)
  })

  it('hides phone numbers of comments stored before the rule, on the page, keeping them stored', async () => {
    const [article] = await env.DB.prepare('SELECT id FROM articles WHERE slug = ?')
      .bind(SEED_SLUG)
      .all<{ id: number }>()
      .then((r) => r.results)
    const [old] = await testDb()
      .insert(comments)
      .values({
        articleId: article!.id,
        name: 'Chị Lan 0903 111 222',
        title: 'Bình luận cũ',
        content: 'Nhà tôi ở ngõ 5, số máy 0983.456.789, ai biết thì báo giúp.',
        status: 'pending',
        createdAt: new Date('2024-01-02T03:04:05Z'),
      })
      .returning()
    await approve(eq(comments.id, old!.id))
    const page = await (
      await get(`/bai-viet/${SEED_SLUG}`, { headers: { 'cache-control': 'no-cache' } })
    ).text()
    expect(page).toContain(`Nhà tôi ở ngõ 5, số máy ${HIDDEN_PHONE}, ai biết thì báo giúp.`)
    expect(page).toContain(`Chị Lan ${HIDDEN_PHONE}`)
    for (const digits of ['0903', '111 222', '0983', '456.789']) expect(page).not.toContain(digits)
    // Editors still have what was typed.
    const [stored] = await testDb().select().from(comments).where(eq(comments.id, old!.id))
    expect(stored!.content).toContain('0983.456.789')
  })

  it(
    'limits one client to 5 comments a minute, answering 429 with the form kept',
    { timeout: 30_000 },
    async () => {
      const ip = await limitReached('Giới hạn')
      const res = await post(SEED_SLUG, { ...valid, title: 'Giới hạn 6' }, { ip })
      const html = await res.text()
      expect(res.status).toBe(429)
      expect(res.headers.get('retry-after')).toBe('60')
      expect(await textsOf(html, '.form-error')).toEqual([
        'Bạn đã gửi quá nhiều bình luận. Vui lòng chờ một phút rồi thử lại.',
      ])
      expect((await formValues(html)).title).toBe('Giới hạn 6')
      expect(await storedComments('Giới hạn 6')).toEqual([])
      // Another client is not affected.
      expect((await post(SEED_SLUG, { ...valid, title: 'Người khác' })).status).toBe(303)
    },
  )

  it(
    'refuses a client over the limit before reading D1 or rendering the article',
    { timeout: 30_000 },
    async () => {
      const ip = await limitReached('Trước D1')
      // A database that answers nothing: the refusal must not need it.
      const reads: string[] = []
      const noDb = new Proxy(env.DB, {
        get(_target, prop) {
          reads.push(String(prop))
          throw new Error('D1 must not be read for a refused comment')
        },
      })
      const body = new URLSearchParams({ ...valid, title: 'Sau giới hạn' })
      body.set('altcha', await solvedCaptcha())
      const res = await appFetch(`/bai-viet/${SEED_SLUG}/binh-luan`, {
        env: { DB: noDb as D1Database },
        init: {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'cf-connecting-ip': ip },
          body,
          redirect: 'manual',
        },
      })
      const html = await res.text()
      expect(reads).toEqual([])
      expect(res.status).toBe(429)
      expect(res.headers.get('retry-after')).toBe('60')
      expect(res.headers.get('cache-control')).toBe('private, no-store')
      expect(await textsOf(html, 'h1.page-title')).toEqual(['Gửi quá nhiều lần'])
      expect(await textsOf(html, '.form-error')).toEqual([
        'Bạn đã gửi quá nhiều bình luận. Vui lòng chờ một phút rồi thử lại.',
      ])
      // The article is not rendered, but what was typed comes back.
      expect(html).not.toContain('class="article-body"')
      const kept = await formValues(html)
      expect([kept.title, kept.content]).toEqual(['Sau giới hạn', valid.content])
    },
  )

  it('takes a field sent twice as a malformed form: no honeypot or check is skipped by it', async () => {
    for (const [name, values] of [
      ['website', ['', 'http://spam.example']],
      ['content', ['Nội dung một', 'Nội dung hai']],
      ['altcha', ['x', 'y']],
    ] as const) {
      const body = new URLSearchParams({ ...valid, title: `Trùng ${name}` })
      body.set('altcha', await solvedCaptcha())
      body.delete(name)
      for (const v of values) body.append(name, v)
      const res = await get(`/bai-viet/${SEED_SLUG}/binh-luan`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'cf-connecting-ip': nextIp(),
        },
        body,
        redirect: 'manual',
      })
      expect(res.status, name).toBe(400)
      const html = await res.text()
      expect((await formValues(html)).title, name).toBe(`Trùng ${name}`)
      expect(await storedComments(`Trùng ${name}`)).toEqual([])
    }
  })

  it('calls a field that shows nothing empty: zero-width, format and blank look-alike characters', async () => {
    for (const blank of [
      '\u200B\u200C\u200D\u2060',
      '\uFEFF \u00A0',
      '\u3164\u3164',
      '\u2800',
      '\u0301\u034F',
    ]) {
      const res = await post(SEED_SLUG, { ...valid, title: blank, content: blank })
      expect(res.status).toBe(422)
      const html = await res.text()
      expect(await textsOf(html, '#loi-title')).toEqual(['Vui lòng nhập tiêu đề.'])
      expect(await textsOf(html, '#loi-content')).toEqual(['Vui lòng nhập nội dung.'])
    }
  })

  it('takes comments up to the promised 4,000 characters in any script: 4,000 emoji are not too large', async () => {
    const emoji = '😀'.repeat(4000)
    const res = await post(SEED_SLUG, { ...valid, title: 'Bốn nghìn emoji', content: emoji })
    expect(res.status).toBe(303)
    expect((await storedComments('Bốn nghìn emoji'))[0]?.content).toBe(emoji)
    const over = await post(SEED_SLUG, { ...valid, title: 'Quá dài', content: `${emoji}😀` })
    expect(over.status).toBe(422)
    expect(await textsOf(await over.text(), '#loi-content')).toEqual([
      'Nội dung không được dài quá 4000 ký tự.',
    ])
  })

  it('refuses a body beyond what the limits allow with 413, with or without Content-Length', async () => {
    const big = new URLSearchParams({ ...valid, content: 'x'.repeat(70_000) }).toString()
    expect(big.length).toBeGreaterThan(MAX_COMMENT_BODY_BYTES)
    const withLength = await get(`/bai-viet/${SEED_SLUG}/binh-luan`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'cf-connecting-ip': nextIp(),
      },
      body: big,
    })
    expect(withLength.status).toBe(413)
    expect(await textsOf(await withLength.text(), '.form-error')).toEqual([
      'Nội dung gửi lên quá lớn. Bình luận tối đa 4.000 ký tự.',
    ])
    const bytes = new TextEncoder().encode(big)
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 4096) controller.enqueue(bytes.slice(i, i + 4096))
        controller.close()
      },
    })
    const chunked = await get(`/bai-viet/${SEED_SLUG}/binh-luan`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'cf-connecting-ip': nextIp(),
      },
      body: stream,
    })
    expect(chunked.status).toBe(413)
  })

  it('answers a request that is not a form with 400 and the article page', async () => {
    const res = await get(`/bai-viet/${SEED_SLUG}/binh-luan`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': nextIp() },
      body: JSON.stringify(valid),
    })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(await textsOf(html, '.form-error')).toEqual([
      'Yêu cầu không hợp lệ. Vui lòng gửi lại bình luận từ biểu mẫu.',
    ])
    expect(html).toContain('<html lang="vi">')
  })

  it('refuses comments with 403 where the editor turned them off, and 404 for unknown articles', async () => {
    const { slug } = await insertArticle(testDb(), {
      categorySlug: 'kinh-te',
      commentsEnabled: false,
    })
    const res = await post(slug, valid)
    const html = await res.text()
    expect(res.status).toBe(403)
    expect(html).not.toContain('class="comment-form"')
    expect(html).toContain('Bài viết này đã tắt chức năng bình luận.')
    expect((await post('khong-ton-tai', valid)).status).toBe(404)
    const draft = await insertArticle(testDb(), { categorySlug: 'kinh-te', status: 'draft' })
    expect((await post(draft.slug, valid)).status).toBe(404)
  })

  it('stores decomposed Vietnamese as NFC without control characters', async () => {
    const marker = 'Chuẩn hóa'
    const res = await post(SEED_SLUG, {
      ...valid,
      title: marker,
      name: '  Trần\u0000 Thị Thu\u202e  '.normalize('NFD'),
      content: 'Dòng một\r\nDòng hai\u0007',
    })
    expect(res.status).toBe(303)
    const [row] = await storedComments(marker)
    expect(row?.name).toBe('Trần Thị Thu')
    expect(row?.content).toBe('Dòng một\nDòng hai')
  })
})

describe('what readers see of comments', () => {
  it('shows markup in approved comments as text, never as HTML', async () => {
    const marker = 'Thử mã độc'
    const content = '<script>alert(1)</script> "><img src=x onerror=alert(1)> javascript:alert(1)'
    expect((await post(SEED_SLUG, { ...valid, title: marker, content })).status).toBe(303)
    await approve(eq(comments.title, marker))
    const html = await (await get(`/bai-viet/${SEED_SLUG}`)).text()
    expect(html).not.toContain('<script>alert(1)</script>')
    expect(html).not.toContain('<img src=x')
    expect(html).not.toMatch(/href="javascript:/i)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    const shown = await textsOf(html, '.comment-content')
    expect(shown).toContain(content)
  })

  it('never shows or logs a submitted phone number', async () => {
    const phone = '0977 111 222'
    const normalized = '+84977111222'
    const national = '0977111222'
    const logged: string[] = []
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(' '))
      })
    }
    const marker = 'Có số điện thoại'
    expect((await post(SEED_SLUG, { ...valid, title: marker, phone })).status).toBe(303)
    await approve(and(eq(comments.title, marker), eq(comments.phone, normalized))!)
    // Also a failed post, which re-renders the form.
    const failed = await (
      await post(SEED_SLUG, { ...valid, name: '', phone }, { captcha: null })
    ).text()
    const pages = [
      await (await get(`/bai-viet/${SEED_SLUG}`)).text(),
      await (await get(`/bai-viet/${SEED_SLUG}?binh-luan=cho-duyet`)).text(),
      await (await get('/')).text(),
      await (await get('/chuyen-muc/xay-dung-dang')).text(),
    ]
    // The approved comment itself is on the article page, without its number.
    expect(pages[0]).toContain(marker)
    for (const page of pages) {
      expect(page).not.toContain(normalized)
      expect(page).not.toContain(national)
      expect(page).not.toContain(phone)
    }
    // Only the reader's own failed form gives their own input back to them.
    expect(failed).toContain(phone)
    expect(logged.join('\n')).not.toContain(normalized)
    expect(logged.join('\n')).not.toContain(national)
    expect(logged.join('\n')).not.toContain(phone)
  })
})

describe('many comments at once', () => {
  it('stores 50 simultaneous comments on one article exactly once each', async () => {
    const captchas = await Promise.all(Array.from({ length: 50 }, () => solvedCaptcha()))
    const responses = await Promise.all(
      captchas.map((captcha, i) =>
        post(
          SEED_SLUG,
          { ...valid, title: 'Đồng thời', content: `Bình luận số ${i}` },
          { captcha },
        ),
      ),
    )
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(303))
    const rows = await storedComments('Đồng thời')
    expect(rows).toHaveLength(50)
    expect(new Set(rows.map((r) => r.content)).size).toBe(50)
  })
})

describe('GET /api/captcha', () => {
  it('gives a fresh, signed, expiring challenge that is never cached', async () => {
    const a = await get('/api/captcha')
    const b = await get('/api/captcha')
    expect(a.status).toBe(200)
    expect(a.headers.get('cache-control')).toBe('private, no-store')
    const ca = (await a.json()) as {
      parameters: { nonce: string; expiresAt: number }
      signature: string
    }
    const cb = (await b.json()) as { parameters: { nonce: string } }
    expect(ca.parameters.nonce).not.toBe(cb.parameters.nonce)
    expect(ca.signature).toMatch(/^[0-9a-f]{64}$/)
    const ttl = ca.parameters.expiresAt * 1000 - Date.now()
    expect(ttl).toBeGreaterThan(CHALLENGE_TTL_MS - 5_000)
    expect(ttl).toBeLessThanOrEqual(CHALLENGE_TTL_MS)
  })
})

describe('phone numbers as readers write them', () => {
  let phoneCase = 0
  // Through the comment form: stored in E.164, shown to editors in the national form.
  it.each(VALID_PHONES)('%j is accepted and stored as %s', async (typed, stored, national) => {
    // A number in the title would be hidden there: each case is marked by a count instead.
    const marker = `Số mẫu thứ ${++phoneCase}`
    // Content of its own: the same comment twice is stored once.
    const content = `${valid.content} (${typed})`
    const res = await post(SEED_SLUG, { ...valid, title: marker, content, phone: typed })
    expect(res.status).toBe(303)
    const [row] = await storedComments(marker)
    expect(row?.phone).toBe(stored)
    expect(formatPhoneNational(stored)).toBe(national)
  })

  it('shows editors the national form, as a number to call', async () => {
    const marker = 'Gọi lại giúp tôi'
    expect(
      (await post(SEED_SLUG, { ...valid, title: marker, phone: '+84 (0)24 3765 1234' })).status,
    ).toBe(303)
    const client = new AdminClient()
    await client.login()
    const queue = await client.page(`/admin/comments?q=${encodeURIComponent(marker)}`)
    expect(await elementsOf(queue.html, 'a[href^="tel:"]', ['href'])).toContainEqual({
      href: 'tel:+842437651234',
    })
    expect(new Set(await textsOf(queue.html, 'a[href="tel:+842437651234"]'))).toEqual(
      new Set(['024 3765 1234']),
    )
  })

  it.each(INVALID_PHONES.filter((p) => p !== ''))(
    '%j is refused with the form kept',
    async (typed) => {
      const res = await post(SEED_SLUG, { ...valid, phone: typed }, { captcha: null })
      expect(res.status).toBe(422)
      const html = await res.text()
      expect(await textsOf(html, '#loi-phone')).toEqual([PHONE_MESSAGE])
      expect(await attrsOf(html, '#cf-phone', 'value')).toEqual([typed])
    },
  )
})
