import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import { SESSION_COOKIE } from '../admin/auth'
import type { AppEnv } from '../env'
import { storedKey } from './key'
import { articleIdFromTags, countView } from './view-counter'

/**
 * The edge cache for public pages, on the Workers Cache API. The Cache API has no
 * stale-while-revalidate, so the worker does it: entries are kept for a day, served as HIT
 * while younger than the TTL, and after that served at once as STALE while a background
 * request renders a fresh copy. A miss renders once per key and isolate, however many
 * readers ask at the same moment.
 */

export const DEFAULT_TTL_SECONDS = 60
/** How long the edge keeps an entry after it was rendered: the stale window. */
export const KEEP_SECONDS = 24 * 60 * 60
/** What browsers may keep without asking again. */
export const BROWSER_MAX_AGE = 30

const STORED_AT = 'x-cache-stored-at'
/** Marks the worker's own background refresh, so it renders instead of reading the cache. */
const REFRESH_HEADER = 'x-cache-refresh'
/**
 * Per-isolate secret for that header: clients cannot force a re-render. Made on first use, as
 * Workers forbid random values in global scope.
 */
let refreshSecretValue: string | undefined
const refreshSecret = () => (refreshSecretValue ??= crypto.randomUUID())

/** Paths whose GET responses are public pages or feeds. */
function isCacheablePath(path: string): boolean {
  return (
    path === '/' ||
    /^\/chuyen-muc\/[^/]+(\/rss\.xml)?$/.test(path) ||
    /^\/bai-viet\/[^/]+$/.test(path) ||
    ['/tim-kiem', '/rss.xml', '/sitemap.xml', '/robots.txt'].includes(path)
  )
}

type Snapshot = { status: number; headers: [string, string][]; body: ArrayBuffer }

/**
 * A second of memory in front of the Cache API: a page read many times a second is answered
 * from this isolate without a cache lookup. A purge clears it here at once; other isolates
 * drop their copy within MEMORY_TTL_MS, the only extra staleness it adds.
 */
export const MEMORY_TTL_MS = 1000
const MEMORY_MAX_ENTRIES = 300
const memory = new Map<string, Snapshot & { until: number; storedAt: number }>()

function remember(key: string, snap: Snapshot, storedAt: number) {
  const until = Date.now() + MEMORY_TTL_MS
  memory.delete(key)
  memory.set(key, { ...snap, until, storedAt })
  // Oldest first in a Map: drop from the front.
  while (memory.size > MEMORY_MAX_ENTRIES) memory.delete(memory.keys().next().value!)
}

/** Forgets a page in this isolate's memory (purges call it with the cache delete). */
export function forgetInMemory(key: string) {
  memory.delete(key)
}

/** Misses being rendered in this isolate, by key, so concurrent readers share one render. */
const inflight = new Map<string, Promise<Snapshot>>()

function ttlSeconds(env: AppEnv['Bindings']): number {
  const n = Number(env.CACHE_TTL_SECONDS)
  return Number.isFinite(n) && n >= 0 ? n : DEFAULT_TTL_SECONDS
}

async function etagOf(body: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body))
  return `"${btoa(String.fromCharCode(...digest.slice(0, 12))).replace(/[+/=]/g, '')}"`
}

/** Whether an If-None-Match header names this ETag. */
function matchesEtag(header: string | undefined, etag: string | null): boolean {
  if (!header || !etag) return false
  if (header.trim() === '*') return true
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)
}

/** Only complete pages and 404s are shared; nothing personal. */
function storable(res: Response): boolean {
  return (res.status === 200 || res.status === 404) && !res.headers.has('set-cookie')
}

/** Counts a view when the answer is an article page (its Cache-Tag names the article). */
function countArticleView(c: Context<AppEnv>, status: number, headers: Headers) {
  if (status !== 200 || !new URL(c.req.url).pathname.startsWith('/bai-viet/')) return
  const id = articleIdFromTags(headers.get('cache-tag'))
  if (id !== null) countView(c.env, (p) => c.executionCtx.waitUntil(p), id)
}

/** Builds the response a reader gets from a snapshot or a cached entry. */
function respond(
  c: Context<AppEnv>,
  status: number,
  headers: Headers,
  body: BodyInit | null,
  state: 'HIT' | 'MISS' | 'STALE',
) {
  countArticleView(c, status, headers)
  const out = new Headers(headers)
  out.delete(STORED_AT)
  // Timings describe the render that made the entry, not this answer.
  if (state !== 'MISS') out.delete('Server-Timing')
  // A server error (e.g. the 503 while D1 is down) is never stored, nor kept by browsers.
  out.set('Cache-Control', status >= 500 ? 'no-store' : `public, max-age=${BROWSER_MAX_AGE}`)
  out.set('x-cache', state)
  if (status === 200 && matchesEtag(c.req.header('if-none-match'), out.get('etag'))) {
    return new Response(null, { status: 304, headers: out })
  }
  return new Response(body, { status, headers: out })
}

