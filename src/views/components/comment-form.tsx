import { ASSET_PATHS } from '../../generated/assets'
import {
  COMMENT_LIMITS,
  emptyCommentValues,
  type CommentFieldErrors,
  type CommentFormValues,
} from '../../lib/comment-input'

export type CommentFormErrors = CommentFieldErrors & { captcha?: string; form?: string }

/** The security code the form shows; see `src/captcha`. */
export type CaptchaWidget =
  { provider: 'altcha' | 'off' | 'unavailable' } | { provider: 'turnstile'; siteKey: string }

export type CommentFormProps = {
  action: string
  captcha: CaptchaWidget
  values?: CommentFormValues
  errors?: CommentFormErrors
}

/** The security code: ALTCHA from our own origin by default, Turnstile when configured. */
function Captcha(props: { captcha: CaptchaWidget }) {
  const { captcha } = props
  switch (captcha.provider) {
    case 'altcha':
      return (
        <>
          <div
            class="captcha-box"
            data-captcha="altcha"
            data-challenge="/api/captcha"
            data-widget={ASSET_PATHS['altcha.js']}
          ></div>
          <button type="button" class="captcha-refresh" data-captcha-refresh>
            Lấy lại mã bảo mật
          </button>
          <script type="module" src={ASSET_PATHS['comment-form.js']}></script>
        </>
      )
    case 'turnstile':
      return (
        <>
          <div class="cf-turnstile" data-sitekey={captcha.siteKey} data-language="vi"></div>
          <button type="button" class="captcha-refresh" data-captcha-refresh>
            Lấy lại mã bảo mật
          </button>
          <script src="https://challenges.cloudflare.com/turnstile/v0/api.js" async defer></script>
          <script type="module" src={ASSET_PATHS['comment-form.js']}></script>
        </>
      )
    case 'off':
      return <p class="meta">Mã xác nhận đang tắt (chỉ dùng khi kiểm thử).</p>
    case 'unavailable':
      return <p class="field-error">Chức năng bình luận đang tạm dừng. Vui lòng quay lại sau.</p>
  }
}

function FieldError(props: { id: string; message?: string }) {
  return props.message ? (
    <p class="field-error" id={props.id}>
      {props.message}
    </p>
  ) : null
}

/**
 * The `maxlength` for a field of `limit` characters. Browsers count UTF-16 units (an emoji is
 * two), the server counts characters: twice the limit never stops what the server accepts,
 * and the server's message (with the text kept) covers the rest.
 */
const htmlMaxLength = (limit: number) => limit * 2

/**
 * The seed page's "Viết bình luận" form. It takes the reader's values and per-field messages so
 * that a rejected submission comes back with everything the reader typed.
 */
export function CommentForm(props: CommentFormProps) {
  const values = props.values ?? emptyCommentValues
  const errors = props.errors ?? {}
  const describedBy = (field: keyof CommentFormErrors) =>
    errors[field] ? `loi-${field}` : undefined
  // A rejected form opens at its first wrong field, focused (the browser scrolls to it).
  const firstWrong = (['name', 'phone', 'title', 'content'] as const).find((f) => errors[f])
  const focus = (field: keyof CommentFormErrors) => (firstWrong === field ? true : undefined)
  return (
    <section class="comment-form" id="viet-binh-luan" aria-labelledby="viet-binh-luan-title">
      <h2 id="viet-binh-luan-title">Viết bình luận</h2>
      {errors.form ? (
        <p class="form-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <form method="post" action={props.action} accept-charset="utf-8" novalidate>
        <div class="field">
          <label for="cf-name">
            Họ tên<span class="required">*</span>
          </label>
          <input
            id="cf-name"
            name="name"
            type="text"
            maxlength={htmlMaxLength(COMMENT_LIMITS.name)}
            required
            autofocus={focus('name')}
            autocomplete="name"
            value={values.name}
            aria-invalid={errors.name ? 'true' : undefined}
            aria-describedby={describedBy('name')}
          />
          <FieldError id="loi-name" message={errors.name} />
        </div>
        <div class="field">
          <label for="cf-phone">Số điện thoại</label>
          <input
            id="cf-phone"
            name="phone"
            type="tel"
            maxlength={htmlMaxLength(COMMENT_LIMITS.phone)}
            autofocus={focus('phone')}
            autocomplete="tel"
            inputmode="tel"
            value={values.phone}
            aria-invalid={errors.phone ? 'true' : undefined}
            aria-describedby={describedBy('phone')}
          />
          <FieldError id="loi-phone" message={errors.phone} />
        </div>
        <div class="field">
          <label for="cf-title">
            Tiêu đề<span class="required">*</span>
          </label>
          <input
            id="cf-title"
            name="title"
            type="text"
            maxlength={htmlMaxLength(COMMENT_LIMITS.title)}
            required
            autofocus={focus('title')}
            value={values.title}
            aria-invalid={errors.title ? 'true' : undefined}
            aria-describedby={describedBy('title')}
          />
          <FieldError id="loi-title" message={errors.title} />
        </div>
        <div class="field">
          <label for="cf-content">
            Nội dung<span class="required">*</span>
          </label>
          <textarea
            id="cf-content"
            name="content"
            rows={6}
            maxlength={htmlMaxLength(COMMENT_LIMITS.content)}
            required
            autofocus={focus('content')}
            aria-invalid={errors.content ? 'true' : undefined}
            aria-describedby={describedBy('content')}
          >
            {values.content}
          </textarea>
          <FieldError id="loi-content" message={errors.content} />
        </div>
        <div class="field captcha" id="ma-xac-nhan">
          <span class="label" id="cf-captcha-label">
            Mã xác nhận
          </span>
          <Captcha captcha={props.captcha} />
          <noscript>
            <p class="field-error">
              Mã xác nhận cần JavaScript. Vui lòng bật JavaScript trong trình duyệt để gửi bình
              luận.
            </p>
          </noscript>
          <FieldError id="loi-captcha" message={errors.captcha} />
        </div>
        <div class="hp" aria-hidden="true">
          <label for="cf-website">Không điền ô này</label>
          <input id="cf-website" name="website" type="text" tabindex={-1} autocomplete="off" />
        </div>
        <button type="submit" class="submit">
          Gửi bình luận
        </button>
      </form>
    </section>
  )
}
