import type { LibraryItem } from '../../../admin/media'
import type { Principal } from '../../../admin/permissions'
import { formatFileSize } from '../../../lib/format'
import { thumbnailUrl } from '../../../media/image-variants'
import { AdminPager } from './pager'
import { AdminLayout, CsrfField, ListTable } from './layout'

/**
 * The media library: upload, search by file name (folded as public search folds), pages of 30
 * with thumbnails, where each item is used, and delete for images no article shows.
 */
export function MediaPage(props: {
  siteName: string
  principal: Principal
  csrf: string
  notice?: string
  error?: string
  items: LibraryItem[]
  total: number
  page: number
  pageSize: number
  q: string
  mayDelete: boolean
}) {
  const query = (page: number) => {
    const q = new URLSearchParams()
    if (props.q) q.set('q', props.q)
    if (page > 1) q.set('page', String(page))
    const s = q.toString()
    return s ? `/admin/media?${s}` : '/admin/media'
  }
  return (
    <AdminLayout title="Ảnh và tệp" {...props}>
      <form method="post" action="/admin/media" enctype="multipart/form-data" class="card">
        <CsrfField token={props.csrf} />
        <label>
          Tải ảnh lên (JPEG, PNG, WebP, GIF; tối đa 5 MB){' '}
          <input type="file" name="file" accept="image/*" required />
        </label>{' '}
        <button type="submit">Tải lên</button>
      </form>
      <form method="get" action="/admin/media" class="filters" role="search">
        <label>
          Tìm theo tên tệp <input type="search" name="q" value={props.q} maxlength={100} />
        </label>{' '}
        <button type="submit">Tìm</button>
      </form>
      <p class="meta">{props.q ? `Tìm thấy ${props.total} tệp.` : `${props.total} tệp.`}</p>
      <ListTable label="Danh sách ảnh và tệp">
        <thead>
          <tr>
            <th scope="col">Tệp</th>
            <th scope="col">Đường dẫn</th>
            <th scope="col">Kích thước</th>
            <th scope="col">Dùng ở</th>
            <th scope="col">Thao tác</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((m) => (
            <tr id={`tep-${m.id}`}>
              <td>
                {m.kind === 'image' ? (
                  <img
                    src={thumbnailUrl(m)}
                    alt=""
                    width={80}
                    height={m.width && m.height ? Math.round((80 * m.height) / m.width) : undefined}
                    loading="lazy"
                  />
                ) : null}{' '}
                {m.fileName}
              </td>
              <td>
                <code>{m.url}</code>
              </td>
              <td>
                {formatFileSize(m.size)}
                {m.width && m.height ? (
                  <>
                    <br />
                    <span class="meta">
                      {m.width}×{m.height} px
                    </span>
                  </>
                ) : null}
              </td>
              <td>
                {m.usedBy.length === 0 ? (
                  <span class="meta">Chưa dùng</span>
                ) : (
                  <ul class="used-by">
                    {m.usedBy.map((a) => (
                      <li>
                        <a href={`/admin/articles/${a.id}`}>{a.title}</a>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>
                {m.kind === 'image' && props.mayDelete && m.usedBy.length === 0 ? (
                  <form method="post" action={`/admin/media/${m.id}/delete`}>
                    <CsrfField token={props.csrf} />
                    <button type="submit" class="danger" aria-label={`Xóa ${m.fileName}`}>
                      Xóa
                    </button>
                  </form>
                ) : (
                  <span class="meta">
                    {m.kind === 'image' && m.usedBy.length > 0 ? 'Đang dùng: không xóa được' : '—'}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </ListTable>
      <AdminPager page={props.page} total={props.total} pageSize={props.pageSize} href={query} />
    </AdminLayout>
  )
}
