import type { Principal } from '../../../admin/permissions'
import { formatVnDateTime } from '../../../lib/time'
import { AdminLayout, CsrfField, ListTable } from './layout'

export type SessionRow = { id: string; userAgent: string; createdAt: Date; expiresAt: Date }

/** The signed-in editor's own sessions, with a button that ends them all. */
export function SessionsPage(props: {
  siteName: string
  principal: Principal
  csrf: string
  notice?: string
  items: SessionRow[]
  /** The session this page is shown in. */
  current: string
}) {
  return (
    <AdminLayout title="Phiên đăng nhập" {...props}>
      <p>
        Các trình duyệt đang đăng nhập bằng tài khoản của bạn. Mỗi phiên hết hạn sau 12 giờ; đăng
        xuất hoặc bấm nút dưới đây để kết thúc ngay.
      </p>
      <ListTable label="Phiên đăng nhập">
        <thead>
          <tr>
            <th scope="col">Trình duyệt</th>
            <th scope="col">Đăng nhập lúc</th>
            <th scope="col">Hết hạn lúc</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((s) => (
            <tr>
              <td>
                {s.userAgent || 'Không rõ'}
                {s.id === props.current ? <strong> (phiên này)</strong> : null}
              </td>
              <td>{formatVnDateTime(s.createdAt)}</td>
              <td>{formatVnDateTime(s.expiresAt)}</td>
            </tr>
          ))}
        </tbody>
      </ListTable>
      <form method="post" action="/admin/sessions/end-all" class="danger">
        <CsrfField token={props.csrf} />
        <button type="submit">Đăng xuất khỏi tất cả các phiên</button>
      </form>
    </AdminLayout>
  )
}
