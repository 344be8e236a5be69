import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cleanText } from '../../src/lib/text'
import { attrsOf, seedSample, textsOf } from '../helpers'
import {
  asHeaderValue,
  BYTE_PAYLOADS,
  URL_BYTE_PAYLOADS,
  MAX_URL_PAYLOAD,
  NUMBERS,
  PAYLOADS,
  percentBytes,
  urlEncode,
  wellFormed,
  type Payload,
} from './corpus'
import {
  adminApi,
  ADMIN_TOKEN,
  freshIp,
  inGroups,
  isVietnamese,
  liveInjections,
  ORIGIN,
  pool,
  signInAdmin,
  Tally,
  type AdminSession,
} from './harness'

/**
 * The web admin: the sign-in form, the session cookie, the CSRF token, every form field of
 * articles, categories, comments and editors, every path id and query filter, against the
 * corpus. Then every admin page that shows what was stored must show it as text.
 */

const tally = new Tally('admin-html')
const CONCURRENCY = 4
const LONG = { timeout: 180_000 }
const FORM = 'application/x-www-form-urlencoded'

let session: AdminSession
let categoryId = 0

/** A same-origin form post with the session and its CSRF token. */
function post(
  route: string,
  input: string,
  path: string,
  fields: Record<string, string | string[]>,
  payload?: string,
  headers: Record<string, string> = {},
) {
  const body = new URLSearchParams({ _csrf: session.csrf })
  for (const [k, v] of Object.entries(fields)) for (const item of [v].flat()) body.append(k, item)
  return tally.fetch(
    route,
    input,
    path,
    {
      method: 'POST',
      headers: {
        'content-type': FORM,
        cookie: session.cookie,
        origin: ORIGIN,
        'cf-connecting-ip': freshIp('10.6'),
        ...headers,
      },
      body,
    },
    payload,
  )
}

function getPage(route: string, input: string, path: string, payload?: string) {
  return tally.fetch(route, input, path, { headers: { cookie: session.cookie } }, payload)
}

/** An admin (or reader 404) page: never live markup from a payload; refusals in Vietnamese. */
async function checkPage(res: Response, where: string, payload: Pick<Payload, 'name'> | string) {
  const html = await res.text()
  const live = await liveInjections(html)
  if (live.length > 0) tally.fail(where, payload, `live markup ${live.join(' ')}`)
  if (res.status >= 400 && !isVietnamese(html)) tally.fail(where, payload, 'no Vietnamese message')
  return html
}

const urlValues = [
  ...[...PAYLOADS, ...NUMBERS].map((p) => ({
    name: p.name,
    encoded: urlEncode(p.value.slice(0, MAX_URL_PAYLOAD)),
  })),
  ...URL_BYTE_PAYLOADS.map((b) => ({ name: b.name, encoded: percentBytes(b.bytes) })),
]

/** Text and invalid UTF-8, without the numbers corpus (for inputs that are not numeric). */
const textUrlValues = urlValues.filter((v) => !NUMBERS.some((n) => n.name === v.name))

/** Where a redirect after sign-in may go: the admin, on this origin. */
const SAFE_NEXT = /^\/admin(\/[A-Za-z0-9/_?=&%.-]*)?$/

beforeAll(async () => {
  await seedSample()
  session = await signInAdmin(tally)
  const res = await adminApi(tally, 'GET /api/admin/categories', 'setup', 'GET', '/categories')
  const { items } = (await res.json()) as { items: { id: number; slug: string }[] }
  categoryId = items.find((c) => c.slug === 'kinh-te')!.id
})

afterAll(() => {
  tally.report({
    payloads: PAYLOADS.length,
    numbers: NUMBERS.length,
    bytePayloads: BYTE_PAYLOADS.length,
  })
})

