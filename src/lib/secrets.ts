/**
 * Purpose-bound keys derived from the one server secret, so that operators manage a single
 * `SECRET_KEY` (falling back to `ADMIN_TOKEN`), and a key leaked from one use (say, the
 * security-code signatures) says nothing about another (IP hashes, sessions).
 */
import { hmacHex } from './crypto'

type SecretEnv = { SECRET_KEY?: string; ADMIN_TOKEN?: string }

/** The server secret, or null when neither `SECRET_KEY` nor `ADMIN_TOKEN` is set. */
export function serverSecret(env: SecretEnv): string | null {
  return env.SECRET_KEY || env.ADMIN_TOKEN || null
}

/** A key for one purpose (e.g. "captcha"), derived from the server secret. */
export async function deriveKey(env: SecretEnv, purpose: string): Promise<string | null> {
  const secret = serverSecret(env)
  return secret ? hmacHex(secret, `cong-tin-tuc:${purpose}`) : null
}

/** A salted hash of the client IP, so abuse can be traced without storing addresses. */
export async function hashIp(env: SecretEnv, ip: string): Promise<string | null> {
  const key = await deriveKey(env, 'ip-hash')
  return key ? (await hmacHex(key, ip)).slice(0, 32) : null
}
