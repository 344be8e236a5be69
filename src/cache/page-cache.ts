import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import { readSession, SESSION_COOKIE } from '../auth/session'
import { createDb } from '../db/client'
import type { AppEnv } from '../env'
import { setSecurityHeaders } from '../middleware/security-headers'
import { canonicalUrl, isCanonical } from './canonical'
import {
  ageHeader,
  cachePolicy,
  PRIVATE_NO_STORE,
  publicCacheControl,
  type CachePolicy,
} from './contract'
import { storedKeyOf } from './key'
import { recall, remember } from './memory-tier'
import { log } from '../lib/log'

/**
 * The worker's own edge cache for public pages, on the Workers Cache API: the stand-in for
 * Workers Cache wherever that does not run (locally, in tests, in a deployment without it),
 * honouring the same contract (`contract.ts`): fresh for the TTL, then served STALE for at most
 * the stale window while this request renders a fresh copy in the background, then only when
 * rendering fails. Every request renders its own miss: none waits on work another request
 * started (Workers cancel such a request as hung).
 */

const STORED_AT = 'x-cache-stored-at'
/** Marks the worker's own background refresh, so it renders instead of reading the cache. */
const REFRESH_HEADER = 'x-cache-refresh'
/**
 * Per-isolate secret for that header: clients cannot force a re-render. Made on first use, as
 * Workers forbid random values in global scope.
 */
let refreshSecretValue: string | undefined
const refreshSecret = () => (refreshSecretValue ??= crypto.randomUUID())

type Snapshot = { status: number; headers: [string, string][]; body: ArrayBuffer }

/** Headers as a hit gives them: without when the copy was stored or how long its render took. */
function hitHeaders(headers: Iterable<[string, string]>): [string, string][] {
  return [...headers].filter(([name]) => name !== STORED_AT && name !== 'server-timing')
}

/**
 * Keys whose background refresh this isolate has started, so a burst of stale hits starts one
 * refresh. Only checked, never awaited; bounded by the pages served stale at one time.
 */
const refreshing = new Set<string>()

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

/** Only complete pages and 404s are shared (stored, and public); nothing personal. */
function isShared(status: number, headers: Headers): boolean {
  return (status === 200 || status === 404) && !headers.has('set-cookie')
}

/** Builds the response a reader gets from a snapshot or a cached entry. */
function respond(
  c: Context<AppEnv>,
  policy: CachePolicy,
  status: number,
  headers: HeadersInit,
  body: BodyInit | null,
  state: 'HIT' | 'MISS' | 'STALE',
  ageMs = 0,
) {
  // One copy of the stored headers per answer; the body is not copied (a Response copies it).
  const out = new Headers(headers)
  out.delete(STORED_AT)
  out.set('Age', ageHeader(ageMs))
  // Timings describe the render that made the entry, not this answer.
  if (state !== 'MISS') out.delete('Server-Timing')
  out.set('Cache-Control', isShared(status, out) ? publicCacheControl(policy) : PRIVATE_NO_STORE)
  out.set('x-cache', state)
  if (status === 200 && matchesEtag(c.req.header('if-none-match'), out.get('etag'))) {
    return new Response(null, { status: 304, headers: out })
  }
  return new Response(c.req.method === 'HEAD' ? null : body, { status, headers: out })
}

/** Renders a page by running the rest of the app, and stores it when it may be shared. */
async function renderAndStore(
  key: string,
  policy: CachePolicy,
  render: () => Promise<Response>,
): Promise<Snapshot> {
  const res = await render()
  const body = await res.arrayBuffer()
  const headers = new Headers(res.headers)
  if (isShared(res.status, res.headers)) {
    headers.set('ETag', await etagOf(body))
    const storedAt = Date.now()
    const stored = new Headers(headers)
    stored.set(STORED_AT, String(storedAt))
    // The Cache API drops the entry once even a failing render may no longer fall back on it;
    // freshness and the stale window are judged from STORED_AT.
    stored.set('Cache-Control', `public, max-age=${policy.ttl + policy.sie}`)
    try {
      await caches.default.put(key, new Response(body, { status: res.status, headers: stored }))
    } catch (err) {
      // A cache that cannot store (locally: its files removed under a running server) costs a
      // render next time, never the reader's page.
      log.error('cache api put failed', { key, error: err })
    }
    const snap = { status: res.status, headers: [...headers], body }
    remember(key, { ...snap, headers: hitHeaders(headers) }, storedAt)
    return snap
  }
  return { status: res.status, headers: [...headers], body }
}

