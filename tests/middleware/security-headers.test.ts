import { beforeAll, describe, expect, it } from 'vitest'
import { contentSecurityPolicy } from '../../src/middleware/security-headers'
import { get, SEED_SLUG, seedSample } from '../helpers'

beforeAll(seedSample)

describe('security headers', () => {
  it.each(['/', `/bai-viet/${SEED_SLUG}`, '/tim-kiem?q=a', '/khong-co', '/admin/login'])(
    '%s has a CSP without inline scripts, nosniff, a referrer policy and HSTS',
    async (path) => {
      const res = await get(path)
      const csp = res.headers.get('content-security-policy') ?? ''
      expect(csp).toContain("script-src 'self'")
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/)
      expect(csp).toContain("object-src 'none'")
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
      expect(res.headers.get('permissions-policy')).toContain('camera=()')
      expect(res.headers.get('strict-transport-security')).toBe(
        'max-age=31536000; includeSubDomains',
      )
    },
  )

  it('forbids framing the admin entirely', async () => {
    const res = await get('/admin/login')
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(res.headers.get('x-frame-options')).toBe('DENY')
  })

  it('keeps headers on cached answers too', async () => {
    await get('/chuyen-muc/kinh-te')
    const hit = await get('/chuyen-muc/kinh-te')
    expect(hit.headers.get('x-cache')).toBe('HIT')
    expect(hit.headers.get('content-security-policy')).toContain("default-src 'self'")
  })

  it('allows the Turnstile host only when Turnstile is configured', () => {
    expect(contentSecurityPolicy({ admin: false, turnstile: false })).not.toContain(
      'challenges.cloudflare.com',
    )
    expect(contentSecurityPolicy({ admin: false, turnstile: true })).toContain(
      "script-src 'self' https://challenges.cloudflare.com",
    )
  })
})
