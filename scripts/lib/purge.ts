import { rmSync } from 'node:fs'
import { resolve } from 'node:path'
import type { OpenTarget } from './backup/target'

/**
 * Drops every cached page. Locally: the Cache API's stored pages under the state directory (stop
 * `npm start` first). Remotely: the admin API's purge of every page (POST /api/admin/cache/purge
 * with ADMIN_TOKEN from the environment); without a token, says how to do it by hand.
 */
export async function purgeEdgeCache(target: OpenTarget): Promise<void> {
  if (target.spec.kind === 'local') {
    rmSync(resolve(target.spec.persistTo, 'v3', 'cache'), { recursive: true, force: true })
    console.log('Edge cache: the local stored pages were deleted.')
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
