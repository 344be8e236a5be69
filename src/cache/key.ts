import { ASSETS_VERSION } from '../generated/assets'
import { canonicalUrl } from './canonical'

/**
 * The URL a page is stored under in the Cache API: its canonical URL (see `canonical.ts`) plus
 * the version of the browser files, so that after a deploy no page is served that links to CSS
 * or scripts the deploy removed. Input: any absolute URL of a public page; a URL that is not one
 * is stored under itself, without its fragment.
 */
export function storedKey(input: string | URL): string {
  const url = canonicalUrl(input) ?? new URL(input)
  url.hash = ''
  return storedKeyOf(url)
}

/** `storedKey` of a URL that is already canonical (no second parse): the hot path of a hit. */
export function storedKeyOf(canonical: URL): string {
  const sep = canonical.search === '' ? '?' : '&'
  return `${canonical.origin}${canonical.pathname}${canonical.search}${sep}__assets=${ASSETS_VERSION}`
}
