import { beforeAll, describe, expect, it } from 'vitest'
import { AdminClient } from '../admin-client'
import {
  ADMIN,
  article,
  cases,
  label,
  pdf,
  setUpEditors,
  snapshot,
  tokens,
  type Role,
} from './article-permissions-cases'

/** Every article route × role × state × ownership in the HTML admin (article-permissions-cases.ts). */
beforeAll(setUpEditors)

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
