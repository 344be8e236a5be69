import { beforeAll, describe, expect, it } from 'vitest'
import { uniqueSlug } from '../../src/admin/articles'
import { insertArticle, seedSample, testDb } from '../helpers'

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
})
