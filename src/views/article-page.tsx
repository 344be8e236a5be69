import type { PortalSettings } from '../db/settings'
import { raw } from 'hono/html'
import type { ArticleSummary } from '../db/articles'
import type { CategorySummary } from '../db/categories'
import type { PublicComment } from '../db/comments'
import type { PublicAttachment } from '../db/media'
import { formatFileSize } from '../lib/format'
import type { ArticleDetail } from '../db/pages'
import { formatVnDate, formatVnDateTime, toVnIsoString } from '../lib/time'
import type { CommentFormValues } from '../lib/comment-input'
import { CommentForm, type CaptchaWidget, type CommentFormErrors } from './components/comment-form'
import { Layout } from './layout'
import { ASSET_PATHS } from '../generated/assets'
import { ARTICLE_IMAGE_SIZES, srcsetFor } from '../media/image-variants'
import { mediaKeyOf } from '../media/media-key'
import { authorSlug } from '../lib/slug'
import type { TopicSummary } from '../db/topics'

export type ArticlePageProps = {
  siteName: string
  /** The portal's details for the header and footer. */
  site?: PortalSettings
  categories: CategorySummary[]
  article: ArticleDetail
  newer: ArticleSummary[]
  older: ArticleSummary[]
  comments: PublicComment[]
  commentCount: number
  attachments: PublicAttachment[]
  /** The "Đọc nhiều" (most read) box; empty in previews. */
  mostRead: ArticleSummary[]
  /** The article's topics, linked to their pages. */
  topics?: TopicSummary[]
  /** "Tin liên quan": shared topics first, then the same category; empty in previews. */
  related?: ArticleSummary[]
  /** A notice shown above the comments, e.g. after a successful post. */
  notice?: string
  form?: { values?: CommentFormValues; errors?: CommentFormErrors }
  captcha: CaptchaWidget
  /** An editor's preview of an article readers cannot see yet. */
  preview?: boolean
  /** The time a preview is judged at (published or scheduled); previews only. */
  now?: Date
  /** Where the page reports a reader's view (`viewBeaconPath`); none in previews. */
  viewBeacon?: string
  /** The site's origin, e.g. https://tin.example.vn, for absolute URLs. */
  origin: string
}

/** Absolute URL for a cover image stored as a path. */
const absolute = (origin: string, url: string) => (url.startsWith('/') ? `${origin}${url}` : url)

function ShareLinks(props: { url: string; title: string }) {
  const encoded = encodeURIComponent(props.url)
  return (
    <p class="share">
      <span>Chia sẻ:</span>{' '}
      <a
        href={`https://www.facebook.com/sharer/sharer.php?u=${encoded}`}
        rel="noopener"
        target="_blank"
      >
        Facebook
      </a>{' '}
      {/* Zalo has no share link that works without its SDK (a third-party script), so phones
          get their own share sheet, which lists Zalo; shown only where the browser has one. */}
      <button
        type="button"
        class="share-native"
        data-share-url={props.url}
        data-share-title={props.title}
        hidden
      >
        Zalo, ứng dụng khác…
      </button>{' '}
      <button type="button" class="copy-link" data-copy={props.url}>
        Sao chép liên kết
      </button>
      <script type="module" src={ASSET_PATHS['share.js']}></script>
    </p>
  )
}

export type { CaptchaWidget }

