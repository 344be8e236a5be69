import { createExecutionContext, SELF, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { expect } from 'vitest'
import { app } from '../../src/index'
import { attrsOf, decodeEntities } from '../helpers'
import { RAW_HEADER_VALUES, type Payload } from './corpus'

/**
 * Payloads that are also sent over workerd's HTTP layer (`SELF.fetch`), in every input that
 * takes them. The rest go to the worker's own fetch handler (`app.fetch`, what `export default`
 * exports) with a fresh execution context: the same middleware, routes and bindings, without
 * the test harness's cost per `SELF.fetch`, which grows with every one made in a workerd
 * instance (workers-sdk #15446; measured here: 8 ms each for the first 200, 130 ms each after
 * 700), far too slow for a corpus run.
 */
export const WIRE_PAYLOADS: ReadonlySet<string> = new Set([
  'vietnamese nfd',
  'invalid byte ff fe',
  // Raw UTF-8 in headers only exists on the wire.
  ...RAW_HEADER_VALUES.map((p) => p.name),
])

/**
 * What the hostile-input suites share: a request counter that records which routes and inputs
 * were covered, collected failures (so one run lists every payload that misbehaves, not just
 * the first), and the checks every answer must pass.
 */

export const ORIGIN = 'https://portal.test'

/** Letters only Vietnamese uses: a message in Vietnamese has at least one of them. */
const VIETNAMESE_LETTER = /[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]/i

export function isVietnamese(text: string): boolean {
  return VIETNAMESE_LETTER.test(text)
}

let ipCounter = 0
/** A fresh client address per request, so per-IP rate limits never interfere. */
export function freshIp(prefix: string): string {
  ipCounter += 1
  return `${prefix}.${Math.floor(ipCounter / 250) % 250}.${(ipCounter % 250) + 1}`
}

export type Summary = {
  suite: string
  payloads: number
  numbers: number
  bytePayloads: number
  routes: number
  inputs: number
  requests: number
  wireRequests: number
  /** The routes and inputs themselves, to count them across suites. */
  routeList: string[]
  inputList: string[]
  statuses: Record<string, number>
}

export class Tally {
  readonly routes = new Set<string>()
  readonly inputs = new Set<string>()
  readonly failures: string[] = []
  readonly statuses = new Map<number, number>()
  requests = 0

  constructor(readonly suite: string) {}

  /** Requests sent through `SELF.fetch` (the rest went to `app.fetch`). */
  wireRequests = 0

  /**
   * Sends a request to the worker under test and records it. `route` is the route pattern
   * (`GET /bai-viet/:slug`), `input` the input under attack (`path slug`, `header Cookie`),
   * `payload` the payload's name: the WIRE_PAYLOADS ones go through `SELF.fetch`.
   */
  async fetch(
    route: string,
    input: string,
    path: string,
    init: RequestInit = {},
    payload?: string,
  ): Promise<Response> {
    // Setup requests and the read-backs of what was stored attack no input.
    if (!/^(setup|stored|shown)\b/.test(input)) {
      this.routes.add(route)
      this.inputs.add(`${route} ${input}`)
    }
    this.requests += 1
    const url = path.startsWith('http') ? path : `${ORIGIN}${path}`
    let res: Response
    if (payload !== undefined && WIRE_PAYLOADS.has(payload)) {
      this.wireRequests += 1
      res = await SELF.fetch(url, { redirect: 'manual', ...init })
    } else {
      const ctx = createExecutionContext()
      res = await app.fetch(new Request(url, init), env, ctx)
      await waitOnExecutionContext(ctx)
    }
    this.statuses.set(res.status, (this.statuses.get(res.status) ?? 0) + 1)
    return res
  }

  /**
   * Like `fetch`, then follows one 301 to a canonical URL of this site (a page's other
   * spellings are redirected there). A redirect anywhere else is a failure.
   */
  async fetchCanonical(
    route: string,
    input: string,
    path: string,
    init: RequestInit = {},
    payload?: string,
  ): Promise<Response> {
    const res = await this.fetch(route, input, path, init, payload)
    if (res.status !== 301) return res
    const location = res.headers.get('location') ?? ''
    if (!isLocalPath(location)) {
      this.fail(`${route} ${input}`, payload ?? '?', `redirects off the site to ${location}`)
      return res
    }
    return this.fetch(route, 'shown after the redirect', location, init, payload)
  }

  /** Records a failure; the suite's final assertion lists them all. */
  fail(where: string, payload: Pick<Payload, 'name'> | string, message: string) {
    const name = typeof payload === 'string' ? payload : payload.name
    this.failures.push(`${where} [${name}]: ${message}`)
  }

  /**
   * The status must be one of `allowed` (never a 5xx). Returns whether it was, so callers can
   * skip checks that only make sense for an expected answer.
   */
  status(
    res: Response,
    allowed: readonly number[],
    where: string,
    payload: Pick<Payload, 'name'> | string,
  ): boolean {
    if (res.status >= 500) {
      this.fail(where, payload, `server error ${res.status}`)
      return false
    }
    if (!allowed.includes(res.status)) {
      this.fail(where, payload, `status ${res.status}, expected one of ${allowed.join('/')}`)
      return false
    }
    return true
  }

  /** A reader page refused with 4xx: a whole HTML page in Vietnamese. */
  async readerError(res: Response, where: string, payload: Pick<Payload, 'name'> | string) {
    const html = await res.text()
    if (!(res.headers.get('content-type') ?? '').startsWith('text/html')) {
      this.fail(where, payload, `4xx is ${res.headers.get('content-type')}, not HTML`)
    } else if (!html.includes('<html lang="vi">') || !isVietnamese(textOnly(html))) {
      this.fail(where, payload, '4xx page is not a Vietnamese HTML page')
    }
    return html
  }

  /** An admin API refusal: the JSON error shape with a Vietnamese message. */
  async apiError(res: Response, where: string, payload: Pick<Payload, 'name'> | string) {
    let body: unknown
    try {
      body = await res.json()
    } catch {
      this.fail(where, payload, `${res.status} without a JSON body`)
      return
    }
    const error = (body as { error?: { code?: unknown; message?: unknown } }).error
    if (typeof error?.code !== 'string' || typeof error.message !== 'string') {
      this.fail(where, payload, `${res.status} without { error: { code, message } }`)
    } else if (!isVietnamese(error.message)) {
      this.fail(where, payload, `${res.status} message is not Vietnamese: ${error.message}`)
    }
  }

  summary(counts: { payloads: number; numbers: number; bytePayloads: number }): Summary {
    return {
      suite: this.suite,
      ...counts,
      routes: this.routes.size,
      inputs: this.inputs.size,
      requests: this.requests,
      wireRequests: this.wireRequests,
      statuses: Object.fromEntries([...this.statuses].sort(([a], [b]) => a - b)),
      routeList: [...this.routes].sort(),
      inputList: [...this.inputs].sort(),
    }
  }

  /** Prints the counts (console.warn: info lines are filtered from test output). */
  report(counts: { payloads: number; numbers: number; bytePayloads: number }): Summary {
    const summary = this.summary(counts)
    console.warn(`hostile-input summary ${JSON.stringify(summary)}`)
    return summary
  }

  /** Failures already reported by an earlier test of the file. */
  private reported = 0

  /** The test's verdict: no new failures since the last check (all of them are listed). */
  assertClean() {
    const fresh = this.failures.slice(this.reported)
    this.reported = this.failures.length
    expect(fresh, fresh.slice(0, 60).join('\n')).toEqual([])
  }
}

/** Text of an HTML document without its tags (enough to look for a Vietnamese message). */
export function textOnly(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
}

/** Scripts the portal's own pages load; anything else in a page came from a payload. */
const OWN_SCRIPT = /^(\/static\/|https:\/\/challenges\.cloudflare\.com\/)/
const FORBIDDEN_ELEMENTS = new Set([
  'iframe',
  'frame',
  'object',
  'embed',
  'svg',
  'math',
  'base',
  'template',
])
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'data']

