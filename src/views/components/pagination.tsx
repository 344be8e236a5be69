/** How many page links to show on each side of the current one. */
const WINDOW = 2

/** Page numbers to link to: the first, the last, and a window around the current page. */
export function pageLinks(current: number, last: number): (number | 'gap')[] {
  const pages: (number | 'gap')[] = []
  for (let p = 1; p <= last; p++) {
    if (p === 1 || p === last || Math.abs(p - current) <= WINDOW) pages.push(p)
    else if (pages[pages.length - 1] !== 'gap') pages.push('gap')
  }
  return pages
}

/** Previous/next and numbered links; `basePath` is the list's URL without `?page`. */
export function Pagination(props: { basePath: string; page: number; pageCount: number }) {
  const { basePath, page, pageCount } = props
  if (pageCount <= 1) return null
  const href = (p: number) => (p === 1 ? basePath : `${basePath}?page=${p}`)
  return (
    <nav class="pagination" aria-label="Phân trang">
      {page > 1 ? (
        <a rel="prev" href={href(page - 1)}>
          « Trang trước
        </a>
      ) : null}
      {pageLinks(page, pageCount).map((p) =>
        p === 'gap' ? (
          <span class="gap">…</span>
        ) : p === page ? (
          <span aria-current="page">{p}</span>
        ) : (
          <a href={href(p)}>{p}</a>
        ),
      )}
      {page < pageCount ? (
        <a rel="next" href={href(page + 1)}>
          Trang sau »
        </a>
      ) : null}
    </nav>
  )
}
