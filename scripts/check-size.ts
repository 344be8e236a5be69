/**
 * Size budget, run by .ci/run: builds the worker as `wrangler deploy` would (--dry-run) and
 * fails if the gzipped upload is over 150 KB. Prints the figure either way.
 */
import { spawnSync } from 'node:child_process'
import { wranglerBin as wrangler } from './wrangler'

const LIMIT_KB = 150
const run = spawnSync(
  process.execPath,
  [wrangler, 'deploy', '--dry-run', '--outdir', '.wrangler/dist'],
  { encoding: 'utf8', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } },
)
const output = `${run.stdout}\n${run.stderr}`
const match = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(output)
if (run.status !== 0 || !match) {
  console.error(output)
  console.error('The dry-run build failed or did not report its size.')
  process.exit(1)
}
const [, total, gzip] = match
// wrangler reports KiB; the budget is in KB (1000 bytes).
const gzipKb = (Number(gzip) * 1024) / 1000
console.log(
  `Worker bundle: ${total} KiB, gzip ${gzip} KiB (${gzipKb.toFixed(1)} KB); budget ${LIMIT_KB} KB.`,
)
if (gzipKb > LIMIT_KB) {
  console.error(`Over budget by ${(gzipKb - LIMIT_KB).toFixed(1)} KB.`)
  process.exit(1)
}
