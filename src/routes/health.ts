import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { PRIVATE_NO_STORE } from '../cache/contract'

/** How long D1 may take to answer before the portal reports itself unhealthy. */
export const HEALTH_TIMEOUT_MS = 1000

/** `GET /healthz`: 200 when D1 answers a trivial query within a second, else 503. */
export const health = new Hono<AppEnv>()

health.get('/healthz', async (c) => {
  c.header('Cache-Control', PRIVATE_NO_STORE)
  const started = Date.now()
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    await Promise.race([
      c.env.DB.prepare('select 1 as ok').first(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), HEALTH_TIMEOUT_MS)
      }),
    ])
    return c.json({ status: 'ok', d1: 'ok', d1Ms: Date.now() - started })
  } catch (err) {
    const reason = err instanceof Error && err.message === 'timeout' ? 'timeout' : 'error'
    return c.json({ status: 'unavailable', d1: reason }, 503)
  } finally {
    clearTimeout(timer)
  }
})
