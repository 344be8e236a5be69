import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { captchaSettings } from '../../src/captcha'
import {
  CHALLENGE_TTL_MS,
  createAltchaChallenge,
  verifyAltcha,
  type AltchaConfig,
} from '../../src/captcha/altcha'
import { solveAltcha } from '../captcha-helpers'

const config: AltchaConfig = { secret: 'unit-secret', cost: 10, maxCounter: 40 }

describe('ALTCHA', () => {
  it('accepts a really solved challenge and returns its id and expiry', async () => {
    const before = Date.now()
    const challenge = await createAltchaChallenge(config)
    const result = await verifyAltcha(config, await solveAltcha(challenge))
    expect(result).toEqual({
      ok: true,
      id: challenge.parameters.nonce,
      expiresAt: expect.any(Date),
    })
    if (result.ok) {
      expect(result.expiresAt.getTime()).toBeGreaterThanOrEqual(before + CHALLENGE_TTL_MS - 1000)
      expect(result.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + CHALLENGE_TTL_MS)
    }
  })

  it('rejects a missing, garbled, wrong, expired or foreign solution', async () => {
    expect(await verifyAltcha(config, undefined)).toEqual({ ok: false, reason: 'missing' })
    expect(await verifyAltcha(config, 'not base64 !!')).toEqual({ ok: false, reason: 'invalid' })
    expect(await verifyAltcha(config, btoa('{"a":1}'))).toEqual({ ok: false, reason: 'invalid' })

    const challenge = await createAltchaChallenge(config)
    const payload = JSON.parse(atob(await solveAltcha(challenge)))
    // A guessed key instead of the one the work produces.
    payload.solution.derivedKey = 'ab'.repeat(32)
    expect(await verifyAltcha(config, btoa(JSON.stringify(payload)))).toEqual({
      ok: false,
      reason: 'invalid',
    })

    const old = await createAltchaChallenge(config, Date.now() - CHALLENGE_TTL_MS - 1000)
    expect(await verifyAltcha(config, await solveAltcha(old))).toEqual({
      ok: false,
      reason: 'expired',
    })

    // Signed with another secret: not ours.
    const foreign = await createAltchaChallenge({ ...config, secret: 'other' })
    expect(await verifyAltcha(config, await solveAltcha(foreign))).toEqual({
      ok: false,
      reason: 'invalid',
    })

    // Expiry pushed forward by the client: the signature no longer matches.
    const tampered = JSON.parse(atob(await solveAltcha(old)))
    tampered.challenge.parameters.expiresAt = Math.floor(Date.now() / 1000) + 3600
    expect(await verifyAltcha(config, btoa(JSON.stringify(tampered)))).toEqual({
      ok: false,
      reason: 'invalid',
    })
  })
})

describe('captchaSettings', () => {
  it('uses the self-hosted ALTCHA by default with the configured cost', async () => {
    const settings = await captchaSettings(env)
    expect(settings.provider).toBe('altcha')
    if (settings.provider === 'altcha') expect(settings.altcha.cost).toBe(10)
  })

  it('prefers Turnstile when both keys are set, and can be turned off', async () => {
    expect(
      await captchaSettings({ ...env, TURNSTILE_SITE_KEY: 'site', TURNSTILE_SECRET_KEY: 'secret' }),
    ).toEqual({ provider: 'turnstile', siteKey: 'site', secretKey: 'secret' })
    expect(await captchaSettings({ ...env, TURNSTILE_SITE_KEY: 'site' })).toMatchObject({
      provider: 'altcha',
    })
    expect(await captchaSettings({ ...env, CAPTCHA: 'off' })).toEqual({ provider: 'off' })
  })

  it('is unavailable without any server secret, and caps the cost at the Workers limit', async () => {
    expect(await captchaSettings({ CAPTCHA: 'altcha' })).toEqual({ provider: 'unavailable' })
    const capped = await captchaSettings({ SECRET_KEY: 's', CAPTCHA_COST: '500000' })
    if (capped.provider !== 'altcha') throw new Error('expected altcha')
    expect(capped.altcha.cost).toBe(1000)
  })
})