describe('hostile input: signing in', () => {
  it('refuses every payload as the token, and keeps every `next` on the admin', LONG, async () => {
    const tokens = [
      ...PAYLOADS,
      ...BYTE_PAYLOADS.map((b) => ({ name: b.name, value: new TextDecoder().decode(b.bytes) })),
    ]
    await pool(tokens, CONCURRENCY, async (p) => {
      const where = 'POST /admin/login token'
      const body = new URLSearchParams({ token: p.value, next: '/admin' })
      const res = await tally.fetch(
        'POST /admin/login',
        'form field token',
        '/admin/login',
        {
          method: 'POST',
          headers: { 'content-type': FORM, origin: ORIGIN, 'cf-connecting-ip': freshIp('10.3') },
          body,
        },
        p.name,
      )
      // Over 4 KB: 413. Any other wrong token: 401 and the form again.
      const big = body.toString().length > 4096
      if (!tally.status(res, big ? [413] : [401], where, p)) return
      const html = await checkPage(res, where, p)
      if (!big && !(await textsOf(html, '.form-error'))[0]) tally.fail(where, p, 'no message')
      if (res.headers.getSetCookie().some((c) => c.startsWith('__Host-ctt_admin='))) {
        tally.fail(where, p, 'a wrong token got a session')
      }
    })
    await pool(PAYLOADS, CONCURRENCY, async (p) => {
      const where = 'POST /admin/login next'
      const body = new URLSearchParams({ token: ADMIN_TOKEN, next: p.value })
      const res = await tally.fetch(
        'POST /admin/login',
        'form field next',
        '/admin/login',
        {
          method: 'POST',
          headers: { 'content-type': FORM, origin: ORIGIN, 'cf-connecting-ip': freshIp('10.3') },
          body,
        },
        p.name,
      )
      const big = body.toString().length > 4096
      if (!tally.status(res, big ? [413] : [303], where, p)) return void (await res.text())
      const location = res.headers.get('location') ?? ''
      if (!big && !SAFE_NEXT.test(location)) {
        tally.fail(where, p, `redirects to ${JSON.stringify(location.slice(0, 60))}`)
      }
    })
    await pool(urlValues, CONCURRENCY, async (v) => {
      const where = 'GET /admin/login next'
      const res = await tally.fetch(
        'GET /admin/login',
        'query next',
        `/admin/login?next=${v.encoded}`,
        {},
        v.name,
      )
      if (!tally.status(res, [200], where, v)) return
      const html = await checkPage(res, where, v)
      const [next] = await attrsOf(html, 'input[name="next"]', 'value')
      if (!next || !SAFE_NEXT.test(next)) tally.fail(where, v, `next is ${JSON.stringify(next)}`)
    })
    tally.assertClean()
  })

  it('refuses every payload as the session cookie, CSRF token or Origin', LONG, async () => {
    const forged = [
      '0.admin.99999999999999.' + '0'.repeat(64),
      '0.admin.1e309.' + 'a'.repeat(64),
      `${'9'.repeat(12)}.admin.${'9'.repeat(15)}.${'f'.repeat(64)}`,
      '0.root.99999999999999.' + 'a'.repeat(64),
    ].map((value, i) => ({ name: `forged session ${i + 1}`, value }))
    await pool([...PAYLOADS, ...forged], CONCURRENCY, async (p) => {
      const where = 'GET /admin cookie'
      const cookie = `__Host-ctt_admin=${asHeaderValue(p.value)}`
      const res = await tally.fetch(
        'GET /admin',
        'header Cookie (session)',
        '/admin/articles?x=1',
        { headers: { cookie } },
        p.name,
      )
      if (!tally.status(res, [303], where, p)) return void (await res.text())
      const location = res.headers.get('location') ?? ''
      if (!location.startsWith('/admin/login?next=')) tally.fail(where, p, `to ${location}`)
    })
    await pool(PAYLOADS, CONCURRENCY, async (p) => {
      const where = 'POST /admin/categories _csrf'
      const body = new URLSearchParams({ _csrf: p.value, name: 'Không được tạo', position: '0' })
      const res = await tally.fetch(
        'POST /admin/categories',
        'form field _csrf',
        '/admin/categories',
        {
          method: 'POST',
          headers: { 'content-type': FORM, cookie: session.cookie, origin: ORIGIN },
          body,
        },
        p.name,
      )
      if (tally.status(res, [403], where, p)) await checkPage(res, where, p)
    })
    await pool(PAYLOADS, CONCURRENCY, async (p) => {
      const where = 'POST /admin/logout _csrf'
      const res = await tally.fetch(
        'POST /admin/logout',
        'form field _csrf',
        '/admin/logout',
        {
          method: 'POST',
          headers: { 'content-type': FORM, cookie: session.cookie, origin: ORIGIN },
          body: new URLSearchParams({ _csrf: p.value }),
        },
        p.name,
      )
      // A forged logout must not end the session.
      if (tally.status(res, [403], where, p)) await checkPage(res, where, p)
      if (res.headers.getSetCookie().some((c) => c.startsWith('__Host-ctt_admin='))) {
        tally.fail(where, p, 'the session cookie was cleared')
      }
    })
    await pool(PAYLOADS, CONCURRENCY, async (p) => {
      const where = 'POST /admin/categories Origin'
      const res = await post(
        'POST /admin/categories',
        'header Origin',
        '/admin/categories',
        { name: 'Không được tạo', position: '0' },
        p.name,
        { origin: asHeaderValue(p.value) || 'null' },
      )
      if (tally.status(res, [403], where, p)) await res.text()
    })
    tally.assertClean()
  })
})

