import type { Principal } from '../../../admin/permissions'
import type { ImportRunSummary } from '../../../db/import-runs'
import type { ImportCounts, ImportReport } from '../../../import/report'
import { formatVnDateTime } from '../../../lib/time'
import { AdminLayout, ListTable } from './layout'

type Common = { siteName: string; principal: Principal; csrf: string }

const KINDS = [
  ['article', 'Bài viết'],
  ['category', 'Chuyên mục'],
  ['comment', 'Bình luận'],
  ['media', 'Tệp'],
] as const

/** "12 mới, 3 cập nhật, 40 không đổi, 2 bỏ qua" for one kind's counts. */
const countsText = (c: ImportCounts | undefined) =>
  c ? `${c.created} mới, ${c.updated} cập nhật, ${c.unchanged} không đổi, ${c.skipped} bỏ qua` : '–'

const parseCounts = (json: string | null): Partial<ImportReport['counts']> => {
  try {
    return (json ? JSON.parse(json) : {}) as Partial<ImportReport['counts']>
  } catch {
    return {}
  }
}

/** The imports run on this portal (`npm run import`), newest first, each with its counts. */
export function ImportsPage(props: Common & { items: ImportRunSummary[]; nextBefore?: number }) {
  return (
    <AdminLayout title="Nhập dữ liệu" {...props}>
      <p>
        Các lần nhập dữ liệu từ trang cũ (NukeViet, WordPress, RSS) bằng lệnh{' '}
        <code>npm run import</code>, mới nhất trước. Hướng dẫn: <code>docs/import.md</code>.
      </p>
      {props.items.length === 0 ? (
        <p>Chưa có lần nhập dữ liệu nào.</p>
      ) : (
        <ListTable label="Các lần nhập dữ liệu">
          <thead>
            <tr>
              <th scope="col">Kết thúc</th>
              <th scope="col">Nguồn</th>
              <th scope="col">Kết quả</th>
              <th scope="col">Bài viết</th>
              <th scope="col">Tệp</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((r) => {
              const counts = parseCounts(r.counts)
              return (
                <tr>
                  <td>
                    <a href={`/admin/nhap-du-lieu/${r.id}`}>{formatVnDateTime(r.finishedAt)}</a>
                  </td>
                  <td>
                    <code>{r.source}</code>
                  </td>
                  <td>{r.error ? `Dừng giữa chừng: ${r.error}` : 'Hoàn tất'}</td>
                  <td>{countsText(counts.article)}</td>
                  <td>{countsText(counts.media)}</td>
                </tr>
              )
            })}
          </tbody>
        </ListTable>
      )}
      {props.nextBefore ? (
        <a href={`/admin/nhap-du-lieu?before=${props.nextBefore}`}>Cũ hơn »</a>
      ) : null}
    </AdminLayout>
  )
}

type StoredReport = ImportReport & { skippedTotal: number; warningsTotal: number }

/** One import's report: counts per kind, then what was skipped and what was warned, by record. */
export function ImportRunPage(
  props: Common & { id: number; finishedAt: Date; report: StoredReport | null; text: string },
) {
  const r = props.report
  return (
    <AdminLayout title={`Lần nhập dữ liệu #${props.id}`} {...props}>
      <p>
        <a href="/admin/nhap-du-lieu">« Các lần nhập dữ liệu</a>
      </p>
      {!r ? (
        <p>Không đọc được báo cáo của lần nhập này.</p>
      ) : (
        <>
          <dl class="import-facts">
            <dt>Nguồn</dt>
            <dd>
              <code>{r.source}</code>
            </dd>
            <dt>Bắt đầu – kết thúc</dt>
            <dd>
              {formatVnDateTime(new Date(r.startedAt))} – {formatVnDateTime(props.finishedAt)} (
              {Math.round(r.durationMs / 1000)} giây)
            </dd>
            <dt>Kết quả</dt>
            <dd>
              {r.error ? `Dừng giữa chừng: ${r.error}. Chạy lại lệnh để tiếp tục.` : 'Hoàn tất'}
            </dd>
          </dl>
          <ListTable label="Số bản ghi">
            <thead>
              <tr>
                <th scope="col">Loại</th>
                <th scope="col">Mới</th>
                <th scope="col">Cập nhật</th>
                <th scope="col">Không đổi</th>
                <th scope="col">Bỏ qua</th>
              </tr>
            </thead>
            <tbody>
              {KINDS.map(([kind, label]) => (
                <tr>
                  <th scope="row">{label}</th>
                  <td>{r.counts[kind]?.created ?? 0}</td>
                  <td>{r.counts[kind]?.updated ?? 0}</td>
                  <td>{r.counts[kind]?.unchanged ?? 0}</td>
                  <td>{r.counts[kind]?.skipped ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </ListTable>
          <h2>
            Bỏ qua ({r.skippedTotal}
            {r.skippedTotal > r.skipped.length ? `, hiện ${r.skipped.length} đầu tiên` : ''})
          </h2>
          <ul class="import-list">
            {r.skipped.map((s) => (
              <li>
                {s.kind} <code>{s.sourceId}</code>: {s.reason}
              </li>
            ))}
          </ul>
          <h2>
            Lưu ý ({r.warningsTotal}
            {r.warningsTotal > r.warnings.length ? `, hiện ${r.warnings.length} đầu tiên` : ''})
          </h2>
          <ul class="import-list">
            {r.warnings.map((w) => (
              <li>
                {w.kind} <code>{w.sourceId}</code>: {w.message}
              </li>
            ))}
          </ul>
          <details>
            <summary>Báo cáo dạng văn bản (như lệnh in ra)</summary>
            <pre>{props.text}</pre>
          </details>
        </>
      )}
    </AdminLayout>
  )
}
