import { createChallenge, randomInt, verifySolution, type Challenge } from 'altcha-lib'
// Workers have Web Crypto, not node:crypto: the web build of the key derivation.
import { deriveKey as pbkdf2 } from 'altcha-lib/algorithms/web/pbkdf2'

/** How long a security code stays valid. */
export const CHALLENGE_TTL_MS = 10 * 60 * 1000

export type AltchaConfig = {
  /** HMAC key for challenge signatures. */
  secret: string
  /** PBKDF2 iterations per attempt (Workers allow at most 100,000). */
  cost: number
  /** The browser tries about half this many counters on average. */
  maxCounter: number
}

const ALGORITHM = 'PBKDF2/SHA-256'

/**
 * A new signed challenge. The server picks the counter and signs the key it leads to
 * (ALTCHA's deterministic mode), so checking a solution costs one derivation, not a search.
 */
export async function createAltchaChallenge(
  config: AltchaConfig,
  now = Date.now(),
): Promise<Challenge> {
  return createChallenge({
    algorithm: ALGORITHM,
    cost: config.cost,
    counter: randomInt(config.maxCounter, Math.max(1, Math.floor(config.maxCounter / 10))),
    deriveKey: pbkdf2,
    expiresAt: new Date(now + CHALLENGE_TTL_MS),
    hmacSignatureSecret: config.secret,
    hmacKeySignatureSecret: `${config.secret}:key`,
  })
}

export type AltchaResult =
  | { ok: true; id: string; expiresAt: Date }
  | { ok: false; reason: 'missing' | 'invalid' | 'expired' }

/** Decodes the widget's form value: base64 of `{ challenge, solution }`. */
function decodePayload(value: string): { challenge: Challenge; solution: unknown } | null {
  try {
    const payload: unknown = JSON.parse(atob(value))
    if (
      payload &&
      typeof payload === 'object' &&
      'challenge' in payload &&
      'solution' in payload &&
      payload.challenge &&
      typeof payload.challenge === 'object' &&
      'parameters' in payload.challenge &&
      // `{"parameters": null}` is JSON too; it must not reach `parameters.algorithm` below.
      payload.challenge.parameters &&
      typeof payload.challenge.parameters === 'object'
    ) {
      return payload as { challenge: Challenge; solution: unknown }
    }
  } catch {
    // Not base64 or not JSON: an invalid code, reported below.
  }
  return null
}

/**
 * Checks a submitted security code. On success returns the challenge's id (its signed nonce)
 * and expiry, which the caller records to refuse a second use.
 */
export async function verifyAltcha(
  config: AltchaConfig,
  value: string | undefined,
): Promise<AltchaResult> {
  if (!value) return { ok: false, reason: 'missing' }
  if (value.length > 10_000) return { ok: false, reason: 'invalid' }
  const payload = decodePayload(value)
  if (!payload) return { ok: false, reason: 'invalid' }
  const { parameters } = payload.challenge
  // Our challenges always expire and always use one algorithm; anything else is not ours.
  if (parameters.algorithm !== ALGORITHM || typeof parameters.expiresAt !== 'number') {
    return { ok: false, reason: 'invalid' }
  }
  if (parameters.cost !== config.cost) return { ok: false, reason: 'invalid' }
  try {
    const result = await verifySolution({
      challenge: payload.challenge,
      solution: payload.solution as Parameters<typeof verifySolution>[0]['solution'],
      deriveKey: pbkdf2,
      hmacSignatureSecret: config.secret,
      hmacKeySignatureSecret: `${config.secret}:key`,
    })
    if (result.expired) return { ok: false, reason: 'expired' }
    if (!result.verified) return { ok: false, reason: 'invalid' }
  } catch {
    return { ok: false, reason: 'invalid' }
  }
  return { ok: true, id: parameters.nonce, expiresAt: new Date(parameters.expiresAt * 1000) }
}
