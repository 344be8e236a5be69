import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { CaptchaReplayError, createComment, findCommentTarget } from '../../src/db/comments'
import { loadArticlePage } from '../../src/db/pages'
import { captchaUses, comments } from '../../src/db/schema'
import { SEED_SLUG, seedSample, testDb } from '../helpers'

beforeAll(seedSample)

const base = { name: 'Bạn đọc', phone: null, title: 'Tiêu đề', content: 'Nội dung', ipHash: null }

describe('createComment', () => {
  it('stores an approved comment that then shows on the article page, oldest first', async () => {
    const db = testDb()
    const now = new Date()
    const target = await findCommentTarget(db, SEED_SLUG, now)
    if (!target) throw new Error('seed article missing')
    const { id } = await createComment(db, {
      ...base,
      articleId: target.id,
      title: 'Hiện ngay',
      status: 'approved',
      captchaUse: null,
      now,
    })
    const page = await loadArticlePage(db, SEED_SLUG, now)
    if (!page.article) throw new Error('seed article missing')
    expect(page.comments.at(-1)).toMatchObject({ id, title: 'Hiện ngay' })
    expect(page.commentCount).toBe(page.comments.length)
    // The public shape has no phone number or IP hash at all.
    expect(Object.keys(page.comments[0]!).sort()).toEqual([
      'content',
      'createdAt',
      'id',
      'name',
      'title',
    ])
  })

  it('refuses a second comment with the same security code and stores nothing for it', async () => {
    const db = testDb()
    const now = new Date()
    const target = (await findCommentTarget(db, SEED_SLUG, now))!
    const use = { id: 'nonce-replay-test', expiresAt: new Date(now.getTime() + 60_000) }
    await createComment(db, {
      ...base,
      articleId: target.id,
      title: 'Mã một lần',
      status: 'pending',
      captchaUse: use,
      now,
    })
    await expect(
      createComment(db, {
        ...base,
        articleId: target.id,
        title: 'Mã lần hai',
        status: 'pending',
        captchaUse: use,
        now,
      }),
    ).rejects.toBeInstanceOf(CaptchaReplayError)
    expect(await db.select().from(comments).where(eq(comments.title, 'Mã lần hai'))).toEqual([])
  })

  it('forgets expired security codes as new ones are used', async () => {
    const db = testDb()
    const now = new Date()
    const target = (await findCommentTarget(db, SEED_SLUG, now))!
    await db
      .insert(captchaUses)
      .values({ id: 'expired-nonce', expiresAt: new Date(now.getTime() - 1000) })
    await createComment(db, {
      ...base,
      articleId: target.id,
      status: 'pending',
      captchaUse: { id: 'fresh-nonce', expiresAt: new Date(now.getTime() + 60_000) },
      now,
    })
    const ids = (await db.select({ id: captchaUses.id }).from(captchaUses)).map((r) => r.id)
    expect(ids).toContain('fresh-nonce')
    expect(ids).not.toContain('expired-nonce')
  })
})
