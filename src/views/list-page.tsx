import type { ArticleSummary } from '../db/articles'
import type { CategorySummary } from '../db/categories'
import { ArticleList } from './components/article-list'
import { Pagination } from './components/pagination'
import { Layout } from './layout'

export type ListPageProps = {
  siteName: string
  categories: CategorySummary[]
  /** The category listed, or null for the home page. */
  category: CategorySummary | null
  articles: ArticleSummary[]
  page: number
  hasNext: boolean
}

/** The home page and the category pages: newest articles, 20 a page. */
export function ListPage(props: ListPageProps) {
  const heading = props.category ? props.category.name : 'Tin mới nhất'
  const basePath = props.category ? `/chuyen-muc/${props.category.slug}` : '/'
  const title =
    props.category || props.page > 1
      ? `${heading}${props.page > 1 ? ` - Trang ${props.page}` : ''}`
      : undefined
  return (
    <Layout
      siteName={props.siteName}
      categories={props.categories}
      title={title}
      activeCategory={props.category?.slug}
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
