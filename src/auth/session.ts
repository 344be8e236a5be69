import { findActiveEditorByIdQuery, findActiveEditorByTokenHash } from '../db/editors'
import { insertSession, liveSessionQuery } from '../db/sessions'
import type { Database } from '../db/client'
import { EDITOR_ROLES, type EditorRole } from '../db/schema'
import { hmacHex, randomToken, sha256Hex, timingSafeEqualStrings } from '../lib/crypto'
import { deriveKey } from '../lib/secrets'
import type { Principal } from './principal'

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

/** What a session is made for: who, and the browser it was made in (shown to its owner). */
export type SessionRequest = { principal: Principal; userAgent?: string }

/** A fingerprint of ADMIN_TOKEN: a bootstrap session lives only while the token is unchanged. */
async function bootstrapCredential(env: AuthEnv): Promise<string> {
  return env.ADMIN_TOKEN
    ? (await sha256Hex(`bootstrap-session:${env.ADMIN_TOKEN}`)).slice(0, 32)
    : ''
}

/**
 * Starts a session: records it in D1 (`admin_sessions`) and returns the cookie value
 * `id.role.expiry.sessionId.signature` (HMAC-SHA-256 under a key derived from the server
 * secret). The session lives SESSION_TTL_MS unless it is ended first: logout, "end all my
 * sessions", a new ADMIN_TOKEN (bootstrap sessions), the editor's token revoked.
 * Raises an Error when no server secret is configured.
 */
export async function createSession(
  env: AuthEnv,
  db: Database,
  request: SessionRequest,
  now = Date.now(),
): Promise<string> {
  const key = await deriveKey(env, 'admin-session')
  if (!key) throw new Error('No server secret to sign sessions')
  const { principal } = request
  const sessionId = randomToken().slice(0, 32)
  const expires = now + SESSION_TTL_MS
  await insertSession(db, {
    id: sessionId,
    editorId: principal.id,
    credential: principal.id === 0 ? await bootstrapCredential(env) : '',
    userAgent: (request.userAgent ?? '').slice(0, 200),
    createdAt: new Date(now),
    expiresAt: new Date(expires),
  })
  const payload = `${principal.id}.${principal.role}.${expires}.${sessionId}`
  return `${payload}.${await hmacHex(key, payload)}`
}

/**
 * The id, role and session id a session cookie was signed for, when its signature is ours and
 * it has not expired; null otherwise. Needs no database, so the edge cache can tell an editor
 * from a reader with a made-up cookie before anything else.
 */
export async function verifySessionSignature(
  env: AuthEnv,
  value: string | undefined,
  now = Date.now(),
): Promise<{ id: number; role: EditorRole; sessionId: string } | null> {
  if (!value || value.length > 300) return null
  const match = /^(\d{1,12})\.([a-z]+)\.(\d{1,15})\.([A-Za-z0-9_-]{32})\.([0-9a-f]{64})$/.exec(
    value,
  )
  if (!match) return null
  const [, idText, role, expiresText, sessionId, signature] = match
  const key = await deriveKey(env, 'admin-session')
  if (!key) return null
  const expected = await hmacHex(key, `${idText}.${role}.${expiresText}.${sessionId}`)
  if (!(await timingSafeEqualStrings(expected, signature!))) return null
  if (Number(expiresText) <= now) return null
  if (!EDITOR_ROLES.includes(role as EditorRole)) return null
  return { id: Number(idText), role: role as EditorRole, sessionId: sessionId! }
}

/**
 * The principal of a session cookie that is signed, unexpired and live in D1 (not ended), of
 * an editor still active in the same role, or of the bootstrap administrator while ADMIN_TOKEN
 * is the one it signed in with; null otherwise. One D1 round trip.
 */
export async function readSession(
  env: AuthEnv,
  db: Database,
  value: string | undefined,
  now = Date.now(),
): Promise<(Principal & { sessionId: string }) | null> {
  const signed = await verifySessionSignature(env, value, now)
  if (!signed) return null
  const { id, role, sessionId } = signed
  const [[session], [editor]] = await db.batch([
    liveSessionQuery(db, sessionId, new Date(now)),
    findActiveEditorByIdQuery(db, id),
  ])
  if (!session || session.editorId !== id) return null
  if (id === 0) {
    if (!env.ADMIN_TOKEN || session.credential !== (await bootstrapCredential(env))) return null
    return { ...BOOTSTRAP_ADMIN, sessionId }
  }
  return editor && editor.role === role ? { ...editor, sessionId } : null
}

/** The CSRF token for a session: forms must send it back with every change. */
export async function csrfTokenFor(env: AuthEnv, session: string): Promise<string> {
  const key = await deriveKey(env, 'admin-csrf')
  return (await hmacHex(key ?? '', session)).slice(0, 40)
}
