import type { Principal } from './auth/principal'
import type { Database } from './db/client'

/**
 * Bindings and vars from `wrangler.toml` come from the generated `worker-configuration.d.ts`
 * (`npm run cf-typegen`); secrets are not in the config file, so they are declared here.
 */
declare global {
  namespace Cloudflare {
    interface Env {
      /** Bootstrap administrator token (`.dev.vars` locally, `wrangler secret put` in production). */
      ADMIN_TOKEN?: string
      /** Key from which signing keys are derived (security codes, IP hashes); falls back to ADMIN_TOKEN. */
      SECRET_KEY?: string
      /** Optional Cloudflare Turnstile instead of the self-hosted ALTCHA security code. */
      TURNSTILE_SITE_KEY?: string
      TURNSTILE_SECRET_KEY?: string
      /** Zone purge by Cache-Tag across the network (optional; see the README). */
      CF_ZONE_ID?: string
      CF_API_TOKEN?: string
      /** Seconds after a purge when it is repeated (default 10, `off` for never; cache/purge.ts). */
      PURGE_REPEAT_SECONDS?: string
      /** Milliseconds a D1 query may take before the request answers 503 (default 5000). */
      D1_TIMEOUT_MS?: string
      /** URLs in one sitemap file before /sitemap.xml becomes an index (default 50000). */
      SITEMAP_URLS_PER_FILE?: string
    }
  }
}

/** The Hono environment of this app: its bindings and the per-request variables. */
export type AppEnv = {
  Bindings: Cloudflare.Env
  Variables: {
    db: Database
    /** Who is making an admin request (set by the admin gate). */
    principal: Principal
    /** The CSRF token HTML admin forms must send back. */
    csrf: string
    /** The web admin session of this request (set by the session gate). */
    sessionId: string
  }
}
