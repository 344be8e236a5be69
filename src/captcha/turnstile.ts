const SITEVERIFY_URL = 'https://challenges.cloudflare.com/turnstile/v0/siteverify'

/**
 * Checks a Cloudflare Turnstile token with the siteverify API. A network failure counts as not
 * verified: the reader gets a message and can try again.
 */
export async function verifyTurnstile(
  secret: string,
  token: string | undefined,
  ip: string | null,
): Promise<boolean> {
  if (!token || token.length > 2048) return false
  const body = new FormData()
  body.append('secret', secret)
  body.append('response', token)
  if (ip) body.append('remoteip', ip)
  try {
    const res = await fetch(SITEVERIFY_URL, { method: 'POST', body })
    if (!res.ok) return false
    const outcome = (await res.json()) as { success?: boolean }
    return outcome.success === true
  } catch {
    return false
  }
}