/**
 * Live markup that did not come from the portal's own templates, found with the runtime's
 * HTML parser: event-handler attributes, scripts that are neither ours nor JSON-LD, embedding
 * elements and script URLs. (A Markdown image with a relative URL, `![x](x)`, is allowed.)
 */
export async function liveInjections(html: string): Promise<string[]> {
  const found: string[] = []
  await new HTMLRewriter()
    .on('*', { element: (el) => inspect(el, found) })
    .transform(new Response(html))
    .text()
  return found
}

/** Adds what is live and not the portal's own in one element to `found`. */
function inspect(el: Element, found: string[]) {
  const tag = el.tagName.toLowerCase()
  for (const [name = '', value = ''] of el.attributes) {
    if (/^on/i.test(name)) found.push(`<${tag} ${name}="${value.slice(0, 40)}">`)
    if (
      URL_ATTRIBUTES.includes(name.toLowerCase()) &&
      /^\s*(javascript|vbscript|data:text)/i.test(value.replace(/[\u0000-\u0020]/g, ''))
    ) {
      found.push(`<${tag} ${name}="${value.slice(0, 40)}">`)
    }
    if (name === 'srcdoc') found.push(`<${tag} ${name}>`)
    // The comment form focuses its own first wrong field; autofocus anywhere else is injected.
    const ownField =
      (tag === 'input' || tag === 'textarea') && /^cf-/.test(el.getAttribute('id') ?? '')
    if (name === 'autofocus' && !ownField) found.push(`<${tag} ${name}>`)
  }
  if (tag === 'script') {
    const src = el.getAttribute('src')
    const type = el.getAttribute('type')
    if (!(src !== null && OWN_SCRIPT.test(src)) && type !== 'application/ld+json') {
      found.push(`<script src=${src}>`)
    }
  }
  if (FORBIDDEN_ELEMENTS.has(tag)) found.push(`<${tag}>`)
}

