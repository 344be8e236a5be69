import type { ArticleSummary } from '../../db/articles'
import { srcsetFor } from '../../media/image-variants'
import { mediaKeyOf } from '../../media/media-key'
import { formatVnDateTime, toVnIsoString } from '../../lib/time'

/** The list thumbnail's box (16:9), in CSS pixels; the image is cropped to it. */
export const THUMB = { width: 240, height: 135 }

/** The WebP copies of an uploaded cover to pick from, or undefined (an https address). */
function thumbSrcset(src: string, width: number | null): string | undefined {
  const key = mediaKeyOf(src)
  return (key && width && srcsetFor(key, width)) || undefined
}

/**
 * Title, publish time, lead and cover thumbnail (when there is one) of each article, as the
 * home and category pages list them.
 */
export function ArticleList(props: { articles: ArticleSummary[]; headingLevel?: 2 | 3 }) {
  // Under a page's h1 the titles are h2; in a section of the home page, h3.
  const Title = props.headingLevel === 3 ? 'h3' : 'h2'
  return (
    <ul class="article-list">
      {props.articles.map((a) => (
        <li class="article-item">
          {a.coverImage ? (
            // Decorative beside the linked title; sized so the list does not jump as it loads.
            <img
              class="article-item-cover"
              src={a.coverImage}
              srcset={thumbSrcset(a.coverImage, a.coverWidth)}
              alt=""
              width={THUMB.width}
              height={THUMB.height}
              sizes={`(min-width: 48rem) ${THUMB.width}px, 100vw`}
              loading="lazy"
              decoding="async"
            />
          ) : null}
          <Title class="article-item-title">
            <a href={`/bai-viet/${a.slug}`}>{a.title}</a>
          </Title>
          {a.publishedAt ? (
            <time class="meta" datetime={toVnIsoString(a.publishedAt)}>
              {formatVnDateTime(a.publishedAt)}
            </time>
          ) : null}
          <p class="article-item-lead">{a.lead}</p>
        </li>
      ))}
    </ul>
  )
}
