import { Hono, type Context } from 'hono'
import { tags } from '../cache/purge'
import { listCategoriesQuery } from '../db/categories'
import {
  newsSitemapQuery,
  SITEMAP_LIMIT,
  sitemapArticlesQuery,
  sitemapTopicsQuery,
  visibleCountQuery,
} from '../db/feeds'
import { readSettings, settingsQuery } from '../db/settings'
import type { AppEnv } from '../env'
import { escapeXml } from '../lib/xml'
import { renderPathNotFound } from './errors'

/**
 * Sitemaps (sitemaps.org protocol 0.9): `/sitemap.xml` lists every page while they fit in one
 * file (50,000 URLs, the protocol's limit); past that it becomes a sitemap index of
 * `/sitemap-N.xml` files (home, categories, topics, then articles newest first). `/sitemap-news.xml` is the Google News sitemap: articles of the last two days.
 */
export const sitemaps = new Hono<AppEnv>()

const origin = (c: Context<AppEnv>) => new URL(c.req.url).origin

/** URLs per sitemap file: SITEMAP_URLS_PER_FILE when set (tests lower it), else 50,000. */
function perFile(c: Context<AppEnv>): number {
  const n = Number(c.env.SITEMAP_URLS_PER_FILE)
  return Number.isInteger(n) && n > 0 ? Math.min(n, SITEMAP_LIMIT) : SITEMAP_LIMIT
}

function xml(c: Context<AppEnv>, lines: string[]) {
  c.header('Cache-Tag', [tags.feeds, tags.nav].join(','))
  return c.body(['<?xml version="1.0" encoding="UTF-8"?>', ...lines].join('\n'), 200, {
    'Content-Type': 'application/xml; charset=UTF-8',
  })
}

const url = (loc: string, lastmod?: Date | null) =>
  `<url><loc>${escapeXml(loc)}</loc>${lastmod ? `<lastmod>${lastmod.toISOString()}</lastmod>` : ''}</url>`

const URLSET = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'

/** The home page, the categories and the topics: the URLs before the articles. */
async function pageUrls(c: Context<AppEnv>): Promise<string[]> {
  const db = c.var.db
  const [categories, topics] = await db.batch([listCategoriesQuery(db), sitemapTopicsQuery(db)])
  const base = origin(c)
  return [
    `${base}/`,
    ...categories.map((cat) => `${base}/chuyen-muc/${cat.slug}`),
    ...topics.map((t) => `${base}/chu-de/${t.slug}`),
  ]
}

sitemaps.get('/sitemap.xml', async (c) => {
  const db = c.var.db
  const now = new Date()
  const limit = perFile(c)
  const [categories, topics, [visible], articles] = await db.batch([
    listCategoriesQuery(db),
    sitemapTopicsQuery(db),
    visibleCountQuery(db, now),
    sitemapArticlesQuery(db, now, { limit }),
  ])
  const base = origin(c)
  const pages = [
    `${base}/`,
    ...categories.map((cat) => `${base}/chuyen-muc/${cat.slug}`),
    ...topics.map((t) => `${base}/chu-de/${t.slug}`),
  ]
  const total = pages.length + (visible?.n ?? 0)
  if (total <= limit) {
    return xml(c, [
      URLSET,
      url(pages[0]!, articles[0]?.updatedAt),
      ...pages.slice(1).map((p) => url(p)),
      ...articles.map((a) => url(`${base}/bai-viet/${a.slug}`, a.updatedAt)),
      '</urlset>',
    ])
  }
  const files = Math.ceil(total / limit)
  const sitemap = (loc: string) => `<sitemap><loc>${escapeXml(loc)}</loc></sitemap>`
  return xml(c, [
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...Array.from({ length: files }, (_, i) => sitemap(`${base}/sitemap-${i + 1}.xml`)),
    sitemap(`${base}/sitemap-news.xml`),
    '</sitemapindex>',
  ])
})

// File N of a split sitemap: URLs (N-1)·limit to N·limit of the home page, categories,
// topics, then the articles newest first.
sitemaps.get('/:file{sitemap-[1-9][0-9]{0,5}\\.xml}', async (c) => {
  const n = Number(/\d+/.exec(c.req.param('file'))![0])
  const limit = perFile(c)
  const start = (n - 1) * limit
  const pages = await pageUrls(c)
  const fromPages = pages.slice(start, start + limit)
  const articles =
    fromPages.length < limit
      ? await sitemapArticlesQuery(c.var.db, new Date(), {
          limit: limit - fromPages.length,
          offset: Math.max(0, start - pages.length),
        })
      : []
  if (fromPages.length === 0 && articles.length === 0) return renderPathNotFound(c)
  const base = origin(c)
  return xml(c, [
    URLSET,
    ...fromPages.map((p) => url(p)),
    ...articles.map((a) => url(`${base}/bai-viet/${a.slug}`, a.updatedAt)),
    '</urlset>',
  ])
})

/**
 * The Google News sitemap: articles published in the last two days, each with its
 * publication (the portal's name, language `vi`), publication time and title
 * (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap).
 */
sitemaps.get('/sitemap-news.xml', async (c) => {
  const db = c.var.db
  const [settingsRows, articles] = await db.batch([
    settingsQuery(db),
    newsSitemapQuery(db, new Date()),
  ])
  const name = readSettings(settingsRows, c.env.SITE_NAME).name
  const base = origin(c)
  return xml(c, [
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
    ...articles.map((a) =>
      [
        '<url>',
        `<loc>${escapeXml(`${base}/bai-viet/${a.slug}`)}</loc>`,
        '<news:news>',
        '<news:publication>',
        `<news:name>${escapeXml(name)}</news:name>`,
        '<news:language>vi</news:language>',
        '</news:publication>',
        `<news:publication_date>${a.publishedAt!.toISOString()}</news:publication_date>`,
        `<news:title>${escapeXml(a.title)}</news:title>`,
        '</news:news>',
        '</url>',
      ].join(''),
    ),
    '</urlset>',
  ])
})
