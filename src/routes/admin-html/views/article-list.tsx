/** The admin article list: filters, table, pages. */
import type { CategorySummary } from '../../../db/categories'
import type { ArticleStatus } from '../../../db/schema'
import { formatVnDateTime } from '../../../lib/time'
import { AdminLayout, ListTable } from './layout'
import { STATUS_NAMES, type Common } from './articles'
import { AdminPager } from './pager'

export type ArticleRow = {
  id: number
  slug: string
  title: string
  status: ArticleStatus
  publishedAt: Date | null
  updatedAt: Date
  categoryName: string
  viewCount: number
}

/** The article list with its filters. */
export function ArticleListPage(
  props: Common & {
    items: ArticleRow[]
    total: number
    page: number
    pageSize: number
    categories: CategorySummary[]
    filters: { status?: string; categoryId?: number; q?: string }
    now: Date
  },
) {
  const query = (page: number) => {
    const params = new URLSearchParams()
    if (props.filters.status) params.set('status', props.filters.status)
    if (props.filters.categoryId) params.set('categoryId', String(props.filters.categoryId))
    if (props.filters.q) params.set('q', props.filters.q)
    if (page > 1) params.set('page', String(page))
    const s = params.toString()
    return s ? `/admin/articles?${s}` : '/admin/articles'
  }
  return (
    <AdminLayout title="Bài viết" {...props}>
      <p>
        <a class="button" href="/admin/articles/new">
          Viết bài mới
        </a>
      </p>
      <form method="get" action="/admin/articles" class="filters">
        <label>
          Trạng thái{' '}
          <select name="status">
            <option value="">Tất cả</option>
            {(Object.keys(STATUS_NAMES) as ArticleStatus[]).map((s) => (
              <option value={s} selected={props.filters.status === s}>
                {STATUS_NAMES[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Chuyên mục{' '}
          <select name="categoryId">
            <option value="">Tất cả</option>
            {props.categories.map((c) => (
              <option value={String(c.id)} selected={props.filters.categoryId === c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tìm <input type="search" name="q" value={props.filters.q ?? ''} maxlength={200} />
        </label>
        <button type="submit">Lọc</button>
      </form>
      <p class="meta">{props.total} bài viết</p>
      <ListTable label="Danh sách bài viết">
        <thead>
          <tr>
            <th scope="col">Tiêu đề</th>
            <th scope="col">Chuyên mục</th>
            <th scope="col">Trạng thái</th>
            <th scope="col">Thời gian đăng</th>
            <th scope="col" aria-sort="descending">
              Sửa lần cuối
            </th>
            <th scope="col">Lượt xem</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((a) => (
            <tr>
              <td>
                <a href={`/admin/articles/${a.id}`}>{a.title}</a>
              </td>
              <td>{a.categoryName}</td>
              <td>
                {a.status === 'published' && a.publishedAt && a.publishedAt > props.now
                  ? 'Hẹn giờ'
                  : STATUS_NAMES[a.status]}
              </td>
              <td>{a.publishedAt ? formatVnDateTime(a.publishedAt) : '—'}</td>
              <td>{formatVnDateTime(a.updatedAt)}</td>
              <td>{a.viewCount}</td>
            </tr>
          ))}
        </tbody>
      </ListTable>
      <AdminPager page={props.page} total={props.total} pageSize={props.pageSize} href={query} />
    </AdminLayout>
  )
}
