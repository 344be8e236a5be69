/**
 * Whether `npm start` is serving a local state: it leaves `<state>/v3/npm-start.json` (its
 * process id and address) while it runs. A command that changes that state (an import, a
 * restore) then purges the pages through the running portal instead of deleting the Cache API's
 * files under it, which leaves the server unable to open its cache until it restarts.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

const markerOf = (persistTo: string) => resolve(persistTo, 'v3', 'npm-start.json')

/** Records that this process serves `persistTo` at `origin`, until it exits. */
export function markRunningServer(persistTo: string, origin: string): void {
  const file = markerOf(persistTo)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, JSON.stringify({ pid: process.pid, origin }))
  const clear = () => {
    try {
      const held = JSON.parse(readFileSync(file, 'utf8')) as { pid?: number }
      if (held.pid === process.pid) rmSync(file, { force: true })
    } catch {
      // Gone already.
    }
  }
  process.on('exit', clear)
}

/**
 * The address of the `npm start` serving `persistTo`, or null when none runs (no marker, or its
 * process is gone: a server killed without cleaning up leaves a marker that is ignored).
 */
export function runningServer(persistTo: string): { origin: string; pid: number } | null {
  const file = markerOf(persistTo)
  if (!existsSync(file)) return null
  try {
    const { pid, origin } = JSON.parse(readFileSync(file, 'utf8')) as {
      pid: number
      origin: string
    }
    process.kill(pid, 0)
    return { pid, origin }
  } catch {
    return null
  }
}

/** ADMIN_TOKEN from `.dev.vars` (what `npm start` gives `wrangler dev`), or null. */
export function localAdminToken(root = process.cwd()): string | null {
  const path = resolve(root, '.dev.vars')
  if (!existsSync(path)) return null
  return /^ADMIN_TOKEN=(\S+)/m.exec(readFileSync(path, 'utf8'))?.[1] ?? null
}