/** Renders a page by running the rest of the app, and stores it when it may be shared. */
async function renderAndStore(key: string, render: () => Promise<Response>): Promise<Snapshot> {
  const res = await render()
  const body = await res.arrayBuffer()
  const headers = new Headers(res.headers)
  if (storable(res)) {
    headers.set('ETag', await etagOf(body))
    const storedAt = Date.now()
    const stored = new Headers(headers)
    stored.set(STORED_AT, String(storedAt))
    // The edge keeps the entry for the stale window; freshness is judged by STORED_AT.
    stored.set('Cache-Control', `public, max-age=${KEEP_SECONDS}`)
    await caches.default.put(key, new Response(body, { status: res.status, headers: stored }))
    const snap = { status: res.status, headers: [...headers], body }
    remember(key, snap, storedAt)
    return snap
  }
  return { status: res.status, headers: [...headers], body }
}

/**
 * The cache middleware. Every response gets `x-cache`: HIT, MISS, STALE or BYPASS. Requests
 * that are not public page GETs, or that carry an admin session, bypass the cache entirely.
 */
export const pageCache = (opts: {
  /** The app's own fetch, used for background refreshes. */
  fetch: (
    req: Request,
    env: AppEnv['Bindings'],
    ctx: Context<AppEnv>['executionCtx'],
  ) => Response | Promise<Response>
}) =>
  createMiddleware<AppEnv>(async function pageCache(c, next) {
    const url = new URL(c.req.url)
    const isRefresh = c.req.header(REFRESH_HEADER) === refreshSecret()
    const bypass =
      c.req.method !== 'GET' ||
      !isCacheablePath(url.pathname) ||
      getCookie(c, SESSION_COOKIE) !== undefined ||
      getCookie(c, 'd1b') !== undefined
    if (bypass) {
      await next()
      c.res.headers.set('x-cache', 'BYPASS')
      if (c.req.method === 'GET') countArticleView(c, c.res.status, c.res.headers)
      return
    }
    const key = storedKey(url)
    const renderHere = async () => {
      await next()
      return c.res
    }
    /**
     * Hono keeps `c.res` once the handlers ran, ignoring a returned response, so a response
     * built after `next()` replaces it explicitly (cleared first, so no headers are merged).
     */
    const replace = (res: Response) => {
      c.res = undefined as unknown as Response
      c.res = res
    }
    if (isRefresh) {
      const snap = await renderAndStore(key, renderHere)
      replace(new Response(snap.body, { status: snap.status, headers: snap.headers }))
      return
    }

    const ttlMs = ttlSeconds(c.env) * 1000
    const inMemory = memory.get(key)
    if (inMemory && inMemory.until > Date.now() && Date.now() < inMemory.storedAt + ttlMs) {
      return respond(
        c,
        inMemory.status,
        new Headers(inMemory.headers),
        inMemory.body.slice(0),
        'HIT',
      )
    }
    const cached = await caches.default.match(key)
    if (cached) {
      const storedAt = Number(cached.headers.get(STORED_AT) ?? 0)
      if (Date.now() < storedAt + ttlMs) {
        const body = await cached.arrayBuffer()
        const headers = [...cached.headers]
        remember(key, { status: cached.status, headers, body }, storedAt)
        return respond(c, cached.status, new Headers(headers), body.slice(0), 'HIT')
      }
      // Stale: answer now, refresh in the background through the app itself.
      const refresh = new Request(url, { headers: { [REFRESH_HEADER]: refreshSecret() } })
      c.executionCtx.waitUntil(
        (async () => {
          if (inflight.has(key)) return
          const job = Promise.resolve(opts.fetch(refresh, c.env, c.executionCtx)).then(
            async (r) => ({
              status: r.status,
              headers: [...r.headers],
              body: await r.arrayBuffer(),
            }),
          )
          inflight.set(key, job)
          try {
            await job
          } catch (err) {
            // D1 down or similar: keep serving the stale copy.
            console.error(
              JSON.stringify({
                level: 'error',
                message: 'background refresh failed',
                key,
                error: String(err),
              }),
            )
          } finally {
            inflight.delete(key)
          }
        })(),
      )
      return respond(c, cached.status, cached.headers, cached.body, 'STALE')
    }

    const shared = inflight.get(key)
    if (shared) {
      const snap = await shared
      return respond(c, snap.status, new Headers(snap.headers), snap.body.slice(0), 'MISS')
    }
    const job = renderAndStore(key, renderHere)
    inflight.set(key, job)
    try {
      const snap = await job
      replace(respond(c, snap.status, new Headers(snap.headers), snap.body.slice(0), 'MISS'))
    } finally {
      inflight.delete(key)
    }
  })
