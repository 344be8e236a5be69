/**
 * Start-up smoke test, run by .ci/run: starts the portal exactly as `npm start` does (a fresh
 * local D1, migrations, sample content, wrangler dev) and checks that the seed article and
 * the home page answer. The test pool runs modules differently from the real runtime, so this
 * catches what only `wrangler dev` would refuse (for example I/O in global scope).
 */
import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const port = String(8700 + Math.floor(Math.random() * 80))
const SEED = '/bai-viet/thuong-tin-to-chuc-cac-hoat-dong-thong-tin-doi-ngoai-nam-2020'

// Its own local state, so a developer's database is left alone.
const state = resolve(root, '.wrangler/smoke')
rmSync(state, { recursive: true, force: true })
const child = spawn(
  process.execPath,
  [resolve(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/start.ts'],
  {
    cwd: root,
    env: { ...process.env, PORT: port, PERSIST_TO: state, WRANGLER_SEND_METRICS: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  },
)
let output = ''
child.stdout.on('data', (d) => (output += d))
child.stderr.on('data', (d) => (output += d))

async function check(): Promise<string[]> {
  const failures: string[] = []
  const seed = await fetch(`http://127.0.0.1:${port}${SEED}`)
  const html = await seed.text()
  if (seed.status !== 200) failures.push(`seed article: ${seed.status}`)
  for (const text of [
    'Thường Tín tổ chức các hoạt động thông tin đối ngoại năm 2020',
    '15:19 30/11/2019',
    'Thanh Tình',
    'Các bài mới đăng',
    'Lấy lại mã bảo mật',
  ]) {
    if (!html.includes(text)) failures.push(`seed article lacks "${text}"`)
  }
  const home = await fetch(`http://127.0.0.1:${port}/`)
  await home.arrayBuffer()
  if (home.status !== 200) failures.push(`home: ${home.status}`)
  const again = await fetch(`http://127.0.0.1:${port}${SEED}`)
  await again.arrayBuffer()
  if (again.headers.get('x-cache') !== 'HIT')
    failures.push(`second read x-cache: ${again.headers.get('x-cache')}`)
  return failures
}

let failures: string[] = ['did not start within 90 s']
for (let i = 0; i < 180; i++) {
  await new Promise((r) => setTimeout(r, 500))
  try {
    failures = await check()
    break
  } catch {
    // Not listening yet.
  }
}
process.kill(-child.pid!, 'SIGTERM')
if (failures.length > 0) {
  console.error(output.slice(-4000))
  console.error(`Smoke test failed:\n- ${failures.join('\n- ')}`)
  process.exit(1)
}
console.log(`Smoke test passed: npm start served the seed article and home page on port ${port}.`)
