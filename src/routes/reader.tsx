import { Hono, type Context } from 'hono'
import { endTime, startTime } from 'hono/timing'
import { tags } from '../cache/purge'
import { loadHomePage } from '../db/home'
import { loadListPage } from '../db/pages'
import type { AppEnv } from '../env'
import { parsePage } from '../lib/pagination'
import { isSlug } from '../lib/slug'
import { HomePage } from '../views/home-page'
import { ListPage } from '../views/list-page'
import { renderArticle } from './article-response'
import { COMMENT_NOTICES, type CommentNotice } from './comments'
import { renderNotFound, renderPathNotFound } from './errors'
import { hasLegacyQuery } from '../lib/legacy-path'
import { legacyRedirect } from './legacy'

/** The reader's pages: home, categories and articles. */
export const reader = new Hono<AppEnv>()

async function listPage(c: Context<AppEnv>, categorySlug?: string) {
  const page = parsePage(c.req.query('page'))
  if (page === null || (categorySlug !== undefined && !isSlug(categorySlug))) {
    return renderPathNotFound(c)
  }
  startTime(c, 'd1')
  const data = await loadListPage(c.var.db, {
    now: new Date(),
    page,
    categorySlug,
    siteName: c.env.SITE_NAME,
  })
  endTime(c, 'd1')
  if (!data) return renderNotFound(c, undefined, categorySlug ? [tags.category(categorySlug)] : [])
  // Past the last page there is nothing to list (page 1 of an empty list still shows).
  if (page > 1 && data.articles.length === 0) return renderNotFound(c, data.categories)
  c.header(
    'Cache-Tag',
    data.category ? `${tags.category(data.category.slug)},${tags.nav}` : `${tags.home},${tags.nav}`,
  )
  return c.html(
    <ListPage
      siteName={data.settings.name}
      site={data.settings}
      categories={data.categories}
      category={data.category}
      articles={data.articles}
      page={page}
      hasNext={data.hasNext}
      origin={new URL(c.req.url).origin}
    />,
  )
}

// The front page. Its old paged addresses (`/?page=2`, before it had blocks) are the list of
// newest stories now, at /tin-moi.
reader.get('/', async (c) => {
  // `/?p=12`, `/?cat=3`, `/index.php?nv=news&op=…`: an imported site's old addresses.
  if (hasLegacyQuery(new URL(c.req.url))) return (await legacyRedirect(c)) ?? renderPathNotFound(c)
  const page = c.req.query('page')
  if (page !== undefined && page !== '1') {
    return c.redirect(`/tin-moi?page=${encodeURIComponent(page)}`, 301)
  }
  startTime(c, 'd1')
  const data = await loadHomePage(c.var.db, new Date(), c.env.SITE_NAME)
  endTime(c, 'd1')
  c.header('Cache-Tag', `${tags.home},${tags.nav}`)
  return c.html(<HomePage {...data} origin={new URL(c.req.url).origin} />)
})

// Every story, newest first, 20 a page ("Xem thêm tin mới" on the home page).
reader.get('/tin-moi', (c) => listPage(c))

reader.get('/chuyen-muc/:slug', (c) => listPage(c, c.req.param('slug')))

reader.get('/bai-viet/:slug', async (c) => {
  const slug = c.req.param('slug')
  if (!isSlug(slug)) return renderPathNotFound(c)
  // After a comment is posted the reader is sent back here with what happened to it.
  const notice = COMMENT_NOTICES[c.req.query('binh-luan') as CommentNotice] as string | undefined
  return renderArticle(c, slug, { notice, followRedirects: true })
})
