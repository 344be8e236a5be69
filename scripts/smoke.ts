/**
 * Start-up smoke test, run by .ci/run: starts the portal exactly as `npm start` does (a fresh
 * local D1, migrations, sample content, wrangler dev) and checks that the seed article and
 * the home page answer. The test pool runs modules differently from the real runtime, so this
 * catches what only `wrangler dev` would refuse (for example I/O in global scope). It also runs
 * the cron handler by hand, the way the README tells developers to.
 */
import { startPortal } from './lib/portal'

const SEED = '/bai-viet/thuong-tin-to-chuc-cac-hoat-dong-thong-tin-doi-ngoai-nam-2020'

async function check(origin: string): Promise<string[]> {
  const failures: string[] = []
  const seed = await fetch(`${origin}${SEED}`)
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
  const home = await fetch(`${origin}/`)
  await home.arrayBuffer()
  if (home.status !== 200) failures.push(`home: ${home.status}`)
  const again = await fetch(`${origin}${SEED}`)
  await again.arrayBuffer()
  if (again.headers.get('x-cache') !== 'HIT')
    failures.push(`second read x-cache: ${again.headers.get('x-cache')}`)
  // Every browser file the page links to is served, under its hashed name, for a year.
  for (const [, path] of html.matchAll(/(?:href|src)="(\/static\/[^"]+)"/g)) {
    const asset = await fetch(`${origin}${path}`)
    await asset.arrayBuffer()
    if (asset.status !== 200) failures.push(`${path}: ${asset.status}`)
    if (!asset.headers.get('cache-control')?.includes('immutable'))
      failures.push(`${path}: cache-control ${asset.headers.get('cache-control')}`)
  }
  return failures
}

/** The cron can be run by hand locally, as the README says, and the handler really runs. */
async function checkCron(origin: string, output: () => string): Promise<string[]> {
  const res = await fetch(`${origin}/cdn-cgi/local/scheduled?cron=*+*+*+*+*`)
  await res.arrayBuffer()
  if (res.status !== 200) return [`/cdn-cgi/local/scheduled: ${res.status}`]
  for (let i = 0; i < 20 && !output().includes('"message":"scheduled run"'); i++) {
    await new Promise((r) => setTimeout(r, 250))
  }
  return output().includes('"message":"scheduled run"')
    ? []
    : ['the scheduled handler did not log its run after /cdn-cgi/local/scheduled']
}

const portal = await startPortal('smoke', async (origin) => {
  const res = await fetch(`${origin}/healthz`)
  if (!res.ok) throw new Error(`healthz ${res.status}`)
})
const failures = [
  ...(await check(portal.origin)),
  ...(await checkCron(portal.origin, portal.output)),
]
portal.stop()
if (failures.length > 0) {
  console.error(portal.output().slice(-4000))
  console.error(`Smoke test failed:\n- ${failures.join('\n- ')}`)
  process.exit(1)
}
console.log(
  `Smoke test passed: npm start served the seed article and home page and ran the cron at ${portal.origin}.`,
)
