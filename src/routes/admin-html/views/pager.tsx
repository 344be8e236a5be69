/**
 * "« Trước · Trang 2/5 · Sau »" under an admin list, when there is more than one page. `href`
 * gives the address of a page number (1-based); `total` items, `pageSize` a page.
 */
export function AdminPager(props: {
  page: number
  total: number
  pageSize: number
  href: (page: number) => string
}) {
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize))
  if (pages <= 1) return null
  return (
    <nav class="pagination" aria-label="Phân trang">
      {props.page > 1 ? <a href={props.href(props.page - 1)}>« Trước</a> : null}{' '}
      <span>
        Trang {props.page}/{pages}
      </span>{' '}
      {props.page < pages ? <a href={props.href(props.page + 1)}>Sau »</a> : null}
    </nav>
  )
}
