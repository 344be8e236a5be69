import { Hono, type Context } from 'hono'
import { tags } from '../cache/purge'
import { loadAuthorPage, loadTopicPage } from '../db/archive-pages'
import type { AppEnv } from '../env'
import { parsePage } from '../lib/pagination'
import { isSlug } from '../lib/slug'
import { ListPage } from '../views/list-page'
import { renderNotFound, renderPathNotFound } from './errors'

/** Topic pages (`/chu-de/:slug`) and author pages (`/tac-gia/:slug`), 20 stories a page. */
export const archives = new Hono<AppEnv>()

type Loaded = NonNullable<Awaited<ReturnType<typeof loadTopicPage>>>

function archivePage(
  c: Context<AppEnv>,
  data: Omit<Loaded, 'topic'>,
  page: number,
  listing: { heading: string; basePath: string; description: string; feed?: string },
  cacheTag: string,
) {
  // Past the last page there is nothing to list.
  if (page > 1 && data.articles.length === 0) return renderNotFound(c, data.categories, [cacheTag])
  c.header('Cache-Tag', `${cacheTag},${tags.nav}`)
  return c.html(
    <ListPage
      siteName={data.settings.name}
      site={data.settings}
      categories={data.categories}
      category={null}
      articles={data.articles}
      page={page}
      hasNext={data.hasNext}
      origin={new URL(c.req.url).origin}
      listing={listing}
    />,
  )
}

archives.get('/chu-de/:slug', async (c) => {
  const slug = c.req.param('slug')
  const page = parsePage(c.req.query('page'))
  if (!isSlug(slug) || page === null) return renderPathNotFound(c)
  const data = await loadTopicPage(c.var.db, {
    slug,
    page,
    now: new Date(),
    siteName: c.env.SITE_NAME,
  })
  if (!data) return renderNotFound(c, undefined, [tags.topic(slug)])
  return archivePage(
    c,
    data,
    page,
    {
      heading: `Chủ đề: ${data.topic.name}`,
      basePath: `/chu-de/${data.topic.slug}`,
      description: `Tin tức về ${data.topic.name} - ${data.settings.name}`,
      feed: `/chu-de/${data.topic.slug}/rss.xml`,
    },
    tags.topic(data.topic.slug),
  )
})

archives.get('/tac-gia/:slug', async (c) => {
  const slug = c.req.param('slug')
  const page = parsePage(c.req.query('page'))
  if (!isSlug(slug) || page === null) return renderPathNotFound(c)
  const data = await loadAuthorPage(c.var.db, {
    slug,
    page,
    now: new Date(),
    siteName: c.env.SITE_NAME,
  })
  if (!data) return renderNotFound(c, undefined, [tags.author(slug)])
  return archivePage(
    c,
    data,
    page,
    {
      heading: `Tác giả: ${data.author}`,
      basePath: `/tac-gia/${slug}`,
      description: `Các bài viết của ${data.author} - ${data.settings.name}`,
    },
    tags.author(slug),
  )
})
