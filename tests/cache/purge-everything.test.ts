import { beforeAll, describe, expect, it } from 'vitest'
import { appFetch, get, SEED_SLUG, seedSample, type PurgeCalls } from '../helpers'

beforeAll(seedSample)

const purgeAll = (purges: PurgeCalls, token = 'test-admin-token') =>
  appFetch('/api/admin/cache/purge', {
    purges,
    init: { method: 'POST', headers: { authorization: `Bearer ${token}` } },
  })

describe('purging every page (after a restore)', () => {
  it('drops stored pages of every kind, by tag for Workers Cache and by URL here', async () => {
    const pages = ['/', '/chuyen-muc/tin-tuc-su-kien', `/bai-viet/${SEED_SLUG}`, '/rss.xml']
    for (const path of pages) {
      await appFetch(path)
      expect((await appFetch(path)).headers.get('x-cache'), path).toBe('HIT')
    }
    const purges: PurgeCalls = []
    const res = await purgeAll(purges)
    expect(res.status).toBe(200)
    // Every cached answer carries one of these two tags (pages, 404s, search, feeds).
    expect(purges.flatMap((p) => p.tags)).toEqual(expect.arrayContaining(['nav', 'feeds']))
    for (const path of pages) {
      expect((await appFetch(path)).headers.get('x-cache'), path).toBe('MISS')
    }
    const audit = (await (
      await get('/api/admin/audit', { headers: { authorization: 'Bearer test-admin-token' } })
    ).json()) as { items: { action: string }[] }
    expect(audit.items[0]?.action).toBe('cache.purge')
  })
})
