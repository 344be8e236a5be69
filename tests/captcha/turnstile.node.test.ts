import { afterEach, describe, expect, it, vi } from 'vitest'
import { checkCaptcha } from '../../src/captcha'
import { verifyTurnstile } from '../../src/captcha/turnstile'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('Turnstile', () => {
  it('asks siteverify with the secret, token and IP, and trusts only success: true', async () => {
    const fetchSpy = vi
      .spyOn(globalThis, 'fetch')
      .mockResolvedValueOnce(Response.json({ success: true }))
      .mockResolvedValueOnce(
        Response.json({ success: false, 'error-codes': ['invalid-input-response'] }),
      )
    expect(await verifyTurnstile('secret-key', 'token-1', '203.0.113.9')).toBe(true)
    expect(await verifyTurnstile('secret-key', 'token-2', null)).toBe(false)
    expect(fetchSpy).toHaveBeenCalledTimes(2)
    const [url, init] = fetchSpy.mock.calls[0]!
    expect(String(url)).toBe('https://challenges.cloudflare.com/turnstile/v0/siteverify')
    const body = init?.body as FormData
    expect(body.get('secret')).toBe('secret-key')
    expect(body.get('response')).toBe('token-1')
    expect(body.get('remoteip')).toBe('203.0.113.9')
  })

  it('fails closed on a network error or an HTTP error, and never calls out without a token', async () => {
    const fetchSpy = vi
      .spyOn(globalThis, 'fetch')
      .mockRejectedValueOnce(new Error('network down'))
      .mockResolvedValueOnce(new Response('oops', { status: 500 }))
    expect(await verifyTurnstile('s', 'token', null)).toBe(false)
    expect(await verifyTurnstile('s', 'token', null)).toBe(false)
    expect(await verifyTurnstile('s', undefined, null)).toBe(false)
    expect(fetchSpy).toHaveBeenCalledTimes(2)
  })

  it('is what checkCaptcha uses when configured', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValueOnce(Response.json({ success: true }))
    const settings = { provider: 'turnstile', siteKey: 'k', secretKey: 's' } as const
    expect(await checkCaptcha(settings, { 'cf-turnstile-response': 'tok' }, null)).toEqual({
      ok: true,
      use: null,
    })
    expect(await checkCaptcha(settings, {}, null)).toMatchObject({ ok: false })
  })
})
