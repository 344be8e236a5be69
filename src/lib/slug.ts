/** Longest slug we produce; long Vietnamese titles are cut at a word boundary. */
export const SLUG_MAX_LENGTH = 100

/**
 * The letter đ/Đ and the letters that look like it and stand for it in Vietnamese text: Ð U+00D0
 * (Latin capital eth, what conversions from the legacy TCVN3 and VNI encodings and some keyboards
 * write for Đ) and ð U+00F0, Ɖ U+0189 and ɖ U+0256 (African D). None of them decomposes under
 * NFD, so each needs a rule of its own.
 */
const D_LOWER = /[đðɖ]/g
const D_UPPER = /[ĐÐƉ]/g

/**
 * đ and its look-alikes as plain d, keeping case (Đ, Ð, Ɖ → D; đ, ð, ɖ → d); everything else is
 * left as it is. What the search index stores (the FTS5 tokenizer folds the other marks).
 */
export function plainD(input: string): string {
  return input.replace(D_LOWER, 'd').replace(D_UPPER, 'D')
}

/**
 * Folds Vietnamese (or any Latin-script) text to lower-case ASCII, dropping every tone and vowel
 * mark and turning đ/Đ and its look-alikes (plainD) into d: the one folding of slugs, search
 * queries, highlights and the search index. Other characters are kept as they are.
 */
export function foldVietnamese(input: string): string {
  return (
    plainD(input)
      // NFD splits "ệ" into "e" plus combining marks (tone, breve, circumflex, horn), which the
      // next step removes, whether the text came precomposed (NFC) or not.
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
  )
}

/**
 * Makes an ASCII kebab-case slug from a title: "Thường Tín tổ chức…" becomes
 * "thuong-tin-to-chuc…". Returns an empty string when nothing usable is left.
 */
export function slugify(input: string, maxLength = SLUG_MAX_LENGTH): string {
  const slug = foldVietnamese(input)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  if (slug.length <= maxLength) return slug
  const cut = slug.slice(0, maxLength + 1)
  const lastDash = cut.lastIndexOf('-')
  return (lastDash > 0 ? cut.slice(0, lastDash) : slug.slice(0, maxLength)).replace(/-+$/, '')
}

/** Whether a path segment has the shape of a slug we could have produced. */
export function isSlug(value: string): boolean {
  return (
    value.length > 0 && value.length <= SLUG_MAX_LENGTH && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value)
  )
}

/** The address of an author's page (`/tac-gia/<slug>`): the byline folded as slugs are. */
export function authorSlug(author: string): string {
  return slugify(author)
}
