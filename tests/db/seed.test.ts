import { count, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { sampleContent, seedArticle } from '../../src/content/sample'
import { seedIfEmpty } from '../../src/db/seed'
import { articles, categories, comments } from '../../src/db/schema'
import { SEED_SLUG, testDb } from '../helpers'

describe('seedIfEmpty', () => {
  it('fills an empty database once and leaves a non-empty one alone', async () => {
    const db = testDb()
    expect(await seedIfEmpty(db, sampleContent)).toBe(true)
    expect(await seedIfEmpty(db, sampleContent)).toBe(false)

    const [[cats], [arts], [coms]] = await db.batch([
      db.select({ n: count() }).from(categories),
      db.select({ n: count() }).from(articles),
      db.select({ n: count() }).from(comments),
    ])
    expect(cats?.n).toBe(sampleContent.categories.length)
    expect(arts?.n).toBe(sampleContent.articles.length)
    expect(coms?.n).toBe(sampleContent.comments.length)
  })

  it('has enough sample content for lists, pagination and newer/older links', () => {
    const published = sampleContent.articles.filter(
      (a) => (a.status ?? 'published') === 'published',
    )
    expect(published.length).toBeGreaterThanOrEqual(41)
    const perCategory = new Map<string, number>()
    for (const a of published) perCategory.set(a.category, (perCategory.get(a.category) ?? 0) + 1)
    expect(perCategory.size).toBeGreaterThanOrEqual(4)
    const seedTime = Date.parse(seedArticle.publishedAt)
    const sameCategory = published.filter((a) => a.category === seedArticle.category)
    expect(
      sameCategory.filter((a) => Date.parse(a.publishedAt) > seedTime).length,
    ).toBeGreaterThanOrEqual(5)
    expect(
      sameCategory.filter((a) => Date.parse(a.publishedAt) < seedTime).length,
    ).toBeGreaterThanOrEqual(5)
  })

  it('stores the seed article at its folded slug, in UTC, as NFC', async () => {
    const db = testDb()
    await seedIfEmpty(db, sampleContent)
    const [row] = await db.select().from(articles).where(eq(articles.slug, SEED_SLUG))
    expect(row).toBeDefined()
    expect(row!.title).toBe(seedArticle.title)
    expect(row!.title.normalize('NFC')).toBe(row!.title)
    expect(row!.publishedAt?.toISOString()).toBe('2019-11-30T08:19:00.000Z')
    expect(row!.source).toBe('HNP')
    expect(row!.author).toBe('Thanh Tình')
    expect(row!.bodyHtml.match(/<p>/g)).toHaveLength(3)
  })
})
