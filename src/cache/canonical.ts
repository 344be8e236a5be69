import { parsePage } from '../lib/pagination'
import { isSlug, slugify } from '../lib/slug'
import { cleanText } from '../lib/text'
import { hasLegacyQuery } from '../lib/legacy-path'

/**
 * One page, one URL. Every public page (and so every cache entry) has exactly one canonical URL;
 * any other spelling of it is redirected there before the cache or the page sees it, so that a
 * cache key always names exactly the parameters the page renders from, and no URL variant can
 * keep an entry of its own alive after a purge. Rules:
 *
 * - path: no trailing slash, slugs percent-decoded and lower-cased (`/bai-viet/%74hu` is
 *   `/bai-viet/thu`); a slug pasted with its Vietnamese marks, spaces or capitals is folded to
 *   the slug the portal would make of it (`/bai-viet/thường-tín` is `/bai-viet/thuong-tin`);
 * - query: only the parameters the page reads, in a fixed order, the first of repeated ones,
 *   only valid values (`page` 2–10000, `binh-luan` a known notice, `q` cleaned as the search page
 *   cleans it); everything else (tracking parameters such as `utm_*`, `fbclid`, `zarsrc`, and
 *   any unknown or invalid one) is dropped.
 */

/** Where a public page's parameters come from, in the order the canonical URL lists them. */
type PageKind = { params: readonly string[] }

const LIST: PageKind = { params: ['page'] }
const ARTICLE: PageKind = { params: ['binh-luan'] }
const SEARCH: PageKind = { params: ['q', 'page'] }
const BARE: PageKind = { params: [] }

/** The notices an article page shows after a comment (see routes/comments.tsx). */
const COMMENT_NOTICE_VALUES = new Set(['cho-duyet', 'da-dang'])

/** Longest search text kept in a URL; the search page refuses longer ones with a message. */
const MAX_Q_LENGTH = 400

/**
 * The kind of page the path names, or null. `segments` are decoded and lower-cased; a second
 * segment that is not a slug is replaced (in place) by the slug folded from it, when there is
 * one.
 */
function kindOf(segments: string[]): PageKind | null {
  const [first, second, third, ...rest] = segments
  if (rest.length > 0) return null
  if (first === undefined) return LIST
  if (second === undefined) {
    if (first === 'tim-kiem') return SEARCH
    if (first === 'tin-moi') return LIST
    if (['rss.xml', 'sitemap.xml', 'robots.txt', 'sitemap-news.xml'].includes(first)) return BARE
    // The files of a sitemap split past 50,000 URLs (routes/sitemaps.ts).
    if (/^sitemap-[1-9][0-9]{0,5}\.xml$/.test(first)) return BARE
    return null
  }
  if (!['bai-viet', 'chuyen-muc', 'chu-de', 'tac-gia'].includes(first)) return null
  if (!isSlug(second)) {
    const folded = slugify(second)
    if (!isSlug(folded)) return null
    segments[1] = folded
  }
  if (first === 'bai-viet' && third === undefined) return ARTICLE
  if (first === 'chuyen-muc' || first === 'chu-de') {
    if (third === undefined) return LIST
    if (third === 'rss.xml') return BARE
  }
  if (first === 'tac-gia' && third === undefined) return LIST
  return null
}

/** The canonical value of one parameter, or null to leave it out. */
function canonicalValue(name: string, raw: string): string | null {
  switch (name) {
    case 'page': {
      const page = parsePage(raw)
      return page === null || page === 1 ? null : String(page)
    }
    case 'binh-luan':
      return COMMENT_NOTICE_VALUES.has(raw) ? raw : null
    case 'q': {
      // Cleaned again after the cut, which may leave a trailing space or half a surrogate pair.
      const q = cleanText(cleanText(raw).slice(0, MAX_Q_LENGTH))
      return q === '' ? null : q
    }
    default:
      return null
  }
}

/**
 * The canonical URL of a public page, or null when the URL is not a public page (admin, API,
 * media, a path with bad percent-encoding, …), which the cache then leaves alone.
 * Input: any absolute URL; output: a new URL without fragment. Idempotent:
 * `canonicalUrl(canonicalUrl(u))` equals `canonicalUrl(u)`.
 */
export function canonicalUrl(input: URL | string): URL | null {
  const url = new URL(input)
  let segments: string[]
  try {
    segments = url.pathname
      .split('/')
      .filter((s) => s !== '')
      .map((s) => decodeURIComponent(s).toLowerCase())
  } catch {
    return null
  }
  const kind = kindOf(segments)
  if (!kind) return null
  // `/?p=12` is an imported site's old address (src/routes/legacy.ts), not the home page.
  if (segments.length === 0 && hasLegacyQuery(url)) return null
  const out = new URL(url.origin)
  out.pathname = `/${segments.join('/')}`
  for (const name of kind.params) {
    const raw = url.searchParams.get(name)
    const value = raw === null ? null : canonicalValue(name, raw)
    if (value !== null) out.searchParams.set(name, value)
  }
  return out
}

/**
 * Whether a request URL is already canonical; compares path and query as sent, so that
 * `?q=a%20b` and `?q=a+b` are not both served (the canonical form is the one `URL` writes).
 */
export function isCanonical(url: URL, canonical: URL): boolean {
  return url.pathname === canonical.pathname && url.search === canonical.search
}
