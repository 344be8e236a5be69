import type { Principal } from '../../../admin/permissions'
import { AdminLayout } from './layout'

export type DashboardCounts = {
  pendingComments: number
  drafts: number
  review: number
  scheduled: number
  published: number
}

/** What waits for the editor: pending comments, drafts, articles in review, scheduled ones. */
export function DashboardPage(props: {
  siteName: string
  principal: Principal
  csrf: string
  counts: DashboardCounts
}) {
  const { counts } = props
  const tiles: [string, number, string][] = [
    ['Bình luận chờ duyệt', counts.pendingComments, '/admin/comments?status=pending'],
    ['Bài chờ duyệt', counts.review, '/admin/articles?status=review'],
    ['Bản nháp', counts.drafts, '/admin/articles?status=draft'],
    ['Hẹn giờ đăng', counts.scheduled, '/admin/articles?status=published'],
    ['Đã đăng', counts.published, '/admin/articles?status=published'],
  ]
  return (
    <AdminLayout
      title="Tổng quan"
      siteName={props.siteName}
      principal={props.principal}
      csrf={props.csrf}
    >
      <ul class="tiles">
        {tiles.map(([label, n, href]) => (
          <li>
            <a href={href}>
              <strong class="tile-count">{n}</strong> <span>{label}</span>
            </a>
          </li>
        ))}
      </ul>
      <p>
        <a class="button" href="/admin/articles/new">
          Viết bài mới
        </a>
      </p>
    </AdminLayout>
  )
}
