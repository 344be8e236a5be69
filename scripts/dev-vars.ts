import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'

/**
 * Makes sure `.dev.vars` (local secrets for `wrangler dev`, never committed) holds an
 * ADMIN_TOKEN, generating a random one when it is missing. Returns the file's path.
 */
export function ensureDevVars(root = process.cwd()): string {
  const path = resolve(root, '.dev.vars')
  const current = existsSync(path) ? readFileSync(path, 'utf8') : ''
  if (/^ADMIN_TOKEN=\S+/m.test(current)) {
    console.log(`Admin token: ADMIN_TOKEN in ${path}`)
    return path
  }
  const token = randomBytes(32).toString('base64url')
  const prefix = current === '' || current.endsWith('\n') ? current : `${current}\n`
  writeFileSync(path, `${prefix}ADMIN_TOKEN=${token}\n`, { mode: 0o600 })
  console.log(`Created a random admin token: ADMIN_TOKEN in ${path}`)
  return path
}
