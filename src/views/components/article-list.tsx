import type { ArticleSummary } from '../../db/articles'
import { formatVnDateTime, toVnIsoString } from '../../lib/time'

/** Title, publish time and lead of each article, as the home and category pages list them. */
export function ArticleList(props: { articles: ArticleSummary[] }) {
  return (
    <ul class="article-list">
      {props.articles.map((a) => (
        <li class="article-item">
          <h2 class="article-item-title">
            <a href={`/bai-viet/${a.slug}`}>{a.title}</a>
          </h2>
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
