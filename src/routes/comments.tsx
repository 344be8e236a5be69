import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { captchaSettings, checkCaptcha, CAPTCHA_MESSAGES } from '../captcha'
import { CaptchaReplayError, createComment, findCommentTarget } from '../db/comments'
import { d1Unavailable } from '../db/guard'
import type { AppEnv } from '../env'
import {
  COMMENT_LIMITS,
  emptyCommentValues,
  parseCommentForm,
  type CommentFormValues,
} from '../lib/comment-input'
import { clientIp } from '../lib/client-ip'
import { initialCommentStatus } from '../lib/moderation'
import { hashIp } from '../lib/secrets'
import { bodyLimitFor, repeatedFields } from '../lib/form-fields'
import { isSlug } from '../lib/slug'
import { CommentForm } from '../views/components/comment-form'
import { ErrorPage } from '../views/error-page'
import { PRIVATE_NO_STORE } from '../lib/cache-control'
import { captchaWidget, renderArticle } from './article-response'
import {
  logUnavailable,
  renderNotFound,
  renderPathNotFound,
  renderUnavailable,
  unavailableHeaders,
} from './errors'
import { log } from '../lib/log'

/**
 * Largest comment post we read (bytes): every field at its character limit in the worst
 * encoding (bodyLimitFor), plus 16 KB for field names and the security code's payload.
 */
export const MAX_COMMENT_BODY_BYTES = bodyLimitFor(
  [COMMENT_LIMITS.name, COMMENT_LIMITS.phone, COMMENT_LIMITS.title, COMMENT_LIMITS.content],
  16 * 1024,
)

/** What `?binh-luan=` on the article page tells the reader after posting. */
export const COMMENT_NOTICES = {
  'cho-duyet': 'Bình luận của bạn đang chờ duyệt. Cảm ơn bạn đã góp ý!',
  'da-dang': 'Bình luận của bạn đã được đăng. Cảm ơn bạn đã góp ý!',
} as const
export type CommentNotice = keyof typeof COMMENT_NOTICES

const MESSAGES = {
  tooLarge: 'Nội dung gửi lên quá lớn. Bình luận tối đa 4.000 ký tự.',
  malformed: 'Yêu cầu không hợp lệ. Vui lòng gửi lại bình luận từ biểu mẫu.',
  rateLimited: 'Bạn đã gửi quá nhiều bình luận. Vui lòng chờ một phút rồi thử lại.',
  disabled: 'Bài viết này đã tắt chức năng bình luận.',
  fixErrors: 'Bình luận chưa được gửi. Vui lòng sửa các mục được đánh dấu bên dưới.',
  unavailable:
    'Hệ thống đang bận nên bình luận chưa được lưu. Nội dung của bạn vẫn còn bên dưới, vui lòng gửi lại sau ít phút.',
} as const

/** The reader's text from the submitted form, as far as it can be read; never throws. */
async function typedValues(c: Context<AppEnv>): Promise<CommentFormValues> {
  try {
    return parseCommentForm(await c.req.parseBody({ all: true })).values
  } catch {
    return emptyCommentValues
  }
}

/**
 * D1 failed while a comment was being posted: nothing was stored (the comment and its
 * security-code use are one batch, one transaction). The reader gets 503 with their text
 * back in the form and a message. When D1 answers again the whole article page is shown;
 * otherwise (or after a timeout, not to wait twice) the "busy" page with the form alone.
 */
async function commentNotStored(
  c: Context<AppEnv>,
  slug: string,
  values: CommentFormValues,
  err: unknown,
) {
  // Never Drizzle's own message: it holds the query's parameters, i.e. what the reader typed.
  const failure = d1Unavailable(err)
  if (failure) logUnavailable(c, failure, 'comment not stored')
  else {
    log.error('comment not stored', { error: err instanceof Error ? err.name : typeof err })
  }
  const errors = { form: MESSAGES.unavailable }
  if (failure?.reason !== 'timeout') {
    try {
      return await renderArticle(c, slug, {
        status: 503,
        headers: unavailableHeaders(),
        form: { values, errors },
      })
    } catch {
      // Still down: the form alone, below.
    }
  }
  return renderUnavailable(c, await formAlone(c, slug, values, errors))
}

/** The comment form alone, with what the reader typed and why it was not sent. No D1 read. */
async function formAlone(
  c: Context<AppEnv>,
  slug: string,
  values: CommentFormValues,
  errors: Record<string, string>,
) {
  return (
    <>
      <CommentForm
        action={`/bai-viet/${slug}/binh-luan`}
        captcha={await captchaWidget(c.env)}
        values={values}
        errors={errors}
      />
      <p>
        <a href={`/bai-viet/${slug}`}>Quay lại bài viết</a>
      </p>
    </>
  )
}

