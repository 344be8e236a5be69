import { env } from 'cloudflare:workers'
import { like, or } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { captchaSettings } from '../../src/captcha'
import { createAltchaChallenge } from '../../src/captcha/altcha'
import { comments } from '../../src/db/schema'
import { COMMENT_LIMITS } from '../../src/lib/comment-input'
import { normalizeVietnamesePhone } from '../../src/lib/phone'
import { MAX_COMMENT_BODY_BYTES } from '../../src/routes/comments'
import { cleanText, textLength, isBlank } from '../../src/lib/text'
import { solveAltcha } from '../captcha-helpers'
import { attrsOf, insertArticle, seedSample, testDb, textsOf } from '../helpers'
import {
  asHeaderValue,
  BYTE_PAYLOADS,
  NUMBERS,
  PAYLOADS,
  percentBytes,
  wellFormed,
  withBytes,
  type Payload,
} from './corpus'
import {
  commentsOnPage,
  freshIp,
  isVietnamese,
  jsonLdOf,
  liveInjections,
  pool,
  Tally,
} from './harness'

/**
 * Every field of the comment form (name, phone, title, content, the security code and the
 * honeypot) against the whole corpus, as URL-encoded and as multipart forms, plus invalid
 * UTF-8 as raw bytes, then the form's headers. A payload is refused with a clear 4xx (the
 * article page with a Vietnamese message and the form kept), or stored cleaned (NFC, no
 * control characters) and, once approved, shown on the article page exactly as text.
 */

const tally = new Tally('comments')
const ROUTE = 'POST /bai-viet/:slug/binh-luan'
// The server's own limit: a test copy of it went stale when the limit grew (found when a new
// payload moved the long word from multipart, 15 KB, to URL-encoded, 45 KB).
const MAX_BODY = MAX_COMMENT_BODY_BYTES
const CONCURRENCY = 4
const LONG = { timeout: 180_000 }

type Field = 'name' | 'phone' | 'title' | 'content' | 'altcha' | 'website'
const FIELDS: Field[] = ['name', 'phone', 'title', 'content', 'altcha', 'website']
/** Fields shown on the article page once the comment is approved. */
const SHOWN = ['name', 'title', 'content'] as const

const VALID = { name: 'Bạn đọc', phone: '', title: 'Góp ý', content: 'Nội dung góp ý.' }

/** One article per field, so that no page lists more comments than it shows (200). */
const articleFor = new Map<Field, string>()

type Expected = { status: 303 | 413 | 422; stored: boolean; error?: string }

/** A comment that should have been stored: where to find it and what its column should hold. */
type Stored = {
  marker: string
  field: Field
  slug: string
  payload: string
  column: 'name' | 'phone' | 'title' | 'content'
  expected: string | null
}
const stored: Stored[] = []

let markerCounter = 0
const nextMarker = () => `HX${String(++markerCounter).padStart(4, '0')}`

/** A solved security code, made in-process (no request) as the widget would. */
async function captcha(): Promise<string> {
  const settings = await captchaSettings(env)
  if (settings.provider !== 'altcha') throw new Error('expected altcha')
  return solveAltcha(await createAltchaChallenge(settings.altcha))
}

/** What the server should make of `value` in `field` (`decoded`: the text as the server reads it). */
function expectation(field: Field, decoded: string, bodyBytes: number): Expected {
  if (bodyBytes > MAX_BODY) return { status: 413, stored: false }
  if (field === 'website') {
    // A filled honeypot is answered like a success; nothing is stored.
    return { status: 303, stored: decoded.trim() === '' }
  }
  if (field === 'altcha') return { status: 422, stored: false, error: 'captcha' }
  const cleaned = cleanText(decoded, { multiline: field === 'content' })
  if (field === 'phone') {
    const ok =
      cleaned === '' ||
      (cleaned.length <= COMMENT_LIMITS.phone && normalizeVietnamesePhone(cleaned) !== null)
    return ok ? { status: 303, stored: true } : { status: 422, stored: false, error: 'phone' }
  }
  const limit = field === 'content' ? COMMENT_LIMITS.content : COMMENT_LIMITS[field]
  // Required: something visible (isBlank), within the limit in characters.
  const ok = !isBlank(cleaned) && textLength(cleaned) <= limit
  return ok ? { status: 303, stored: true } : { status: 422, stored: false, error: field }
}

/** Fields of one post: the payload in `field`, a marker in a field that is always valid. */
function fieldsFor(field: Field, marker: string) {
  const fields: Record<string, string> = { ...VALID }
  if (field === 'title') fields.name = marker
  else fields.title = marker
  return fields
}

type Body = { bytes: Uint8Array; contentType: string }

