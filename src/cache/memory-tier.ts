import { logRequest } from '../middleware/request-log'
import { ageHeader, cachePolicy, publicCacheControl } from './contract'
import { storedKeyOf } from './key'

/**
 * A second of memory in front of the Cache API: a page read many times a second is answered
 * from this isolate without a cache lookup, and (through `answerFromMemory`) before the app
 * runs at all. A purge clears it here at once; other isolates drop their copy within
 * MEMORY_TTL_MS, the only extra staleness it adds. Bounded: MEMORY_MAX_ENTRIES pages.
 */
export const MEMORY_TTL_MS = 1000
const MEMORY_MAX_ENTRIES = 300

/** A page as a hit answers it: headers without the render's own (Server-Timing, stored-at). */
export type MemoryEntry = {
  status: number
  headers: [string, string][]
  body: ArrayBuffer
  /** When this copy leaves memory (ms since the epoch). */
  until: number
  /** When the page was rendered (ms since the epoch): freshness is judged from it. */
  storedAt: number
}

const memory = new Map<string, MemoryEntry>()

/** Keeps a page (by its stored key) for MEMORY_TTL_MS; drops the oldest beyond the bound. */
export function remember(
  key: string,
  page: { status: number; headers: [string, string][]; body: ArrayBuffer },
  storedAt: number,
) {
  memory.delete(key)
  memory.set(key, { ...page, until: Date.now() + MEMORY_TTL_MS, storedAt })
  // Oldest first in a Map: drop from the front.
  while (memory.size > MEMORY_MAX_ENTRIES) memory.delete(memory.keys().next().value!)
}

/** Forgets a page in this isolate's memory (purges call it with the cache delete). */
export function forgetInMemory(key: string) {
  memory.delete(key)
}

/** The page under this stored key if it is in memory and still fresh under `ttl` seconds. */
export function recall(key: string, ttl: number, now = Date.now()): MemoryEntry | null {
  const entry = memory.get(key)
  return entry && entry.until > now && now < entry.storedAt + ttl * 1000 ? entry : null
}

/**
 * The fast path, ahead of the app: a GET or HEAD of a page this isolate holds fresh is answered
 * here, with the same headers the cache middleware gives a HIT, without routing or middleware.
 * Anything else returns null and goes through the app: a request with a cookie (it may be an
 * editor's session, verified there), a conditional request, a non-canonical URL (its key
 * cannot be in memory: keys are built from canonical URLs), the worker's own refreshes.
 */
export function answerFromMemory(req: Request, env: Cloudflare.Env): Response | null {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null
  const h = req.headers
  if (h.has('cookie') || h.has('if-none-match') || h.has('x-cache-refresh')) return null
  const started = Date.now()
  const policy = cachePolicy(env)
  const entry = recall(storedKeyOf(new URL(req.url)), policy.ttl, started)
  if (!entry) return null
  const res = hitResponse(entry, publicCacheControl(policy), req.method, started)
  logRequest(req, res, started)
  return res
}

/**
 * The HIT answer for a page from memory, with its Age (seconds since it was rendered, RFC 9111
 * §5.1) at `now` (ms); the body is not copied here (a Response copies it).
 */
export function hitResponse(
  entry: MemoryEntry,
  cacheControl: string,
  method: string,
  now: number,
): Response {
  const headers = new Headers(entry.headers)
  headers.set('Cache-Control', cacheControl)
  headers.set('Age', ageHeader(now - entry.storedAt))
  headers.set('x-cache', 'HIT')
  return new Response(method === 'HEAD' ? null : entry.body, { status: entry.status, headers })
}
