import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { faultyD1 } from '../reliability/fault-d1'
import { appFetch, caseOrigin, get, SEED_SLUG, seedSample } from '../helpers'
import { PNG_2X1 } from '../fixtures/images'

beforeAll(seedSample)

/**
 * Every class of response the portal gives, each with the headers every response must carry:
 * a stated Cache-Control (docs/cache.md) and the security headers (nosniff, Referrer-Policy,
 * Permissions-Policy). Files the assets layer serves get theirs from public/_headers, which
 * only `wrangler dev` applies: scripts/smoke.ts checks those.
 */
const png = () => PNG_2X1

async function uploadedMedia(): Promise<string> {
  const form = new FormData()
  form.append('file', new File([png()], 'bia.png', { type: 'image/png' }))
  const res = await get('/api/admin/media', {
    method: 'POST',
    headers: { authorization: 'Bearer test-admin-token' },
    body: form,
  })
  expect(res.status).toBe(201)
  return ((await res.json()) as { url: string }).url
}

const commentPost = (body: string, type = 'application/x-www-form-urlencoded') =>
  get(`/bai-viet/${SEED_SLUG}/binh-luan`, {
    method: 'POST',
    headers: { 'content-type': type, 'cf-connecting-ip': '192.0.2.200' },
    body,
    redirect: 'manual',
  })

type Case = { name: string; status: number; fetch: () => Promise<Response> }

const cases: Case[] = [
  { name: 'page (miss)', status: 200, fetch: () => get('/chuyen-muc/kinh-te') },
  { name: 'page (hit)', status: 200, fetch: () => get('/chuyen-muc/kinh-te') },
  { name: 'HEAD of a page', status: 200, fetch: () => get('/', { method: 'HEAD' }) },
  { name: 'feed', status: 200, fetch: () => get('/rss.xml') },
  { name: 'sitemap', status: 200, fetch: () => get('/sitemap.xml') },
  { name: 'robots.txt', status: 200, fetch: () => get('/robots.txt') },
  {
    name: '304 of a page',
    status: 304,
    fetch: async () => {
      const first = await get('/')
      return get('/', { headers: { 'if-none-match': first.headers.get('etag')! } })
    },
  },
  { name: 'media', status: 200, fetch: async () => get(await uploadedMedia()) },
  { name: '404 of an article', status: 404, fetch: () => get('/bai-viet/khong-co-bai-nay') },
  { name: '404 of a made-up URL', status: 404, fetch: () => get('/wp-login.php') },
  { name: '404 of the API', status: 404, fetch: () => get('/api/khong-co') },
  {
    name: 'redirect to the canonical URL',
    status: 301,
    fetch: () => get('/chuyen-muc/Kinh-Te/', { redirect: 'manual' }),
  },
  { name: 'comment 400 (not a form)', status: 400, fetch: () => commentPost('{}', 'text/plain') },
  {
    name: 'comment 413',
    status: 413,
    fetch: () => commentPost(`content=${'x'.repeat(80_000)}`),
  },
  { name: 'comment 422', status: 422, fetch: () => commentPost('name=&title=&content=') },
  { name: 'admin page', status: 200, fetch: () => get('/admin/login') },
  { name: 'admin redirect', status: 303, fetch: () => get('/admin', { redirect: 'manual' }) },
  { name: 'API 200', status: 200, fetch: () => get('/api/captcha') },
  { name: 'API 401', status: 401, fetch: () => get('/api/admin/me') },
  {
    name: '503 (D1 failing)',
    status: 503,
    fetch: () => {
      vi.spyOn(console, 'error').mockImplementation(() => {})
      return appFetch(`${caseOrigin('response classes 503')}/`, {
        env: { DB: faultyD1(env.DB, { kind: 'throw' }).db },
      })
    },
  },
]

describe('headers on every response class', () => {
  it.each(cases)('$name', async ({ status, fetch }) => {
    const res = await fetch()
    expect(res.status).toBe(status)
    expect(res.headers.get('cache-control')).toMatch(/^(public|private|no-store)/)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    expect(res.headers.get('permissions-policy')).toContain('camera=()')
    vi.restoreAllMocks()
  })
})