async function urlEncoded(fields: Record<string, string>): Promise<Body> {
  return {
    bytes: new TextEncoder().encode(new URLSearchParams(fields).toString()),
    contentType: 'application/x-www-form-urlencoded',
  }
}

async function multipart(fields: Record<string, string>): Promise<Body> {
  const form = new FormData()
  // A browser's FormData holds well-formed text (lone surrogates become U+FFFD); workerd's
  // would send them as invalid UTF-8, which the byte payloads cover on their own.
  for (const [k, v] of Object.entries(fields)) form.set(k, wellFormed(v))
  const res = new Response(form)
  return {
    bytes: new Uint8Array(await res.arrayBuffer()),
    contentType: res.headers.get('content-type')!,
  }
}

/** Posts a comment body and checks the answer against what was expected. */
async function postAndCheck(opts: {
  field: Field
  payload: Pick<Payload, 'name'>
  slug: string
  body: Body
  marker: string
  decoded: string
  where: string
}) {
  const { field, payload, slug, body, marker, decoded, where } = opts
  const expected = expectation(field, decoded, body.bytes.length)
  const res = await tally.fetch(
    ROUTE,
    `form field ${field}`,
    `/bai-viet/${slug}/binh-luan`,
    {
      method: 'POST',
      headers: { 'content-type': body.contentType, 'cf-connecting-ip': freshIp('10.1') },
      body: body.bytes,
    },
    payload.name,
  )
  if (!tally.status(res, [expected.status], where, payload)) return void (await res.body?.cancel())
  if (res.status === 303) {
    await res.body?.cancel()
    const location = res.headers.get('location') ?? ''
    if (!location.startsWith(`/bai-viet/${slug}?binh-luan=cho-duyet`)) {
      tally.fail(where, payload, `redirected to ${location}`)
    }
    if (expected.stored) {
      const clean = cleanText(decoded, { multiline: field === 'content' })
      const entry = { marker, field, slug, payload: payload.name }
      if (field === 'name' || field === 'title' || field === 'content') {
        stored.push({ ...entry, column: field, expected: clean })
      } else if (field === 'phone') {
        stored.push({ ...entry, column: 'phone', expected: normalizeVietnamesePhone(clean) })
      } else {
        // An empty honeypot: the comment is stored as if the field were not there.
        stored.push({ ...entry, column: 'title', expected: marker })
      }
    }
    return
  }
  // Refused: the article page again, with a Vietnamese message and nothing live from the payload.
  const html = await res.text()
  const live = await liveInjections(html)
  if (live.length > 0) tally.fail(where, payload, `live markup ${live.join(' ')}`)
  const [formError] = await textsOf(html, '.form-error')
  if (!formError || !isVietnamese(formError)) {
    tally.fail(where, payload, `${res.status} without a Vietnamese message`)
  }
  if (expected.error) {
    const [message] = await textsOf(html, `#loi-${expected.error}`)
    if (!message || !isVietnamese(message)) {
      tally.fail(where, payload, `no message beside ${expected.error}`)
    }
  }
  // The form comes back with what was typed, cleaned, as text.
  if (res.status === 422 && (field === 'name' || field === 'title' || field === 'phone')) {
    const [shown] = await attrsOf(html, `#cf-${field}`, 'value')
    const clean = cleanText(decoded)
    if (shown !== clean) {
      tally.fail(where, payload, `form shows ${JSON.stringify(shown?.slice(0, 40))} back`)
    }
  }
  if (res.status === 422 && field === 'content') {
    const [shown] = await textsOf(html, '#cf-content')
    const clean = cleanText(decoded, { multiline: true })
    // The HTML parser drops one newline right after <textarea>, as browsers do.
    if (shown?.replace(/^\n/, '') !== clean) {
      tally.fail(where, payload, `form shows ${JSON.stringify(shown?.slice(0, 40))} back`)
    }
  }
}

beforeAll(async () => {
  await seedSample()
  for (const field of FIELDS) {
    const { slug } = await insertArticle(testDb(), {
      categorySlug: 'kinh-te',
      title: `Bài nhận bình luận ${field}`,
      slug: `bai-nhan-binh-luan-${field}`,
    })
    articleFor.set(field, slug)
  }
})

afterAll(() => {
  tally.report({
    payloads: PAYLOADS.length,
    numbers: NUMBERS.length,
    bytePayloads: BYTE_PAYLOADS.length,
  })
})

