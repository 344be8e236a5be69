import { count, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { articleRevisions, articles } from '../../src/db/schema'
import { snapshotOf } from '../../src/db/revisions'
import { revisionDiff } from '../../src/admin/revision-diff'
import { AdminClient } from '../admin-client'
import { elementsOf, get, SEED_SLUG, seedSample, testDb, textsOf } from '../helpers'

const ADMIN = { authorization: 'Bearer test-admin-token', 'content-type': 'application/json' }

async function api<T>(method: string, path: string, body?: unknown, headers = ADMIN) {
  const res = await get(`/api/admin${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: res.status, json: (await res.json().catch(() => null)) as T }
}

type Rev = { id: number; action: string; changed: string[]; actorName: string }

beforeAll(seedSample)

describe('revisions', () => {
  it('keeps every save, with who, when and which fields changed; restores any, as a new one', async () => {
    const created = await api<{ id: number; slug: string }>('POST', '/articles', {
      title: 'Bản đầu tiên',
      lead: 'Tóm tắt đầu.',
      body: 'Dòng một.\nDòng hai.',
      categoryId: 1,
      status: 'published',
    })
    const id = created.json.id
    await api('PATCH', `/articles/${id}`, {
      title: 'Bản thứ hai',
      body: 'Dòng một.\nDòng hai đã sửa.',
    })
    // A save that changes nothing adds nothing.
    await api('PATCH', `/articles/${id}`, { title: 'Bản thứ hai' })
    const history = await api<{ items: Rev[] }>('GET', `/articles/${id}/revisions`)
    expect(history.json.items.map((r) => [r.action, r.changed])).toEqual([
      ['update', ['title', 'body']],
      ['create', expect.arrayContaining(['title', 'lead', 'body', 'slug', 'status'])],
    ])
    const [second, first] = history.json.items
    // What the second save changed, word by word and line by line.
    const diff = await api<{ diff: { field: string; parts: { text: string; kind: string }[] }[] }>(
      'GET',
      `/articles/${id}/revisions/${second!.id}`,
    )
    const title = diff.json.diff.find((d) => d.field === 'title')!
    expect(title.parts.filter((p) => p.kind === 'removed').map((p) => p.text)).toEqual([
      'đầu',
      'tiên',
    ])
    expect(title.parts.filter((p) => p.kind === 'added').map((p) => p.text)).toEqual(['thứ', 'hai'])
    const body = diff.json.diff.find((d) => d.field === 'body')!
    expect(body.parts).toEqual([
      { text: 'Dòng một.\n', kind: 'same' },
      { text: 'Dòng hai.', kind: 'removed' },
      { text: 'Dòng hai đã sửa.', kind: 'added' },
    ])

    // Restore the first: the content comes back, the page shows it, the history grows.
    const restored = await api<{ title: string; status: string }>(
      'POST',
      `/articles/${id}/revisions/${first!.id}/restore`,
    )
    expect(restored.status).toBe(200)
    expect(restored.json).toMatchObject({ title: 'Bản đầu tiên', status: 'published' })
    const page = await (await get(`/bai-viet/${created.json.slug}`)).text()
    expect(page).toContain('Dòng hai.')
    expect(page).not.toContain('đã sửa')
    const after = await api<{ items: Rev[] }>('GET', `/articles/${id}/revisions`)
    expect(after.json.items[0]).toMatchObject({ action: 'restore', changed: ['title', 'body'] })
    const audit = await api<{ items: { action: string; detail: unknown }[] }>('GET', '/audit')
    expect(audit.json.items[0]).toMatchObject({ action: 'article.restore' })
    expect(audit.json.items[0]!.detail).toMatchObject({ revision: first!.id })

    expect((await api('GET', `/articles/${id}/revisions/999999`)).status).toBe(404)
    expect((await api('POST', `/articles/${id}/revisions/999999/restore`)).status).toBe(404)
    expect((await api('GET', `/articles/999999/revisions`)).status).toBe(404)
    // Revisions belong to their article.
    expect((await api('GET', `/articles/1/revisions/${first!.id}`)).status).toBe(404)

    // Deleting the article deletes its history.
    await api('DELETE', `/articles/${id}`)
    const [left] = await testDb()
      .select({ n: count() })
      .from(articleRevisions)
      .where(eq(articleRevisions.articleId, id))
    expect(left?.n).toBe(0)
  })

  it('starts the history of the sample content, and follows the article permissions', async () => {
    const [seed] = await testDb().select().from(articles).where(eq(articles.slug, SEED_SLUG))
    const history = await api<{ items: Rev[] }>('GET', `/articles/${seed!.id}/revisions`)
    expect(history.json.items).toHaveLength(1)
    expect(history.json.items[0]).toMatchObject({ action: 'create' })
    const writer = await api<{ token: string }>('POST', '/editors', {
      name: 'Phóng viên',
      role: 'writer',
    })
    const asWriter = { ...ADMIN, authorization: `Bearer ${writer.json.token}` }
    // A writer may read the history of a published article but not change the article by a restore.
    expect((await api('GET', `/articles/${seed!.id}/revisions`, undefined, asWriter)).status).toBe(
      200,
    )
    const restore = await api(
      'POST',
      `/articles/${seed!.id}/revisions/${history.json.items[0]!.id}/restore`,
      undefined,
      asWriter,
    )
    expect(restore.status).toBe(403)
  })
})

describe('revisions in the web admin', () => {
  it('lists the history, shows what a save changed, and restores from a form', async () => {
    const created = await api<{ id: number }>('POST', '/articles', {
      title: 'Trước khi sửa',
      body: 'Câu cũ.',
      categoryId: 1,
    })
    const id = created.json.id
    await api('PATCH', `/articles/${id}`, { title: 'Sau khi sửa', body: 'Câu mới.' })
    const client = new AdminClient()
    await client.login()
    const edit = await client.page(`/admin/articles/${id}`)
    expect(
      await elementsOf(edit.html, `a[href="/admin/articles/${id}/revisions"]`, ['href']),
    ).toHaveLength(1)
    const list = await client.page(`/admin/articles/${id}/revisions`)
    const links = await elementsOf(list.html, 'tbody a', ['href'])
    expect(links).toHaveLength(2)
    expect(await textsOf(list.html, 'tbody td:nth-child(4)')).toEqual([
      'Tiêu đề, Nội dung',
      expect.stringContaining('Tiêu đề'),
    ])
    const newest = await client.page(links[0]!.href!)
    expect(await textsOf(newest.html, '.diff del')).toEqual(['Trước', 'Câu cũ.'])
    expect(await textsOf(newest.html, '.diff ins')).toEqual(['Sau', 'Câu mới.'])
    const oldest = links[1]!.href!
    const restored = await client.post(`${oldest}/restore`, {})
    expect(restored.status).toBe(303)
    expect(restored.headers.get('location')).toBe(`/admin/articles/${id}?ok=restored`)
    const after = await client.page(`/admin/articles/${id}?ok=restored`)
    expect(await textsOf(after.html, '.notice')).toEqual([
      'Đã khôi phục phiên bản đã chọn (thành một lần lưu mới).',
    ])
    expect(await elementsOf(after.html, '#f-title', ['value'])).toEqual([
      { value: 'Trước khi sửa' },
    ])
  })

  it('a form saved with only the body changed records only the body: the publish time, shown to the minute, keeps its seconds', async () => {
    const created = await api<{ id: number }>('POST', '/articles', {
      title: 'Giờ đăng có giây',
      body: 'Câu một.',
      source: 'HNP',
      categoryId: 1,
      status: 'published',
      publishedAt: '2026-11-02T08:15:42+07:00',
    })
    const id = created.json.id
    const client = new AdminClient()
    await client.login()
    const edit = await client.page(`/admin/articles/${id}`)
    const [shown] = await elementsOf(edit.html, '#f-publishedAt', ['value'])
    expect(shown!.value).toBe('2026-11-02T08:15')
    const saved = await client.post(`/admin/articles/${id}`, {
      title: 'Giờ đăng có giây',
      slug: '',
      lead: '',
      body: 'Câu một. Câu hai.',
      author: '',
      source: 'HNP',
      categoryId: '1',
      status: 'published',
      publishedAt: shown!.value!,
      commentsEnabled: 'true',
      coverImage: '',
      coverAlt: '',
    })
    expect(saved.status).toBe(303)
    const [row] = await testDb()
      .select({ publishedAt: articles.publishedAt })
      .from(articles)
      .where(eq(articles.id, id))
    expect(row!.publishedAt!.toISOString()).toBe('2026-11-02T01:15:42.000Z')
    const history = await api<{ items: Rev[] }>('GET', `/articles/${id}/revisions`)
    expect(history.json.items[0]!.changed).toEqual(['body'])
  })
})

describe('revision diff', () => {
  it('shows a changed publish time as Vietnamese time, not as a number', () => {
    const base = {
      title: 'T',
      slug: 't',
      lead: '',
      body: '',
      author: '',
      source: '',
      categoryId: 1,
      status: 'published' as const,
      coverImage: null,
      coverAlt: '',
      commentsEnabled: true,
    }
    const diff = revisionDiff(
      snapshotOf({ ...base, publishedAt: new Date('2026-11-02T01:15:00Z') }),
      snapshotOf({ ...base, publishedAt: new Date('2026-11-03T02:30:00Z') }),
    )
    expect(diff.map((d) => d.field)).toEqual(['publishedAt'])
    const text = (kind: string) =>
      diff[0]!.parts
        .filter((p) => p.kind !== kind)
        .map((p) => p.text)
        .join('')
    expect(text('added')).toBe('08:15 02/11/2026')
    expect(text('removed')).toBe('09:30 03/11/2026')
  })
})
