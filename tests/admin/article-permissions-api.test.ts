import { beforeAll, describe, expect, it } from 'vitest'
import {
  ADMIN,
  api,
  article,
  cases,
  label,
  pdf,
  setUpEditors,
  snapshot,
  tokens,
} from './article-permissions-cases'

/** Every article route × role × state × ownership in the JSON API (article-permissions-cases.ts). */
beforeAll(setUpEditors)

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
