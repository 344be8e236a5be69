import { eq, inArray } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { articles, comments } from '../../src/db/schema'
import { AdminClient } from '../admin-client'
import { elementsOf, SEED_SLUG, seedSample, testDb, textsOf } from '../helpers'

let client: AdminClient
let seedId = 0
let ids: number[] = []

beforeAll(async () => {
  await seedSample()
  const db = testDb()
  const [seed] = await db.select().from(articles).where(eq(articles.slug, SEED_SLUG))
  const [other] = await db
    .select()
    .from(articles)
    .where(eq(articles.id, seed!.id === 1 ? 2 : 1))
  seedId = seed!.id
  const rows = await db
    .insert(comments)
    .values([
      { articleId: seed!.id, name: 'A', title: 'Hàng một', content: 'Một', status: 'pending' },
      { articleId: seed!.id, name: 'B', title: 'Hàng hai', content: 'Hai', status: 'pending' },
      { articleId: other!.id, name: 'C', title: 'Bài khác', content: 'Ba', status: 'pending' },
    ])
    .returning({ id: comments.id })
  ids = rows.map((r) => r.id)
  client = new AdminClient()
  await client.login()
})

const statusOf = async (id: number) =>
  (await testDb().select().from(comments).where(eq(comments.id, id)))[0]?.status

describe('moderation queue', () => {
  it('approves, rejects or deletes one comment from its own row', async () => {
    const queue = await client.page('/admin/comments')
    const buttons = await elementsOf(queue.html, `#binh-luan-${ids[0]} button[name="one"]`, [
      'value',
      'aria-label',
    ])
    expect(buttons.map((b) => b.value)).toEqual([
      `approve:${ids[0]}`,
      `reject:${ids[0]}`,
      `delete:${ids[0]}`,
    ])
    expect(buttons[0]!['aria-label']).toBe('Duyệt bình luận “Hàng một”')
    // A ticked box elsewhere does not ride along with a row's own button.
    const res = await client.post('/admin/comments', {
      one: `approve:${ids[0]}`,
      ids: [String(ids[1])],
      back: '/admin/comments',
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/admin/comments?ok=approve')
    expect(await statusOf(ids[0]!)).toBe('approved')
    expect(await statusOf(ids[1]!)).toBe('pending')
  })

  it('filters by article and comes back to the same filtered queue', async () => {
    const queue = await client.page(`/admin/comments?status=pending&article=${seedId}`)
    const titles = await textsOf(queue.html, 'tbody strong')
    expect(titles).toContain('Hàng hai')
    expect(titles).not.toContain('Bài khác')
    const [back] = await elementsOf(queue.html, 'input[name="back"]', ['value'])
    expect(back!.value).toBe(`/admin/comments?status=pending&article=${seedId}`)
    const res = await client.post('/admin/comments', {
      one: `reject:${ids[1]}`,
      back: back!.value!,
    })
    expect(res.headers.get('location')).toBe(
      `/admin/comments?status=pending&article=${seedId}&ok=reject`,
    )
    expect(await statusOf(ids[1]!)).toBe('rejected')
    // Somewhere else is not a place to come back to.
    const elsewhere = await client.post('/admin/comments', {
      one: `delete:${ids[2]}`,
      back: 'https://example.com/admin/comments',
    })
    expect(elsewhere.headers.get('location')).toBe('/admin/comments?ok=delete')
    expect(
      await testDb()
        .select()
        .from(comments)
        .where(inArray(comments.id, [ids[2]!])),
    ).toEqual([])
  })

  it('refuses a made-up row action with the queue and a message', async () => {
    const res = await client.post('/admin/comments', { one: 'explode:1' })
    expect(res.status).toBe(422)
    expect(await textsOf(await res.text(), '.form-error, .error')).toContain(
      'Chọn ít nhất một bình luận và một thao tác.',
    )
  })
})
