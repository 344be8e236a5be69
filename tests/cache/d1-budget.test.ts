import { forgetNoLegacyPaths } from '../../src/routes/legacy'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { appFetch, countingD1, SEED_SLUG, seedSample } from '../helpers'

beforeAll(seedSample)

/**
 * D1 round trips (a `batch()` or a statement on its own) each public route makes when it
 * renders (a cache miss), and on a hit. The README's cache docs show this table; a change
 * that adds a round trip to a page must change it here, on purpose. Views cost the page
 * nothing: they are counted by the beacon (routes/views.ts).
 */
const BUDGET: Record<string, { miss: number; hit: number }> = {
  // The home page: which categories have blocks decides the second batch's queries.
  '/': { miss: 2, hit: 0 },
  '/tin-moi?page=2': { miss: 1, hit: 0 },
  '/chuyen-muc/kinh-te': { miss: 1, hit: 0 },
  '/chu-de/thong-tin-doi-ngoai': { miss: 1, hit: 0 },
  // An author's page: the bylines first (which spellings fold to this slug), then the list.
  '/tac-gia/thanh-tinh': { miss: 2, hit: 0 },
  '/sitemap-news.xml': { miss: 1, hit: 0 },
  [`/bai-viet/${SEED_SLUG}`]: { miss: 1, hit: 0 },
  '/tim-kiem?q=thuong+tin': { miss: 3, hit: 0 },
  '/rss.xml': { miss: 1, hit: 0 },
  '/chuyen-muc/kinh-te/rss.xml': { miss: 1, hit: 0 },
  '/sitemap.xml': { miss: 1, hit: 0 },
  '/bai-viet/khong-co-bai-nay': { miss: 2, hit: 0 },
}

describe('D1 round trips per public route', () => {
  for (const [path, budget] of Object.entries(BUDGET)) {
    it(`${path}: ${budget.miss} on a miss, ${budget.hit} on a hit`, async () => {
      const miss = countingD1(env.DB)
      const first = await appFetch(path, { env: { DB: miss.db } })
      expect(first.headers.get('x-cache')).toBe('MISS')
      expect(miss.counts.roundTrips).toBe(budget.miss)
      const hit = countingD1(env.DB)
      const second = await appFetch(path, { env: { DB: hit.db } })
      expect(second.headers.get('x-cache')).toBe('HIT')
      expect(hit.counts.roundTrips).toBe(budget.hit)
    })
  }
})

describe('D1 round trips of URLs that cannot name anything', () => {
  // Made-up URLs are free to invent, so answering them must not cost a D1 read each. The one
  // read an unknown path may cost (is it an imported site's old address?) is made once per
  // isolate while the portal has no old addresses (src/routes/legacy.ts).
  beforeAll(async () => {
    forgetNoLegacyPaths()
    const counting = countingD1(env.DB)
    expect((await appFetch('/mot-duong-dan-cu.html', { env: { DB: counting.db } })).status).toBe(
      404,
    )
    expect(counting.counts.roundTrips).toBe(1)
  })
  const paths = [
    '/khong-co-trang-nay',
    '/bai-viet/a/b',
    '/bai-viet/!!!',
    '/bai-viet/%E2%80%8B',
    '/chuyen-muc/---',
    '/chuyen-muc/kinh-te/khong-co',
    '/wp-login.php',
    '/media/khong-co.jpg',
  ]
  for (const path of paths) {
    it(`${path}: 404 without reading D1`, async () => {
      const counting = countingD1(env.DB)
      const res = await appFetch(path, { env: { DB: counting.db } })
      expect(res.status).toBe(404)
      expect(await res.text()).toContain('Không tìm thấy')
      expect(counting.counts.roundTrips).toBe(0)
    })
  }
})
