import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { captchaSettings, checkCaptcha, CAPTCHA_MESSAGES } from '../captcha'
import { CaptchaReplayError, createComment, findCommentTarget } from '../db/comments'
import type { AppEnv } from '../env'
import { emptyCommentValues, parseCommentForm } from '../lib/comment-input'
import { clientIp } from '../lib/client-ip'
import { initialCommentStatus } from '../lib/moderation'
import { hashIp } from '../lib/secrets'
import { isSlug } from '../lib/slug'
import { renderArticle } from './article-response'
import { renderNotFound } from './errors'

/** Largest comment form we read; the longest valid comment is far below it. */
export const MAX_COMMENT_BODY_BYTES = 32 * 1024

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
    if (!isSlug(slug)) return renderNotFound(c)
    const now = new Date()
    const article = await findCommentTarget(c.var.db, slug, now)
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
    const backToArticle = (notice: CommentNotice, anchor = 'binh-luan') =>
      c.redirect(`/bai-viet/${slug}?binh-luan=${notice}#${anchor}`, 303)

    // A bot filled the hidden field: answer as if it worked, keep nothing.
    const honeypot = form['website']
    if (typeof honeypot === 'string' && honeypot.trim() !== '') return backToArticle('cho-duyet')

    const ip = clientIp(c)
    const limiter = c.env.COMMENT_RATE_LIMITER
    if (limiter && !(await limiter.limit({ key: ip ?? 'unknown' })).success) {
      return renderArticle(c, slug, {
        status: 429,
        headers: { 'Retry-After': '60' },
        form: { values: parsed.values, errors: { form: MESSAGES.rateLimited } },
      })
    }

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
      console.error(
        JSON.stringify({
          level: 'error',
          message: 'comment not stored',
          error: err instanceof Error ? err.message : String(err),
        }),
      )
      return renderArticle(c, slug, {
        status: 503,
        headers: { 'Retry-After': '30' },
        form: { values: parsed.values, errors: { form: MESSAGES.unavailable } },
      }).catch(() => c.text(MESSAGES.unavailable, 503, { 'Retry-After': '30' }))
    }
  },
)
