/**
 * Old addresses of imported content (src/import), in the one spelling that is stored and looked
 * up, so `/News/Tin-Tuc/Abc-12.html/`, `/news/tin-tuc/abc-12.html` and
 * `https://old.site.vn/news/tin-tuc/abc-12.html?utm_source=x` find the same row.
 */

/**
 * Query parameters that name content on the systems we import from: WordPress `?p=ID`,
 * `?page_id=ID`, `?cat=ID`, `?tag=slug`; NukeViet without rewriting,
 * `index.php?language=vi&nv=<module>&op=<category>/<alias>-<id>`. Everything else (language,
 * tracking parameters) is left out of the key, in this order.
 */
export const LEGACY_PARAMS = ['p', 'page_id', 'cat', 'tag', 'nv', 'op'] as const

/** Whether a URL's query names content the way WordPress or NukeViet did (`?p=12`…). */
export function hasLegacyQuery(url: URL): boolean {
  return LEGACY_PARAMS.some((name) => url.searchParams.has(name))
}

/** Longest key stored; longer addresses are not kept (no real CMS address is this long). */
export const LEGACY_KEY_MAX = 600

/**
 * The lookup key of an address: its path percent-decoded, NFC, lower-cased, with repeated and
 * trailing slashes removed (`/` stays), then the LEGACY_PARAMS it carries (the first of each,
 * lower-cased) in that order. Input: an absolute URL, or a path with an optional query.
 * Output: e.g. `/news/tin-tuc/abc-12.html` or `/?p=12`; null when nothing usable is left or the
 * key would pass LEGACY_KEY_MAX.
 */
export function legacyKey(address: string | URL): string | null {
  let url: URL
  try {
    // A path is a path even when it starts with `//` (which URL would read as a host).
    const path = typeof address === 'string' && address.startsWith('/')
    url = path ? new URL(`http://legacy.invalid${address}`) : new URL(address)
  } catch {
    return null
  }
  let path: string
  try {
    path = decodeURIComponent(url.pathname)
  } catch {
    path = url.pathname
  }
  path =
    path
      .normalize('NFC')
      .toLowerCase()
      .replace(/\/{2,}/g, '/')
      .replace(/\/+$/, '') || '/'
  const query = new URLSearchParams()
  for (const name of LEGACY_PARAMS) {
    const value = url.searchParams.get(name)
    if (value) query.set(name, value.normalize('NFC').toLowerCase())
  }
  const search = query.toString()
  const key = search ? `${path}?${search}` : path
  return key.length > LEGACY_KEY_MAX ? null : key
}
