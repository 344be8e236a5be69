import type { Context } from 'hono'
import { findLegacyTarget } from '../db/legacy-paths'
import type { AppEnv } from '../env'
import { legacyKey } from '../lib/legacy-path'

/** How long browsers and shared caches may keep an old address's 301, in seconds (a day). */
export const LEGACY_REDIRECT_MAX_AGE = 86_400

/**
 * How long an isolate that found no old addresses at all answers unknown URLs without asking
 * D1 again, in seconds: made-up URLs are free to invent, so on a portal that imported nothing
 * they must not cost a read each. After an import, an isolate may take this long to notice.
 */
export const NO_LEGACY_RECHECK_SECONDS = 60

// A time, not a promise or random value: safe to share between requests of the isolate.
let noLegacyUntil = 0

/**
 * The 301 from an old address of imported content (a NukeViet `/news/tin-tuc/abc-12.html`, a
 * WordPress `/?p=12` or permalink; stored by src/import) to the article's or category's address
 * today, or null when the address is not one (the caller then answers 404). GET and HEAD only.
 * At most one D1 round trip; none while the isolate knows there are no old addresses.
 */
export async function legacyRedirect(c: Context<AppEnv>): Promise<Response | null> {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return null
  if (Date.now() < noLegacyUntil) return null
  const key = legacyKey(c.req.url)
  if (!key) return null
  const found = await findLegacyTarget(c.var.db, key, new Date())
  if (!found.any) noLegacyUntil = Date.now() + NO_LEGACY_RECHECK_SECONDS * 1000
  if (!found.target) return null
  return c.body(null, 301, {
    Location: found.target,
    'Cache-Control': `public, max-age=${LEGACY_REDIRECT_MAX_AGE}`,
  })
}

/** Forgets that there were no old addresses (after an import in the same isolate: the tests). */
export function forgetNoLegacyPaths(): void {
  noLegacyUntil = 0
}
