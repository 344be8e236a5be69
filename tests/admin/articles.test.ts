import { beforeAll, describe, expect, it } from 'vitest'
import { uniqueSlug } from '../../src/admin/article-rules'
import { isSlug, SLUG_MAX_LENGTH } from '../../src/lib/slug'
import { get, insertArticle, seedSample, testDb } from '../helpers'

describe('uniqueSlug', () => {
  beforeAll(seedSample)

  it('numbers long slugs too (D1 refuses LIKE patterns over 50 bytes)', async () => {
    const base = 'thuong-tin-ra-quan-lam-sach-duong-lang-ngo-xom-va-cac-tuyen-duong-lien-xa'
    expect(base.length).toBeGreaterThan(50)
    const db = testDb()
    expect(await uniqueSlug(db, base)).toBe(base)
    await insertArticle(db, { categorySlug: 'kinh-te', slug: base })
    expect(await uniqueSlug(db, base)).toBe(`${base}-2`)
    await insertArticle(db, { categorySlug: 'kinh-te', slug: `${base}-2` })
    expect(await uniqueSlug(db, base)).toBe(`${base}-3`)
  })

  it('counts only the slug and its numbered forms, not longer slugs that start alike', async () => {
    const db = testDb()
    const { id } = await insertArticle(db, { categorySlug: 'kinh-te', slug: 'le-hoi' })
    await insertArticle(db, { categorySlug: 'kinh-te', slug: 'le-hoi-mua-xuan' })
    await insertArticle(db, { categorySlug: 'kinh-te', slug: 'le-hoia' })
    expect(await uniqueSlug(db, 'le-hoi')).toBe('le-hoi-2')
    // An article keeps its own slug when it is saved again.
    expect(await uniqueSlug(db, 'le-hoi', id)).toBe('le-hoi')
  })

  it('keeps numbered forms of a slug of the longest length within it, and readable', async () => {
    const db = testDb()
    // 100 characters ending in a number, so the cuts fall inside it.
    const base = `${'van-hoa-'.repeat(11)}le-hoi-20245`
    expect(base.length).toBe(SLUG_MAX_LENGTH)
    await insertArticle(db, { categorySlug: 'kinh-te', slug: base })
    const made: string[] = []
    for (let i = 0; i < 11; i++) {
      const slug = await uniqueSlug(db, base)
      expect(isSlug(slug)).toBe(true)
      expect(made).not.toContain(slug)
      made.push(slug)
      await insertArticle(db, { categorySlug: 'kinh-te', slug })
    }
    expect(made[0]).toBe(`${base.slice(0, 98)}-2`)
    expect(made[9]).toBe(`${base.slice(0, 97)}-11`)
    for (const slug of made) expect((await get(`/bai-viet/${slug}`)).status).toBe(200)
  })
})

describe('bodies crafted against the Markdown renderer', () => {
  beforeAll(seedSample)

  it('are saved with bounded work, never a 500', async () => {
    const headers = { authorization: 'Bearer test-admin-token', 'content-type': 'application/json' }
    const [category] = await (
      await get('/api/admin/categories', { headers })
    )
      .json<{ items: { id: number }[] }>()
      .then((r) => r.items)
    for (const body of ['>'.repeat(10_000), '*a'.repeat(49_000), '> - '.repeat(20_000)]) {
      const res = await get('/api/admin/articles', {
        method: 'POST',
        headers,
        body: JSON.stringify({
          title: `Thân bài dựng sẵn ${body.slice(0, 4)}`,
          body,
          categoryId: category!.id,
        }),
      })
      expect(res.status, body.slice(0, 8)).toBe(201)
    }
  })
})
