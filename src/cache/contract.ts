/**
 * The cache contract every response states in its own headers, read the same way by Workers
 * Cache in production (RFC 9111 and RFC 5861 directives, `Cache-Tag` for purges) and by the
 * worker's own Cache API tier locally and in tests:
 *
 * - public pages and feeds: `public, max-age=<browser>, s-maxage=<ttl>,
 *   stale-while-revalidate=<swr>, stale-if-error=<sie>`: the edge serves a copy as fresh for
 *   `ttl` seconds, then stale for at most `swr` more while it refreshes; past `ttl + swr` it is
 *   only served when rendering fails (D1 down), for at most `sie` seconds after it was made;
 * - everything else (admin, API, form posts, anything personal, errors): `private, no-store`.
 *
 * Workers Cache stores a 200 without `Cache-Control` for two hours, so no response goes without
 * one (https://developers.cloudflare.com/workers/cache/configuration/).
 */

export { PRIVATE_NO_STORE } from '../lib/cache-control'

/** Seconds a page is fresh at the edge when `CACHE_TTL_SECONDS` is unset or invalid. */
export const DEFAULT_TTL_SECONDS = 60
/** Seconds after the TTL a stale page may still be served while a fresh one renders. */
export const DEFAULT_STALE_SECONDS = 60
/** Seconds a page may be served when rendering fails (stale-if-error): a D1 outage. */
export const STALE_IF_ERROR_SECONDS = 24 * 60 * 60
/** Seconds browsers may keep a public page without asking again (never more than the TTL). */
export const BROWSER_MAX_AGE = 30

export type CachePolicy = {
  /** Seconds fresh at the edge (`s-maxage`). */
  ttl: number
  /** Seconds served stale after that while refreshing (`stale-while-revalidate`). */
  swr: number
  /** Seconds servable when rendering fails (`stale-if-error`). */
  sie: number
}

function seconds(raw: string | undefined, fallback: number): number {
  const n = Number(raw)
  return raw !== undefined && raw !== '' && Number.isInteger(n) && n >= 0 ? n : fallback
}

/** The policy from `CACHE_TTL_SECONDS` and `CACHE_STALE_SECONDS` (whole seconds ≥ 0). */
export function cachePolicy(env: {
  CACHE_TTL_SECONDS?: string
  CACHE_STALE_SECONDS?: string
}): CachePolicy {
  return {
    ttl: seconds(env.CACHE_TTL_SECONDS, DEFAULT_TTL_SECONDS),
    swr: seconds(env.CACHE_STALE_SECONDS, DEFAULT_STALE_SECONDS),
    sie: STALE_IF_ERROR_SECONDS,
  }
}

/** `Cache-Control` of a public page or feed under this policy. */
export function publicCacheControl(policy: CachePolicy): string {
  const browser = Math.min(BROWSER_MAX_AGE, policy.ttl)
  return `public, max-age=${browser}, s-maxage=${policy.ttl}, stale-while-revalidate=${policy.swr}, stale-if-error=${policy.sie}`
}

/**
 * `Cache-Control` of an uploaded file (`/media/<key>`, whose bytes never change under one
 * key): a day in browsers, a year at the edge, where its `Cache-Tag` (`media:<key>`) lets a
 * takedown purge it (a browser's own copy cannot be reached, so it is kept short).
 */
export const MEDIA_CACHE_CONTROL = 'public, max-age=86400, s-maxage=31536000, immutable'

/**
 * The `Age` header of a copy rendered `elapsedMs` milliseconds ago: whole seconds, never
 * negative (RFC 9111 §5.1), so a browser counts max-age from the render, not from the answer.
 */
export function ageHeader(elapsedMs: number): string {
  return String(Math.max(0, Math.floor(elapsedMs / 1000)))
}
