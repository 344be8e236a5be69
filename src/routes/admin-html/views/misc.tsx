import type { AdminCategory } from '../../../admin/categories'
import type { FieldErrors } from '../../../admin/errors'
import type { Principal } from '../../../admin/permissions'
import type { EditorSummary } from '../../../db/editors'
import type { AuditEntry } from '../../../db/schema'
import { formatVnDateTime } from '../../../lib/time'
import { AdminLayout, CsrfField, ListTable } from './layout'

type Common = {
  siteName: string
  principal: Principal
  csrf: string
  notice?: string
  error?: string
}

/** Categories: create, rename, reorder, delete. */
export function CategoriesPage(props: Common & { items: AdminCategory[]; errors?: FieldErrors }) {
  return (
    <AdminLayout title="Chuyên mục" {...props}>
      <ListTable label="Danh sách chuyên mục">
        <thead>
          <tr>
            <th scope="col">Tên</th>
            <th scope="col">Đường dẫn</th>
            <th scope="col">Thứ tự</th>
            <th scope="col">Bài viết</th>
            <th scope="col">Thao tác</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((c) => {
            // One form per row, its fields in their own cells (the `form` attribute), so each
            // lines up under its heading.
            const form = `chuyen-muc-${c.id}`
            return (
              <tr>
                <td>
                  <input
                    form={form}
                    name="name"
                    value={c.name}
                    aria-label={`Tên chuyên mục ${c.name}`}
                    maxlength={100}
                    required
                  />
                </td>
                <td>
                  <input
                    form={form}
                    name="slug"
                    value={c.slug}
                    aria-label={`Đường dẫn chuyên mục ${c.name}`}
                    maxlength={100}
                  />
                </td>
                <td>
                  <input
                    form={form}
                    name="position"
                    type="number"
                    min={0}
                    value={String(c.position)}
                    aria-label={`Thứ tự chuyên mục ${c.name}`}
                  />
                </td>
                <td>{c.articleCount}</td>
                <td>
                  <form method="post" action={`/admin/categories/${c.id}`} id={form} class="inline">
                    <CsrfField token={props.csrf} />
                    <button type="submit">Lưu</button>
                  </form>{' '}
                  <form method="post" action={`/admin/categories/${c.id}/delete`} class="inline">
                    <CsrfField token={props.csrf} />
                    <button
                      type="submit"
                      class="danger"
                      disabled={c.articleCount > 0}
                      aria-describedby={c.articleCount > 0 ? `${form}-vi-sao` : undefined}
                    >
                      Xóa
                    </button>
                  </form>
                  {c.articleCount > 0 ? (
                    <p class="meta" id={`${form}-vi-sao`}>
                      Còn {c.articleCount} bài viết: chuyển chúng sang chuyên mục khác rồi mới xóa
                      được.
                    </p>
                  ) : null}
                </td>
              </tr>
            )
          })}
        </tbody>
      </ListTable>
      <form method="post" action="/admin/categories" class="card">
        <h2>Thêm chuyên mục</h2>
        <CsrfField token={props.csrf} />
        <div class="field">
          <label for="c-name">Tên *</label>
          <input id="c-name" name="name" maxlength={100} required />
          {props.errors?.name ? <p class="field-error">{props.errors.name}</p> : null}
        </div>
        <div class="field">
          <label for="c-position">Thứ tự</label>
          <input id="c-position" name="position" type="number" min={0} value="0" />
        </div>
        <button type="submit">Thêm</button>
      </form>
    </AdminLayout>
  )
}

const ROLE_OPTIONS = [
  ['editor', 'Biên tập (đăng bài, duyệt bình luận)'],
  ['writer', 'Phóng viên (viết nháp, gửi duyệt)'],
  ['admin', 'Quản trị (mọi quyền)'],
] as const

/** Editors: create (token shown once), list, revoke. */
export function EditorsPage(
  props: Common & {
    items: EditorSummary[]
    newToken?: { name: string; token: string }
    errors?: FieldErrors
  },
) {
  return (
    <AdminLayout title="Biên tập viên" {...props}>
      {props.newToken ? (
        <div class="notice" role="status">
          <p>
            Mã truy cập của <strong>{props.newToken.name}</strong> (chỉ hiện một lần, hãy gửi cho
            người dùng qua kênh an toàn):
          </p>
          <p>
            <code class="token">{props.newToken.token}</code>
          </p>
        </div>
      ) : null}
      <ListTable label="Danh sách người dùng">
        <thead>
          <tr>
            <th scope="col">Tên</th>
            <th scope="col">Vai trò</th>
            <th scope="col">Tạo lúc</th>
            <th scope="col">Trạng thái</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((e) => (
            <tr>
              <td>{e.name}</td>
              <td>{e.role}</td>
              <td>{formatVnDateTime(e.createdAt)}</td>
              <td>
                {e.revokedAt ? (
                  `Đã thu hồi ${formatVnDateTime(e.revokedAt)}`
                ) : (
                  <form method="post" action={`/admin/editors/${e.id}/revoke`} class="inline">
                    <CsrfField token={props.csrf} />
                    <button type="submit" class="danger">
                      Thu hồi
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </ListTable>
      <form method="post" action="/admin/editors" class="card">
        <h2>Thêm biên tập viên</h2>
        <CsrfField token={props.csrf} />
        <div class="field">
          <label for="e-name">Tên *</label>
          <input id="e-name" name="name" maxlength={100} required />
          {props.errors?.name ? <p class="field-error">{props.errors.name}</p> : null}
        </div>
        <div class="field">
          <label for="e-role">Vai trò</label>
          <select id="e-role" name="role">
            {ROLE_OPTIONS.map(([value, label]) => (
              <option value={value}>{label}</option>
            ))}
          </select>
        </div>
        <button type="submit">Tạo mã truy cập</button>
      </form>
    </AdminLayout>
  )
}

/** The audit log, newest first. */
export function AuditPage(
  props: Common & {
    items: (Omit<AuditEntry, 'detail'> & { detail: Record<string, unknown> })[]
    nextBefore?: number
  },
) {
  return (
    <AdminLayout title="Nhật ký thay đổi" {...props}>
      <ListTable label="Nhật ký thay đổi">
        <thead>
          <tr>
            <th scope="col">Thời gian</th>
            <th scope="col">Người thực hiện</th>
            <th scope="col">Thao tác</th>
            <th scope="col">Đối tượng</th>
            <th scope="col">Chi tiết</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((e) => (
            <tr>
              <td>{formatVnDateTime(e.createdAt)}</td>
              <td>{e.actorName}</td>
              <td>
                <code>{e.action}</code>
              </td>
              <td>
                {e.targetType} {e.targetId}
              </td>
              <td>
                <code>{JSON.stringify(e.detail)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </ListTable>
      {props.nextBefore ? <a href={`/admin/audit?before=${props.nextBefore}`}>Cũ hơn »</a> : null}
    </AdminLayout>
  )
}