/**
 * Whether the request carries the session of an editor who may still sign in: a cookie we
 * signed that has not expired (checked first, without D1, so a made-up cookie costs nothing),
 * of an editor D1 still lists as active (so a revoked editor's session stops skipping the cache
 * at once). Only a validly signed cookie reaches D1.
 */
async function fromEditor(c: Context<AppEnv>): Promise<boolean> {
  const value = getCookie(c, SESSION_COOKIE)
  // readSession verifies the signature before it reads D1.
  return value !== undefined && (await readSession(c.env, createDb(c.env.DB), value)) !== null
}

/**
 * The cache middleware. Every response leaves it with `Cache-Control` and `x-cache`: HIT, MISS,
 * STALE or BYPASS. GET and HEAD of a public page are served through the cache; any other
 * spelling of a page's URL is redirected (301) to its canonical one; an editor's signed session
 * skips the cache (an unsigned or made-up cookie does not); everything else passes through and
 * is marked `private, no-store` unless its route said otherwise.
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
    const readOnly = c.req.method === 'GET' || c.req.method === 'HEAD'
    const canonical = readOnly ? canonicalUrl(url) : null
    if (!canonical) {
      await next()
      if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', PRIVATE_NO_STORE)
      c.res.headers.set('x-cache', 'BYPASS')
      return
    }
    if (!isCanonical(url, canonical)) {
      const headers = new Headers({
        Location: `${canonical.pathname}${canonical.search}`,
        // Not stored: each made-up variant would otherwise be an entry of its own.
        'Cache-Control': PRIVATE_NO_STORE,
        'x-cache': 'BYPASS',
      })
      setSecurityHeaders(headers, url, c.env)
      return new Response(null, { status: 301, headers })
    }
    const isRefresh = c.req.header(REFRESH_HEADER) === refreshSecret()
    if (!isRefresh && (await fromEditor(c))) {
      await next()
      c.res.headers.set('Cache-Control', PRIVATE_NO_STORE)
      c.res.headers.set('x-cache', 'BYPASS')
      return
    }
    const policy = cachePolicy(c.env)
    if (c.env.EDGE_CACHE === 'workers') {
      // Workers Cache in front of the worker stores and serves by these headers; reaching the
      // worker means a miss there, so render and state the contract, nothing more.
      await next()
      const shared = isShared(c.res.status, c.res.headers)
      c.res.headers.set('Cache-Control', shared ? publicCacheControl(policy) : PRIVATE_NO_STORE)
      // No x-cache here: Workers Cache would store it with the page; cf-cache-status tells.
      return
    }
    const key = storedKeyOf(canonical)
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
      const snap = await renderAndStore(key, policy, renderHere)
      replace(new Response(snap.body, { status: snap.status, headers: snap.headers }))
      return
    }

    const now = Date.now()
    const inMemory = recall(key, policy.ttl, now)
    if (inMemory) {
      const { status, headers, body, storedAt } = inMemory
      return respond(c, policy, status, headers, body, 'HIT', now - storedAt)
    }
    const cached = await caches.default.match(key).catch((err: unknown) => {
      log.error('cache api match failed', { key, error: err })
      return undefined
    })
    const age = cached ? now - Number(cached.headers.get(STORED_AT) ?? 0) : Infinity
    if (cached && age < policy.ttl * 1000) {
      const body = await cached.arrayBuffer()
      const headers = hitHeaders(cached.headers)
      remember(key, { status: cached.status, headers, body }, now - age)
      return respond(c, policy, cached.status, headers, body, 'HIT', age)
    }
    if (cached && age < (policy.ttl + policy.swr) * 1000) {
      // Stale: answer now, refresh in the background through the app itself, once per isolate.
      if (!refreshing.has(key)) {
        refreshing.add(key)
        const refresh = new Request(canonical, { headers: { [REFRESH_HEADER]: refreshSecret() } })
        c.executionCtx.waitUntil(
          (async () => {
            try {
              const res = await opts.fetch(refresh, c.env, c.executionCtx)
              await res.arrayBuffer()
            } catch (err) {
              // D1 down or similar: the copy keeps being served within the stale window.
              log.error('background refresh failed', { key, error: err })
            } finally {
              refreshing.delete(key)
            }
          })(),
        )
      }
      return respond(c, policy, cached.status, cached.headers, cached.body, 'STALE', age)
    }

    const snap = await renderAndStore(key, policy, renderHere)
    if (snap.status >= 500 && cached && age < (policy.ttl + policy.sie) * 1000) {
      // stale-if-error: rendering failed (D1 down), an older copy is better than an error.
      replace(respond(c, policy, cached.status, cached.headers, cached.body, 'STALE', age))
      return
    }
    replace(respond(c, policy, snap.status, snap.headers, snap.body, 'MISS'))
  })
