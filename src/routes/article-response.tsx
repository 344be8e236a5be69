import type { Context } from 'hono'
import { endTime, startTime } from 'hono/timing'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { tags } from '../cache/purge'
import { captchaSettings } from '../captcha'
import { loadArticlePage } from '../db/pages'
import { findRedirect } from '../db/redirects'
import type { AppEnv } from '../env'
import type { CommentFieldErrors, CommentFormValues } from '../lib/comment-input'
import { viewBeaconPath } from '../lib/view-beacon'
import { ArticlePage, type CaptchaWidget } from '../views/article-page'
import { renderNotFound } from './errors'

export type ArticleRenderOptions = {
  status?: ContentfulStatusCode
  notice?: string
  form?: {
    values?: CommentFormValues
    errors?: CommentFieldErrors & { captcha?: string; form?: string }
  }
  headers?: Record<string, string>
  /** Answer an old slug of a renamed article with a 301 to its current one. */
  followRedirects?: boolean
}

/** What the comment form needs to show the configured security code. */
export async function captchaWidget(env: AppEnv['Bindings']): Promise<CaptchaWidget> {
  const settings = await captchaSettings(env)
  return settings.provider === 'turnstile'
    ? { provider: 'turnstile', siteKey: settings.siteKey }
    : { provider: settings.provider }
}

/**
 * Renders the article page, optionally with a notice and the comment form filled in, as both
 * the article route and a rejected comment need it. Unknown or hidden articles get the 404 page.
 */
export async function renderArticle(
  c: Context<AppEnv>,
  slug: string,
  opts: ArticleRenderOptions = {},
) {
  const now = new Date()
  startTime(c, 'd1')
  const data = await loadArticlePage(c.var.db, slug, now, c.env.SITE_NAME)
  endTime(c, 'd1')
  if (!data.article) {
    const target = opts.followRedirects ? await findRedirect(c.var.db, slug, now) : null
    return target
      ? c.redirect(`/bai-viet/${target}`, 301)
      : renderNotFound(c, data.categories, [tags.slug(slug)])
  }
  c.header(
    'Cache-Tag',
    [
      tags.article(data.article.id),
      tags.slug(data.article.slug),
      tags.category(data.article.categorySlug),
      tags.nav,
    ].join(','),
  )
  return c.html(
    <ArticlePage
      siteName={data.settings.name}
      site={data.settings}
      categories={data.categories}
      article={data.article}
      newer={data.newer}
      older={data.older}
      comments={data.comments}
      commentCount={data.commentCount}
      attachments={data.attachments}
      mostRead={data.mostRead}
      topics={data.topics}
      related={data.related}
      notice={opts.notice}
      form={opts.form}
      captcha={await captchaWidget(c.env)}
      origin={new URL(c.req.url).origin}
      viewBeacon={await viewBeaconPath(c.env, data.article.id)}
    />,
    opts.status ?? 200,
    opts.headers,
  )
}
