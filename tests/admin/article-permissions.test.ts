import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { articles, categories } from '../../src/db/schema'
import { AdminClient } from '../admin-client'
import { get, seedSample, testDb } from '../helpers'

/**
 * Every article route × role × state × ownership, in the JSON API and in the HTML admin, against
 * the one table in src/admin/permissions.ts: writers edit, attach to and detach from their own
 * drafts and articles in review, and never publish or delete; editors and administrators do
 * everything. A refusal is 403 and changes nothing.
 */
const ADMIN = 'test-admin-token'
const STATES = ['draft', 'review', 'scheduled', 'published'] as const
type State = (typeof STATES)[number]
const ACTIONS = ['edit', 'publish', 'attach', 'detach', 'delete'] as const
type Action = (typeof ACTIONS)[number]
type Role = 'writer' | 'editor' | 'admin'

let ip = 0
async function api(token: string, method: string, path: string, body?: unknown | FormData) {
  const headers: Record<string, string> = {
    authorization: `Bearer ${token}`,
    'cf-connecting-ip': `192.0.2.${(++ip % 250) + 1}`,
  }
  let payload: BodyInit | undefined
  if (body instanceof FormData) payload = body
  else if (body !== undefined) {
    headers['content-type'] = 'application/json'
    payload = JSON.stringify(body)
  }
  return get(`/api/admin${path}`, { method, headers, body: payload })
}

const pdf = () => {
  const form = new FormData()
  const bytes = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
  form.append('file', new File([bytes], 'ke-hoach.pdf', { type: 'application/pdf' }))
  return form
}

let categoryId = 0
const tokens: Record<'writer' | 'otherWriter' | 'editor', string> = {
  writer: '',
  otherWriter: '',
  editor: '',
}

beforeAll(async () => {
  await seedSample()
  const [category] = await testDb()
    .select({ id: categories.id })
    .from(categories)
    .where(eq(categories.slug, 'kinh-te'))
  categoryId = category!.id
  for (const [key, role] of [
    ['writer', 'writer'],
    ['otherWriter', 'writer'],
    ['editor', 'editor'],
  ] as const) {
    const res = await api(ADMIN, 'POST', '/editors', { name: `Quyền ${key}`, role })
    tokens[key] = ((await res.json()) as { token: string }).token
  }
})

let n = 0
/**
 * An article in `state`, created by `owner` (a writer creates drafts; an editor moves it on),
 * with one attachment an editor added.
 */
async function article(state: State, owner: 'writer' | 'otherWriter') {
  const created = await api(tokens[owner], 'POST', '/articles', {
    title: `Bài quyền ${state} ${++n}`,
    categoryId,
    status: 'draft',
  })
  expect(created.status).toBe(201)
  const { id } = (await created.json()) as { id: number }
  if (state !== 'draft') {
    const publishedAt =
      state === 'scheduled' ? new Date(Date.now() + 86_400_000).toISOString() : undefined
    const moved = await api(tokens.editor, 'PATCH', `/articles/${id}`, {
      status: state === 'review' ? 'review' : 'published',
      ...(publishedAt ? { publishedAt } : {}),
    })
    expect(moved.status).toBe(200)
  }
  const attached = await api(tokens.editor, 'POST', `/articles/${id}/attachments`, pdf())
  expect(attached.status).toBe(201)
  const { id: fileId } = (await attached.json()) as { id: number }
  return { id, fileId }
}

/** What the table says. */
function allowed(role: Role, action: Action, state: State, own: boolean): boolean {
  if (role !== 'writer') return true
  if (action === 'publish' || action === 'delete') return false
  return own && (state === 'draft' || state === 'review')
}

const cases = (['writer', 'editor', 'admin'] as const).flatMap((role) =>
  STATES.flatMap((state) =>
    [true, false].flatMap((own) =>
      ACTIONS.map((action) => ({
        role,
        state,
        own,
        action,
        ok: allowed(role, action, state, own),
      })),
    ),
  ),
)
const label = '$role $action on a $state article (own: $own) → allowed: $ok'

async function snapshot(id: number) {
  const [row] = await testDb().select().from(articles).where(eq(articles.id, id))
  return row
}

describe('article permissions in the JSON API', () => {
  it.each(cases)(label, async ({ role, state, own, action, ok }) => {
    const a = await article(state, own ? 'writer' : 'otherWriter')
    const token = role === 'admin' ? ADMIN : role === 'editor' ? tokens.editor : tokens.writer
    const before = await snapshot(a.id)
    const res = await {
      edit: () => api(token, 'PATCH', `/articles/${a.id}`, { lead: 'Tóm tắt đã sửa' }),
      publish: () => api(token, 'PATCH', `/articles/${a.id}`, { status: 'published' }),
      attach: () => api(token, 'POST', `/articles/${a.id}/attachments`, pdf()),
      detach: () => api(token, 'DELETE', `/media/${a.fileId}`),
      delete: () => api(token, 'DELETE', `/articles/${a.id}`),
    }[action]()
    if (ok) expect(res.status).toBeLessThan(300)
    else {
      expect(res.status).toBe(403)
      expect(await snapshot(a.id)).toEqual(before)
    }
  })
})

describe('article permissions in the HTML admin', () => {
  const clients: Partial<Record<Role, AdminClient>> = {}
  async function client(role: Role): Promise<AdminClient> {
    if (!clients[role]) {
      const c = new AdminClient()
      const login = await c.login(
        role === 'admin' ? ADMIN : role === 'editor' ? tokens.editor : tokens.writer,
      )
      expect(login.status).toBe(303)
      clients[role] = c
    }
    return clients[role]!
  }

  it.each(cases)(label, async ({ role, state, own, action, ok }) => {
    const a = await article(state, own ? 'writer' : 'otherWriter')
    const c = await client(role)
    const page = await c.page(`/admin/articles/${a.id}`)
    expect(page.res.status).toBe(200)
    const before = await snapshot(a.id)
    // The form offers only what is allowed.
    const offers = {
      edit: !/<button type="submit" disabled[^>]*>Lưu<\/button>/.test(page.html),
      publish: null,
      attach: page.html.includes(`action="/admin/articles/${a.id}/attachments"`),
      detach: page.html.includes(`/attachments/${a.fileId}/delete`),
      delete: page.html.includes(`action="/admin/articles/${a.id}/delete"`),
    }[action]
    if (offers !== null) expect(offers).toBe(ok)
    const fields = {
      title: before!.title,
      slug: before!.slug,
      lead: 'Tóm tắt đã sửa',
      body: before!.body,
      author: before!.author,
      source: before!.source,
      categoryId: String(before!.categoryId),
      status: before!.status,
      publishedAt: before!.publishedAt?.toISOString() ?? '',
      commentsEnabled: 'true',
      coverImage: '',
    }
    const res = await {
      edit: () => c.post(`/admin/articles/${a.id}`, fields),
      publish: () => c.post(`/admin/articles/${a.id}`, { ...fields, status: 'published' }),
      attach: () => c.upload(`/admin/articles/${a.id}/attachments`, pdf()),
      detach: () => c.post(`/admin/articles/${a.id}/attachments/${a.fileId}/delete`, {}),
      delete: () => c.post(`/admin/articles/${a.id}/delete`, {}),
    }[action]()
    if (ok) expect(res.status).toBe(303)
    else {
      expect(res.status).toBe(403)
      expect(await snapshot(a.id)).toEqual(before)
    }
  })
})
