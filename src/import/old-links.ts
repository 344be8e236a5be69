/**
 * Links inside imported bodies that point at the old site's own articles and categories
 * (`/news/tin-tuc/abc-12.html`, `http://old.site.vn/Tin-tuc/abc-12.html`, `/?p=12`): they are
 * written as this portal's path of that old address, which src/routes/legacy.ts answers with a
 * 301 to the item's address of the day, so the link survives the move and any later change of
 * slug. Links elsewhere are left as they are.
 */
import { legacyKey } from '../lib/legacy-path'
import type { ImportBundle } from './types'

/** The old addresses an export's articles and categories had, by legacyKey. */
export type OldLinks = { keys: ReadonlySet<string>; siteHost: string | null }

/** The old site's host a WordPress source's name carries (`wordpress:https://site.vn`), or null. */
function hostOf(name: string): string | null {
  const url = /^[a-z]+:(https?:\/\/.+)$/i.exec(name)?.[1]
  if (!url) return null
  try {
    return new URL(url).hostname.toLowerCase()
  } catch {
    return null
  }
}

/** The OldLinks of `bundle`: every oldPath of its articles and categories. */
export function oldLinksOf(bundle: ImportBundle): OldLinks {
  const keys = new Set<string>()
  for (const item of [...bundle.articles, ...bundle.categories]) {
    for (const p of item.oldPaths) keys.add(p)
  }
  return { keys, siteHost: hostOf(bundle.source.name) }
}

/**
 * The path `href` should become when it names one of the old site's articles or categories
 * (its legacyKey, an address this portal redirects), or null when it does not. A site path
 * counts when its key is an old address. An absolute `http(s)` URL counts on the old site's host
 * (when the source names it), or on any host when its key is a path of its own (a NukeViet
 * `/news/…-12.html`, a permalink): a bare `/?p=12` on another host is another site's post.
 */
export function rewriteOldLink(href: string, links: OldLinks): string | null {
  if (links.keys.size === 0) return null
  const absolute = /^https?:\/\//i.test(href)
  if (!absolute && !href.startsWith('/')) return null
  if (href.startsWith('//')) return null
  const key = legacyKey(href)
  if (!key || key === '/' || !links.keys.has(key)) return null
  if (absolute) {
    let host: string
    try {
      host = new URL(href).hostname.toLowerCase()
    } catch {
      return null
    }
    const sameSite = links.siteHost !== null && host === links.siteHost
    if (!sameSite && key.startsWith('/?')) return null
  }
  const hash = /#[^#]*$/.exec(href)?.[0] ?? ''
  return `${key}${hash}`
}
