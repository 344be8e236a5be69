import type { Context } from 'hono'

/**
 * The client's address as Cloudflare reports it (clients cannot set this header themselves),
 * or null when there is none, as in some local requests.
 */
export function clientIp(c: Context): string | null {
  return c.req.header('cf-connecting-ip') ?? null
}
