import type { PortalSettings } from '../db/settings'
import type { ArticleSummary } from '../db/articles'
import type { CategorySummary } from '../db/categories'
import { excerptAround, highlight } from '../lib/highlight'
import { formatVnDateTime, toVnIsoString } from '../lib/time'
import { Layout } from './layout'

function Highlighted(props: { text: string; terms: string[] }) {
  return (
    <>{highlight(props.text, props.terms).map((s) => (s.match ? <mark>{s.text}</mark> : s.text))}</>
  )
}

export type SearchPageProps = {
  siteName: string
  /** The portal's details for the header and footer. */
  site?: PortalSettings
  categories: CategorySummary[]
  query: string
  terms: string[]
  articles: ArticleSummary[]
  page: number
  hasNext: boolean
  /** How many articles match in all. */
  total?: number
  /** Set when the query cannot be searched (empty or too long). */
  message?: string
}

/** `/tim-kiem`: results ranked by relevance with the matching words highlighted. */
export function SearchPage(props: SearchPageProps) {
  const href = (page: number) =>
    `/tim-kiem?q=${encodeURIComponent(props.query)}${page > 1 ? `&page=${page}` : ''}`
  return (
    <Layout
      siteName={props.siteName}
      site={props.site}
      categories={props.categories}
      title={props.query ? `Tìm kiếm: ${props.query}` : 'Tìm kiếm'}
      query={props.query}
    >
      <h1 class="page-title">Tìm kiếm</h1>
      {props.message ? (
        <p class="empty">{props.message}</p>
      ) : props.articles.length === 0 ? (
        <p class="empty">Không tìm thấy bài viết nào phù hợp với “{props.query}”.</p>
      ) : (
        <>
          <p class="meta search-count" role="status">
            Tìm thấy {(props.total ?? props.articles.length).toLocaleString('vi-VN')} bài viết phù
            hợp với “{props.query}”.
          </p>
          <ul class="article-list">
            {props.articles.map((a) => (
              <li class="article-item">
                <h2 class="article-item-title">
                  <a href={`/bai-viet/${a.slug}`}>
                    <Highlighted text={a.title} terms={props.terms} />
                  </a>
                </h2>
                {a.publishedAt ? (
                  <time class="meta" datetime={toVnIsoString(a.publishedAt)}>
                    {formatVnDateTime(a.publishedAt)}
                  </time>
                ) : null}
                <p class="article-item-lead">
                  <Highlighted text={excerptAround(a.lead, props.terms)} terms={props.terms} />
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
      {props.page > 1 || props.hasNext ? (
        <nav class="pagination" aria-label="Phân trang">
          {props.page > 1 ? (
            <a rel="prev" href={href(props.page - 1)}>
              « Trang trước
            </a>
          ) : null}
          <span aria-current="page">{props.page}</span>
          {props.hasNext ? (
            <a rel="next" href={href(props.page + 1)}>
              Trang sau »
            </a>
          ) : null}
        </nav>
      ) : null}
    </Layout>
  )
}
