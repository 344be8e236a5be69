/** Longest slug we produce; long Vietnamese titles are cut at a word boundary. */
export const SLUG_MAX_LENGTH = 100

/**
 * Folds Vietnamese (or any Latin-script) text to lower-case ASCII, dropping every tone and vowel
 * mark and turning đ/Đ into d. Other characters are kept as they are.
 */
export function foldVietnamese(input: string): string {
  return (
    input
      // NFD splits "ệ" into "e" plus combining marks, which the next step removes. đ is a letter
      // of its own, not d with a mark, so it needs its own rule.
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd')
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
