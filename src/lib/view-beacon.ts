import { hmacHex, timingSafeEqualStrings } from './crypto'
import { deriveKey } from './secrets'

type SecretEnv = { SECRET_KEY?: string; ADMIN_TOKEN?: string }

/** Hex characters of the HMAC kept in a beacon URL (64 bits: forging one is guessing). */
const TOKEN_LENGTH = 16

async function viewToken(env: SecretEnv, articleId: number): Promise<string> {
  const key = await deriveKey(env, 'view-beacon')
  return key ? (await hmacHex(key, `article:${articleId}`)).slice(0, TOKEN_LENGTH) : ''
}

/**
 * The path an article page's view beacon posts to: `/api/luot-xem/<id>?k=<token>`, where the
 * token is an HMAC of the id under a key derived from the server secret. Only pages the portal
 * rendered carry one, so the counter never holds views of ids nobody could have read, and the
 * beacon needs no D1 read to know that. Input: a published article's id; output: a path.
 */
export async function viewBeaconPath(env: SecretEnv, articleId: number): Promise<string> {
  const token = await viewToken(env, articleId)
  return `/api/luot-xem/${articleId}${token ? `?k=${token}` : ''}`
}

/**
 * What a beacon's `token` says of `articleId`: `signed` when it is the id's token (compared in
 * constant time), `forged` when it is not, and `unsigned` when the server has no secret, so no
 * tokens exist: the caller must then find the article itself before counting it.
 */
export async function checkViewToken(
  env: SecretEnv,
  articleId: number,
  token: string | undefined,
): Promise<'signed' | 'forged' | 'unsigned'> {
  const expected = await viewToken(env, articleId)
  if (expected === '') return 'unsigned'
  return token !== undefined && (await timingSafeEqualStrings(token, expected))
    ? 'signed'
    : 'forged'
}
