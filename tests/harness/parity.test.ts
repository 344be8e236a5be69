import { SELF } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { SEED_SLUG, seedSample } from '../helpers'
import { inProcess } from '../in-process'

/**
 * The tests send their requests through the worker's fetch handler in this isolate
 * (tests/in-process.ts), because `SELF.fetch` costs more with every request made in a workerd
 * instance (workers-sdk #15446). This file proves the two paths answer alike for each class of
 * route: same status, same headers the app sets, same body. What only the wire shows (headers
 * workerd adds, raw bytes in headers) stays with SELF.fetch where a test needs it.
 */

const ORIGIN = 'https://portal.test'
const ADMIN = { authorization: 'Bearer test-admin-token' }

/** Headers the app sets; per-request ones (timing, cache state, request ids) are left out. */
const COMPARED = [
  'content-type',
  'cache-control',
  'cache-tag',
  'location',
  'content-security-policy',
  'x-content-type-options',
  'x-frame-options',
  'referrer-policy',
  'etag',
  'content-length',
]

const MEDIA_KEY = 'anh/2026/12/parityparity01.png'
const PNG = Uint8Array.from(
  atob(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  ),
  (c) => c.charCodeAt(0),
)

beforeAll(async () => {
  await seedSample()
  await env.MEDIA.put(MEDIA_KEY, PNG, { httpMetadata: { contentType: 'image/png' } })
})

type Answer = { status: number; headers: Record<string, string | null>; body: string }

async function answer(res: Response): Promise<Answer> {
  const headers: Record<string, string | null> = {}
  for (const name of COMPARED) headers[name] = res.headers.get(name)
  return { status: res.status, headers, body: await res.text() }
}

/** Sends the same request both ways, the in-process one first (so both may meet a warm cache). */
async function both(path: string, init: RequestInit = {}): Promise<[Answer, Answer]> {
  const url = ORIGIN + path
  const local = await answer(await inProcess(url, { redirect: 'manual', ...init }))
  const wire = await answer(await SELF.fetch(url, { redirect: 'manual', ...init }))
  return [local, wire]
}

describe('in-process requests answer as SELF.fetch does', () => {
  it.each([
    ['a reader page', `/bai-viet/${SEED_SLUG}`, 200],
    ['the front page', '/', 200],
    ['a missing page', '/bai-viet/khong-co-bai-nay', 404],
    ['a canonical redirect (trailing slash)', `/bai-viet/${SEED_SLUG}/`, 301],
    ['a canonical redirect (upper case, query order)', '/Tim-Kiem?q=a&page=1', 301],
    ['the RSS feed', '/rss.xml', 200],
    ['the sitemap', '/sitemap.xml', 200],
    ['a media file', `/media/${MEDIA_KEY}`, 200],
  ])('%s', async (_name, path, status) => {
    const [local, wire] = await both(path)
    expect(local.status).toBe(status)
    expect(local).toEqual(wire)
  })

  it('the health check (all but its measured D1 time)', async () => {
    const [local, wire] = await both('/healthz')
    expect(local.status).toBe(200)
    expect(local.headers).toEqual(wire.headers)
    // d1Ms is a timing measured per request; the rest of the answer must match.
    const { d1Ms: localMs, ...localRest } = JSON.parse(local.body)
    const { d1Ms: wireMs, ...wireRest } = JSON.parse(wire.body)
    expect(typeof localMs).toBe('number')
    expect(typeof wireMs).toBe('number')
    expect(localRest).toEqual(wireRest)
  })

  it('the admin JSON API (read and refused)', async () => {
    const [local, wire] = await both('/api/admin/categories', { headers: ADMIN })
    expect(local.status).toBe(200)
    expect(local).toEqual(wire)
    const [anonLocal, anonWire] = await both('/api/admin/categories')
    expect(anonLocal.status).toBe(401)
    expect(anonLocal).toEqual(anonWire)
  })

  it('the HTML admin (sign-in page and a refused post)', async () => {
    const [local, wire] = await both('/admin/login')
    expect(local.status).toBe(200)
    expect(local.body).toContain('<form')
    expect(local).toEqual(wire)
    const post = { method: 'POST', headers: { origin: 'https://evil.example' }, body: 'x=1' }
    const [postLocal, postWire] = await both('/admin/login', post)
    expect(postLocal.status).toBeGreaterThanOrEqual(400)
    expect(postLocal).toEqual(postWire)
  })

  it('a redirect is followed the same way', async () => {
    const local = await inProcess(`${ORIGIN}/bai-viet/${SEED_SLUG}/`)
    const wire = await SELF.fetch(`${ORIGIN}/bai-viet/${SEED_SLUG}/`)
    expect(local.status).toBe(200)
    expect(local.url === '' || local.url.endsWith(SEED_SLUG)).toBe(true)
    expect(await local.text()).toBe(await wire.text())
  })
})