function RelatedList(props: { id: string; heading: string; articles: ArticleSummary[] }) {
  if (props.articles.length === 0) return null
  return (
    <section class="related" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.heading}</h2>
      <ul>
        {props.articles.map((a) => (
          <li>
            <a href={`/bai-viet/${a.slug}`}>{a.title}</a>
            {a.publishedAt ? (
              <>
                {' '}
                <time class="meta" datetime={toVnIsoString(a.publishedAt)}>
                  ({formatVnDate(a.publishedAt)})
                </time>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  )
}

/** Renders a comment's text with its line breaks kept and everything else as plain text. */
function MultilineText(props: { text: string }) {
  const lines = props.text.split('\n')
  return (
    <>
      {lines.map((line, i) => (
        <>
          {i > 0 ? <br /> : null}
          {line}
        </>
      ))}
    </>
  )
}

/** The article page, laid out as the seed page is. */
/** What the editor's preview says about who can see the article, by its state. */
function previewNotice(
  article: { id: number; status: string; publishedAt: Date | null },
  now: Date,
): string {
  const { status, publishedAt } = article
  // id 0: what is in the editor's form, not saved (admin/articles.ts, previewArticle).
  if (article.id === 0) {
    return 'Bản xem trước chưa lưu: đây là nội dung trong biểu mẫu; chưa có gì được lưu, bạn đọc chưa thấy.'
  }
  if (status === 'published' && publishedAt && publishedAt <= now) {
    return 'Bản xem trước của bài đã đăng: bạn đọc đang thấy bài này (bản đã lưu).'
  }
  if (status === 'published' && publishedAt) {
    return `Bản xem trước: bài hẹn giờ đăng lúc ${formatVnDateTime(publishedAt)}; đến lúc đó bạn đọc chưa thấy bài.`
  }
  return 'Bản xem trước: bạn đọc chưa nhìn thấy bài viết này cho đến khi bài được đăng.'
}

export function ArticlePage(props: ArticlePageProps) {
  const { article } = props
  const published = article.publishedAt
  const url = `${props.origin}/bai-viet/${article.slug}`
  const image = article.coverImage ? absolute(props.origin, article.coverImage) : undefined
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    description: article.lead,
    ...(published && { datePublished: toVnIsoString(published) }),
    dateModified: toVnIsoString(article.updatedAt),
    ...(article.author && { author: { '@type': 'Person', name: article.author } }),
    publisher: { '@type': 'Organization', name: props.siteName },
    mainEntityOfPage: url,
    articleSection: article.categoryName,
    inLanguage: 'vi',
    ...(image && { image: [image] }),
  }
  return (
    <Layout
      siteName={props.siteName}
      site={props.site}
      categories={props.categories}
      title={article.title}
      description={article.lead}
      activeCategory={article.categorySlug}
      canonical={url}
      social={{
        type: 'article',
        image,
        publishedAt: published ? toVnIsoString(published) : undefined,
        modifiedAt: toVnIsoString(article.updatedAt),
      }}
      jsonLd={props.preview ? undefined : jsonLd}
    >
      {props.preview ? (
        <p class="notice" role="status">
          {previewNotice(article, props.now ?? new Date(0))}
        </p>
      ) : null}
      <nav class="breadcrumb" aria-label="Vị trí">
        <a href="/">Trang chủ</a> ›{' '}
        <a href={`/chuyen-muc/${article.categorySlug}`}>{article.categoryName}</a>
      </nav>
      <article class="article">
        <header>
          <h1 class="article-title">
            {article.title}{' '}
            {published ? (
              <span class="article-time">
                (<time datetime={toVnIsoString(published)}>{formatVnDateTime(published)}</time>)
              </span>
            ) : null}
          </h1>
        </header>
        {article.coverImage ? (
          <Cover
            src={article.coverImage}
            // Covers from before descriptions were required fall back to the title.
            alt={article.coverAlt || article.title}
            width={article.coverWidth}
            height={article.coverHeight}
          />
        ) : null}
        <p class="lead">
          {article.source ? (
            <strong class="source">
              {article.source} -{'\u00a0'}
            </strong>
          ) : null}
          {article.lead}
        </p>
        <div class="article-body">{raw(article.bodyHtml)}</div>
        {article.author ? (
          <p class="author">
            {authorSlug(article.author) ? (
              <a href={`/tac-gia/${authorSlug(article.author)}`} rel="author">
                {article.author}
              </a>
            ) : (
              article.author
            )}
          </p>
        ) : null}
        {props.topics && props.topics.length > 0 ? (
          <p class="topics">
            Chủ đề:{' '}
            {props.topics.map((t, i) => (
              <>
                {i > 0 ? ', ' : ''}
                <a href={`/chu-de/${t.slug}`} rel="tag">
                  {t.name}
                </a>
              </>
            ))}
          </p>
        ) : null}
        {props.attachments.length > 0 ? (
          <section class="attachments" aria-labelledby="tep-dinh-kem">
            <h2 id="tep-dinh-kem">Tệp đính kèm</h2>
            <ul>
              {props.attachments.map((f) => (
                <li>
                  <a href={`/media/${f.key}`} download={f.fileName}>
                    {f.fileName}
                  </a>{' '}
                  <span class="meta">({formatFileSize(f.size)})</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {props.preview ? null : <ShareLinks url={url} title={article.title} />}
        <p class="views" data-view-beacon={props.preview ? undefined : props.viewBeacon}>
          Lượt xem: <span class="view-count">{article.viewCount.toLocaleString('vi-VN')}</span>
        </p>
      </article>
      <RelatedList id="tin-lien-quan" heading="Tin liên quan" articles={props.related ?? []} />
      <RelatedList id="bai-moi" heading="Các bài mới đăng" articles={props.newer} />
      <RelatedList id="bai-cu" heading="Các bài đã đăng" articles={props.older} />
      {props.mostRead.length > 0 ? (
        <aside class="most-read" aria-labelledby="doc-nhieu">
          <h2 id="doc-nhieu">Đọc nhiều</h2>
          <ol>
            {props.mostRead.map((a) => (
              <li>
                <a href={`/bai-viet/${a.slug}`}>{a.title}</a>{' '}
                <span class="meta">({a.viewCount.toLocaleString('vi-VN')} lượt xem)</span>
              </li>
            ))}
          </ol>
        </aside>
      ) : null}
      <section class="comments" id="binh-luan" aria-labelledby="binh-luan-title">
        <h2 id="binh-luan-title">Bình luận ({props.commentCount})</h2>
        {props.notice ? (
          <p class="notice" role="status">
            {props.notice}
          </p>
        ) : null}
        {props.comments.length > 0 ? (
          <ol class="comment-list">
            {props.comments.map((c) => (
              <li class="comment" id={`binh-luan-${c.id}`}>
                <p class="comment-head">
                  <strong class="comment-name">{c.name}</strong>{' '}
                  <time class="meta" datetime={toVnIsoString(c.createdAt)}>
                    {formatVnDateTime(c.createdAt)}
                  </time>
                </p>
                <p class="comment-title">{c.title}</p>
                <p class="comment-content">
                  <MultilineText text={c.content} />
                </p>
              </li>
            ))}
          </ol>
        ) : (
          <p class="empty">Chưa có bình luận nào.</p>
        )}
      </section>
      {props.preview ? null : article.commentsEnabled ? (
        <CommentForm
          action={`/bai-viet/${article.slug}/binh-luan`}
          captcha={props.captcha}
          values={props.form?.values}
          errors={props.form?.errors}
        />
      ) : (
        <p class="comments-closed">Bài viết này đã tắt chức năng bình luận.</p>
      )}
    </Layout>
  )
}

/**
 * The cover, the first thing on the page: loaded at once, not lazily. With its real size (an
 * upload) it is shown at that size or narrower, never stretched, and its box is known before it
 * loads; without (an https address, an older upload) it is fitted inside a 16:9 box, uncropped,
 * so nothing moves when it arrives either. Uploads offer their WebP copies (srcset) so a phone
 * fetches the 640 px one, not the original.
 */
function Cover(props: { src: string; alt: string; width: number | null; height: number | null }) {
  const sized = props.width && props.height
  const key = mediaKeyOf(props.src)
  const srcset = sized && key ? srcsetFor(key, props.width!) : ''
  return (
    <figure class={sized ? 'article-cover' : 'article-cover article-cover-unsized'}>
      <img
        src={props.src}
        srcset={srcset || undefined}
        sizes={srcset ? ARTICLE_IMAGE_SIZES : undefined}
        alt={props.alt}
        width={sized ? props.width! : 1200}
        height={sized ? props.height! : 675}
        decoding="async"
        fetchpriority="high"
      />
    </figure>
  )
}
