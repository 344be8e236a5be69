/**
 * Starts the portal exactly as `npm start` does (migrations, sample content, `wrangler dev`) on
 * its own local state and a free port, for the smoke test and the browser tests.
 */
import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { resolve } from 'node:path'

export type RunningPortal = {
  origin: string
  /** Everything the portal printed so far (for failure reports). */
  output: () => string
  /** Stops it (wrangler and workerd too); resolves once `npm start` has exited. */
  stop: () => Promise<void>
}

const root = resolve(import.meta.dirname, '../..')

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      )
    })
  })
}

/** The local state directory of a portal started by startPortal under `name`. */
export const portalState = (name: string) => resolve(root, '.wrangler', name)

/**
 * Starts `npm start` with a fresh local D1 under `.wrangler/<name>` (a developer's database is
 * left alone; with `keepState`, the one a previous start left there), on `port` or a free one
 * (cached pages are keyed by origin, port included), and resolves once
 * `ready(origin)` succeeds, or rejects after `timeoutMs` (default 120 s).
 */
export async function startPortal(
  name: string,
  ready: (origin: string) => Promise<unknown>,
  opts: { timeoutMs?: number; keepState?: boolean; port?: number } = {},
): Promise<RunningPortal> {
  const timeoutMs = opts.timeoutMs ?? 120_000
  const state = portalState(name)
  if (!opts.keepState) rmSync(state, { recursive: true, force: true })
  const port = opts.port ?? (await freePort())
  const origin = `http://127.0.0.1:${port}`
  const child = spawn(
    process.execPath,
    [resolve(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/start.ts'],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        PERSIST_TO: state,
        WRANGLER_SEND_METRICS: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so stopping it stops wrangler and workerd too.
      detached: true,
    },
  )
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  const stop = async () => {
    try {
      process.kill(-child.pid!, 'SIGTERM')
    } catch {
      // Already gone.
    }
    await exited
  }
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break
    await new Promise((r) => setTimeout(r, 500))
    try {
      await ready(origin)
      return { origin, output: () => output, stop }
    } catch (error) {
      lastError = error
    }
  }
  await stop()
  throw new Error(
    `The portal did not start within ${timeoutMs / 1000} s (${String(lastError)}):\n${output.slice(-4000)}`,
  )
}
