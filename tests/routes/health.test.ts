import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { app } from '../../src/index'
import { HIT_LOG_SAMPLE_RATE } from '../../src/middleware/request-log'
import { get } from '../helpers'

afterEach(() => {
  vi.restoreAllMocks()
})

async function healthWith(DB: D1Database) {
  const ctx = createExecutionContext()
  const res = await app.fetch(new Request('https://portal.test/healthz'), { ...env, DB }, ctx)
  await waitOnExecutionContext(ctx)
  return res
}

describe('GET /healthz', () => {
  it('answers 200 with JSON when D1 answers, never cached', async () => {
    const res = await get('/healthz')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    expect(res.headers.get('x-cache')).toBe('BYPASS')
    expect(await res.json()).toMatchObject({ status: 'ok', d1: 'ok' })
  })

  it('answers 503 when D1 fails or takes more than a second', async () => {
    const fake = (first: () => Promise<unknown>) => {
      const db = { prepare: () => ({ first }), withSession: () => db }
      return db as unknown as D1Database
    }
    const failing = fake(() => Promise.reject(new Error('down')))
    const failed = await healthWith(failing)
    expect(failed.status).toBe(503)
    expect(await failed.json()).toEqual({ status: 'unavailable', d1: 'error' })
    const slow = await healthWith(fake(() => new Promise(() => {})))
    expect(slow.status).toBe(503)
    expect(await slow.json()).toEqual({ status: 'unavailable', d1: 'timeout' })
  })
})

describe('request log', () => {
  it('writes one JSON line per request with the request id, and no query string', async () => {
    const lines: string[] = []
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(String(line)))
    await get('/tim-kiem?q=0912345678&utm_source=x', {
      headers: { 'cf-ray': 'ray-123-HAN' },
    })
    const entry = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((e) => e.requestId === 'ray-123-HAN')
    expect(entry).toMatchObject({
      level: 'info',
      method: 'GET',
      path: '/tim-kiem',
      status: 301,
      cache: 'BYPASS',
    })
    expect(typeof entry?.durationMs).toBe('number')
    expect(lines.join('\n')).not.toContain('0912345678')
  })

  it('logs a sample of cache hits, marked as such, and every miss', async () => {
    const lines: Record<string, unknown>[] = []
    vi.spyOn(console, 'log').mockImplementation(
      (line: unknown) => void lines.push(JSON.parse(String(line)) as Record<string, unknown>),
    )
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.5)
    await get('/', { headers: { 'cf-ray': 'ray-miss' } })
    await get('/', { headers: { 'cf-ray': 'ray-hit-unsampled' } })
    random.mockReturnValue(HIT_LOG_SAMPLE_RATE / 2)
    await get('/', { headers: { 'cf-ray': 'ray-hit-sampled' } })
    const byId = (id: string) => lines.find((l) => l.requestId === id)
    expect(byId('ray-miss')).toMatchObject({ cache: 'MISS' })
    expect(byId('ray-hit-unsampled')).toBeUndefined()
    expect(byId('ray-hit-sampled')).toMatchObject({ cache: 'HIT', sampled: true })
  })
})
