import type { Revision } from '../../../db/revisions'
import type { FieldDiff } from '../../../admin/revision-diff'
import { formatVnDateTime } from '../../../lib/time'
import { AdminLayout, CsrfField, ListTable, type AdminLayoutProps } from './layout'

type PageProps = Omit<AdminLayoutProps, 'title' | 'children'>

/** Vietnamese names of the fields a revision keeps. */
export const FIELD_NAMES: Record<string, string> = {
  title: 'Tiêu đề',
  slug: 'Đường dẫn',
  lead: 'Tóm tắt',
  body: 'Nội dung',
  author: 'Tác giả',
  source: 'Nguồn',
  categoryId: 'Chuyên mục',
  status: 'Trạng thái',
  publishedAt: 'Thời gian đăng',
  coverImage: 'Ảnh đại diện',
  coverAlt: 'Mô tả ảnh đại diện',
  commentsEnabled: 'Bình luận',
}

const ACTIONS: Record<string, string> = {
  create: 'Tạo bài',
  update: 'Sửa',
  restore: 'Khôi phục',
}

const fieldList = (fields: string[]) => fields.map((f) => FIELD_NAMES[f] ?? f).join(', ') || '—'

/** An article's history: every save, newest first, each linking to what it changed. */
export function RevisionListPage(
  props: PageProps & { article: { id: number; title: string }; revisions: Revision[] },
) {
  const { article } = props
  return (
    <AdminLayout {...props} title={`Lịch sử sửa đổi: ${article.title}`}>
      <p class="actions">
        <a href={`/admin/articles/${article.id}`}>« Về bài viết</a>
      </p>
      <ListTable label="Các phiên bản">
        <thead>
          <tr>
            <th scope="col">Thời gian</th>
            <th scope="col">Người sửa</th>
            <th scope="col">Việc</th>
            <th scope="col">Các mục thay đổi</th>
          </tr>
        </thead>
        <tbody>
          {props.revisions.map((r) => (
            <tr>
              <td>
                <a href={`/admin/articles/${article.id}/revisions/${r.id}`}>
                  {formatVnDateTime(r.createdAt)}
                </a>
              </td>
              <td>{r.actorName || 'Hệ thống'}</td>
              <td>{ACTIONS[r.action] ?? r.action}</td>
              <td>{fieldList(r.changed)}</td>
            </tr>
          ))}
        </tbody>
      </ListTable>
    </AdminLayout>
  )
}

/** One revision: what it changed from the one before (deleted and added text), and restore. */
export function RevisionPage(
  props: PageProps & {
    article: { id: number; title: string }
    revision: Revision
    previous: Revision | null
    diff: FieldDiff[]
    mayRestore: boolean
  },
) {
  const { article, revision } = props
  return (
    <AdminLayout {...props} title={`Phiên bản lúc ${formatVnDateTime(revision.createdAt)}`}>
      <p class="actions">
        <a href={`/admin/articles/${article.id}/revisions`}>« Lịch sử sửa đổi</a>
      </p>
      <p>
        {ACTIONS[revision.action] ?? revision.action} bởi {revision.actorName || 'Hệ thống'}.{' '}
        {props.previous
          ? 'Phần bị xóa được gạch ngang, phần thêm vào được tô nền, so với phiên bản trước.'
          : 'Phiên bản đầu tiên của bài.'}
      </p>
      {props.diff.length === 0 ? <p>Không có mục nào thay đổi.</p> : null}
      {props.diff.map((d) => (
        <section class="diff" aria-label={FIELD_NAMES[d.field] ?? d.field}>
          <h2>{FIELD_NAMES[d.field] ?? d.field}</h2>
          <div class={d.field === 'body' ? 'diff-text diff-lines' : 'diff-text'}>
            {d.parts.map((p) =>
              p.kind === 'added' ? (
                <ins>{p.text}</ins>
              ) : p.kind === 'removed' ? (
                <del>{p.text}</del>
              ) : (
                p.text
              ),
            )}
          </div>
        </section>
      ))}
      {props.mayRestore ? (
        <form
          method="post"
          action={`/admin/articles/${article.id}/revisions/${revision.id}/restore`}
        >
          <CsrfField token={props.csrf} />
          <p class="meta">
            Khôi phục đưa nội dung của phiên bản này trở lại thành một lần lưu mới; đường dẫn và
            trạng thái đăng của bài giữ nguyên.
          </p>
          <button type="submit">Khôi phục phiên bản này</button>
        </form>
      ) : null}
    </AdminLayout>
  )
}
