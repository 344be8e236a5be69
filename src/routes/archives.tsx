import { Hono, type Context } from 'hono'
import { tags } from '../cache/purge'
import type { Database } from '../db/client'
import { loadAuthorPage, loadTopicPage, type ArchivePageData } from '../db/archive-pages'
import type { AppEnv } from '../env'
import { parsePage } from '../lib/pagination'
import { isSlug } from '../lib/slug'
import { ListPage } from '../views/list-page'
import { renderNotFound, renderPathNotFound } from './errors'

/** Topic pages (`/chu-de/:slug`) and author pages (`/tac-gia/:slug`), 20 stories a page. */
export const archives = new Hono<AppEnv>()

type Listing = { heading: string; basePath: string; description: string; feed?: string }
type LoadArchive<D> = (
  db: Database,
  opts: { slug: string; page: number; now: Date; siteName: string },
) => Promise<D | null>

/**
 * The handler of a paged archive at `/<prefix>/:slug`: a slug and page number that cannot name
 * anything get the 404 without reading D1; `load` gives the page's data or null (404, stored
 * with the archive's Cache-Tag so creating it clears it); past the last page is 404 too.
 */
function archiveRoute<D extends ArchivePageData>(
  load: LoadArchive<D>,
  cacheTagOf: (slug: string) => string,
  listingOf: (data: D, slug: string) => Listing,
) {
  return async function archive(c: Context<AppEnv>) {
    const slug = c.req.param('slug') ?? ''
    const page = parsePage(c.req.query('page'))
    if (!isSlug(slug) || page === null) return renderPathNotFound(c)
    const cacheTag = cacheTagOf(slug)
    const data = await load(c.var.db, { slug, page, now: new Date(), siteName: c.env.SITE_NAME })
    if (!data) return renderNotFound(c, undefined, [cacheTag])
    // Past the last page there is nothing to list.
    if (page > 1 && data.articles.length === 0) {
      return renderNotFound(c, data.categories, [cacheTag])
    }
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
        listing={listingOf(data, slug)}
      />,
    )
  }
}

archives.get(
  '/chu-de/:slug',
  archiveRoute(loadTopicPage, tags.topic, ({ topic, settings }) => ({
    heading: `Chủ đề: ${topic.name}`,
    basePath: `/chu-de/${topic.slug}`,
    description: `Tin tức về ${topic.name} - ${settings.name}`,
    feed: `/chu-de/${topic.slug}/rss.xml`,
  })),
)

archives.get(
  '/tac-gia/:slug',
  archiveRoute(loadAuthorPage, tags.author, ({ author, settings }, slug) => ({
    heading: `Tác giả: ${author}`,
    basePath: `/tac-gia/${slug}`,
    description: `Các bài viết của ${author} - ${settings.name}`,
  })),
)
