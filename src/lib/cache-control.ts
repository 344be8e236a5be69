/**
 * `Cache-Control` for everything that is not a public page (admin, API, form posts, anything
 * personal, errors): never stored by a shared cache or the browser (RFC 9111 §5.2.2.5, §5.2.2.7).
 * A plain value, so the admin gate and the admin's error pages use it without depending on the
 * cache room; the rest of the contract is in cache/contract.ts.
 */
export const PRIVATE_NO_STORE = 'private, no-store'