describe('hostile input: admin forms', () => {
  const ARTICLE_FIELDS = [
    'title',
    'slug',
    'lead',
    'body',
    'author',
    'source',
    'categoryId',
    'status',
    'publishedAt',
    'coverImage',
    'commentsEnabled',
  ] as const
  /** Inputs whose value the form shows back after a refusal, exactly as typed. */
  const ECHOED = ['title', 'slug', 'author', 'source'] as const
  /** What the form shows back: what the browser sent (well-formed), character for character. */
  const asTyped = (v: string) => wellFormed(v)

  let markerCounter = 0
  const articleForm = (field: string, value: string) => {
    const marker = `HX${String(++markerCounter).padStart(4, '0')}`
    const form: Record<string, string> = {
      title: `Bài quản trị ${marker}`,
      slug: marker.toLowerCase(),
      lead: 'Tóm tắt.',
      body: 'Nội dung.',
      author: 'Phóng viên',
      source: 'HNP',
      categoryId: String(categoryId),
      status: 'draft',
      publishedAt: '',
      coverImage: '',
      commentsEnabled: 'true',
    }
    // Titles under attack make their own slug.
    if (field === 'title') form.slug = ''
    form[field] = value
    return form
  }

  /** Checks a refused article form: the typed values come back, as text. */
  async function checkArticleForm(res: Response, field: string, p: Payload, where: string) {
    const html = await checkPage(res, where, p)
    if (res.status === 413) return
    if (!(await textsOf(html, '.form-error'))[0]) tally.fail(where, p, 'no message')
    if ((ECHOED as readonly string[]).includes(field)) {
      const [shown] = await attrsOf(html, `#f-${field}`, 'value')
      if (shown !== asTyped(p.value)) {
        tally.fail(where, p, `form shows ${JSON.stringify(shown?.slice(0, 40))} back`)
      }
    }
  }

  it('creates or refuses an article for every payload in every form field', LONG, async () => {
    const groups = ARTICLE_FIELDS.map((field) =>
      [...PAYLOADS, ...(field === 'categoryId' ? NUMBERS : [])].map((p) => async () => {
        const where = `POST /admin/articles ${field}`
        const res = await post(
          'POST /admin/articles',
          `form field ${field}`,
          '/admin/articles',
          articleForm(field, p.value),
          p.name,
        )
        if (!tally.status(res, [303, 413, 422], where, p)) return void (await res.text())
        if (res.status !== 303) return checkArticleForm(res, field, p, where)
        await res.text()
        const location = res.headers.get('location') ?? ''
        if (!/^\/admin\/articles\/\d+\?ok=created$/.test(location)) {
          tally.fail(where, p, `redirects to ${location}`)
        }
      }),
    )
    // Titles and slugs under attack make the slug: one at a time (two at once may race: 409).
    const [titles, slugs, ...others] = groups
    await inGroups([[...titles!, ...slugs!], ...others.flat().map((job) => [job])], CONCURRENCY)
    tally.assertClean()
  })

  /**
   * The edit form reads its fields as the new-article form does (articleInput), and both go to
   * the service the API's PATCH uses; what differs is the slug (kept when left empty), status
   * changes and the category, and the page shown again, so those fields are attacked here.
   */
  const UPDATE_FIELDS = ['title', 'slug', 'lead', 'categoryId', 'status', 'publishedAt'] as const

  it('updates or refuses an article for every payload in the edit form', LONG, async () => {
    const groups = await Promise.all(
      UPDATE_FIELDS.map(async (field) => {
        const created = await post(
          'POST /admin/articles',
          'setup',
          '/admin/articles',
          articleForm('status', 'draft'),
        )
        const id = /\/admin\/articles\/(\d+)/.exec(created.headers.get('location') ?? '')![1]
        return [...PAYLOADS, ...(field === 'categoryId' ? NUMBERS : [])].map((p) => async () => {
          const where = `POST /admin/articles/:id ${field}`
          const form = articleForm(field, p.value)
          if (field !== 'slug') form.slug = ''
          const res = await post(
            'POST /admin/articles/:id',
            `form field ${field}`,
            `/admin/articles/${id}`,
            form,
            p.name,
          )
          if (!tally.status(res, [303, 409, 413, 422], where, p)) return void (await res.text())
          if (res.status !== 303) return checkArticleForm(res, field, p, where)
          await res.text()
        })
      }),
    )
    await inGroups(groups, CONCURRENCY)
    tally.assertClean()
  })

  it(
    'moderates or refuses comments and creates or refuses editors for every payload',
    LONG,
    async () => {
      const jobs = [
        ...[...PAYLOADS, ...NUMBERS].map((p) => async () => {
          const where = 'POST /admin/comments ids'
          const res = await post(
            'POST /admin/comments',
            'form field ids',
            '/admin/comments',
            { ids: [p.value, '1'], action: 'approve' },
            p.name,
          )
          if (tally.status(res, [303, 404, 422], where, p)) await checkPage(res, where, p)
        }),
        ...PAYLOADS.map((p) => async () => {
          const where = 'POST /admin/comments action'
          const res = await post(
            'POST /admin/comments',
            'form field action',
            '/admin/comments',
            { ids: '1', action: p.value },
            p.name,
          )
          if (tally.status(res, [404, 422], where, p)) await checkPage(res, where, p)
        }),
        ...(['name', 'role'] as const).flatMap((field) =>
          PAYLOADS.map((p) => async () => {
            const where = `POST /admin/editors ${field}`
            const form = { name: 'Biên tập viên', role: 'writer', [field]: p.value }
            const res = await post(
              'POST /admin/editors',
              `form field ${field}`,
              '/admin/editors',
              form,
              p.name,
            )
            if (!tally.status(res, [201, 422], where, p)) return void (await res.text())
            const html = await checkPage(res, where, p)
            if (res.status === 201 && field === 'name') {
              // The list shows the new editor's name as text, cleaned.
              const names = await textsOf(html, 'td')
              if (!names.includes(cleanText(wellFormed(p.value)))) {
                tally.fail(where, p, 'the stored name is not listed as text')
              }
            }
          }),
        ),
      ]
      await pool(jobs, CONCURRENCY, (job) => job())
      tally.assertClean()
    },
  )
})

