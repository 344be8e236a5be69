import { Hono, type Context } from 'hono'
import { tags } from '../cache/purge'
import { listCategoriesQuery } from '../db/categories'
import { feedItemsQuery, topicFeedItemsQuery } from '../db/feeds'
import { topicBySlugQuery } from '../db/topics'
import type { AppEnv } from '../env'
import { escapeHtml } from '../lib/html'
import { isSlug } from '../lib/slug'
import { escapeXml, rfc822 } from '../lib/xml'
import { renderNotFound, renderPathNotFound } from './errors'

/** RSS 2.0 feeds, the sitemap and robots.txt, with absolute URLs on this request's origin. */
export const feeds = new Hono<AppEnv>()

const origin = (c: Context<AppEnv>) => new URL(c.req.url).origin

type FeedItem = {
  slug: string
  title: string
  lead: string
  publishedAt: Date | null
  categoryName: string
}

/** An RSS 2.0 document for `items` (newest first) under a channel `title` and `link`. */
function rssResponse(
  c: Context<AppEnv>,
  feed: { title: string; link: string; items: FeedItem[]; cacheTags: string[] },
) {
  const base = origin(c)
  const self = `${base}${new URL(c.req.url).pathname}`
  const { title, items } = feed
  const newest = items[0]?.publishedAt
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `<title>${escapeXml(title)}</title>`,
    `<link>${escapeXml(`${base}${feed.link}`)}</link>`,
    `<description>${escapeXml(escapeHtml(`Tin mới nhất từ ${title}`))}</description>`,
    '<language>vi</language>',
    `<atom:link href="${escapeXml(self)}" rel="self" type="application/rss+xml"/>`,
    newest ? `<lastBuildDate>${rfc822(newest)}</lastBuildDate>` : '',
    ...items.map((item) => {
      const link = `${base}/bai-viet/${item.slug}`
      return [
        '<item>',
        `<title>${escapeXml(item.title)}</title>`,
        `<link>${escapeXml(link)}</link>`,
        `<guid isPermaLink="true">${escapeXml(link)}</guid>`,
        // Feed readers take a description as HTML: the lead is text, so it is escaped as HTML
        // first (a lead with "<b>" shows "<b>", as on the site), then as XML.
        `<description>${escapeXml(escapeHtml(item.lead))}</description>`,
        `<category>${escapeXml(item.categoryName)}</category>`,
        item.publishedAt ? `<pubDate>${rfc822(item.publishedAt)}</pubDate>` : '',
        '</item>',
      ].join('')
    }),
    '</channel>',
    '</rss>',
  ].join('\n')
  c.header('Cache-Tag', feed.cacheTags.join(','))
  return c.body(xml, 200, { 'Content-Type': 'application/rss+xml; charset=UTF-8' })
}

async function rss(c: Context<AppEnv>, categorySlug?: string) {
  const db = c.var.db
  const [categories, items] = await db.batch([
    listCategoriesQuery(db),
    feedItemsQuery(db, new Date(), categorySlug),
  ])
  const category = categorySlug ? categories.find((x) => x.slug === categorySlug) : undefined
  if (categorySlug && !category) return renderNotFound(c, categories)
  return rssResponse(c, {
    title: category ? `${category.name} - ${c.env.SITE_NAME}` : c.env.SITE_NAME,
    link: category ? `/chuyen-muc/${category.slug}` : '/',
    items,
    cacheTags: [tags.feeds, category ? tags.category(category.slug) : tags.home],
  })
}

feeds.get('/rss.xml', (c) => rss(c))

feeds.get('/chuyen-muc/:slug/rss.xml', (c) => {
  const slug = c.req.param('slug')
  return isSlug(slug) ? rss(c, slug) : renderPathNotFound(c)
})

// A topic's feed.
feeds.get('/chu-de/:slug/rss.xml', async (c) => {
  const slug = c.req.param('slug')
  if (!isSlug(slug)) return renderPathNotFound(c)
  const db = c.var.db
  const [categories, [topic], items] = await db.batch([
    listCategoriesQuery(db),
    topicBySlugQuery(db, slug),
    topicFeedItemsQuery(db, new Date(), slug),
  ])
  if (!topic) return renderNotFound(c, categories, [tags.topic(slug)])
  return rssResponse(c, {
    title: `${topic.name} - ${c.env.SITE_NAME}`,
    link: `/chu-de/${topic.slug}`,
    items,
    cacheTags: [tags.feeds, tags.topic(topic.slug)],
  })
})

feeds.get('/robots.txt', (c) =>
  c.text(
    [
      'User-agent: *',
      'Disallow: /admin',
      'Disallow: /api/',
      '',
      `Sitemap: ${origin(c)}/sitemap.xml`,
      `Sitemap: ${origin(c)}/sitemap-news.xml`,
      '',
    ].join('\n'),
  ),
)
