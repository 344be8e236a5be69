/** How many earlier page numbers to link to before the current one. */
const WINDOW = 2

/**
 * Page numbers to link to: the first page, a window before the current one, the current page,
 * and the next one when it exists. Lists are not counted (see listPublishedQuery), so there is
 * no "last page" link.
 */
export function pageLinks(current: number, hasNext: boolean): (number | 'gap')[] {
  const pages: (number | 'gap')[] = [1]
  const from = Math.max(2, current - WINDOW)
  if (from > 2) pages.push('gap')
  for (let p = from; p <= current; p++) pages.push(p)
  if (hasNext) pages.push(current + 1)
  return pages
}

/** Previous/next and numbered links; `basePath` is the list's URL without `?page`. */
export function Pagination(props: { basePath: string; page: number; hasNext: boolean }) {
  const { basePath, page, hasNext } = props
  if (page === 1 && !hasNext) return null
  const href = (p: number) => (p === 1 ? basePath : `${basePath}?page=${p}`)
  return (
    <nav class="pagination" aria-label="Phân trang">
      {page > 1 ? (
        <a rel="prev" href={href(page - 1)}>
          « Trang trước
        </a>
      ) : null}
      {pageLinks(page, hasNext).map((p) =>
        p === 'gap' ? (
          <span class="gap">…</span>
        ) : p === page ? (
          <span aria-current="page">{p}</span>
        ) : (
          <a href={href(p)}>{p}</a>
        ),
      )}
      {hasNext ? (
        <a rel="next" href={href(page + 1)}>
          Trang sau »
        </a>
      ) : null}
    </nav>
  )
}
