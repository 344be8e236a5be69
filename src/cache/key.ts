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
