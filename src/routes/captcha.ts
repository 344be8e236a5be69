import { Hono } from 'hono'
import { createAltchaChallenge } from '../captcha/altcha'
import { captchaSettings } from '../captcha'
import type { AppEnv } from '../env'
import { PRIVATE_NO_STORE } from '../cache/contract'

/** `GET /api/captcha`: a fresh ALTCHA challenge for the comment form. Never cached. */
export const captcha = new Hono<AppEnv>()

captcha.get('/api/captcha', async (c) => {
  c.header('Cache-Control', PRIVATE_NO_STORE)
  const settings = await captchaSettings(c.env)
  if (settings.provider !== 'altcha') {
    return c.json(
      {
        error: {
          code: 'captcha_unavailable',
          message: 'ALTCHA is not the configured security code',
        },
      },
      404,
    )
  }
  return c.json(await createAltchaChallenge(settings.altcha))
})