export type ArticlePageFacts = {
  live: string[]
  title?: string
  ogTitle?: string
  h1?: string
  lead?: string
  author?: string
  jsonLd: string[]
}

/**
 * What an article page shows of an article, read in one pass of the HTML parser: the texts of
 * `<title>`, the heading, the lead and the author, og:title, the JSON-LD blocks (unparsed),
 * and any live markup (see liveInjections). Texts have their entities decoded.
 */
export async function articlePageFacts(html: string): Promise<ArticlePageFacts> {
  const facts: ArticlePageFacts = { live: [], jsonLd: [] }
  const texts: Partial<Record<'title' | 'h1' | 'lead' | 'author', string>> = {}
  const collect = (key: keyof typeof texts) => ({
    element() {
      texts[key] ??= ''
    },
    text(chunk: { text: string }) {
      texts[key] += chunk.text
    },
  })
  await new HTMLRewriter()
    .on('*', { element: (el) => inspect(el, facts.live) })
    .on('title', collect('title'))
    .on('h1.article-title', collect('h1'))
    .on('p.lead', collect('lead'))
    .on('p.author', collect('author'))
    .on('meta[property="og:title"]', {
      element(el) {
        facts.ogTitle ??= decodeEntities(el.getAttribute('content') ?? '')
      },
    })
    .on('script[type="application/ld+json"]', {
      element() {
        facts.jsonLd.push('')
      },
      text(chunk) {
        facts.jsonLd[facts.jsonLd.length - 1] += chunk.text
      },
    })
    .transform(new Response(html))
    .text()
  for (const key of ['title', 'h1', 'lead', 'author'] as const) {
    if (texts[key] !== undefined) facts[key] = decodeEntities(texts[key]!)
  }
  return facts
}