/**
 * A client over COMMENT_RATE_LIMITER's limit: 429 with Retry-After and the form alone with its
 * text, decided before anything reads D1 or renders the article, so a flood costs the limiter
 * call and the form's parse only.
 */
async function rateLimited(c: Context<AppEnv>, slug: string) {
  const form = await formAlone(c, slug, await typedValues(c), { form: MESSAGES.rateLimited })
  return c.html(
    <ErrorPage siteName={c.env.SITE_NAME} categories={[]} status={429}>
      {form}
    </ErrorPage>,
    429,
    { 'Retry-After': '60', 'Cache-Control': PRIVATE_NO_STORE },
  )
}

/** Posting a comment from the article page. */
export const comments = new Hono<AppEnv>()

comments.post(
  '/bai-viet/:slug/binh-luan',
  bodyLimit({
    maxSize: MAX_COMMENT_BODY_BYTES,
    // Stops reading as soon as the limit is passed, whether or not Content-Length was sent.
    onError: (c) =>
      renderArticle(c as Context<AppEnv>, c.req.param('slug') ?? '', {
        status: 413,
        form: { errors: { form: MESSAGES.tooLarge } },
      }),
  }),
  async function postComment(c) {
    const slug = c.req.param('slug')
    if (!isSlug(slug)) return renderPathNotFound(c)
    const ip = clientIp(c)
    const limiter = c.env.COMMENT_RATE_LIMITER
    if (limiter && !(await limiter.limit({ key: ip ?? 'unknown' })).success) {
      return rateLimited(c, slug)
    }
    const now = new Date()
    let article: Awaited<ReturnType<typeof findCommentTarget>>
    try {
      article = await findCommentTarget(c.var.db, slug, now)
    } catch (err) {
      if (!d1Unavailable(err)) throw err
      return commentNotStored(c, slug, await typedValues(c), err)
    }
    if (!article) return renderNotFound(c)
    if (!article.commentsEnabled) {
      return renderArticle(c, slug, { status: 403, notice: MESSAGES.disabled })
    }

    const contentType = c.req.header('content-type') ?? ''
    let form: Record<string, unknown>
    try {
      if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(contentType)) {
        throw new Error('not a form')
      }
      form = await c.req.parseBody({ all: true })
    } catch {
      return renderArticle(c, slug, {
        status: 400,
        form: { values: emptyCommentValues, errors: { form: MESSAGES.malformed } },
      })
    }

    const parsed = parseCommentForm(form)
    // A field sent twice is not a form a browser sends (src/lib/form-fields.ts).
    if (repeatedFields(form).length > 0) {
      return renderArticle(c, slug, {
        status: 400,
        form: { values: parsed.values, errors: { form: MESSAGES.malformed } },
      })
    }
    const backToArticle = (notice: CommentNotice, anchor = 'binh-luan') =>
      c.redirect(`/bai-viet/${slug}?binh-luan=${notice}#${anchor}`, 303)

    // A bot filled the hidden field: answer as if it worked, keep nothing.
    const honeypot = form['website']
    if (typeof honeypot === 'string' && honeypot.trim() !== '') return backToArticle('cho-duyet')

    const captcha = await checkCaptcha(await captchaSettings(c.env), form, ip)
    if (!parsed.ok || !captcha.ok) {
      return renderArticle(c, slug, {
        status: 422,
        form: {
          values: parsed.values,
          errors: {
            form: MESSAGES.fixErrors,
            ...(parsed.ok ? {} : parsed.errors),
            ...(captcha.ok ? {} : { captcha: captcha.message }),
          },
        },
      })
    }

    const status = initialCommentStatus(c.env.COMMENT_MODERATION)
    try {
      const { id } = await createComment(c.var.db, {
        articleId: article.id,
        ...parsed.comment,
        status,
        ipHash: ip ? await hashIp(c.env, ip) : null,
        captchaUse: captcha.use,
        now,
      })
      return status === 'approved'
        ? backToArticle('da-dang', `binh-luan-${id}`)
        : backToArticle('cho-duyet')
    } catch (err) {
      if (err instanceof CaptchaReplayError) {
        return renderArticle(c, slug, {
          status: 422,
          form: {
            values: parsed.values,
            errors: { form: MESSAGES.fixErrors, captcha: CAPTCHA_MESSAGES.replayed },
          },
        })
      }
      // D1 failed: keep the reader's text on screen rather than losing it behind an error page.
      return commentNotStored(c, slug, parsed.values, err)
    }
  },
)
