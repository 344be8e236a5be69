import { Hono } from 'hono'
import { tags } from '../cache/purge'
import { listCategoriesQuery } from '../db/categories'
import { readSettings, settingsQuery } from '../db/settings'
import { MAX_QUERY_LENGTH, queryTerms, searchArticles } from '../db/search'
import type { AppEnv } from '../env'
import { parsePage } from '../lib/pagination'
import { cleanText } from '../lib/text'
import { SearchPage } from '../views/search-page'
import { renderPathNotFound } from './errors'

/** `GET /tim-kiem?q=`: full-text search, insensitive to case and Vietnamese marks. */
export const search = new Hono<AppEnv>()

search.get('/tim-kiem', async (c) => {
  const page = parsePage(c.req.query('page'))
  if (page === null) return renderPathNotFound(c)
  const query = cleanText(c.req.query('q') ?? '')
  const [categories, settingsRows] = await c.var.db.batch([
    listCategoriesQuery(c.var.db),
    settingsQuery(c.var.db),
  ])
  const site = readSettings(settingsRows, c.env.SITE_NAME)
  const common = { siteName: site.name, site, categories, query, page }
  c.header('Cache-Tag', [tags.home, tags.nav].join(','))
  if (query.length > MAX_QUERY_LENGTH) {
    return c.html(
      <SearchPage
        {...common}
        query={query.slice(0, MAX_QUERY_LENGTH)}
        terms={[]}
        articles={[]}
        hasNext={false}
        message={`Từ khóa quá dài: tối đa ${MAX_QUERY_LENGTH} ký tự. Vui lòng rút gọn.`}
      />,
    )
  }
  const terms = queryTerms(query)
  if (terms.length === 0) {
    return c.html(
      <SearchPage
        {...common}
        terms={[]}
        articles={[]}
        hasNext={false}
        message="Nhập từ khóa để tìm bài viết, ví dụ: thông tin đối ngoại."
      />,
    )
  }
  const results = await searchArticles(c.var.db, terms, { now: new Date(), page })
  return c.html(
    <SearchPage
      {...common}
      terms={terms}
      articles={results.articles}
      hasNext={results.hasNext}
      total={results.total}
    />,
  )
})
