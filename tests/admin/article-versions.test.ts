import { env } from 'cloudflare:workers'
import { count, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { updateArticle } from '../../src/admin/articles'
import { AdminError } from '../../src/admin/errors'
import { BOOTSTRAP_ADMIN } from '../../src/auth/session'
import { createDb } from '../../src/db/client'
import { articleRevisions, articles, auditLog } from '../../src/db/schema'
import { AdminClient } from '../admin-client'
import { gatedD1, get, insertArticle, seedSample, testDb } from '../helpers'

beforeAll(seedSample)

const ADMIN = { authorization: 'Bearer test-admin-token', 'content-type': 'application/json' }

const patch = (id: number, body: unknown, headers: Record<string, string> = {}) =>
  get(`/api/admin/articles/${id}`, {
    method: 'PATCH',
    headers: { ...ADMIN, ...headers },
    body: JSON.stringify(body),
  })

async function revisionsOf(id: number) {
  const [row] = await testDb()
    .select({ n: count() })
    .from(articleRevisions)
    .where(eq(articleRevisions.articleId, id))
  return row!.n
}

async function auditsOf(id: number) {
  const [row] = await testDb()
    .select({ n: count() })
    .from(auditLog)
    .where(eq(auditLog.targetId, String(id)))
  return row!.n
}

async function stored(id: number) {
  const [row] = await testDb().select().from(articles).where(eq(articles.id, id))
  return row!
}

describe('saves conditional on the version the editor saw (API)', () => {
  it('answers the version as an ETag and raises it with every save', async () => {
    const { id } = await insertArticle(testDb(), { categorySlug: 'kinh-te', status: 'draft' })
    const read = await get(`/api/admin/articles/${id}`, { headers: ADMIN })
    expect(read.headers.get('etag')).toBe('"1"')
    expect((await read.json<{ version: number }>()).version).toBe(1)
    const saved = await patch(id, { lead: 'Lần một.' }, { 'if-match': '"1"' })
    expect(saved.status).toBe(200)
    expect(saved.headers.get('etag')).toBe('"2"')
    expect((await saved.json<{ version: number }>()).version).toBe(2)
    // Without a version, a save is made on what the server reads, and raises it too.
    expect((await patch(id, { lead: 'Lần hai.' })).headers.get('etag')).toBe('"3"')
    expect((await patch(id, { lead: 'Lần ba.' }, { 'if-match': 'W/"3"' })).status).toBe(200)
  })

  it('refuses a save made on an older version: 412 for If-Match, 409 for a body version', async () => {
    const { id } = await insertArticle(testDb(), { categorySlug: 'kinh-te', status: 'draft' })
    expect((await patch(id, { body: 'Của biên tập viên.' }, { 'if-match': '"1"' })).status).toBe(
      200,
    )
    const revisions = await revisionsOf(id)
    const audits = await auditsOf(id)

    for (const [res, status, code] of [
      [await patch(id, { body: 'Của tab cũ.' }, { 'if-match': '"1"' }), 412, 'precondition_failed'],
      [await patch(id, { body: 'Của tab cũ.', version: 1 }), 409, 'conflict'],
    ] as const) {
      expect(res.status).toBe(status)
      const { error } = await res.json<{
        error: { code: string; message: string; version: number; current: { body: string } }
      }>()
      expect(error.code).toBe(code)
      expect(error.message).toContain('vừa được')
      expect(error.message).toContain('chưa được lưu')
      // The other person's change, for the caller to show.
      expect(error.version).toBe(2)
      expect(error.current.body).toBe('Của biên tập viên.')
    }
    // Nothing of the refused saves is kept: not the text, not a revision, not an audit entry.
    expect((await stored(id)).body).toBe('Của biên tập viên.')
    expect(await revisionsOf(id)).toBe(revisions)
    expect(await auditsOf(id)).toBe(audits)
  })

  it('refuses an If-Match or a version that names no version with 400', async () => {
    const { id } = await insertArticle(testDb(), { categorySlug: 'kinh-te', status: 'draft' })
    for (const [headers, body] of [
      [{ 'if-match': '1' }, {}],
      [{ 'if-match': '"abc"' }, {}],
      [{ 'if-match': '"0"' }, {}],
      [{}, { version: 'một' }],
      [{}, { version: 1.5 }],
      [{}, { version: -1 }],
    ] as const) {
      const res = await patch(id, { lead: 'x', ...body }, headers)
      expect(res.status, JSON.stringify([headers, body])).toBe(400)
      expect((await res.json<{ error: { code: string } }>()).error.code).toBe('bad_version')
    }
    expect((await stored(id)).version).toBe(1)
  })
})

describe('a save that loses the race between its read and its write', () => {
  it('is refused whole, and the change that won is kept', async () => {
    const { id } = await insertArticle(testDb(), {
      categorySlug: 'kinh-te',
      status: 'review',
      body: 'Bản của phóng viên.',
    })
    // The writer's save reads the article, then is held before its write, while an editor
    // publishes; then it is let go. The gate makes the order the same on any machine.
    // The save's batch is the one that writes; reads come in smaller batches.
    const held = gatedD1(env.DB, { when: 'before', holds: (stmts) => stmts.length >= 4 })
    const writer = updateArticle(createDb(held.db), BOOTSTRAP_ADMIN, id, {
      body: 'Bản phóng viên sửa tiếp.',
      status: 'review',
    })
    await held.reached
    const published = await updateArticle(testDb(), BOOTSTRAP_ADMIN, id, { status: 'published' })
    expect(published.article.status).toBe('published')
    const revisions = await revisionsOf(id)
    held.release()
    const lost = await writer.then(
      () => null,
      (err: unknown) => err,
    )
    expect(lost).toBeInstanceOf(AdminError)
    expect((lost as AdminError).status).toBe(409)
    expect((lost as AdminError).code).toBe('conflict')
    const now = await stored(id)
    expect([now.status, now.body, now.version]).toEqual(['published', 'Bản của phóng viên.', 2])
    expect(await revisionsOf(id)).toBe(revisions)
  })
})

describe('saves conditional on the version the editor saw (web admin)', () => {
  it('shows a stale form its text back, the reason, and where to see the other change', async () => {
    const { id } = await insertArticle(testDb(), { categorySlug: 'kinh-te', status: 'draft' })
    const admin = new AdminClient()
    await admin.login()
    const { html } = await admin.page(`/admin/articles/${id}`)
    expect(html).toContain('name="version" value="1"')
    // Another tab saves first.
    expect((await patch(id, { title: 'Tiêu đề của tab khác' })).status).toBe(200)
    const form = {
      title: 'Tiêu đề của tab cũ',
      lead: 'Tóm tắt gõ ở tab cũ.',
      body: 'Nội dung gõ ở tab cũ.',
      categoryId: String((await stored(id)).categoryId),
      status: 'draft',
      version: '1',
    }
    const res = await admin.post(`/admin/articles/${id}`, form)
    expect(res.status).toBe(409)
    const page = await res.text()
    expect(page).toContain('chưa được lưu')
    expect(page).toContain(`href="/admin/articles/${id}/revisions"`)
    // What was typed comes back; the form now carries the version stored, so a second save
    // (after looking) overwrites it.
    expect(page).toContain('value="Tiêu đề của tab cũ"')
    expect(page).toContain('Nội dung gõ ở tab cũ.')
    expect(page).toContain('name="version" value="2"')
    expect((await stored(id)).title).toBe('Tiêu đề của tab khác')
    const again = await admin.post(`/admin/articles/${id}`, { ...form, version: '2' })
    expect(again.status).toBe(303)
    expect((await stored(id)).title).toBe('Tiêu đề của tab cũ')
  })
})
