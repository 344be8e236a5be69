import { spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** Environment for every wrangler call: never send usage metrics. */
export const wranglerEnv = { ...process.env, WRANGLER_SEND_METRICS: 'false' }

/**
 * Path of the project's own wrangler CLI script (not a global one), to run with
 * `process.execPath`. Found through the `bin` field of wrangler's package.json, the one file
 * its `exports` map keeps public (4.87+ no longer exports `wrangler/bin/wrangler.js`).
 */
export const wranglerBin = (() => {
  const manifest = createRequire(import.meta.url).resolve('wrangler/package.json')
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> }
  if (!bin.wrangler) throw new Error(`no "wrangler" in the bin field of ${manifest}`)
  return join(dirname(manifest), bin.wrangler)
})()

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
