import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { safeFileName } from '../../src/admin/media'
import { detectFileType, nameForType } from '../../src/media/file-type'
import { attrsOf, seedSample, textsOf } from '../helpers'
import { asHeaderValue, BYTE_PAYLOADS, NUMBERS, PAYLOADS, wellFormed, type Payload } from './corpus'
import {
  adminApi,
  liveInjections,
  ORIGIN,
  pool,
  signInAdmin,
  Tally,
  type AdminSession,
} from './harness'
import { PNG_2X1 } from '../fixtures/images'

/**
 * Uploads: the file name, the declared content type and the bytes of images and attachments,
 * through the JSON API and the web admin, against the corpus. A file is refused (413, 415, 422)
 * or stored under a safe name that the pages, the admin and the download header show as text.
 */

const tally = new Tally('uploads')
const CONCURRENCY = 4
const LONG = { timeout: 180_000 }

const PNG = PNG_2X1
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')

let articleId = 0
let articleSlug = ''
let session: AdminSession

/** A multipart body, and what the server reads back from it (null: it cannot be read). */
type Multipart = { bytes: Uint8Array; contentType: string; name: string | null }

/**
 * A multipart body with one file, encoded as a browser does (quotes, CR and LF in the file name
 * percent-encoded, everything else as UTF-8, backslashes included), and the file name the
 * server will read from it: workerd's own parser, run here, tells what arrives.
 */
async function fileForm(
  bytes: Uint8Array,
  fileName: string,
  type = 'application/octet-stream',
  extra: Record<string, string> = {},
): Promise<Multipart> {
  const boundary = `----hx${crypto.randomUUID()}`
  const enc = new TextEncoder()
  const quote = (v: string) =>
    wellFormed(v).replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
  const chunks: Uint8Array[] = []
  for (const [k, v] of Object.entries(extra)) {
    chunks.push(
      enc.encode(
        `--${boundary}\r\nContent-Disposition: form-data; name="${quote(k)}"\r\n\r\n${v}\r\n`,
      ),
    )
  }
  chunks.push(
    enc.encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quote(fileName)}"\r\n` +
        `Content-Type: ${type || 'application/octet-stream'}\r\n\r\n`,
    ),
    bytes,
    enc.encode(`\r\n--${boundary}--\r\n`),
  )
  const body = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0))
  let at = 0
  for (const c of chunks) {
    body.set(c, at)
    at += c.length
  }
  const contentType = `multipart/form-data; boundary=${boundary}`
  let name: string | null = null
  try {
    const parsed = await new Response(body, { headers: { 'content-type': contentType } }).formData()
    const file = parsed.get('file')
    name = file instanceof File ? file.name : ''
  } catch {
    name = null
  }
  return { bytes: body, contentType, name }
}

/** What an upload of this form should get: 201, 422 (no file: an empty name), 400 (unreadable). */
const uploadStatus = (form: Multipart) => (form.name === null ? 400 : form.name === '' ? 422 : 201)

