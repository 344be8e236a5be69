/** Articles on one list page. */
export const PAGE_SIZE = 20

/** Highest page number we accept; anything above is a 404 rather than a deep scan. */
export const MAX_PAGE = 10_000

/**
 * Parses the `page` query parameter. Missing means page 1; anything that is not a plain
 * positive integer in range gives `null`, which the routes answer with a 404.
 */
export function parsePage(raw: string | undefined): number | null {
  if (raw === undefined) return 1
  if (!/^[1-9][0-9]{0,4}$/.test(raw)) return null
  const page = Number(raw)
  return page <= MAX_PAGE ? page : null
}