/** The JSON-LD blocks of a page, parsed (a payload that broke out of one makes this throw). */
export async function jsonLdOf(html: string): Promise<unknown[]> {
  const blocks: string[] = []
  await new HTMLRewriter()
    .on('script[type="application/ld+json"]', {
      element() {
        blocks.push('')
      },
      text(chunk) {
        blocks[blocks.length - 1] += chunk.text
      },
    })
    .transform(new Response(html))
    .text()
  return blocks.map((b) => JSON.parse(b) as unknown)
}

/** Runs `fn` over `items` with at most `limit` at a time, in order of the items. */
export async function pool<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i]!, i)
    }
  })
  await Promise.all(workers)
  return results
}

export type ShownComment = { name: string; title: string; content: string }

/** The approved comments on an article page, by id, as text (one parse of the page). */
export async function commentsOnPage(html: string): Promise<Map<number, ShownComment>> {
  const raw = new Map<number, ShownComment>()
  let current: ShownComment | undefined
  const part = (key: keyof ShownComment) => ({
    text(chunk: { text: string }) {
      if (current) current[key] += chunk.text
    },
  })
  await new HTMLRewriter()
    .on('li.comment', {
      element(el) {
        const id = Number(/^binh-luan-(\d+)$/.exec(el.getAttribute('id') ?? '')?.[1])
        current = { name: '', title: '', content: '' }
        if (id) raw.set(id, current)
      },
    })
    .on('li.comment .comment-name', part('name'))
    .on('li.comment .comment-title', part('title'))
    .on('li.comment .comment-content', part('content'))
    .transform(new Response(html))
    .text()
  for (const c of raw.values()) {
    c.name = decodeEntities(c.name)
    c.title = decodeEntities(c.title)
    c.content = decodeEntities(c.content)
  }
  return raw
}

export const ADMIN_TOKEN = 'test-admin-token'

export type ApiOptions = {
  /** A JSON value, sent as JSON. */
  json?: unknown
  /** A raw body (bytes, text or a form), sent as it is. */
  body?: BodyInit
  headers?: Record<string, string>
  /** The payload's name (chooses SELF.fetch for the wire sample). */
  payload?: string
}

/** Calls the admin JSON API as the bootstrap administrator, from a fresh client address. */
export function adminApi(
  tally: Tally,
  route: string,
  input: string,
  method: string,
  path: string,
  opts: ApiOptions = {},
): Promise<Response> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${ADMIN_TOKEN}`,
    'cf-connecting-ip': freshIp('10.9'),
  }
  let body = opts.body
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(opts.json)
  }
  return tally.fetch(
    route,
    input,
    `/api/admin${path}`,
    { method, headers: { ...headers, ...opts.headers }, body },
    opts.payload,
  )
}

/** Runs groups in parallel (at most `limit` at a time), the jobs of one group in order. */
export async function inGroups(groups: (() => Promise<void>)[][], limit: number): Promise<void> {
  await pool(groups, limit, async (jobs) => {
    for (const job of jobs) await job()
  })
}

export type AdminSession = { cookie: string; csrf: string }

/** Signs in to the web admin with the token and reads the CSRF token of the dashboard. */
export async function signInAdmin(tally: Tally): Promise<AdminSession> {
  const res = await tally.fetch('POST /admin/login', 'setup', '/admin/login', {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: ORIGIN,
      'cf-connecting-ip': freshIp('10.5'),
    },
    body: new URLSearchParams({ token: ADMIN_TOKEN, next: '/admin' }),
  })
  expect(res.status).toBe(303)
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('__Host-ctt_admin='))!
    .split(';')[0]!
  const page = await tally.fetch('GET /admin', 'setup', '/admin', { headers: { cookie } })
  const [csrf] = await attrsOf(await page.text(), 'input[name="_csrf"]', 'value')
  return { cookie, csrf: csrf! }
}

/** Whether a Location header names a path on this site (not `//host`, not `/\\host`). */
export function isLocalPath(location: string): boolean {
  return /^\/(?![/\\])/.test(location)
}
