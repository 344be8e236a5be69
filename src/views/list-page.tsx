import type { ArticleSummary } from '../db/articles'
import type { CategorySummary } from '../db/categories'
import { ArticleList } from './components/article-list'
import { Pagination } from './components/pagination'
import type { PortalSettings } from '../db/settings'
import { Layout } from './layout'

export type ListPageProps = {
  siteName: string
  site?: PortalSettings
  categories: CategorySummary[]
  /** The category listed, or null for every story (/tin-moi). */
  category: CategorySummary | null
  articles: ArticleSummary[]
  page: number
  hasNext: boolean
  /** The site's origin, for the canonical URL. */
  origin: string
  /** Another list than a category's: a topic's or an author's stories (heading, address, feed). */
  listing?: { heading: string; basePath: string; description: string; feed?: string }
}

/** The newest stories (`/tin-moi`) and the category pages, 20 a page. */
export function ListPage(props: ListPageProps) {
  const heading = props.listing?.heading ?? (props.category ? props.category.name : 'Tin mới nhất')
  const basePath =
    props.listing?.basePath ?? (props.category ? `/chuyen-muc/${props.category.slug}` : '/tin-moi')
  const title = `${heading}${props.page > 1 ? ` - Trang ${props.page}` : ''}`
  return (
    <Layout
      siteName={props.siteName}
      site={props.site}
      categories={props.categories}
      title={title}
      activeCategory={props.category?.slug}
      canonical={`${props.origin}${props.page > 1 ? `${basePath}?page=${props.page}` : basePath}`}
      description={
        props.listing?.description ??
        (props.category
          ? `Tin tức chuyên mục ${props.category.name} - ${props.siteName}`
          : `Tin tức, sự kiện mới nhất - ${props.siteName}`)
      }
      feed={
        props.listing?.feed
          ? { title: `${heading} - ${props.siteName}`, href: props.listing.feed }
          : props.category
            ? { title: `${props.category.name} - ${props.siteName}`, href: `${basePath}/rss.xml` }
            : undefined
      }
    >
      <h1 class="page-title">{heading}</h1>
      {props.articles.length > 0 ? (
        <ArticleList articles={props.articles} />
      ) : (
        <p class="empty">Chưa có bài viết nào.</p>
      )}
      <Pagination basePath={basePath} page={props.page} hasNext={props.hasNext} />
    </Layout>
  )
}