describe('hostile input: admin paths, filters and categories', () => {
  it('answers every payload as a path id with the page or a 404', LONG, async () => {
    const routes: {
      route: string
      method: 'GET' | 'POST'
      path: (id: string) => string
      destructive?: boolean
      form?: Record<string, string>
    }[] = [
      { route: 'GET /admin/articles/:id', method: 'GET', path: (id) => `/admin/articles/${id}` },
      {
        route: 'GET /admin/articles/:id/preview',
        method: 'GET',
        path: (id) => `/admin/articles/${id}/preview`,
      },
      {
        route: 'POST /admin/articles/:id',
        method: 'POST',
        path: (id) => `/admin/articles/${id}`,
        form: { title: '' },
      },
      {
        route: 'POST /admin/articles/:id/delete',
        method: 'POST',
        path: (id) => `/admin/articles/${id}/delete`,
        destructive: true,
      },
      {
        route: 'POST /admin/articles/:id/attachments',
        method: 'POST',
        path: (id) => `/admin/articles/${id}/attachments`,
      },
      {
        route: 'POST /admin/categories/:id',
        method: 'POST',
        path: (id) => `/admin/categories/${id}`,
        form: { name: '' },
      },
      {
        route: 'POST /admin/categories/:id/delete',
        method: 'POST',
        path: (id) => `/admin/categories/${id}/delete`,
        destructive: true,
      },
      {
        route: 'POST /admin/editors/:id/revoke',
        method: 'POST',
        path: (id) => `/admin/editors/${id}/revoke`,
        destructive: true,
      },
    ]
    const jobs = routes.flatMap((r) =>
      urlValues
        .filter((v) => !(r.destructive && /^[1-9]\d{0,5}$/.test(v.encoded)))
        .map((v) => async () => {
          const where = `${r.route} path id`
          const res =
            r.method === 'GET'
              ? await getPage(r.route, 'path id', r.path(v.encoded), v.name)
              : await post(r.route, 'path id', r.path(v.encoded), r.form ?? {}, v.name)
          // A real id: the page, or the form refused (422), or the upload without a file (422).
          if (tally.status(res, [200, 303, 404, 409, 422], where, v)) await checkPage(res, where, v)
        }),
    )
    await pool(jobs, CONCURRENCY, (job) => job())
    tally.assertClean()
  })

  it('answers every payload in every query filter of the admin pages', LONG, async () => {
    const filters: { route: string; path: (v: string) => string; numeric?: boolean }[] = [
      { route: 'GET /admin/articles', path: (v) => `/admin/articles?status=${v}` },
      {
        route: 'GET /admin/articles',
        path: (v) => `/admin/articles?categoryId=${v}`,
        numeric: true,
      },
      { route: 'GET /admin/articles', path: (v) => `/admin/articles?q=${v}` },
      { route: 'GET /admin/articles', path: (v) => `/admin/articles?page=${v}`, numeric: true },
      { route: 'GET /admin/comments', path: (v) => `/admin/comments?status=${v}` },
      { route: 'GET /admin/audit', path: (v) => `/admin/audit?before=${v}`, numeric: true },
      { route: 'GET /admin', path: (v) => `/admin?ok=${v}` },
      { route: 'GET /admin/media', path: (v) => `/admin/media?${v}=${v}` },
      { route: 'GET /admin/editors', path: (v) => `/admin/editors?${v}=${v}` },
      { route: 'GET /admin/categories', path: (v) => `/admin/categories?${v}=${v}` },
      { route: 'GET /admin/articles/new', path: (v) => `/admin/articles/new?${v}=${v}` },
    ]
    const jobs = filters.flatMap((f) =>
      (f.numeric ? urlValues : textUrlValues).map((v) => async () => {
        const name = /\?(\w+)=/.exec(f.path('x'))?.[1]
        const input = name === 'x' ? 'extra query parameters' : `query ${name}`
        const where = `${f.route} ${input}`
        const res = await getPage(f.route, input, f.path(v.encoded), v.name)
        if (tally.status(res, [200], where, v)) await checkPage(res, where, v)
      }),
    )
    await pool(jobs, CONCURRENCY, (job) => job())
    tally.assertClean()
  })

  it('creates, renames or refuses categories for every payload', LONG, async () => {
    const created = await post('POST /admin/categories', 'setup', '/admin/categories', {
      name: 'Chuyên mục để sửa',
      position: '0',
    })
    expect(created.status).toBe(303)
    const list = await (await getPage('GET /admin/categories', 'setup', '/admin/categories')).text()
    const actions = await attrsOf(list, 'form[action^="/admin/categories/"]', 'action')
    const editable = actions.map((a) => /^\/admin\/categories\/(\d+)$/.exec(a)?.[1]).filter(Boolean)
    const target = editable.at(-1)!
    const jobs = [
      ...(['name', 'position'] as const).flatMap((field) =>
        [...PAYLOADS, ...(field === 'position' ? NUMBERS : [])].map((p) => async () => {
          const where = `POST /admin/categories ${field}`
          const form = {
            name: `Chuyên mục ${p.name}`.slice(0, 90),
            position: '1',
            [field]: p.value,
          }
          const res = await post(
            'POST /admin/categories',
            `form field ${field}`,
            '/admin/categories',
            form,
            p.name,
          )
          if (!tally.status(res, [303, 409, 422], where, p)) return void (await res.text())
          if (res.status === 303) await res.text()
          else await checkPage(res, where, p)
        }),
      ),
      ...(['name', 'slug', 'position'] as const).flatMap((field) =>
        [...PAYLOADS, ...(field === 'position' ? NUMBERS : [])].map((p) => async () => {
          const where = `POST /admin/categories/:id ${field}`
          const form = { name: 'Chuyên mục để sửa', position: '0', [field]: p.value }
          const res = await post(
            'POST /admin/categories/:id',
            `form field ${field}`,
            `/admin/categories/${target}`,
            form,
            p.name,
          )
          if (!tally.status(res, [303, 409, 422], where, p)) return void (await res.text())
          if (res.status === 303) await res.text()
          else await checkPage(res, where, p)
        }),
      ),
    ]
    await pool(jobs, CONCURRENCY, (job) => job())
    tally.assertClean()
  })

  it('shows everything stored above as text on every admin page', LONG, async () => {
    const pages = [
      '/admin',
      '/admin/articles',
      '/admin/articles?q=Bài',
      '/admin/articles?status=draft&page=2',
      '/admin/comments',
      '/admin/categories',
      '/admin/editors',
      '/admin/media',
      '/admin/audit',
    ]
    for (const path of pages) {
      const res = await getPage(`GET ${path.split('?')[0]}`, 'stored payloads', path)
      expect(res.status).toBe(200)
      await checkPage(res, `GET ${path}`, 'stored payloads')
    }
    // Every article the forms created, in its edit form and its preview.
    const list = await (
      await getPage('GET /admin/articles', 'stored payloads', '/admin/articles?q=HX')
    ).text()
    const links = (await attrsOf(list, 'a[href^="/admin/articles/"]', 'href')).filter((h) =>
      /^\/admin\/articles\/\d+$/.test(h),
    )
    expect(links.length).toBeGreaterThan(0)
    await pool(links, CONCURRENCY, async (href) => {
      for (const path of [href, `${href}/preview`]) {
        const res = await getPage(`GET ${path.replace(/\d+/, ':id')}`, 'stored payloads', path)
        if (tally.status(res, [200], `GET ${path}`, 'stored article'))
          await checkPage(res, `GET ${path}`, 'stored article')
      }
    })
    tally.assertClean()
  })
})
