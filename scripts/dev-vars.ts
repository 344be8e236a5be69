import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

/** Local secrets `npm start` makes sure of: the admin token and the signing key. */
const SECRETS = ['ADMIN_TOKEN', 'SECRET_KEY'] as const

/**
 * Makes sure `.dev.vars` (local secrets for `wrangler dev`, never committed) holds every secret
 * in SECRETS, generating random values for missing ones. Returns the file's path.
 */
export function ensureDevVars(root = process.cwd()): string {
  const path = resolve(root, '.dev.vars')
  let content = existsSync(path) ? readFileSync(path, 'utf8') : ''
  const created: string[] = []
  for (const name of SECRETS) {
    if (new RegExp(`^${name}=\\S+`, 'm').test(content)) continue
    if (content !== '' && !content.endsWith('\n')) content += '\n'
    content += `${name}=${randomBytes(32).toString('base64url')}\n`
    created.push(name)
  }
  if (created.length > 0) {
    writeFileSync(path, content, { mode: 0o600 })
    console.log(`Created random ${created.join(' and ')} in ${path}`)
  }
  console.log(`Admin token: the ADMIN_TOKEN line of ${path}`)
  return path
}

// `tsx scripts/dev-vars.ts`: once before the browser tests and the drills start their portals
// side by side, so neither writes the file while the other reads it.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) ensureDevVars()
