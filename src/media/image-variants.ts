import { MEDIA_KEY_SHAPE } from './media-key'

/**
 * Widths (CSS pixels) of the responsive copies made of each uploaded image, as WebP, kept in R2
 * beside the original as `<original key>.w<width>.webp`. Only widths under the original's are
 * made: nothing is enlarged.
 */
export const VARIANT_WIDTHS = [320, 640, 960, 1280] as const

/** Originals wider than this are left out of `srcset` (a phone would otherwise fetch them). */
const LARGEST_IN_SRCSET = 1920

const VARIANT_SUFFIX = /\.w(\d+)\.webp$/

/** The widths an image `width` pixels wide gets copies at (possibly none). */
export function variantWidths(width: number): number[] {
  return VARIANT_WIDTHS.filter((w) => w < width)
}

/** The R2 key of the copy of `key` at `width` pixels. */
export function variantKey(key: string, width: number): string {
  return `${key}.w${width}.webp`
}

/**
 * The original key and width a variant key names, when it is spelled exactly as variantKey
 * spells one (an original's key and one of VARIANT_WIDTHS, no leading zeros); null otherwise.
 * Only the stored names are variants: `.w01280.webp` would otherwise be made and served again
 * for every new spelling, each its own cache entry, by anyone.
 */
export function parseVariantKey(key: string): { original: string; width: number } | null {
  const m = VARIANT_SUFFIX.exec(key)
  if (!m) return null
  const width = Number(m[1])
  const original = key.slice(0, -m[0].length)
  if (!(VARIANT_WIDTHS as readonly number[]).includes(width)) return null
  if (variantKey(original, width) !== key) return null
  return MEDIA_KEY_SHAPE.test(original) && hasVariants(original) ? { original, width } : null
}

/** Whether the upload with this key gets copies: images other than GIFs (an animated GIF would
 * lose its frames). */
export function hasVariants(key: string): boolean {
  return key.startsWith('anh/') && !key.endsWith('.gif')
}

/**
 * `srcset` for an uploaded image (`/media/<key>`, `width` pixels wide): its WebP copies, and the
 * original when it is not much larger than the largest copy. Empty when there is nothing to
 * choose from. The `w` descriptors are real widths, so the browser never picks a copy that
 * would be stretched. (HTML Living Standard, "srcset" and "sizes".)
 */
export function srcsetFor(key: string, width: number): string {
  const copies = hasVariants(key) ? variantWidths(width) : []
  if (copies.length === 0) return ''
  const entries = copies.map((w) => `/media/${variantKey(key, w)} ${w}w`)
  if (width <= LARGEST_IN_SRCSET) entries.push(`/media/${key} ${width}w`)
  return entries.join(', ')
}

/**
 * A small picture of an upload for lists (media library, image picker): its 320 px WebP copy
 * when it has one, else the original's address.
 */
export function thumbnailUrl(m: { key: string; width: number | null }): string {
  return m.width && hasVariants(m.key) && variantWidths(m.width).includes(320)
    ? `/media/${variantKey(m.key, 320)}`
    : `/media/${m.key}`
}

/** `sizes` for an image as wide as the article column (64rem page, 1rem padding each side). */
export const ARTICLE_IMAGE_SIZES = '(min-width: 64rem) 62rem, calc(100vw - 2rem)'
