import { spawn, spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

/** Environment for every wrangler call: never send usage metrics. */
export const wranglerEnv = { ...process.env, WRANGLER_SEND_METRICS: 'false' }

/** The project's own wrangler binary (not a global one), run through node. */
const wranglerBin = createRequire(import.meta.url).resolve('wrangler/bin/wrangler.js')

/**
 * Runs wrangler to completion with inherited output; exits the process if it fails. Runs it as
 * non-interactive, so local one-off steps (like applying migrations) never stop at a prompt.
 */
export function runWrangler(args: string[]): void {
  const result = spawnSync(process.execPath, [wranglerBin, ...args], {
    stdio: 'inherit',
    env: { ...wranglerEnv, CI: 'true' },
  })
  if (result.status !== 0) {
    console.error(`wrangler ${args.join(' ')} failed (exit ${result.status ?? result.signal})`)
    process.exit(result.status ?? 1)
  }
}

/** Starts a long-running wrangler command, forwarding Ctrl+C and its exit code. */
export function startWrangler(args: string[]): void {
  const child = spawn(process.execPath, [wranglerBin, ...args], {
    stdio: 'inherit',
    env: wranglerEnv,
  })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => child.kill(signal))
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}
