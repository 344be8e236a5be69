import type { Principal } from '../../../admin/permissions'
import type { CommentStatus } from '../../../db/schema'
import { formatVnDateTime } from '../../../lib/time'
import { formatPhoneNational } from '../../../lib/phone'
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
  articleId: number
  articleSlug: string
  articleTitle: string
}

/** The query string of the queue with this status and article filter ('' when none). */
function queueUrl(status?: CommentStatus, articleId?: number): string {
  const q = new URLSearchParams()
  if (status) q.set('status', status)
  if (articleId) q.set('article', String(articleId))
  const s = q.toString()
  return s ? `/admin/comments?${s}` : '/admin/comments'
}

const ROW_ACTIONS = [
  ['approve', 'Duyệt'],
  ['reject', 'Từ chối'],
  ['delete', 'Xóa'],
] as const

/**
 * The moderation queue, pending first: each row approves, rejects or deletes itself with one
 * button (no JavaScript needed); ticked rows go together with the buttons under the list, and
 * "Chọn tất cả" (shown when scripts run) ticks every row. Filters by status and by article. On
 * a phone each comment is a card, so nothing scrolls sideways.
 */
export function CommentQueuePage(props: {
  siteName: string
  principal: Principal
  csrf: string
  notice?: string
  error?: string
  items: QueueItem[]
  pending: number
  status?: CommentStatus
  article?: { id: number; title: string }
}) {
  const articleId = props.article?.id
  return (
    <AdminLayout title={`Bình luận (${props.pending} chờ duyệt)`} {...props}>
      <nav class="filters" aria-label="Lọc bình luận">
        <a href={queueUrl(undefined, articleId)} aria-current={props.status ? undefined : 'page'}>
          Tất cả
        </a>
        {(Object.keys(STATUS_NAMES) as CommentStatus[]).map((s) => (
          <a href={queueUrl(s, articleId)} aria-current={props.status === s ? 'page' : undefined}>
            {STATUS_NAMES[s]}
          </a>
        ))}
      </nav>
      {props.article ? (
        <p class="filter-note">
          Bình luận của bài “{props.article.title}”.{' '}
          <a href={queueUrl(props.status)}>Xem bình luận của mọi bài</a>
        </p>
      ) : null}
      {props.items.length === 0 ? (
        <p>Không có bình luận.</p>
      ) : (
        <form method="post" action="/admin/comments" class="moderation">
          <CsrfField token={props.csrf} />
          <input type="hidden" name="back" value={queueUrl(props.status, articleId)} />
          <p class="select-all" hidden>
            <label>
              <input type="checkbox" data-select-all="ids" /> Chọn tất cả
            </label>
          </p>
          <ListTable label="Danh sách bình luận">
            <thead>
              <tr>
                <th scope="col">Chọn</th>
                <th scope="col">Bình luận</th>
                <th scope="col">Người gửi</th>
                <th scope="col">Bài viết</th>
                <th scope="col">Trạng thái và thao tác</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((c) => (
                <tr class={`comment-${c.status}`} id={`binh-luan-${c.id}`}>
                  <td>
                    <input
                      type="checkbox"
                      name="ids"
                      value={String(c.id)}
                      aria-label={`Chọn bình luận “${c.title}”`}
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
                    {articleId ? null : (
                      <>
                        <br />
                        <a class="meta" href={queueUrl(props.status, c.articleId)}>
                          Chỉ bình luận của bài này
                        </a>
                      </>
                    )}
                  </td>
                  <td>
                    <span class="status">{STATUS_NAMES[c.status]}</span>
                    <span class="row-actions">
                      {ROW_ACTIONS.filter(([a]) => !(a === 'approve' && c.status === 'approved'))
                        .filter(([a]) => !(a === 'reject' && c.status === 'rejected'))
                        .map(([action, label]) => (
                          <button
                            type="submit"
                            name="one"
                            value={`${action}:${c.id}`}
                            class={action === 'delete' ? 'danger' : undefined}
                            aria-label={`${label} bình luận “${c.title}”`}
                          >
                            {label}
                          </button>
                        ))}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </ListTable>
          <p class="actions">
            Các bình luận đã chọn:{' '}
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
