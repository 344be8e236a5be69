import { findActiveEditorById, findActiveEditorByTokenHash } from '../db/editors'
import type { Database } from '../db/client'
import { EDITOR_ROLES, type EditorRole } from '../db/schema'
import { hmacHex, sha256Hex, timingSafeEqualStrings } from '../lib/crypto'
import { deriveKey } from '../lib/secrets'
import type { Principal } from './permissions'

type AuthEnv = { ADMIN_TOKEN?: string; SECRET_KEY?: string }

/** The bootstrap administrator, who signs in with ADMIN_TOKEN. */
export const BOOTSTRAP_ADMIN: Principal = { id: 0, name: 'Quản trị hệ thống', role: 'admin' }

/** How long an admin session lasts. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000

/** The session cookie: `__Host-` keeps it to this exact origin, over HTTPS, for path /. */
export const SESSION_COOKIE = '__Host-ctt_admin'

/** Tokens we issue are URL-safe; anything longer or stranger is refused before hashing. */
const TOKEN_SHAPE = /^[A-Za-z0-9._~+/=-]{16,200}$/

/**
 * Who holds this token: the bootstrap administrator (compared in constant time) or an active
 * editor (looked up by the token's SHA-256 hash, so tokens are never stored).
 */
export async function authenticateToken(
  env: AuthEnv,
  db: Database,
  token: string,
): Promise<Principal | null> {
  if (!TOKEN_SHAPE.test(token)) return null
  if (env.ADMIN_TOKEN && (await timingSafeEqualStrings(token, env.ADMIN_TOKEN))) {
    return BOOTSTRAP_ADMIN
  }
  return findActiveEditorByTokenHash(db, await sha256Hex(token))
}

/**
 * A signed session value: `id.role.expiry.signature`. The name is looked up again on each
 * request for editors, so revoking an editor ends their sessions at once.
 */
export async function createSession(env: AuthEnv, principal: Principal, now = Date.now()) {
  const key = await deriveKey(env, 'admin-session')
  if (!key) throw new Error('No server secret to sign sessions')
  const payload = `${principal.id}.${principal.role}.${now + SESSION_TTL_MS}`
  return `${payload}.${await hmacHex(key, payload)}`
}

/**
 * The id and role a session cookie was signed for, when its signature is ours and it has not
 * expired; null otherwise. Needs no database, so the edge cache can tell an editor from a
 * reader with a made-up cookie before deciding to skip the cache.
 */
export async function verifySessionSignature(
  env: AuthEnv,
  value: string | undefined,
  now = Date.now(),
): Promise<{ id: number; role: EditorRole } | null> {
  if (!value || value.length > 300) return null
  const match = /^(\d{1,12})\.([a-z]+)\.(\d{1,15})\.([0-9a-f]{64})$/.exec(value)
  if (!match) return null
  const [, idText, role, expiresText, signature] = match
  const key = await deriveKey(env, 'admin-session')
  if (!key) return null
  const expected = await hmacHex(key, `${idText}.${role}.${expiresText}`)
  if (!(await timingSafeEqualStrings(expected, signature!))) return null
  if (Number(expiresText) <= now) return null
  if (!EDITOR_ROLES.includes(role as EditorRole)) return null
  return { id: Number(idText), role: role as EditorRole }
}

/** The principal of a valid, unexpired session cookie of an active editor, or null. */
export async function readSession(
  env: AuthEnv,
  db: Database,
  value: string | undefined,
  now = Date.now(),
): Promise<Principal | null> {
  const signed = await verifySessionSignature(env, value, now)
  if (!signed) return null
  const { id, role } = signed
  if (id === 0) return env.ADMIN_TOKEN ? BOOTSTRAP_ADMIN : null
  const editor = await findActiveEditorById(db, id)
  return editor && editor.role === role ? editor : null
}

/** The CSRF token for a session: forms must send it back with every change. */
export async function csrfTokenFor(env: AuthEnv, session: string): Promise<string> {
  const key = await deriveKey(env, 'admin-csrf')
  return (await hmacHex(key ?? '', session)).slice(0, 40)
}
