import { rmSync } from 'node:fs'
import { resolve } from 'node:path'
import type { OpenTarget } from './backup/target'
import { localAdminToken, runningServer } from './running-server'

/**
 * Drops every cached page. Locally, with `npm start` serving that state: through it (the admin
 * API's purge, with ADMIN_TOKEN from `.dev.vars`), since deleting the cache's files under a
 * running server leaves it unable to open its cache; without a server, the Cache API's stored
 * pages under the state directory are deleted. Remotely: the admin API's purge of every page
 * (POST /api/admin/cache/purge with ADMIN_TOKEN from the environment); without a token, says how
 * to do it by hand. Errors: a purge the API refuses (remote); locally a failed purge is a
 * warning (the data is in; pages age out within their TTL).
 */
export async function purgeEdgeCache(target: OpenTarget): Promise<void> {
  if (target.spec.kind === 'local') {
    const server = runningServer(target.spec.persistTo)
    if (!server) {
      rmSync(resolve(target.spec.persistTo, 'v3', 'cache'), { recursive: true, force: true })
      console.log('Edge cache: the local stored pages were deleted.')
      return
    }
    // Cached pages are keyed by the origin they were asked on: a browser may have used either
    // spelling of this machine, so each is purged (the API purges its request's origin).
    const origins = [server.origin, swapLoopback(server.origin)]
    const purged: string[] = []
    for (const origin of new Set(origins)) {
      const url = `${origin}/api/admin/cache/purge`
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${localAdminToken() ?? ''}` },
        })
        if (!res.ok) throw new Error(`it answered ${res.status}`)
        purged.push(origin)
      } catch (err) {
        console.warn(
          `Edge cache NOT purged through the running portal at ${url} (${err instanceof Error ? err.message : String(err)}): pages refresh within their TTL, or restart npm start.`,
        )
      }
    }
    if (purged.length > 0) {
      console.log(
        `Edge cache: every page purged through the running portal (${purged.join(', ')}).`,
      )
    }
    return
  }
  const url = `${target.siteUrl}/api/admin/cache/purge`
  const token = process.env.ADMIN_TOKEN
  if (!token) {
    console.warn(
      `Edge cache NOT purged: set ADMIN_TOKEN and run\n  curl -X POST -H "Authorization: Bearer $ADMIN_TOKEN" ${url}`,
    )
    return
  }
  const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}` } })
  if (!res.ok) throw new Error(`cache purge at ${url} answered ${res.status}`)
  console.log(`Edge cache: every page purged (${url}).`)
}

/** `http://localhost:8787` ↔ `http://127.0.0.1:8787`; other origins as they are. */
function swapLoopback(origin: string): string {
  const url = new URL(origin)
  if (url.hostname === 'localhost') url.hostname = '127.0.0.1'
  else if (url.hostname === '127.0.0.1') url.hostname = 'localhost'
  return url.origin
}
