import { formatFileSize } from '../../../lib/format'
import { CsrfField } from './layout'

export type AttachmentRow = { id: number; key: string; fileName: string; size: number }

/** An article's attachments (PDF, Office files): the list, delete buttons and the upload form. */
export function AttachmentsCard(props: {
  articleId: number
  attachments: AttachmentRow[]
  csrf?: string
  mayAttach: boolean
  mayDetach: boolean
}) {
  return (
    <section class="card">
      <h2>Tệp đính kèm</h2>
      {props.attachments.length > 0 ? (
        <ul>
          {props.attachments.map((f) => (
            <li>
              <a href={`/media/${f.key}`}>{f.fileName}</a> ({formatFileSize(f.size)})
              {props.mayDetach ? (
                <form
                  method="post"
                  action={`/admin/articles/${props.articleId}/attachments/${f.id}/delete`}
                  class="inline"
                >
                  <CsrfField token={props.csrf} />
                  <button type="submit" aria-label={`Xóa tệp ${f.fileName}`}>
                    Xóa
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p class="meta">Chưa có tệp.</p>
      )}
      {props.mayAttach ? (
        <form
          method="post"
          action={`/admin/articles/${props.articleId}/attachments`}
          enctype="multipart/form-data"
        >
          <CsrfField token={props.csrf} />
          <label>
            Tải lên (PDF, DOC, DOCX, XLS, XLSX; tối đa 20 MB){' '}
            <input type="file" name="file" required />
          </label>{' '}
          <button type="submit">Tải lên</button>
        </form>
      ) : null}
    </section>
  )
}
