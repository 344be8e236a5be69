import { deriveKey } from '../lib/secrets'
import { verifyAltcha, type AltchaConfig } from './altcha'
import { verifyTurnstile } from './turnstile'
import { log } from '../lib/log'

/** Which security code protects the comment form, and what it needs. */
export type CaptchaSettings =
  | { provider: 'altcha'; altcha: AltchaConfig }
  | { provider: 'turnstile'; siteKey: string; secretKey: string }
  | { provider: 'off' }
  /** No server secret is configured: comments cannot be accepted safely. */
  | { provider: 'unavailable' }

type CaptchaEnv = {
  CAPTCHA?: string
  CAPTCHA_COST?: string
  CAPTCHA_MAX_COUNTER?: string
  TURNSTILE_SITE_KEY?: string
  TURNSTILE_SECRET_KEY?: string
  SECRET_KEY?: string
  ADMIN_TOKEN?: string
}

/** PBKDF2 iterations per attempt: about a second of work in a phone browser by default. */
const DEFAULT_COST = 1000
const DEFAULT_MAX_COUNTER = 2000

function intSetting(raw: string | undefined, fallback: number, min: number, max: number): number {
  const n = raw === undefined ? NaN : Number(raw)
  return Number.isInteger(n) && n >= min && n <= max ? n : fallback
}

let warnedOff = false

/** Reads the captcha settings from the environment. */
export async function captchaSettings(env: CaptchaEnv): Promise<CaptchaSettings> {
  if (env.CAPTCHA === 'off') {
    if (!warnedOff) {
      warnedOff = true
      log.warn('CAPTCHA=off: the comment security code is disabled (tests only)')
    }
    return { provider: 'off' }
  }
  if (env.TURNSTILE_SITE_KEY && env.TURNSTILE_SECRET_KEY) {
    return {
      provider: 'turnstile',
      siteKey: env.TURNSTILE_SITE_KEY,
      secretKey: env.TURNSTILE_SECRET_KEY,
    }
  }
  const secret = await deriveKey(env, 'captcha')
  if (!secret) return { provider: 'unavailable' }
  return {
    provider: 'altcha',
    altcha: {
      secret,
      // Workers cap PBKDF2 at 100,000 iterations.
      cost: intSetting(env.CAPTCHA_COST, DEFAULT_COST, 1, 100_000),
      maxCounter: intSetting(env.CAPTCHA_MAX_COUNTER, DEFAULT_MAX_COUNTER, 10, 1_000_000),
    },
  }
}

export const CAPTCHA_MESSAGES = {
  missing: 'Vui lòng hoàn thành mã xác nhận.',
  invalid: 'Mã xác nhận không đúng. Vui lòng bấm "Lấy lại mã bảo mật" và thử lại.',
  expired: 'Mã xác nhận đã hết hạn. Vui lòng bấm "Lấy lại mã bảo mật".',
  replayed: 'Mã xác nhận này đã được dùng. Vui lòng bấm "Lấy lại mã bảo mật".',
  unavailable: 'Chức năng bình luận đang tạm dừng. Vui lòng quay lại sau.',
} as const

export type CaptchaCheck =
  { ok: true; use: { id: string; expiresAt: Date } | null } | { ok: false; message: string }

/**
 * Checks the security code of a submitted form. A successful ALTCHA check returns the use to
 * record with the comment, which is what makes a code single-use.
 */
export async function checkCaptcha(
  settings: CaptchaSettings,
  form: Record<string, unknown>,
  ip: string | null,
): Promise<CaptchaCheck> {
  const value = (name: string) => {
    const v = form[name]
    const first = Array.isArray(v) ? v[0] : v
    return typeof first === 'string' ? first : undefined
  }
  switch (settings.provider) {
    case 'off':
      return { ok: true, use: null }
    case 'unavailable':
      return { ok: false, message: CAPTCHA_MESSAGES.unavailable }
    case 'turnstile':
      return (await verifyTurnstile(settings.secretKey, value('cf-turnstile-response'), ip))
        ? { ok: true, use: null }
        : { ok: false, message: CAPTCHA_MESSAGES.invalid }
    case 'altcha': {
      const result = await verifyAltcha(settings.altcha, value('altcha'))
      if (!result.ok) return { ok: false, message: CAPTCHA_MESSAGES[result.reason] }
      return { ok: true, use: { id: result.id, expiresAt: result.expiresAt } }
    }
  }
}
