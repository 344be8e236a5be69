import { topicsOfArticleQuery } from '../db/topics'
import { authorSlug } from '../lib/slug'
import { adjacentArticlesQuery, listPublishedQuery } from '../db/articles'
import { listCategories } from '../db/categories'
import type { Database } from '../db/client'
import { storedKey } from './key'
import { forgetInMemory } from './memory-tier'
import { log } from '../lib/log'

/**
 * The one purge service every write path goes through. A plan names the canonical URLs and the
 * Cache-Tags a change alters; carrying it out, before the editor's request answers:
 * 1. Workers Cache (production): `ctx.cache.purge({ tags })` drops every entry with those tags
 *    in every data centre (https://developers.cloudflare.com/workers/cache/purge/);
 * 2. the worker's own Cache API tier (locally, in tests, or where Workers Cache is off): every
 *    listed URL is deleted in this data centre (canonical URLs make each page one URL);
 * 3. optionally the zone purge API by tag (`CF_ZONE_ID`, `CF_API_TOKEN`), for the Cache API
 *    tier in other data centres.
 * Pages the plan cannot list (search results, list pages past LIST_PAGES_PURGED) carry the
 * tags too, so tier 1 clears them; in tier 2 they age out within TTL + the stale window.
 */

/** List pages purged by URL in this data centre; deeper pages refresh within the TTL. */
export const LIST_PAGES_PURGED = 20

export const tags = {
  article: (id: number) => `article:${id}`,
  /** Every answer for this article URL, including a 404 stored before it was published. */
  slug: (slug: string) => `slug:${slug}`,
  category: (slug: string) => `category:${slug}`,
  home: 'home',
  /** A topic's page and feed. */
  topic: (slug: string) => `topic:${slug}`,
  /** An author's page. */
  author: (slug: string) => `author:${slug}`,
  feeds: 'feeds',
  /** Every page: they all show the category navigation. */
  nav: 'nav',
  /** An uploaded file at `/media/<key>`, with its image copies: purged when it is deleted. */
  media: (key: string) => `media:${key}`,
}

export type PurgePlan = { paths: Set<string>; tags: Set<string> }

export function emptyPlan(): PurgePlan {
  return { paths: new Set(), tags: new Set() }
}

/** The article page, with the notice variants a reader lands on after commenting. */
export function addArticle(plan: PurgePlan, article: { id: number; slug: string }) {
  for (const suffix of ['', '?binh-luan=cho-duyet', '?binh-luan=da-dang']) {
    plan.paths.add(`/bai-viet/${article.slug}${suffix}`)
  }
  plan.tags.add(tags.article(article.id))
  plan.tags.add(tags.slug(article.slug))
}

function addListPages(plan: PurgePlan, base: string) {
  plan.paths.add(base)
  for (let page = 2; page <= LIST_PAGES_PURGED; page++) plan.paths.add(`${base}?page=${page}`)
}

export function addCategory(plan: PurgePlan, categorySlug: string) {
  addListPages(plan, `/chuyen-muc/${categorySlug}`)
  plan.paths.add(`/chuyen-muc/${categorySlug}/rss.xml`)
  plan.tags.add(tags.category(categorySlug))
}

export function addHome(plan: PurgePlan) {
  plan.paths.add('/')
  addListPages(plan, '/tin-moi')
  for (const path of ['/rss.xml', '/sitemap.xml', '/sitemap-news.xml', '/sitemap-1.xml']) {
    plan.paths.add(path)
  }
  plan.tags.add(tags.home)
  plan.tags.add(tags.feeds)
}

/**
 * Everything a change to one article alters: its page, its category's lists, the home lists,
 * the feeds, and the pages of the articles just before and after it, whose "newer"/"older"
 * lists show it.
 */
export async function addArticleWithNeighbours(
  plan: PurgePlan,
  db: Database,
  article: { id: number; slug: string; categorySlug: string; author?: string },
  now = new Date(),
) {
  addArticle(plan, article)
  addCategory(plan, article.categorySlug)
  addHome(plan)
  const [newer, older, topics] = await db.batch([
    adjacentArticlesQuery(db, article.slug, now, 'newer'),
    adjacentArticlesQuery(db, article.slug, now, 'older'),
    topicsOfArticleQuery(db, article.id),
  ])
  for (const n of [...newer, ...older]) addArticle(plan, n)
  // The topic pages and feeds and the author's page that list it.
  for (const t of topics) {
    addListPages(plan, `/chu-de/${t.slug}`)
    plan.paths.add(`/chu-de/${t.slug}/rss.xml`)
    plan.tags.add(tags.topic(t.slug))
  }
  const author = article.author ? authorSlug(article.author) : ''
  if (author) {
    addListPages(plan, `/tac-gia/${author}`)
    plan.tags.add(tags.author(author))
  }
}

/** Newest articles whose pages a purge of everything deletes by URL in the Cache API tier. */
export const EVERYTHING_ARTICLES = 200

/**
 * Every page (after a restore, say): by tag, `nav` and `feeds`, which every cached answer carries
 * (pages, 404s, search, sitemap, feeds), so Workers Cache and the zone drop them all; by URL for
 * the Cache API tier, the home and category lists and feeds and the EVERYTHING_ARTICLES newest
 * articles (older pages there age out within TTL + the stale window).
 */
