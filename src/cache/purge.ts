import { adjacentArticlesQuery } from '../db/articles'
import type { Database } from '../db/client'
import { storedKey } from './key'
import { forgetInMemory } from './page-cache'

/**
 * Purging what an editor's change alters. In this data centre every affected URL is deleted
 * from the Cache API before the editor's request answers, so the next read here shows the
 * change. Elsewhere, when `CF_ZONE_ID` and `CF_API_TOKEN` are set, the zone purge API drops
 * every entry carrying the affected Cache-Tags; without them other data centres catch up
 * within CACHE_TTL_SECONDS.
 */

/** List pages purged by URL in this data centre; deeper pages refresh within the TTL. */
export const LIST_PAGES_PURGED = 20

export const tags = {
  article: (id: number) => `article:${id}`,
  category: (slug: string) => `category:${slug}`,
  home: 'home',
  feeds: 'feeds',
  /** Every page: they all show the category navigation. */
  nav: 'nav',
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
  addListPages(plan, '/')
  for (const path of ['/rss.xml', '/sitemap.xml']) plan.paths.add(path)
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
  article: { id: number; slug: string; categorySlug: string },
  now = new Date(),
) {
  addArticle(plan, article)
  addCategory(plan, article.categorySlug)
  addHome(plan)
  const [newer, older] = await db.batch([
    adjacentArticlesQuery(db, article.slug, now, 'newer'),
    adjacentArticlesQuery(db, article.slug, now, 'older'),
  ])
  for (const n of [...newer, ...older]) addArticle(plan, n)
}

type PurgeEnv = { CF_ZONE_ID?: string; CF_API_TOKEN?: string }

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
        console.error(
          JSON.stringify({
            level: 'error',
            message: 'cache purge failed',
            attempt,
            tags: chunk,
            error: String(err),
          }),
        )
      }
    }
  }
}

/**
 * Carries out a plan: local deletes now (awaited), the global purge in the background.
 * `origin` is the site's origin, e.g. `https://tin.example.vn`.
 */
export async function runPurge(
  plan: PurgePlan,
  origin: string,
  env: PurgeEnv,
  waitUntil: (p: Promise<unknown>) => void,
): Promise<void> {
  const cache = caches.default
  await Promise.all(
    [...plan.paths].map((path) => {
      const key = storedKey(new URL(path, origin))
      forgetInMemory(key)
      return cache.delete(key)
    }),
  )
  waitUntil(purgeTagsGlobally(env, [...plan.tags]))
}
