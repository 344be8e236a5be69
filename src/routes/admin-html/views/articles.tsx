import type { AdminArticle } from '../../../admin/articles'
import type { FieldErrors } from '../../../admin/errors'
import { can, type ArticleAction, type Principal } from '../../../admin/permissions'
import type { CategorySummary } from '../../../db/categories'
import type { ArticleStatus } from '../../../db/schema'
import type { ArticleFormValues } from './article-form-values'
import { AttachmentsCard, type AttachmentRow } from './article-attachments'
import { Field } from './field'
import { AdminLayout, CsrfField } from './layout'

export const STATUS_NAMES: Record<ArticleStatus, string> = {
  draft: 'Bản nháp',
  review: 'Chờ duyệt',
  published: 'Đã đăng',
}

export type Common = {
  siteName: string
  principal: Principal
  csrf: string
  notice?: string
  error?: string
}

/** Create or edit an article. */
export function ArticleFormPage(
  props: Common & {
    article: AdminArticle | null
    values: ArticleFormValues
    errors?: FieldErrors
    categories: CategorySummary[]
    /** Uploaded images the cover field suggests (newest first). */
    images?: { url: string; fileName: string }[]
    attachments?: AttachmentRow[]
    /** What the signed-in editor may do to this article (articlePermissions); not for new ones. */
    allowed?: Record<ArticleAction, boolean>
    /** The save was refused because someone else saved first (article-versions.ts). */
    conflict?: boolean
  },
) {
  const { values, errors, article } = props
  const action = article ? `/admin/articles/${article.id}` : '/admin/articles'
  const mayPublish = can(props.principal.role, 'articles.publish')
  const allowed = props.allowed
  const locked = article !== null && allowed?.edit !== true
  const invalid = (name: string) => (errors?.[name] ? 'true' : undefined)
  return (
    <AdminLayout
      title={article ? `Sửa bài: ${article.title}` : 'Viết bài mới'}
      {...props}
      scripts={locked ? [] : ['editor.js']}
    >
      {article ? (
        <p class="actions">
          <a href={`/admin/articles/${article.id}/preview`} target="_blank">
            Xem bản đã lưu
          </a>
          {' · '}
          <a href={`/admin/articles/${article.id}/revisions`}>Lịch sử sửa đổi</a>
          {article.status === 'published' ? (
            <>
              {' · '}
              <a href={`/bai-viet/${article.slug}`}>Xem trên trang</a>
            </>
          ) : null}
        </p>
      ) : null}
      {locked ? (
        <p class="notice">
          {article?.status === 'published'
            ? 'Bài đã đăng hoặc đã hẹn giờ đăng: chỉ biên tập viên mới sửa được.'
            : 'Bài của người khác: phóng viên chỉ sửa bài nháp và bài chờ duyệt của mình.'}
        </p>
      ) : null}
      <form
        method="post"
        action={action}
        class="card article-form"
        data-autosave={locked ? undefined : `article:${article?.id ?? 'new'}`}
        data-saved-at={article ? String(article.updatedAt.getTime()) : '0'}
      >
        <CsrfField token={props.csrf} />
        {/* The version this form was opened on: a save over a newer one is refused (409). */}
        {article ? <input type="hidden" name="version" value={String(article.version)} /> : null}
        {props.conflict && article ? (
          <p class="notice conflict">
            <a href={`/admin/articles/${article.id}/revisions`}>Xem thay đổi của họ</a> (lịch sử sửa
            đổi). Nội dung bạn đã gõ vẫn ở dưới.
          </p>
        ) : null}
        <div class="autosave-notice" role="status" hidden>
          <span class="autosave-text" />{' '}
          <button type="button" class="autosave-restore">
            Khôi phục bản tự lưu
          </button>{' '}
          <button type="button" class="autosave-discard">
            Bỏ bản tự lưu
          </button>
        </div>
        <Field name="title" label="Tiêu đề *" errors={errors}>
          <input
            id="f-title"
            name="title"
            required
            maxlength={300}
            value={values.title}
            aria-invalid={invalid('title')}
          />
        </Field>
        <Field
          name="slug"
          label="Đường dẫn"
          errors={errors}
          hint={
            article
              ? 'Để trống để tạo lại từ tiêu đề; đường dẫn cũ của bài đã đăng vẫn dẫn về bài.'
              : 'Để trống để tạo từ tiêu đề.'
          }
        >
          <input
            id="f-slug"
            name="slug"
            maxlength={200}
            value={values.slug}
            aria-invalid={invalid('slug')}
          />
        </Field>
        <Field name="categoryId" label="Chuyên mục *" errors={errors}>
          <select id="f-categoryId" name="categoryId" required aria-invalid={invalid('categoryId')}>
            <option value="">— Chọn —</option>
            {props.categories.map((c) => (
              <option value={String(c.id)} selected={values.categoryId === String(c.id)}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
        <Field name="lead" label="Tóm tắt" errors={errors}>
          <textarea
            id="f-lead"
            name="lead"
            rows={3}
            maxlength={1000}
            aria-invalid={invalid('lead')}
          >
            {values.lead}
          </textarea>
        </Field>
        <Field
          name="body"
          label="Nội dung"
          errors={errors}
          hint={
            'Soạn như trong Word: dán từ Word, LibreOffice hay Google Docs; kéo thả hoặc dán ảnh để ' +
            'tải lên. Không có trình soạn thảo thì viết Markdown: **đậm**, *nghiêng*, ' +
            '[liên kết](https://…), ảnh ![mô tả ảnh](/media/… "Chú thích dưới ảnh").'
          }
        >
          {/* The editor (editor.js) takes this field over; without scripts it is Markdown. */}
          <textarea
            id="f-body"
            name="body"
            rows={16}
            aria-invalid={invalid('body')}
            data-rich-editor
          >
            {values.body}
          </textarea>
        </Field>
        <Field
          name="topics"
          label="Chủ đề"
          errors={errors}
          hint="Các chủ đề cách nhau bằng dấu phẩy, ví dụ: Chuyển đổi số, Nông thôn mới. Mỗi chủ đề có trang riêng."
        >
          <input
            id="f-topics"
            name="topics"
            maxlength={700}
            value={values.topics}
            aria-invalid={invalid('topics')}
          />
        </Field>
        <div class="row">
          <Field name="author" label="Tác giả" errors={errors}>
            <input id="f-author" name="author" maxlength={100} value={values.author} />
          </Field>
          <Field
            name="source"
            label="Nguồn"
            errors={errors}
            hint="Ví dụ HNP, hiện trước phần tóm tắt."
          >
            <input id="f-source" name="source" maxlength={50} value={values.source} />
          </Field>
        </div>
        <div class="row">
          <Field name="status" label="Trạng thái" errors={errors}>
            <select id="f-status" name="status">
              {(Object.keys(STATUS_NAMES) as ArticleStatus[])
                .filter((s) => mayPublish || s !== 'published')
                .map((s) => (
                  <option value={s} selected={values.status === s}>
                    {STATUS_NAMES[s]}
                  </option>
                ))}
            </select>
          </Field>
          <Field
            name="publishedAt"
            label="Thời gian đăng (giờ Việt Nam)"
            errors={errors}
            hint="Để trống để đăng ngay khi chọn Đã đăng; thời gian trong tương lai sẽ hẹn giờ."
          >
            <input
              id="f-publishedAt"
              name="publishedAt"
              type="datetime-local"
              value={values.publishedAt}
              aria-invalid={invalid('publishedAt')}
            />
          </Field>
        </div>
        <Field
          name="coverImage"
          label="Ảnh đại diện"
          errors={errors}
          hint="Gõ tên tệp để chọn một ảnh đã tải lên (Ảnh và tệp), hoặc dán địa chỉ https."
        >
          <input
            id="f-coverImage"
            name="coverImage"
            list="thu-vien-anh"
            maxlength={500}
            value={values.coverImage}
            aria-invalid={invalid('coverImage')}
          />
          <datalist id="thu-vien-anh">
            {(props.images ?? []).map((i) => (
              <option value={i.url}>{i.fileName}</option>
            ))}
          </datalist>
        </Field>
        <Field
          name="coverAlt"
          label="Mô tả ảnh đại diện (bắt buộc khi có ảnh)"
          errors={errors}
          hint="Ảnh cho thấy gì, cho người không xem được ảnh, ví dụ: Quang cảnh hội nghị."
        >
          <input
            id="f-coverAlt"
            name="coverAlt"
            maxlength={600}
            value={values.coverAlt}
            aria-invalid={invalid('coverAlt')}
          />
        </Field>
        <div class="field checkbox">
          <label>
            <input
              type="checkbox"
              name="commentsEnabled"
              value="true"
              checked={values.commentsEnabled}
            />{' '}
            Cho phép bình luận
          </label>
        </div>
        <button type="submit" disabled={locked}>
          {article ? 'Lưu' : 'Tạo bài viết'}
        </button>{' '}
        {/* The same fields, posted to the preview in a new tab: nothing is saved. */}
        <button type="submit" formaction="/admin/articles/preview" formtarget="_blank">
          Xem trước
        </button>
      </form>
      {article ? (
        <AttachmentsCard
          articleId={article.id}
          attachments={props.attachments ?? []}
          csrf={props.csrf}
          mayAttach={allowed?.attach === true}
          mayDetach={allowed?.detach === true}
        />
      ) : null}
      {article && allowed?.delete ? (
        <form method="post" action={`/admin/articles/${article.id}/delete`} class="danger">
          <CsrfField token={props.csrf} />
          <button type="submit">Xóa bài viết</button>
        </form>
      ) : null}
    </AdminLayout>
  )
}
