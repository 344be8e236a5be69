import { ASSETS_VERSION } from '../generated/assets'

/** Query parameters that only track where a reader came from; they never change a page. */
const TRACKING =
  /^(utm_[a-z0-9_]*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|_ga|_gl|igshid|zarsrc|zalo_ref)$/i

/**
 * The cache key of a page: its URL without tracking parameters, the rest sorted, no fragment,
 * so that every link to one page shares one cache entry.
 */
export function cacheKey(input: string | URL): string {
  const url = new URL(input)
  const kept = [...url.searchParams].filter(([name]) => !TRACKING.test(name))
  kept.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
  url.search = new URLSearchParams(kept).toString()
  url.hash = ''
  return url.toString()
}

/**
 * The URL a page is stored under in the Cache API: its cache key plus the version of the
 * browser files, so that after a deploy no page is served that links to CSS or scripts the
 * deploy removed.
 */
export function storedKey(input: string | URL): string {
  const url = new URL(cacheKey(input))
  url.searchParams.append('__assets', ASSETS_VERSION)
  return url.toString()
}
