import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import worker from '../src/index'

/**
 * Sends a request to the worker's own fetch handler (what `export default` exports, the
 * isolate's memory tier included) in this isolate, waits for its background work, and follows
 * redirects as `fetch` does unless `redirect: 'manual'`.
 */
export async function inProcess(url: string, init: RequestInit = {}): Promise<Response> {
  let request = new Request(url, init)
  for (let hop = 0; ; hop++) {
    const ctx = createExecutionContext()
    // A test's request carries no `cf` object; the handler's type expects an incoming one.
    const res = await worker.fetch(request as Parameters<typeof worker.fetch>[0], env, ctx)
    await waitOnExecutionContext(ctx)
    const location = res.headers.get('location')
    if (init.redirect === 'manual' || location === null || res.status < 300 || res.status > 399)
      return res
    if (hop === 20) throw new TypeError('too many redirects')
    const next = new URL(location, request.url)
    // As fetch does: a 303 (and a 301/302 after POST) becomes a GET without a body.
    const toGet = res.status === 303 || (request.method === 'POST' && res.status < 303)
    request = new Request(next, toGet ? { headers: request.headers } : request)
  }
}