export async function addEverything(plan: PurgePlan, db: Database, now = new Date()) {
  addHome(plan)
  plan.tags.add(tags.nav)
  for (const c of await listCategories(db)) addCategory(plan, c.slug)
  const newest = await listPublishedQuery(db, { now, page: 1, pageSize: EVERYTHING_ARTICLES })
  for (const a of newest) addArticle(plan, a)
}

type PurgeEnv = {
  CF_ZONE_ID?: string
  CF_API_TOKEN?: string
  PURGE_REPEAT_SECONDS?: string
  EDGE_CACHE?: string
}

/** Asks Cloudflare to drop every cached response with these tags, across the network. */
export async function purgeTagsGlobally(env: PurgeEnv, allTags: string[]): Promise<void> {
  if (!env.CF_ZONE_ID || !env.CF_API_TOKEN || allTags.length === 0) return
  const url = `https://api.cloudflare.com/client/v4/zones/${env.CF_ZONE_ID}/purge_cache`
  for (let i = 0; i < allTags.length; i += 30) {
    const chunk = allTags.slice(i, i + 30)
    for (let attempt = 1; attempt <= 2; attempt++) {
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${env.CF_API_TOKEN}`,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({ tags: chunk }),
        })
        if (res.ok) break
        throw new Error(`purge API answered ${res.status}`)
      } catch (err) {
        // A failed purge must not fail the editor's save: the TTL still bounds staleness.
        log.error('cache purge failed', { attempt, tags: chunk, error: err })
      }
    }
  }
}

/** Where and how a plan is carried out: the request's (or the cron's) context. */
export type PurgeTarget = {
  /**
   * Origins whose stored pages are deleted in the Cache API tier, e.g. the editor's request's
   * and `SITE_URL` (`https://tin.example.vn`): that tier keys pages by the origin they were
   * asked on. Empty or undefined entries are skipped.
   */
  origins: (string | undefined)[]
  env: PurgeEnv
  /** `ctx.cache` of the entrypoint that owns the cache; undefined where Workers Cache is off. */
  cache?: CacheContext
  waitUntil: (p: Promise<unknown>) => void
}

/** Seconds after a purge when it is carried out once more (see runPurge); `PURGE_REPEAT_SECONDS`. */
export const DEFAULT_PURGE_REPEAT_SECONDS = 10

/**
 * The delay of a purge's second pass in milliseconds, or null for none: `PURGE_REPEAT_SECONDS`
 * as whole seconds ≥ 0, `off` for none (the tests, which assert the first pass and test the
 * repeat on its own), DEFAULT_PURGE_REPEAT_SECONDS when unset or not a number.
 */
export function purgeRepeatMs(raw: string | undefined): number | null {
  if (raw === 'off') return null
  const n = Number(raw)
  return raw !== undefined && raw !== '' && Number.isInteger(n) && n >= 0
    ? n * 1000
    : DEFAULT_PURGE_REPEAT_SECONDS * 1000
}

/**
 * Carries out a plan (see the top of this file) on the tier this deployment runs
 * (`EDGE_CACHE`): Workers Cache by tag where it is `workers` (the Cache API holds nothing
 * there, so no URL is deleted from it; this isolate's memory tier is not used there either),
 * else the Cache API and this isolate's memory by URL (and Workers Cache too where `ctx.cache`
 * exists). Awaits that, then does it once more PURGE_REPEAT_SECONDS later (in the background):
 * a render that read D1 before the change (a stale refresh, a miss, a lagging read replica)
 * may store the old page just after the first purge, and the second one removes it; a D1 read
 * is bounded by D1_TIMEOUT_MS (5 s), well inside that delay. The zone purge runs in the
 * background. A failing purge is logged and never fails the editor's change: staleness is
 * still bounded by TTL + the stale window.
 */
export async function runPurge(plan: PurgePlan, target: PurgeTarget): Promise<void> {
  const allTags = [...plan.tags]
  const origins = target.env.EDGE_CACHE === 'workers' ? [] : [...new Set(target.origins)]
  const once = () =>
    Promise.all([
      purgeWorkersCache(target.cache, allTags),
      ...origins.flatMap((o) => (o ? deleteLocally(plan, o) : [])),
    ])
  await once()
  const repeat = purgeRepeatMs(target.env.PURGE_REPEAT_SECONDS)
  if (repeat !== null) target.waitUntil(new Promise((r) => setTimeout(r, repeat)).then(once))
  target.waitUntil(purgeTagsGlobally(target.env, allTags))
}

/** `ctx.cache.purge({ tags })`, where Workers Cache runs; failures are logged, not thrown. */
async function purgeWorkersCache(cache: CacheContext | undefined, allTags: string[]) {
  if (!cache || allTags.length === 0) return
  try {
    const result = await cache.purge({ tags: allTags })
    if (!result.success) throw new Error(JSON.stringify(result.errors))
  } catch (err) {
    log.error('workers cache purge failed', { tags: allTags, error: err })
  }
}

/**
 * Deletes the plan's URLs at `origin` from this data centre's Cache API and this isolate's
 * memory. A failing delete (locally: the cache's files removed under a running `npm start`) is
 * logged once per plan and never thrown: the change is stored, and its pages age out.
 */
function deleteLocally(plan: PurgePlan, origin: string): Promise<unknown>[] {
  let logged = false
  return [...plan.paths].map((path) => {
    const key = storedKey(new URL(path, origin))
    forgetInMemory(key)
    return caches.default.delete(key).catch((err: unknown) => {
      if (logged) return
      logged = true
      log.error('cache api purge failed', { origin, paths: plan.paths.size, error: err })
    })
  })
}
