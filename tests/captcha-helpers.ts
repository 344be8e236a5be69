import { solveChallenge, type Challenge } from 'altcha-lib'
import { deriveKey as pbkdf2 } from 'altcha-lib/algorithms/web/pbkdf2'

/** Solves an ALTCHA challenge the way the widget does and encodes it as the form field. */
export async function solveAltcha(challenge: Challenge): Promise<string> {
  const solution = await solveChallenge({ challenge, deriveKey: pbkdf2 })
  if (!solution) throw new Error('challenge not solved')
  return btoa(JSON.stringify({ challenge, solution }))
}

/** Fetches a challenge from the portal and solves it. */
export async function solvedCaptcha(): Promise<string> {
  const { inProcess } = await import('./in-process')
  const res = await inProcess('https://portal.test/api/captcha')
  return solveAltcha((await res.json()) as Challenge)
}
