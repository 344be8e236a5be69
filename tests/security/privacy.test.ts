/**
 * Phone numbers, IP hashes and secrets never reach the public: every public route's output and
 * every log line written while serving them are scanned for what a commenter gave privately.
 */
import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { comments } from '../../src/db/schema'
import { solvedCaptcha } from '../captcha-helpers'
import { get, SEED_SLUG, seedSample, testDb } from '../helpers'

beforeAll(seedSample)
afterEach(() => {
  vi.restoreAllMocks()
})

const PHONE_TYPED = '+84 913.579-246'
const PHONE_STORED = '+84913579246'
const PHONE_NATIONAL = '0913579246'
const IP = '203.0.113.58'
const TITLE = 'Góp ý về lịch tiếp dân'

/** Every GET route a reader, a crawler or a feed reader can reach, with some odd variants. */
const PUBLIC_ROUTES = [
  '/',
  '/?page=2',
  '/chuyen-muc/xay-dung-dang',
  '/chuyen-muc/xay-dung-dang?page=2',
  '/chuyen-muc/tin-tuc-su-kien',
  '/chuyen-muc/kinh-te',
  '/chuyen-muc/van-hoa-xa-hoi',
  '/chuyen-muc/quoc-phong-an-ninh',
  `/bai-viet/${SEED_SLUG}`,
  `/bai-viet/${SEED_SLUG}?binh-luan=cho-duyet`,
  `/tim-kiem?q=${encodeURIComponent(TITLE)}`,
  '/tim-kiem?q=thuong+tin',
  '/rss.xml',
  '/chuyen-muc/xay-dung-dang/rss.xml',
  '/sitemap.xml',
  '/robots.txt',
  '/healthz',
  '/api/captcha',
  '/khong-co-trang-nay',
  '/bai-viet/khong-co-bai-nay',
]

describe('privacy of what commenters give', () => {
  it('keeps phone numbers, IP hashes and secrets out of every public route and every log line', async () => {
    const logged: string[] = []
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(' '))
      })
    }
    const body = new URLSearchParams({
      name: 'Phạm Thị Thu',
      phone: PHONE_TYPED,
      title: TITLE,
      content: 'Đề nghị công bố lịch tiếp dân của xã trên cổng thông tin.',
      altcha: await solvedCaptcha(),
    })
    const posted = await get(`/bai-viet/${SEED_SLUG}/binh-luan`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'cf-connecting-ip': IP },
      body,
      redirect: 'manual',
    })
    expect(posted.status).toBe(303)
    const [row] = await testDb().select().from(comments).where(eq(comments.title, TITLE))
    expect(row!.phone).toBe(PHONE_STORED)
    const ipHash = row!.ipHash!
    expect(ipHash).toMatch(/^[0-9a-f]{32}$/)
    const approved = await get('/api/admin/comments/moderate', {
      method: 'POST',
      headers: { authorization: 'Bearer test-admin-token', 'content-type': 'application/json' },
      body: JSON.stringify({ ids: [row!.id], action: 'approve' }),
    })
    expect(approved.status).toBe(200)

    const secrets = [
      PHONE_STORED,
      PHONE_NATIONAL,
      PHONE_TYPED,
      '913579246',
      ipHash,
      IP,
      env.ADMIN_TOKEN,
      env.SECRET_KEY,
    ]
    for (const path of PUBLIC_ROUTES) {
      const res = await get(path, { headers: { 'cf-connecting-ip': IP } })
      expect(res.status, path).toBeLessThan(500)
      const output = [...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n') + (await res.text())
      for (const secret of secrets) expect(output, `${path} shows ${secret}`).not.toContain(secret)
    }
    // Searching for the number finds nothing: comments and phone numbers are not indexed. (The
    // page does show the query, which is the searcher's own text.)
    const search = await (await get(`/tim-kiem?q=${PHONE_NATIONAL}`)).text()
    expect(search).not.toContain(TITLE)
    expect(search).not.toContain(ipHash)
    // The approved comment is public; only what was given privately is not.
    const article = await (await get(`/bai-viet/${SEED_SLUG}`)).text()
    expect(article).toContain(TITLE)

    expect(logged.length).toBeGreaterThan(0)
    const logs = logged.join('\n')
    for (const secret of secrets) expect(logs, `logs show ${secret}`).not.toContain(secret)
  })
})
