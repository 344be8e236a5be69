import { afterEach, describe, expect, it, vi } from 'vitest'
import { emptyPlan, purgeRepeatMs, runPurge, tags, type PurgePlan } from '../../src/cache/purge'
import { storedKey } from '../../src/cache/key'
import { get, seedSample } from '../helpers'

const ORIGIN = 'https://tier.portal.test'

function planOfHome(): PurgePlan {
  const plan = emptyPlan()
  plan.paths.add('/')
  plan.tags.add(tags.home)
  return plan
}

/** A `ctx.cache` that records its purges, and a waitUntil that keeps what it was given. */
function target(env: Record<string, string>) {
  const purged: string[][] = []
  const background: Promise<unknown>[] = []
  return {
    purged,
    background,
    target: {
      origins: [ORIGIN],
      env,
      cache: {
        purge: async (o: CachePurgeOptions) => {
          purged.push(o.tags ?? [])
          return { success: true, errors: [] }
        },
      } as unknown as CacheContext,
      waitUntil: (p: Promise<unknown>) => void background.push(p),
    },
  }
}

afterEach(() => vi.restoreAllMocks())

describe('runPurge on the tier it runs on', () => {
  it('purges Workers Cache by tag and deletes nothing from the Cache API where EDGE_CACHE is workers', async () => {
    const deletes = vi.spyOn(caches.default, 'delete')
    const t = target({ EDGE_CACHE: 'workers', PURGE_REPEAT_SECONDS: 'off' })
    await runPurge(planOfHome(), t.target)
    await Promise.all(t.background)
    expect(t.purged).toEqual([[tags.home]])
    expect(deletes).not.toHaveBeenCalled()
  })

  it('deletes every planned URL from the Cache API in the cache-api tier', async () => {
    const key = storedKey(`${ORIGIN}/`)
    await caches.default.put(
      key,
      new Response('old', { headers: { 'cache-control': 'max-age=60' } }),
    )
    const deletes = vi.spyOn(caches.default, 'delete')
    const t = target({ EDGE_CACHE: 'cache-api', PURGE_REPEAT_SECONDS: 'off' })
    await runPurge(planOfHome(), t.target)
    expect(deletes).toHaveBeenCalledWith(key)
    expect(await caches.default.match(key)).toBeUndefined()
  })

  it('does not throw when the Cache API cannot delete (its files removed under npm start)', async () => {
    const deletes = vi
      .spyOn(caches.default, 'delete')
      .mockRejectedValue(new Error('SQLITE_CANTOPEN: unable to open database file'))
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    const t = target({ EDGE_CACHE: 'cache-api', PURGE_REPEAT_SECONDS: '0' })
    await expect(runPurge(planOfHome(), t.target)).resolves.toBeUndefined()
    await Promise.all(t.background)
    // Both passes tried, each logged once.
    expect(deletes).toHaveBeenCalledTimes(2)
    expect(
      errors.mock.calls.filter(([line]) => String(line).includes('cache api purge failed')),
    ).toHaveLength(2)
  })

  it('stores an editor’s change and answers 201 though the purge fails', async () => {
    await seedSample()
    vi.spyOn(caches.default, 'delete').mockRejectedValue(new Error('SQLITE_CANTOPEN'))
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const res = await get('/api/admin/articles', {
      method: 'POST',
      headers: { authorization: 'Bearer test-admin-token', 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Lưu dù xoá bộ nhớ đệm lỗi',
        lead: 'Tóm tắt.',
        body: 'Nội dung.',
        categoryId: 1,
        status: 'published',
      }),
    })
    expect(res.status).toBe(201)
    const { slug } = (await res.json()) as { slug: string }
    vi.restoreAllMocks()
    expect((await get(`/bai-viet/${slug}`)).status).toBe(200)
  })

  it('serves readers a rendered page when the Cache API can neither read nor store', async () => {
    await seedSample()
    vi.spyOn(caches.default, 'match').mockRejectedValue(new Error('SQLITE_CANTOPEN'))
    vi.spyOn(caches.default, 'put').mockRejectedValue(new Error('SQLITE_CANTOPEN'))
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const res = await get('/tim-kiem?q=th%C3%B4ng+tin')
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('<html')
  })

  it('repeats the purge after PURGE_REPEAT_SECONDS, and not at all when it is off', async () => {
    const once = target({ EDGE_CACHE: 'workers', PURGE_REPEAT_SECONDS: 'off' })
    await runPurge(planOfHome(), once.target)
    await Promise.all(once.background)
    expect(once.purged).toHaveLength(1)
    const twice = target({ EDGE_CACHE: 'workers', PURGE_REPEAT_SECONDS: '0' })
    await runPurge(planOfHome(), twice.target)
    await Promise.all(twice.background)
    expect(twice.purged).toHaveLength(2)
  })
})

describe('purgeRepeatMs', () => {
  it('reads whole seconds, off, and falls back on the default', () => {
    expect(purgeRepeatMs('off')).toBeNull()
    expect(purgeRepeatMs('0')).toBe(0)
    expect(purgeRepeatMs('3')).toBe(3000)
    expect(purgeRepeatMs(undefined)).toBe(10_000)
    expect(purgeRepeatMs('1.5')).toBe(10_000)
    expect(purgeRepeatMs('-1')).toBe(10_000)
  })
})
