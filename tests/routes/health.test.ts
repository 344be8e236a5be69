import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { app } from '../../src/index'
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
    expect(res.headers.get('cache-control')).toBe('no-store')
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
    await get('/?utm_source=x&phone=0912345678', {
      headers: { 'cf-ray': 'ray-123-HAN' },
    })
    const entry = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((e) => e.requestId === 'ray-123-HAN')
    expect(entry).toMatchObject({
      level: 'info',
      method: 'GET',
      path: '/',
      status: 200,
      cache: expect.stringMatching(/^(HIT|MISS|STALE)$/),
    })
    expect(typeof entry?.durationMs).toBe('number')
    expect(lines.join('\n')).not.toContain('0912345678')
  })
})
