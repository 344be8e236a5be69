import { beforeAll, describe, expect, it } from 'vitest'
import { SESSION_COOKIE } from '../../src/auth/session'
import { AdminClient } from '../admin-client'
import { appFetch, get, seedSample } from '../helpers'

/** Sessions end on the server: logout, "end all my sessions", a new ADMIN_TOKEN, revocation. */
beforeAll(seedSample)

/** Whether a request with this cookie value is signed in (the admin answers, not a redirect). */
async function signedIn(session: string, env: Partial<Cloudflare.Env> = {}) {
  const res = await appFetch('/admin/articles', {
    env,
    init: { headers: { cookie: `${SESSION_COOKIE}=${session}` }, redirect: 'manual' },
  })
  return res.status === 200
}

async function newEditor(name: string): Promise<string> {
  const res = await get('/api/admin/editors', {
    method: 'POST',
    headers: { authorization: 'Bearer test-admin-token', 'content-type': 'application/json' },
    body: JSON.stringify({ name, role: 'editor' }),
  })
  return ((await res.json()) as { token: string }).token
}

describe('admin sessions', () => {
  it('ends on the server at logout: the old cookie no longer signs in', async () => {
    const client = new AdminClient()
    await client.login()
    const session = client.session!
    expect(await signedIn(session)).toBe(true)
    await client.page('/admin')
    expect((await client.post('/admin/logout', {})).status).toBe(303)
    expect(await signedIn(session)).toBe(false)
  })

  it('ends every bootstrap session when ADMIN_TOKEN changes', async () => {
    const client = new AdminClient()
    await client.login()
    const session = client.session!
    expect(await signedIn(session)).toBe(true)
    expect(await signedIn(session, { ADMIN_TOKEN: 'a-new-admin-token-after-rotation' })).toBe(false)
  })

  it('lets editors see their sessions and end them all, in the web admin and the API', async () => {
    const token = await newEditor('Biên tập nhiều máy')
    const laptop = new AdminClient()
    const phone = new AdminClient()
    await laptop.login(token)
    await phone.login(token)
    const page = await laptop.page('/admin/sessions')
    expect(page.res.status).toBe(200)
    expect(page.html).toContain('(phiên này)')
    expect((page.html.match(/<tr>/g) ?? []).length).toBe(3)
    const api = (method: string, path: string) =>
      get(`/api/admin${path}`, { method, headers: { authorization: `Bearer ${token}` } })
    const listed = (await (await api('GET', '/sessions')).json()) as { items: object[] }
    expect(listed.items).toHaveLength(2)
    expect(JSON.stringify(listed)).not.toContain(laptop.session!.split('.')[3]!)

    const ended = await laptop.post('/admin/sessions/end-all', {})
    expect(ended.status).toBe(303)
    expect(ended.headers.get('location')).toBe('/admin/login')
    expect(await signedIn(phone.session!)).toBe(false)
    expect(await signedIn(laptop.session ?? 'none')).toBe(false)

    await phone.login(token)
    expect(await signedIn(phone.session!)).toBe(true)
    expect(await (await api('POST', '/sessions/end-all')).json()).toEqual({ ended: 1 })
    expect(await signedIn(phone.session!)).toBe(false)
  })

  it('ends an editor’s sessions when their token is revoked', async () => {
    const token = await newEditor('Biên tập bị thu hồi')
    const client = new AdminClient()
    await client.login(token)
    expect(await signedIn(client.session!)).toBe(true)
    const me = (await (
      await get('/api/admin/me', { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { id: number }
    await get(`/api/admin/editors/${me.id}`, {
      method: 'DELETE',
      headers: { authorization: 'Bearer test-admin-token' },
    })
    expect(await signedIn(client.session!)).toBe(false)
  })
})
