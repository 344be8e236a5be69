import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { articles } from '../../src/db/schema'
import { renderMarkdown } from '../../src/lib/markdown'
import { get, insertArticle, seedSample, testDb } from '../helpers'

const ADMIN = { authorization: 'Bearer test-admin-token' }

beforeAll(seedSample)

describe('re-rendering stored bodies after a renderer fix', () => {
  it('renders every article again from its Markdown, stores what changed, and purges the page', async () => {
    const db = testDb()
    const body = 'x <kbd> <style/x>h1{color:red}</style/x> y'
    // As an article saved before the fix was stored: the text after <kbd> passed through.
    const stale = 'x &lt;kbd&gt; <style/x>h1{color:red}</style/x> y'
    const { id, slug } = await insertArticle(db, { categorySlug: 'kinh-te', body })
    await db
      .update(articles)
      .set({ bodyHtml: `<p>${stale}</p>\n` })
      .where(eq(articles.id, id))
    // The page is cached with the stale HTML.
    await get(`/bai-viet/${slug}`)
    const cached = await get(`/bai-viet/${slug}`)
    expect(cached.headers.get('x-cache')).toBe('HIT')
    expect(await cached.text()).toContain('<style/x>')

    const seen: number[] = []
    let after: number | null = 0
    let rounds = 0
    while (after !== null) {
      const res = await get(`/api/admin/articles/rerender?after=${after}`, {
        method: 'POST',
        headers: ADMIN,
      })
      expect(res.status).toBe(200)
      const page = (await res.json()) as {
        checked: number
        changed: number[]
        nextAfterId: number | null
      }
      seen.push(...page.changed)
      after = page.nextAfterId
      rounds += 1
    }
    expect(rounds).toBeGreaterThanOrEqual(1)
    // Only the stale article changed: the others were rendered by today's renderer already.
    expect(seen).toEqual([id])
    const [row] = await db.select().from(articles).where(eq(articles.id, id))
    expect(row!.bodyHtml).toBe(renderMarkdown(body))
    const page = await get(`/bai-viet/${slug}`)
    expect(page.headers.get('x-cache')).not.toBe('HIT')
    const html = await page.text()
    expect(html).not.toContain('<style/x>')
    expect(html).toContain('&lt;style/x&gt;')
  })

  it('is for administrators only', async () => {
    const created = await get('/api/admin/editors', {
      method: 'POST',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Biên tập', role: 'editor' }),
    })
    const { token } = (await created.json()) as { token: string }
    const res = await get('/api/admin/articles/rerender', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    })
    expect(res.status).toBe(403)
  })
})
