import { attrsOf, get } from './helpers'

const ORIGIN = 'https://portal.test'

/** A browser-like client: keeps the session cookie and sends same-origin form posts. */
export class AdminClient {
  jar = new Map<string, string>()
  csrf = ''

  get cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  get session(): string | undefined {
    return this.jar.get('__Host-ctt_admin')
  }

  async request(
    path: string,
    init: RequestInit & { form?: Record<string, string | string[]>; multipart?: FormData } = {},
  ) {
    const headers = new Headers(init.headers)
    if (this.cookie) headers.set('cookie', this.cookie)
    let body = init.body
    if (init.multipart) {
      body = init.multipart
      if (!headers.has('origin')) headers.set('origin', ORIGIN)
    } else if (init.form) {
      const params = new URLSearchParams()
      for (const [k, v] of Object.entries(init.form))
        for (const item of [v].flat()) params.append(k, item)
      body = params
      if (!headers.has('origin')) headers.set('origin', ORIGIN)
    }
    const res = await get(path, { ...init, headers, body, redirect: 'manual' })
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const at = pair!.indexOf('=')
      const [name, value] = [pair!.slice(0, at), pair!.slice(at + 1)]
      if (value === '' || /Max-Age=0/i.test(line)) this.jar.delete(name)
      else this.jar.set(name, value)
    }
    return res
  }

  /** Loads a page and remembers its CSRF token. */
  async page(path: string) {
    const res = await this.request(path)
    const html = await res.text()
    const [token] = await attrsOf(html, 'input[name="_csrf"]', 'value')
    if (token) this.csrf = token
    return { res, html }
  }

  post(
    path: string,
    form: Record<string, string | string[]>,
    headers: Record<string, string> = {},
  ) {
    return this.request(path, { method: 'POST', form: { _csrf: this.csrf, ...form }, headers })
  }

  /** Posts a multipart form (an upload) with the CSRF token. */
  upload(path: string, form: FormData) {
    form.set('_csrf', this.csrf)
    return this.request(path, { method: 'POST', multipart: form })
  }

  async login(token = 'test-admin-token') {
    const res = await this.request('/admin/login', {
      method: 'POST',
      form: { token, next: '/admin' },
    })
    return res
  }
}