const UNSAFE_NAME = /[\u0000-\u001f\u007f"\\/\u202a-\u202e\u2066-\u2069]/

beforeAll(async () => {
  await seedSample()
  session = await signInAdmin(tally)
  const cats = await adminApi(tally, 'GET /api/admin/categories', 'setup', 'GET', '/categories')
  const { items } = (await cats.json()) as { items: { id: number; slug: string }[] }
  const res = await adminApi(tally, 'POST /api/admin/articles', 'setup', 'POST', '/articles', {
    json: {
      title: 'Bài có tệp đính kèm lạ',
      slug: 'bai-co-tep-dinh-kem-la',
      categoryId: items.find((c) => c.slug === 'kinh-te')!.id,
      status: 'published',
    },
  })
  const article = (await res.json()) as { id: number; slug: string }
  articleId = article.id
  articleSlug = article.slug
})

afterAll(() => {
  tally.report({
    payloads: PAYLOADS.length,
    numbers: NUMBERS.length,
    bytePayloads: BYTE_PAYLOADS.length,
  })
})

type Uploaded = { key: string; fileName: string; payload: string }
const attachments: Uploaded[] = []

/** Sends a multipart upload to the API and checks the status and the refusal shape. */
async function upload(
  route: string,
  input: string,
  path: string,
  form: Multipart,
  allowed: number[],
  payload: Pick<Payload, 'name'>,
) {
  const res = await adminApi(tally, route, input, 'POST', path, {
    body: form.bytes,
    headers: { 'content-type': form.contentType },
    payload: payload.name,
  })
  const where = `${route} ${input}`
  if (!tally.status(res, allowed, where, payload)) return void (await res.body?.cancel())
  if (res.status >= 400) return void (await tally.apiError(res, where, payload))
  return (await res.json()) as { key: string; fileName: string; contentType: string; url: string }
}

/** The stored name must be the safe form of what was sent: cleaned, NFC, no path or quotes. */
/** The name a file sent as `sent` must be stored under: safe, and ending as what it is. */
function checkName(
  where: string,
  p: Pick<Payload, 'name'>,
  sent: string,
  stored: string,
  bytes: Uint8Array,
) {
  const expected = nameForType(safeFileName(sent), detectFileType(bytes, safeFileName(sent))!)
  if (stored !== expected) tally.fail(where, p, `stored as ${JSON.stringify(stored)}`)
  if (UNSAFE_NAME.test(stored)) tally.fail(where, p, `unsafe name ${JSON.stringify(stored)}`)
  if (stored !== stored.normalize('NFC') || stored.length > 200 || stored === '') {
    tally.fail(where, p, `name not NFC, too long or empty: ${JSON.stringify(stored.slice(0, 40))}`)
  }
}

describe('hostile input: uploads through the API', () => {
  it(
    'stores images and attachments under a safe name for every payload as the file name',
    LONG,
    async () => {
      const names = [
        ...PAYLOADS,
        ...BYTE_PAYLOADS.map((b) => ({ name: b.name, value: new TextDecoder().decode(b.bytes) })),
        { name: 'windows path', value: 'C:\\Users\\me\\ảnh đẹp.png' },
        { name: 'unix path', value: '/etc/cron.d/ảnh.png' },
        { name: 'quotes and semicolons', value: 'a"; filename*=UTF-8\'\'evil.html; x=".pdf' },
      ]
      await pool(names, CONCURRENCY, async (p) => {
        const image = await fileForm(PNG, p.value, 'image/png')
        const row = await upload(
          'POST /api/admin/media',
          'file name',
          '/media',
          image,
          [uploadStatus(image)],
          p,
        )
        if (row) {
          checkName('POST /api/admin/media file name', p, image.name!, row.fileName, PNG)
          if (!/^anh\/\d{4}\/\d{2}\/[A-Za-z0-9_-]{22}\.png$/.test(row.key)) {
            tally.fail('POST /api/admin/media', p, `key ${row.key}`)
          }
        }
        const pdf = await fileForm(PDF, p.value, 'application/pdf')
        const att = await upload(
          'POST /api/admin/articles/:id/attachments',
          'file name',
          `/articles/${articleId}/attachments`,
          pdf,
          [uploadStatus(pdf)],
          p,
        )
        if (att) {
          checkName(
            'POST /api/admin/articles/:id/attachments file name',
            p,
            pdf.name!,
            att.fileName,
            PDF,
          )
          attachments.push({ key: att.key, fileName: att.fileName, payload: p.name })
        }
      })
      tally.assertClean()
    },
  )

  it(
    'downloads attachments under their name, and lists them on the article as text',
    LONG,
    async () => {
      expect(attachments.length).toBeGreaterThan(40)
      await pool(attachments, CONCURRENCY, async (a) => {
        const where = 'GET /media/* (attachment)'
        const res = await tally.fetch('GET /media/*', 'stored file name', `/media/${a.key}`)
        if (!tally.status(res, [200], where, a.payload)) return
        await res.body?.cancel()
        const disposition = res.headers.get('content-disposition') ?? ''
        const encoded = /filename\*=UTF-8''([^;\s]*)$/.exec(disposition)?.[1]
        if (!disposition.startsWith('attachment; filename="') || encoded === undefined) {
          tally.fail(where, a.payload, `Content-Disposition ${disposition}`)
        } else if (decodeURIComponent(encoded) !== a.fileName) {
          tally.fail(where, a.payload, `downloads as ${decodeURIComponent(encoded)}`)
        }
        if (res.headers.get('content-type') !== 'application/pdf') {
          tally.fail(where, a.payload, `served as ${res.headers.get('content-type')}`)
        }
        if (res.headers.get('x-content-type-options') !== 'nosniff') {
          tally.fail(where, a.payload, 'without nosniff')
        }
      })
      const res = await tally.fetch(
        'GET /bai-viet/:slug',
        'stored file names',
        `/bai-viet/${articleSlug}`,
      )
      expect(res.status).toBe(200)
      const html = await res.text()
      const live = await liveInjections(html)
      if (live.length > 0) tally.fail('GET /bai-viet/:slug', 'attachments', live.join(' '))
      const shown = await textsOf(html, '.attachments li a')
      const downloads = await attrsOf(html, '.attachments li a', 'download')
      for (const a of attachments) {
        if (!shown.includes(a.fileName))
          tally.fail('attachment list', a.payload, 'name not shown as text')
        if (!downloads.includes(a.fileName))
          tally.fail('attachment list', a.payload, 'download name differs')
      }
      tally.assertClean()
    },
  )

  it(
    'judges files by their bytes, whatever their declared type, and refuses the rest',
    LONG,
    async () => {
      // The declared content type of the part is ignored: a PNG is a PNG.
      await pool([...PAYLOADS, ...NUMBERS], CONCURRENCY, async (p) => {
        const form = await fileForm(PNG, 'anh.png', asHeaderValue(p.value).slice(0, 200))
        const row = await upload(
          'POST /api/admin/media',
          'file content type',
          '/media',
          form,
          [201],
          p,
        )
        if (row && row.contentType !== 'image/png') {
          tally.fail('POST /api/admin/media file content type', p, `stored as ${row.contentType}`)
        }
      })
      const enc = new TextEncoder()
      const contents: { name: string; bytes: Uint8Array; allowed: number[] }[] = [
        ...PAYLOADS.map((p) => ({
          name: p.name,
          bytes: enc.encode(p.value),
          // Text is no image: 415; nothing at all: 422.
          allowed: p.value === '' ? [422] : [415],
        })),
        ...BYTE_PAYLOADS.map((b) => ({ name: b.name, bytes: b.bytes, allowed: [415] })),
        {
          name: 'svg with script',
          bytes: enc.encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
          allowed: [415],
        },
        {
          name: 'html named png',
          bytes: enc.encode('<!doctype html><script>alert(1)</script>'),
          allowed: [415],
        },
        {
          name: 'zip named png',
          bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]),
          allowed: [415],
        },
        { name: 'pdf as an image', bytes: PDF, allowed: [415] },
        { name: 'truncated png signature', bytes: PNG.slice(0, 5), allowed: [415] },
        {
          name: '6 MB image',
          bytes: (() => {
            const b = new Uint8Array(6 * 1024 * 1024)
            b.set(PNG)
            return b
          })(),
          allowed: [413],
        },
      ]
      await pool(contents, CONCURRENCY, async (c) => {
        const form = await fileForm(c.bytes, 'anh.png', 'image/png')
        await upload('POST /api/admin/media', 'file bytes', '/media', form, c.allowed, c)
      })
      // A PNG with a script after its signature is stored, and only ever served as an image.
      const polyglot = new Uint8Array([...PNG, ...enc.encode('<script>alert(1)</script><html>')])
      const row = await upload(
        'POST /api/admin/media',
        'file bytes',
        '/media',
        await fileForm(polyglot, 'x.html', 'text/html'),
        [201],
        { name: 'png polyglot' },
      )
      expect(row).toBeTruthy()
      const served = await tally.fetch('GET /media/*', 'stored file', `/media/${row!.key}`)
      expect(served.headers.get('content-type')).toBe('image/png')
      expect(served.headers.get('x-content-type-options')).toBe('nosniff')
      await served.body?.cancel()
      tally.assertClean()
    },
  )

  it('refuses uploads that are not a multipart form with a file', LONG, async () => {
    const cases: { name: string; body: BodyInit; contentType: string; allowed: number[] }[] = [
      ...PAYLOADS.map((p) => ({
        name: p.name,
        body: PNG,
        contentType: asHeaderValue(p.value),
        allowed: [415],
      })),
      ...PAYLOADS.map((p) => ({
        name: p.name,
        body: PNG,
        contentType: `multipart/form-data; boundary=${asHeaderValue(p.value).slice(0, 200)}`,
        allowed: [400, 422],
      })),
      { name: 'no file field', ...(await textForm({ other: 'x' })), allowed: [422] },
      { name: 'file as text', ...(await textForm({ file: 'không phải tệp' })), allowed: [422] },
      {
        name: 'empty multipart',
        body: '',
        contentType: 'multipart/form-data; boundary=x',
        allowed: [400, 422],
      },
    ]
    await pool(cases, CONCURRENCY, async (c) => {
      for (const [route, path] of [
        ['POST /api/admin/media', '/media'],
        ['POST /api/admin/articles/:id/attachments', `/articles/${articleId}/attachments`],
      ] as const) {
        const res = await adminApi(tally, route, 'header Content-Type', 'POST', path, {
          body: c.body,
          headers: { 'content-type': c.contentType },
          payload: c.name,
        })
        const where = `${route} (not a file form)`
        if (tally.status(res, c.allowed, where, c)) await tally.apiError(res, where, c)
      }
    })
    tally.assertClean()
  })
})

