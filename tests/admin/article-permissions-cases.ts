import { eq } from 'drizzle-orm'
import { expect } from 'vitest'
import { articles, categories } from '../../src/db/schema'
import { get, seedSample, testDb } from '../helpers'

/**
 * The cases of every article route × role × state × ownership, against the one table in
 * src/admin/permissions.ts: writers edit, attach to and detach from their own drafts and
 * articles in review, and never publish or delete; editors and administrators do everything.
 * A refusal is 403 and changes nothing. Shared by the JSON API's file and the HTML admin's
 * (article-permissions-api.test.ts, article-permissions-html.test.ts), which run side by side.
 */
export const ADMIN = 'test-admin-token'
const STATES = ['draft', 'review', 'scheduled', 'published'] as const
type State = (typeof STATES)[number]
const ACTIONS = ['edit', 'publish', 'attach', 'detach', 'delete'] as const
type Action = (typeof ACTIONS)[number]
export type Role = 'writer' | 'editor' | 'admin'

let ip = 0
export async function api(token: string, method: string, path: string, body?: unknown | FormData) {
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

export const pdf = () => {
  const form = new FormData()
  const bytes = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
  form.append('file', new File([bytes], 'ke-hoach.pdf', { type: 'application/pdf' }))
  return form
}

let categoryId = 0
export const tokens: Record<'writer' | 'otherWriter' | 'editor', string> = {
  writer: '',
  otherWriter: '',
  editor: '',
}

/** The editors the cases act as, and the category their articles are in (a beforeAll). */
export async function setUpEditors() {
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
}

let n = 0
/**
 * An article in `state`, created by `owner` (a writer creates drafts; an editor moves it on),
 * with one attachment an editor added.
 */
export async function article(state: State, owner: 'writer' | 'otherWriter') {
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

export const cases = (['writer', 'editor', 'admin'] as const).flatMap((role) =>
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
export const label = '$role $action on a $state article (own: $own) → allowed: $ok'

export async function snapshot(id: number) {
  const [row] = await testDb().select().from(articles).where(eq(articles.id, id))
  return row
}
