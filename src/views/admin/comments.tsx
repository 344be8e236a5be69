import type { Principal } from '../../admin/permissions'
import type { CommentStatus } from '../../db/schema'
import { formatVnDateTime } from '../../lib/time'
import { formatPhoneNational } from '../../lib/phone'
import { AdminLayout, CsrfField, ListTable } from './layout'

const STATUS_NAMES: Record<CommentStatus, string> = {
  pending: 'Chờ duyệt',
  approved: 'Đã duyệt',
  rejected: 'Đã từ chối',
}

export type QueueItem = {
  id: number
  name: string
  phone: string | null
  title: string
  content: string
  status: CommentStatus
  createdAt: Date
  articleSlug: string
  articleTitle: string
}

/** The moderation queue, pending first, with bulk actions. */
export function CommentQueuePage(props: {
  siteName: string
  principal: Principal
  csrf: string
  notice?: string
  error?: string
  items: QueueItem[]
  pending: number
  status?: CommentStatus
}) {
  return (
    <AdminLayout title={`Bình luận (${props.pending} chờ duyệt)`} {...props}>
      <nav class="filters" aria-label="Lọc bình luận">
        <a href="/admin/comments" aria-current={props.status ? undefined : 'page'}>
          Tất cả
        </a>
        {(Object.keys(STATUS_NAMES) as CommentStatus[]).map((s) => (
          <a
            href={`/admin/comments?status=${s}`}
            aria-current={props.status === s ? 'page' : undefined}
          >
            {STATUS_NAMES[s]}
          </a>
        ))}
      </nav>
      {props.items.length === 0 ? (
        <p>Không có bình luận.</p>
      ) : (
        <form method="post" action="/admin/comments">
          <CsrfField token={props.csrf} />
          <ListTable label="Danh sách bình luận">
            <thead>
              <tr>
                <th scope="col">Chọn</th>
                <th scope="col">Bình luận</th>
                <th scope="col">Người gửi</th>
                <th scope="col">Bài viết</th>
                <th scope="col">Trạng thái</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((c) => (
                <tr class={`comment-${c.status}`}>
                  <td>
                    <input
                      type="checkbox"
                      name="ids"
                      value={String(c.id)}
                      aria-label={`Chọn bình luận ${c.id}`}
                    />
                  </td>
                  <td>
                    <strong>{c.title}</strong>
                    <p class="comment-text">{c.content}</p>
                  </td>
                  <td>
                    {c.name}
                    <br />
                    <span class="meta">
                      {c.phone ? (
                        <a href={`tel:${c.phone}`}>{formatPhoneNational(c.phone)}</a>
                      ) : (
                        'Không có số điện thoại'
                      )}
                    </span>
                    <br />
                    <span class="meta">{formatVnDateTime(c.createdAt)}</span>
                  </td>
                  <td>
                    <a href={`/bai-viet/${c.articleSlug}`}>{c.articleTitle}</a>
                  </td>
                  <td>{STATUS_NAMES[c.status]}</td>
                </tr>
              ))}
            </tbody>
          </ListTable>
          <p class="actions">
            <button type="submit" name="action" value="approve">
              Duyệt
            </button>{' '}
            <button type="submit" name="action" value="reject">
              Từ chối
            </button>{' '}
            <button type="submit" name="action" value="delete" class="danger">
              Xóa
            </button>
          </p>
        </form>
      )}
    </AdminLayout>
  )
}