async function textForm(fields: Record<string, string>) {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.set(k, v)
  const res = new Response(form)
  return {
    body: new Uint8Array(await res.arrayBuffer()),
    contentType: res.headers.get('content-type')!,
  }
}

describe('hostile input: uploads through the web admin', () => {
  it(
    'stores or refuses every payload as a file name, and lists the names as text',
    LONG,
    async () => {
      const uploads = PAYLOADS.flatMap((p) => [
        { p, route: 'POST /admin/media', path: '/admin/media', bytes: PNG },
        {
          p,
          route: 'POST /admin/articles/:id/attachments',
          path: `/admin/articles/${articleId}/attachments`,
          bytes: PDF,
        },
      ])
      await pool(uploads, CONCURRENCY, async ({ p, route, path, bytes }) => {
        const form = await fileForm(bytes, p.value, 'application/octet-stream', {
          _csrf: session.csrf,
        })
        const res = await tally.fetch(
          route,
          'file name',
          path,
          {
            method: 'POST',
            headers: { 'content-type': form.contentType, cookie: session.cookie, origin: ORIGIN },
            body: form.bytes,
          },
          p.name,
        )
        // Stored: back to the page (303). No file (an empty name): the page with a message.
        const allowed = form.name === null ? [400, 403] : form.name === '' ? [422] : [303]
        if (tally.status(res, allowed, `${route} file name`, p)) await res.body?.cancel()
      })
      for (const path of ['/admin/media', `/admin/articles/${articleId}`]) {
        const res = await tally.fetch(
          `GET ${path.replace(/\d+$/, ':id')}`,
          'stored file names',
          path,
          {
            headers: { cookie: session.cookie },
          },
        )
        expect(res.status).toBe(200)
        const live = await liveInjections(await res.text())
        if (live.length > 0) tally.fail(`GET ${path}`, 'stored file names', live.join(' '))
      }
      tally.assertClean()
    },
  )
})
