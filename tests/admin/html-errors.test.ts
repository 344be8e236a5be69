import { beforeAll, describe, expect, it } from 'vitest'
import { AdminClient } from '../admin-client'
import { get } from '../helpers'

/**
 * The web admin answers its own refusals with its own pages (the sub-app's onError): a
 * malformed or unknown id, a missing right, a repeated form field. Never the API's JSON, never
 * the reader's 404 page.
 */
const admin = new AdminClient()

beforeAll(async () => {
  expect((await admin.login()).status).toBe(303)
  await admin.page('/admin/articles/new')
})

/** The admin's message page: its layout, the title and the status. */
async function expectAdminPage(res: Response, status: number, title: string) {
  expect(res.status).toBe(status)
  expect(res.headers.get('content-type')).toMatch(/^text\/html/)
  expect(res.headers.get('cache-control')).toMatch(/no-store/)
  const html = await res.text()
  expect(html).toContain(`<h1>${title}</h1>`)
  expect(html).toContain('href="/admin"')
  return html
}

describe('web admin error pages', () => {
  it.each([
    '/admin/articles/abc',
    '/admin/articles/0',
    '/admin/articles/0123',
    '/admin/articles/1234567890123',
    '/admin/articles/x1/revisions',
    '/admin/articles/1/revisions/abc',
    '/admin/articles/abc/preview',
  ])('GET %s: the admin 404 page for a malformed id', async (path) => {
    await expectAdminPage(await admin.request(path), 404, 'Không tìm thấy')
  })

  it('GET an unknown article: the admin 404 page with the service message', async () => {
    await expectAdminPage(await admin.request('/admin/articles/999999'), 404, 'Không tìm thấy')
  })

  it('POST a malformed attachment id: 404 naming the file', async () => {
    const html = await expectAdminPage(
      await admin.post('/admin/articles/1/attachments/abc/delete', {}),
      404,
      'Không tìm thấy',
    )
    expect(html).toContain('Không tìm thấy tệp.')
  })

  it('POST with a repeated field: 400 naming the field, nothing saved', async () => {
    const res = await admin.post('/admin/articles', { title: ['Một', 'Hai'], body: 'x' })
    const html = await expectAdminPage(res, 400, 'Không thực hiện được')
    expect(html).toContain('trường &quot;title&quot; nhiều lần')
  })

  it('a page the role may not open: the admin 403 page', async () => {
    const created = await fetchJson('/api/admin/editors', { name: 'Phóng viên', role: 'writer' })
    const writer = new AdminClient()
    expect((await writer.login(created.token)).status).toBe(303)
    const html = await expectAdminPage(
      await writer.request('/admin/settings'),
      403,
      'Không có quyền',
    )
    expect(html).toContain('Chỉ quản trị viên sửa cài đặt cổng thông tin.')
  })
})

async function fetchJson(path: string, body: unknown) {
  const res = await get(path, {
    method: 'POST',
    headers: { authorization: 'Bearer test-admin-token', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(res.status).toBe(201)
  return (await res.json()) as { token: string }
}
