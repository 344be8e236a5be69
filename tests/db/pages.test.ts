import { env } from 'cloudflare:workers'
import { and, asc, desc, eq } from 'drizzle-orm'
import { visibleToReaders } from '../../src/db/articles'
import { beforeAll, describe, expect, it } from 'vitest'
import { createDb } from '../../src/db/client'
import { loadArticlePage, loadListPage } from '../../src/db/pages'
import { articles, categories } from '../../src/db/schema'
import { countingD1, insertArticle, SEED_SLUG, seedSample, testDb } from '../helpers'

const now = () => new Date()

/** Slugs of a category's visible articles, oldest first. */
async function categoryTimeline(categorySlug: string): Promise<string[]> {
  const db = testDb()
  const rows = await db
    .select({ slug: articles.slug })
    .from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .where(and(eq(categories.slug, categorySlug), visibleToReaders(now())))
    .orderBy(asc(articles.publishedAt), asc(articles.id))
  return rows.map((r) => r.slug)
}

beforeAll(seedSample)

describe('loadArticlePage', () => {
  it('loads the whole article page in one D1 round trip', async () => {
    const { db: d1, counts } = countingD1(env.DB)
    const data = await loadArticlePage(createDb(d1), SEED_SLUG, now())
    expect(data.article?.slug).toBe(SEED_SLUG)
    expect(counts.roundTrips).toBe(1)
    expect(counts.batches).toBe(1)
  })

  it('lists the five newer and five older articles of the same category around the seed', async () => {
    const timeline = await categoryTimeline('xay-dung-dang')
    const at = timeline.indexOf(SEED_SLUG)
    const data = await loadArticlePage(testDb(), SEED_SLUG, now())
    if (!data.article) throw new Error('seed article missing')
    // Newest first in both lists.
    expect(data.newer.map((a) => a.slug)).toEqual(timeline.slice(at + 1, at + 6).reverse())
    expect(data.older.map((a) => a.slug)).toEqual(timeline.slice(at - 5, at).reverse())
    expect(data.newer.every((a) => a.categoryId === data.article!.categoryId)).toBe(true)
  })

  it('has no older articles at the first of a category and no newer at the last', async () => {
    const timeline = await categoryTimeline('kinh-te')
    const first = await loadArticlePage(testDb(), timeline[0]!, now())
    const last = await loadArticlePage(testDb(), timeline[timeline.length - 1]!, now())
    if (!first.article || !last.article) throw new Error('articles missing')
    expect(first.older).toEqual([])
    expect(first.newer.map((a) => a.slug)).toEqual(timeline.slice(1, 6).reverse())
    expect(last.newer).toEqual([])
    expect(last.older.map((a) => a.slug)).toEqual(timeline.slice(-6, -1).reverse())
  })

  it('orders articles published at the same instant by id', async () => {
    const db = testDb()
    const instant = new Date('2018-01-01T00:00:00Z')
    const a = await insertArticle(db, { categorySlug: 'quoc-phong-an-ninh', publishedAt: instant })
    const b = await insertArticle(db, { categorySlug: 'quoc-phong-an-ninh', publishedAt: instant })
    const pageA = await loadArticlePage(db, a.slug, now())
    const pageB = await loadArticlePage(db, b.slug, now())
    if (!pageA.article || !pageB.article) throw new Error('articles missing')
    expect(pageA.newer.at(-1)?.slug).toBe(b.slug)
    expect(pageB.older[0]?.slug).toBe(a.slug)
  })

  it('never shows drafts, articles in review or scheduled articles, nor lists them', async () => {
    const db = testDb()
    const draft = await insertArticle(db, { categorySlug: 'kinh-te', status: 'draft' })
    const review = await insertArticle(db, { categorySlug: 'kinh-te', status: 'review' })
    const future = await insertArticle(db, {
      categorySlug: 'kinh-te',
      publishedAt: new Date(Date.now() + 3_600_000),
    })
    for (const { slug } of [draft, review, future]) {
      expect((await loadArticlePage(db, slug, now())).article).toBeNull()
    }
    const latest = await loadArticlePage(db, (await categoryTimeline('kinh-te')).at(-1)!, now())
    const hidden = new Set([draft.slug, review.slug, future.slug])
    expect(latest.article).not.toBeNull()
    if (latest.article) expect(latest.newer.some((a) => hidden.has(a.slug))).toBe(false)
    const home = await loadListPage(db, { now: now(), page: 1 })
    expect(home?.articles.some((a) => hidden.has(a.slug))).toBe(false)
    // Once its time has come, the scheduled article appears.
    const later = new Date(Date.now() + 2 * 3_600_000)
    expect((await loadArticlePage(db, future.slug, later)).article?.slug).toBe(future.slug)
  })

  it('returns the navigation but no article for an unknown slug', async () => {
    const data = await loadArticlePage(testDb(), 'khong-co-bai-nay', now())
    expect(data.article).toBeNull()
    expect(data.categories.length).toBeGreaterThanOrEqual(4)
  })
})

describe('loadListPage', () => {
  it('pages the newest articles 20 at a time without overlap', async () => {
    const db = testDb()
    const all = await db
      .select({ slug: articles.slug })
      .from(articles)
      .where(visibleToReaders(now()))
      .orderBy(desc(articles.publishedAt), desc(articles.id))
    const visible = all.map((a) => a.slug)
    const pages = Math.ceil(visible.length / 20)
    const seen: string[] = []
    for (let page = 1; page <= pages; page++) {
      const data = await loadListPage(db, { now: now(), page })
      expect(data?.hasNext).toBe(page < pages)
      seen.push(...data!.articles.map((a) => a.slug))
    }
    expect(seen).toEqual(visible)
    const beyond = await loadListPage(db, { now: now(), page: pages + 1 })
    expect(beyond?.articles).toEqual([])
  })

  it('lists one category and returns null for an unknown one', async () => {
    const data = await loadListPage(testDb(), {
      now: now(),
      page: 1,
      categorySlug: 'van-hoa-xa-hoi',
    })
    expect(data?.category?.name).toBe('Văn hóa - Xã hội')
    expect(data?.articles.length).toBeGreaterThan(0)
    expect(data?.articles.every((a) => a.categoryId === data.category!.id)).toBe(true)
    expect(
      await loadListPage(testDb(), { now: now(), page: 1, categorySlug: 'khong-co' }),
    ).toBeNull()
  })

  it('sends one batch per list page', async () => {
    const { db: d1, counts } = countingD1(env.DB)
    await loadListPage(createDb(d1), { now: now(), page: 2, categorySlug: 'kinh-te' })
    expect(counts.roundTrips).toBe(1)
  })
})