describe('hostile input: the comment form', () => {
  it(
    'refuses or stores every payload in every field, URL-encoded and multipart',
    LONG,
    async () => {
      const jobs = FIELDS.flatMap((field) =>
        PAYLOADS.map((payload, i) => async () => {
          const marker = nextMarker()
          const fields = fieldsFor(field, marker)
          fields[field] = payload.value
          // A solved code for every post (the code itself is the input of the `altcha` case).
          if (field !== 'altcha') fields.altcha = await captcha()
          // Both encodings across the corpus: even payloads URL-encoded, odd ones multipart.
          const multi = i % 2 === 1
          const body = multi ? await multipart(fields) : await urlEncoded(fields)
          await postAndCheck({
            field,
            payload,
            slug: articleFor.get(field)!,
            body,
            marker,
            // Forms carry text as UTF-8: a lone surrogate arrives as U+FFFD.
            decoded: wellFormed(payload.value),
            where: `${ROUTE} ${field} (${multi ? 'multipart' : 'urlencoded'})`,
          })
        }),
      )
      await pool(jobs, CONCURRENCY, (job) => job())
      tally.assertClean()
    },
  )

  it('reads invalid UTF-8 in any field as U+FFFD, raw or percent-encoded', LONG, async () => {
    const jobs = FIELDS.flatMap((field) =>
      BYTE_PAYLOADS.flatMap((payload) =>
        [false, true].map((percent) => async () => {
          const marker = nextMarker()
          const fields = fieldsFor(field, marker)
          if (field !== 'altcha') fields.altcha = await captcha()
          delete fields[field]
          const before = `${new URLSearchParams(fields).toString()}&${field}=`
          const bytes = percent
            ? new TextEncoder().encode(before + percentBytes(payload.bytes))
            : withBytes(before, payload.bytes)
          await postAndCheck({
            field,
            payload,
            slug: articleFor.get(field)!,
            body: { bytes, contentType: 'application/x-www-form-urlencoded' },
            marker,
            decoded: new TextDecoder().decode(payload.bytes),
            where: `${ROUTE} ${field} (${percent ? 'percent-encoded' : 'raw'} bytes)`,
          })
        }),
      ),
    )
    await pool(jobs, CONCURRENCY, (job) => job())
    tally.assertClean()
  })

  it('refuses forged security codes with 422', LONG, async () => {
    const b64 = (value: unknown) => btoa(JSON.stringify(value))
    const forged: Payload[] = [
      { name: 'parameters null', value: b64({ challenge: { parameters: null }, solution: {} }) },
      { name: 'parameters array', value: b64({ challenge: { parameters: [] }, solution: null }) },
      {
        name: 'parameters of the wrong types',
        value: b64({
          challenge: {
            parameters: {
              algorithm: 'PBKDF2/SHA-256',
              expiresAt: 1e300,
              cost: 10,
              nonce: { $gt: '' },
              salt: 1,
              keyLength: -1,
            },
            signature: '<script>',
          },
          solution: { counter: 'NaN', derivedKey: '' },
        }),
      },
      {
        name: 'solution for another cost',
        value: b64({
          challenge: {
            parameters: { algorithm: 'PBKDF2/SHA-256', expiresAt: 1, cost: 100_000 },
          },
          solution: { counter: 1, derivedKey: '00' },
        }),
      },
      { name: 'challenge as a string', value: b64({ challenge: 'x', solution: 'y' }) },
      { name: 'json null', value: btoa('null') },
      { name: 'not base64', value: '%%%***' },
      { name: 'non-latin1 text', value: 'mã xác nhận' },
      { name: 'over 10,000 characters', value: 'A'.repeat(12_000) },
    ].map((p) => ({ ...p, category: 'misc' as const }))
    await pool(forged, CONCURRENCY, async (payload) => {
      const marker = nextMarker()
      const fields = { ...fieldsFor('altcha', marker), altcha: payload.value }
      await postAndCheck({
        field: 'altcha',
        payload,
        slug: articleFor.get('altcha')!,
        body: await urlEncoded(fields),
        marker,
        decoded: payload.value,
        where: `${ROUTE} altcha (forged)`,
      })
    })
    tally.assertClean()
  })

  it('answers hostile Content-Type and Content-Length headers with a clear 4xx', LONG, async () => {
    const slug = articleFor.get('website')!
    const body = new URLSearchParams({ ...VALID, title: 'Tiêu đề lạ' }).toString()
    const jobs = [
      ...PAYLOADS.map((p) => ({ header: 'content-type', value: asHeaderValue(p.value), p })),
      ...PAYLOADS.map((p) => ({
        header: 'content-type',
        value: `multipart/form-data; boundary=${asHeaderValue(p.value)}`,
        p,
      })),
      ...[...NUMBERS, ...PAYLOADS.filter((p) => p.category !== 'size')].map((p) => ({
        header: 'content-length',
        value: asHeaderValue(p.value),
        p,
      })),
    ]
    await pool(jobs, CONCURRENCY, async ({ header, value, p }) => {
      const where = `${ROUTE} header ${header}`
      const headers: Record<string, string> = {
        'content-type': 'application/x-www-form-urlencoded',
        'cf-connecting-ip': freshIp('10.2'),
      }
      headers[header] = value
      const res = await tally.fetch(
        ROUTE,
        `header ${header}`,
        `/bai-viet/${slug}/binh-luan`,
        { method: 'POST', headers, body },
        p.name,
      )
      // Not a form: 400. A form without a security code: 422. A declared length over the limit: 413.
      if (!tally.status(res, [400, 413, 422], where, p)) return void (await res.body?.cancel())
      const html = await res.text()
      const [message] = await textsOf(html, '.form-error')
      if (!message || !isVietnamese(message)) tally.fail(where, p, 'no Vietnamese message')
      const live = await liveInjections(html)
      if (live.length > 0) tally.fail(where, p, `live markup ${live.join(' ')}`)
    })
    tally.assertClean()
  })

  it(
    'stores what it accepted cleaned and in NFC, and shows it on the page as text',
    LONG,
    async () => {
      expect(stored.length).toBeGreaterThan(100)
      const rows = await testDb()
        .select()
        .from(comments)
        .where(or(like(comments.title, 'HX%'), like(comments.name, 'HX%')))
      const byMarker = new Map<string, (typeof rows)[number]>()
      for (const row of rows) {
        const marker = /^HX\d{4}$/.test(row.title) ? row.title : row.name
        byMarker.set(marker, row)
      }
      const storedIds: number[] = []
      for (const s of stored) {
        const row = byMarker.get(s.marker)
        const where = `stored ${s.field}`
        if (!row) {
          tally.fail(where, s.payload, 'accepted (303) but not stored')
          continue
        }
        storedIds.push(row.id)
        const value = row[s.column]
        if (value !== s.expected) {
          tally.fail(where, s.payload, `stored ${JSON.stringify(value?.slice(0, 40))}`)
        }
        for (const text of [row.name, row.title, row.content]) {
          if (text !== text.normalize('NFC')) tally.fail(where, s.payload, 'stored text is not NFC')
          if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(text)) {
            tally.fail(where, s.payload, 'stored text has control or bidi-override characters')
          }
          if (/[\ud800-\udfff]/.test(text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))) {
            tally.fail(where, s.payload, 'stored text has a lone surrogate')
          }
        }
      }
      // Nothing else was stored: refused posts and filled honeypots leave no row.
      const accepted = new Set(stored.map((s) => s.marker))
      for (const [marker, row] of byMarker) {
        if (!accepted.has(marker)) tally.fail('stored', `comment ${row.id}`, 'stored but refused')
      }

      // Approve everything through the admin API, as a moderator would.
      for (let i = 0; i < storedIds.length; i += 90) {
        const res = await tally.fetch(
          'POST /api/admin/comments/moderate',
          'setup',
          '/api/admin/comments/moderate',
          {
            method: 'POST',
            headers: {
              authorization: 'Bearer test-admin-token',
              'content-type': 'application/json',
            },
            body: JSON.stringify({ ids: storedIds.slice(i, i + 90), action: 'approve' }),
          },
        )
        expect(res.status).toBe(200)
      }

      // Each article page shows its comments exactly as text, with nothing live from a payload.
      for (const slug of new Set(stored.map((s) => s.slug))) {
        const res = await tally.fetch('GET /bai-viet/:slug', 'shown comments', `/bai-viet/${slug}`)
        expect(res.status).toBe(200)
        const html = await res.text()
        const live = await liveInjections(html)
        if (live.length > 0)
          tally.fail(`GET /bai-viet/${slug}`, 'approved comments', live.join(' '))
        await jsonLdOf(html)
        const shown = await commentsOnPage(html)
        for (const s of stored.filter((x) => x.slug === slug)) {
          const row = byMarker.get(s.marker)
          if (!row) continue
          const onPage = shown.get(row.id)
          if (!onPage) {
            tally.fail(`shown ${s.field}`, s.payload, 'approved but not on the page')
            continue
          }
          for (const key of SHOWN) {
            // Line breaks in the content are <br> elements, not text.
            const want = key === 'content' ? row.content.replace(/\n/g, '') : row[key]
            if (onPage[key] !== want) {
              tally.fail(
                `shown ${s.field}`,
                s.payload,
                `${key} shown as ${JSON.stringify(onPage[key].slice(0, 40))}`,
              )
            }
          }
        }
      }
      tally.assertClean()
    },
  )
})
