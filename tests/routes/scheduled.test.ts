import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { captchaUses } from '../../src/db/schema'
import worker from '../../src/index'
import { get, insertArticle, seedSample, testDb } from '../helpers'

beforeAll(seedSample)
afterEach(() => {
  vi.restoreAllMocks()
})

/** Runs the worker's exported cron handler as the runtime does for `* * * * *`. */
async function runCron(scheduledTime: number) {
  const ctx = createExecutionContext()
  await worker.scheduled(
    createScheduledController({ scheduledTime, cron: '* * * * *' }),
    { ...env, SITE_URL: 'https://portal.test' },
    ctx,
  )
  await waitOnExecutionContext(ctx)
}

describe('the cron trigger (exported scheduled handler)', () => {
  it('forgets expired security codes, keeps live ones, and logs what it did', async () => {
    const now = Date.now()
    await testDb()
      .insert(captchaUses)
      .values([
        { id: 'expired-1', expiresAt: new Date(now - 60_000) },
        { id: 'expired-2', expiresAt: new Date(now - 1) },
        { id: 'live', expiresAt: new Date(now + 60_000) },
      ])
    const log = vi.spyOn(console, 'log')
    await runCron(now)
    const left = await testDb().select({ id: captchaUses.id }).from(captchaUses)
    expect(left.map((r) => r.id)).toEqual(['live'])
    const lines = log.mock.calls.map(([line]) => JSON.parse(String(line)))
    expect(lines).toContainEqual(
      expect.objectContaining({ message: 'scheduled run', due: 0, expiredCodes: 2 }),
    )
  })

  it('publishes an article that reached its time on pages cached before it', async () => {
    expect((await get('/')).status).toBe(200)
    const { slug } = await insertArticle(testDb(), {
      categorySlug: 'kinh-te',
      title: 'Bài hẹn giờ qua cron',
      publishedAt: new Date(Date.now() - 10_000),
    })
    expect(await (await get('/')).text()).not.toContain('Bài hẹn giờ qua cron')
    const log = vi.spyOn(console, 'log')
    await runCron(Date.now())
    expect(log.mock.calls.map(([line]) => JSON.parse(String(line)))).toContainEqual(
      expect.objectContaining({ message: 'scheduled run', due: 1 }),
    )
    expect(await (await get('/')).text()).toContain('Bài hẹn giờ qua cron')
    expect((await get(`/bai-viet/${slug}`)).status).toBe(200)
  })
})
